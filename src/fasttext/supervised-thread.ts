// One thread of fastText's supervised training, the same in a Node worker, a Web Worker and
// inline: its own kernel instance over the shared memory (Hogwild), its slice of the lines
// trained `epochs` times, the learning rate decaying by the tokens all threads have processed.
import { instantiateKernels, type Kernels } from '../kernels/kernels.js';
import type { WasmMemory, WasmModule } from '../kernels/wasm-types.js';

/** Where the training arrays are in the memory (byte offsets). */
export interface SupervisedLayout {
  dim: number;
  nlabels: number;
  input: number;
  output: number;
  sigTable: number;
  logSigTable: number;
  cumulative: number;
  codes: number;
  points: number;
  codeLens: number;
  /** Each line's rows (int32) and their offsets; with `words`, each line's word numbers and their offsets. */
  rowIds: number;
  rowOffsets: number;
  labelIds: number;
  labelOffsets: number;
  tokens: number;
  /** Each thread's scratch. */
  scratch: number[];
  /** The lines given as word numbers, their rows made by the kernels (planWords); null: as rows. */
  words: WordsLayout | null;
}

/** The word tables of lines given as word numbers (classifierWords' arguments), each thread's line scratch. */
export interface WordsLayout {
  partStart: number;
  partRows: number;
  hashes: number;
  eos: number;
  wordBytes: number;
  wordNgrams: number;
  bucket: number;
  nwords: number;
  /** Each thread's line scratch (int32 × the most rows a line makes). */
  lineRows: number[];
}

/** Points kernel instance `k` at the word tables, with thread `thread`'s line scratch. */
export function configureWords(k: Kernels, w: WordsLayout, thread: number): void {
  k.classifierWords(w.partStart, w.partRows, w.hashes, w.eos, w.wordBytes, w.wordNgrams, w.bucket, w.nwords, w.lineRows[thread]!);
}

/** Precision at 1 of lines [from, to) of a set, times the lines, by instance k. */
export function correctLines(k: Kernels, set: ScoredLines, from: number, to: number): number {
  return (set.words ? k.classifierCorrectWords : k.classifierCorrect)(set.rowIds, set.rowOffsets, set.labelIds, set.labelOffsets, from, to, set.tops ?? 0);
}

/** Everything one thread needs; structured-cloneable (posted to workers as is). */
export interface SupervisedJob {
  module: WasmModule;
  memory: WasmMemory;
  layout: SupervisedLayout;
  thread: number;
  lossKind: number;
  neg: number;
  learningRate: number;
  epochs: number;
  seed: number;
  /**
   * This thread's share of the lines [from, to): it starts at `from` and reads on through all
   * `lines` (wrapping to the first), (to − from) × epochs lines in all, as fastText's threads start
   * at their share of the file and read on; a share alone would see only its part of data in order.
   */
  from: number;
  to: number;
  lines: number;
  /** Tokens of all epochs of all threads (the decay reaches 0 there). */
  totalTokens: number;
  /** [0]: tokens processed by all threads (BigInt64); [1]: 1 asks every thread to stop; [2]: threads done filling their rows. Shared between workers. */
  progress: ArrayBufferLike;
  /** Input rows [from, to) this thread fills uniformly before training, after which it waits for the other `threads` (null: filled already). */
  init: { from: number; to: number; threads: number } | null;
  /** Per thread [loss sum, examples] (Float64). */
  stats: ArrayBufferLike;
  /**
   * Precision at 1 counted by the threads once all have trained (null: by the caller): each its
   * share of every set's lines, into `correct` (Int32, one per set); `threads` wait at progress[3].
   */
  score: { sets: ScoredLines[]; correct: ArrayBufferLike; threads: number } | null;
}

/** Encoded lines in the memory whose top labels are checked against theirs. */
export interface ScoredLines {
  rowIds: number; rowOffsets: number; labelIds: number; labelOffsets: number; lines: number;
  /** rowIds and rowOffsets are word numbers and their offsets (the layout's `words` tables make their rows). */
  words?: boolean;
  /** Where each line's most probable label is stored (int32 a line; −1 without rows), unless absent or 0. */
  tops?: number;
}

/** Lines a thread trains between two looks at the shared counters. */
const CHUNK_LINES = 256;

/** Lines of a set checked between two looks at the stop flag. */
const SCORE_LINES = 4096;

/** A thread's training, one chunk of lines per `step`. */
export class SupervisedThread {
  private readonly k: Kernels;
  private readonly progress: BigInt64Array;
  private readonly stats: Float64Array;
  private pos: number;
  private scored = false;
  /** Whether this thread has said it trained all its lines (progress[3]). */
  private arrived = false;
  /** Lines still to train. */
  private left: number;

