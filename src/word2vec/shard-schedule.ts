// The order in which a sharded word2vec model (sharded-session.ts) trains: every epoch is cut into
// rounds of consecutive ids, and each round into S sub-steps, one per rotation of the output
// blocks. Small rounds keep the blocks interleaved as one memory would: trained a whole epoch
// against one output block at a time, the input vectors drift towards that block's part of the
// objective between rotations (on Brown, WordSim-353 ρ 0.277 → 0.242 with one round per epoch).
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
}

/** One sub-step of a thread: the output block its memory holds, the epoch and its ids [start, end). */
export interface ShardStep {
  outBlock: number;
  epoch: number;
  start: number;
  end: number;
}

/** Sub-steps of a run: epochs × rounds × shards (the output blocks rotate after each). */
export function shardSteps(part: ShardPart, epochs: number): number {
  return epochs * part.rounds * part.count;
}

/**
 * Sub-step g of a thread: epoch ⌊g / (R·S)⌋, round ⌊g / S⌋ mod R (its ids split between the
 * memory's slots), and output block (inBlock + g) mod S.
 */
export function shardStep(part: ShardPart, ids: number, g: number): ShardStep {
  const { count: S, rounds: R } = part;
  const epoch = Math.floor(g / (R * S)), round = Math.floor(g / S) % R;
  const lo = Math.floor((round * ids) / R), hi = Math.floor(((round + 1) * ids) / R);
  const per = Math.ceil((hi - lo) / part.slots);
  const start = Math.min(hi, lo + part.slot * per);
  return { outBlock: (part.inBlock + g) % S, epoch, start, end: Math.min(hi, start + per) };
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
