// How the threads of a word2vec run share the encoded corpus, in chunks of CHUNK_WORDS ids.
import { Random } from '../core/random.js';
import { CHUNK_WORDS } from './layout.js';

/**
 * `interleaved`: every thread takes the next chunk in corpus order from one shared cursor (as
 * gensim's workers take jobs from its queue), so the threads move through the corpus together.
 * `contiguous`: thread t of T trains its own contiguous t-th part of the corpus each epoch, the
 * parts of equal ids (word2vec.c's split).
 * `balanced`: as contiguous, the parts cut where the expected training work is equal
 * (balanced-parts.ts: subsampling, sentence lengths, with subwords each word's rows), so that no
 * thread is left training alone at the end.
 * `shuffled`: as interleaved, over the chunks in a seeded random order, a new one each epoch.
 * With one thread, interleaved and contiguous are the same order.
 */
export type DataOrder = 'interleaved' | 'contiguous' | 'balanced' | 'shuffled';
/** Every DataOrder. */
export const DATA_ORDERS: readonly DataOrder[] = ['interleaved', 'contiguous', 'balanced', 'shuffled'];

/** Whether the threads claim their chunks from one shared cursor (one thread interleaved is its one contiguous part, positions and all). */
export function sharedCursor(order: DataOrder, threads: number): boolean {
  return order === 'shuffled' || (order === 'interleaved' && threads > 1);
}

/** Chunks of CHUNK_WORDS ids in one epoch of a corpus of `ids` ids (the last may be shorter). */
export function chunksPerEpoch(ids: number): number {
  return Math.ceil(ids / CHUNK_WORDS);
}

/** Thread t's part [start, end) of the ids with contiguous parts. */
export function contiguousPart(ids: number, threads: number, t: number): [number, number] {
  const per = Math.ceil(ids / threads);
  return [Math.min(ids, t * per), Math.min(ids, (t + 1) * per)];
}

/** The order of the chunks in one epoch with `shuffled`: a permutation seeded by the run's seed and the epoch. */
export function shuffledChunks(chunks: number, seed: number, epoch: number): Int32Array {
  const order = new Int32Array(chunks);
  for (let i = 0; i < chunks; i++) order[i] = i;
  const rng = new Random((Math.imul(seed, 0x9e3779b1) + epoch + 1) >>> 0);
  for (let i = chunks - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const x = order[i]!;
    order[i] = order[j]!;
    order[j] = x;
  }
  return order;
}

/** Where the k-th chunk claimed from the shared cursor is (k counts on across epochs): its epoch, slot in the epoch, first id and length. */
export interface ClaimedChunk {
  epoch: number;
  slot: number;
  pos: number;
  n: number;
}

/**
 * The chunks of a shared cursor, for one thread: `claim(k)` places the k-th chunk, or null past
 * the last epoch. With `shuffled`, an epoch's order is drawn once per thread as it reaches it.
 */
export class ChunkCursor {
  private readonly chunks: number;
  private shuffled: { epoch: number; order: Int32Array } | null = null;

  constructor(private readonly ids: number, private readonly epochs: number, private readonly order: DataOrder, private readonly seed: number) {
    this.chunks = chunksPerEpoch(ids);
  }

  /** The cursor value with every chunk of the run claimed. */
  get end(): number {
    return this.epochs * this.chunks;
  }

  claim(k: number): ClaimedChunk | null {
    if (k >= this.end) return null;
    const epoch = Math.floor(k / this.chunks), slot = k % this.chunks;
    let chunk = slot;
    if (this.order === 'shuffled') {
      if (this.shuffled?.epoch !== epoch) this.shuffled = { epoch, order: shuffledChunks(this.chunks, this.seed, epoch) };
      chunk = this.shuffled.order[slot]!;
    }
    const pos = chunk * CHUNK_WORDS;
    return { epoch, slot, pos, n: Math.min(CHUNK_WORDS, this.ids - pos) };
  }

  /** The cursor value a checkpoint's position (epoch, slot × CHUNK_WORDS) stands for; null when it is not one a cursor makes. */
  fromPosition(epoch: number, pos: number): number | null {
    if (epoch >= this.epochs) return this.end;
    if (pos % CHUNK_WORDS !== 0 || pos / CHUNK_WORDS > this.chunks) return null;
    return epoch * this.chunks + pos / CHUNK_WORDS;
  }

  /** A checkpoint's position for a cursor value: the epoch and the next slot × CHUNK_WORDS (epochs and 0 once all are claimed). */
  toPosition(k: number): { epoch: number; pos: number } {
    if (k >= this.end) return { epoch: this.epochs, pos: 0 };
    return { epoch: Math.floor(k / this.chunks), pos: (k % this.chunks) * CHUNK_WORDS };
  }
}