  /**
   * `blocking` false (a thread run in the calling thread, whose event loop must go on): the waits
   * for the other threads (their rows filled, their training done) are not Atomics.wait but `step`
   * returning true with `waiting` set, to be called again.
   */
  constructor(private readonly job: SupervisedJob, private readonly blocking = true) {
    const L = job.layout;
    const k = (this.k = instantiateKernels(job.module, job.memory));
    k.useSigmoidTables(L.sigTable, L.logSigTable);
    k.classifierConfigure(L.dim, L.nlabels, L.input, L.output, job.lossKind, job.neg, L.cumulative, L.codes, L.points, L.codeLens, L.scratch[job.thread]!);
    if (L.words) configureWords(k, L.words, job.thread);
    this.progress = new BigInt64Array(job.progress);
    if (job.init) {
      // fastText's start: input rows uniform in [−1/dim, 1/dim]; then every thread waits for the others'
      k.classifierSeed(BigInt(job.seed) * 2654435761n + BigInt(job.thread) * 7919n + 7n);
      k.classifierUniformRows(L.input, job.init.from, job.init.to, 1 / L.dim);
      Atomics.add(this.progress, 2, 1n);
      Atomics.notify(this.progress, 2);
      for (let n = Atomics.load(this.progress, 2); blocking && n < BigInt(job.init.threads); n = Atomics.load(this.progress, 2)) Atomics.wait(this.progress, 2, n, 1000);
    }
    k.classifierSeed(BigInt(job.seed) * 1000003n + BigInt(job.thread) + 1n);
    this.stats = new Float64Array(job.stats);
    this.pos = job.from;
    this.left = Math.max(0, job.to - job.from) * job.epochs;
  }

  /** Whether the last `step` only waited for the other threads (a thread that does not block). */
  waiting = false;

  /** Trains the next chunk; false once the thread is done (its epochs run, or told to stop). */
  step(): boolean {
    const { job, k } = this, L = job.layout;
    const stopped = Atomics.load(this.progress, 1) !== 0n;
    // (not blocking) the other threads' rows not filled yet
    this.waiting = !stopped && job.init !== null && Atomics.load(this.progress, 2) < BigInt(job.init.threads);
    if (this.waiting) return true;
    if (this.pos >= job.lines) this.pos = 0;
    if (this.left <= 0 || stopped) {
      this.waiting = !this.score();
      return this.waiting;
    }
    const end = Math.min(job.lines, this.pos + CHUNK_LINES, this.pos + this.left);
    this.left -= end - this.pos;
    const done = Number(Atomics.load(this.progress, 0));
    const n = (L.words ? k.classifierTrainWords : k.classifierTrain)(L.rowIds, L.rowOffsets, L.labelIds, L.labelOffsets, L.tokens, this.pos, end, job.learningRate, done, job.totalTokens);
    Atomics.add(this.progress, 0, BigInt(n));
    this.pos = end;
    this.stats[2 * job.thread] = k.classifierLossTotal();
    this.stats[2 * job.thread + 1] = k.classifierLossTerms();
    if (Number.isFinite(k.classifierLossTotal())) return true;
    Atomics.store(this.progress, 1, 1n); // diverged: every thread stops
    return false;
  }

  /** Once every thread has trained (unless told to stop): this thread's share of each set's precision at 1; false while (not blocking) the others train still. */
  private score(): boolean {
    const { job, k } = this, sc = job.score;
    if (!sc || this.scored) return true;
    const p = this.progress;
    if (!this.arrived) {
      this.arrived = true;
      Atomics.add(p, 3, 1n);
      Atomics.notify(p, 3);
    }
    for (let n = Atomics.load(p, 3); n < BigInt(sc.threads) && Atomics.load(p, 1) === 0n; n = Atomics.load(p, 3)) {
      if (!this.blocking) return false;
      Atomics.wait(p, 3, n, 100);
    }
    this.scored = true;
    const correct = new Int32Array(sc.correct);
    sc.sets.forEach((set, i) => {
      const to = Math.floor(((job.thread + 1) * set.lines) / sc.threads);
      for (let from = Math.floor((job.thread * set.lines) / sc.threads); from < to && Atomics.load(p, 1) === 0n; from += SCORE_LINES) {
        Atomics.add(correct, i, correctLines(k, set, from, Math.min(to, from + SCORE_LINES)));
      }
    });
    return true;
  }
}
