// The order in which a sharded word2vec model (sharded-session.ts) trains: every epoch is cut into
// rounds of consecutive ids, and each round into S sub-steps, one per rotation of the output
// blocks. Small rounds keep the blocks interleaved as one memory would: trained a whole epoch
// against one output block at a time, the input vectors drift towards that block's part of the
// objective between rotations (on Brown, WordSim-353 ρ 0.277 → 0.242 with one round per epoch).
// A round is not one stretch of the corpus but a slice of each of `parts` contiguous parts, as
// the `threads` threads of one memory read it side by side (dataOrder contiguous): the data order
// of a one-memory run with as many threads, whatever the shards. On Brown (ordered by genre)
// it matters: one memory with 1 thread gives WordSim-353 ρ 0.247 ± 0.005 (3 seeds), with 2
// threads 0.276 ± 0.021; sharded runs read as one stretch gave 0.258 and 0.255.
import { contiguousPart } from './data-order.js';
import { CHUNK_WORDS } from './layout.js';

/** A thread's part of a sharded model (ThreadJob.shard): which rows it holds and where it trains. */
export interface ShardPart {
  /** Blocks (shards), and the input block of this thread's memory. */
  count: number;
  inBlock: number;
  /** Per output block b: negatives per window drawn from it on average, `negative` × b's share of the unigram^0.75 mass. */
  negatives: number[];
  /** Room for an i32 per id of a chunk in the thread's scratch (shard-layout.ts blocksBuffer). */
  blocks: number;
  /** Rounds per epoch (shardRounds), and this thread's slot of its memory's `slots`. */
  rounds: number;
  slot: number;
  slots: number;
  /** Contiguous parts of the corpus a round takes a slice of (a one-memory run's `threads`); slot j reads parts j, j + slots, … */
  parts: number;
  /** The sub-step to start at (a resumed run's, a round's start; default 0). */
  step?: number;
  /** Int32 [sub-step]: a round's start at which the workers park although no rotation is due (a checkpoint); shared with the main thread. */
  hold?: ArrayBufferLike;
}

/** A slot's slice [start, end) of one part [partStart, partEnd) of the corpus in a round. */
export interface ShardRange {
  start: number;
  end: number;
  partStart: number;
  partEnd: number;
}

/** One sub-step of a thread: the output block its memory holds, the epoch, the round, and its slices of the round (read a chunk of each in turn). */
export interface ShardStep {
  outBlock: number;
  epoch: number;
  round: number;
  ranges: ShardRange[];
}

/** Sub-steps of a run: epochs × rounds × shards (the output blocks rotate after each). */
export function shardSteps(part: ShardPart, epochs: number): number {
  return epochs * part.rounds * part.count;
}

/**
 * Which output block memory k holds in sub-step g: block (k + shardOffset(S, g)) mod S. Within
 * round r the offset steps by one each sub-step, from −r mod S, so a round starts with the block
 * the last round ended with: no rotation, and no barrier, between rounds (S − 1 a round, not S),
 * and a memory meets the blocks in another order each round.
 */
export function shardOffset(S: number, g: number): number {
  return (((g % S) - Math.floor(g / S)) % S + S) % S;
}

/**
 * Sub-step g of a thread: epoch ⌊g / (R·S)⌋, round r = ⌊g / S⌋ mod R (the r-th of R slices of each
 * of the `parts` contiguous parts, the parts dealt out between the memory's slots), and output
 * block (inBlock + shardOffset(S, g)) mod S.
 */
export function shardStep(part: ShardPart, ids: number, g: number): ShardStep {
  const { count: S, rounds: R } = part;
  const epoch = Math.floor(g / (R * S)), round = Math.floor(g / S) % R;
  const ranges: ShardRange[] = [];
  for (let t = part.slot; t < part.parts; t += part.slots) {
    const [partStart, partEnd] = contiguousPart(ids, part.parts, t);
    const len = partEnd - partStart;
    ranges.push({ start: partStart + Math.floor((round * len) / R), end: partStart + Math.floor(((round + 1) * len) / R), partStart, partEnd });
  }
  return { outBlock: (part.inBlock + shardOffset(S, g)) % S, epoch, round, ranges };
}

/** Worker threads per memory: ⌊threads / S⌋, at least one. */
export function shardSlots(threads: number, shards: number): number {
  return Math.max(1, Math.floor(threads / shards));
}

/**
 * Rounds per epoch: each round about 20,000 ids (on Brown with 2 shards, one seed, WordSim-353 ρ
 * was 0.243 with 1 round per epoch, 0.256 with 12, 0.282 with 40; one memory: 0.277 ± 0.015), but at least V·dim / 50 ids (a
 * rotation copies V·dim floats: it stays a small share of the time) and a chunk per slot.
 */
export function shardRounds(ids: number, vocabSize: number, dim: number, slots: number): number {
  const per = Math.max(20_000, (vocabSize * dim) / 50, CHUNK_WORDS * slots);
  return Math.max(1, Math.round(ids / per));
}
