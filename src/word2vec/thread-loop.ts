// One training thread's loop, the same in a Node worker, a Web Worker and inline: its own kernel
// instance over the shared model memory (Hogwild), fed 10,000-id chunks by the platform's ids store.
import { instantiateKernels, LOSS_KINDS, type Kernels } from '../kernels/kernels.js';
import type { WasmMemory, WasmModule } from '../kernels/wasm-types.js';
import { ChunkCursor, sharedCursor } from './data-order.js';
import { CHUNK_WORDS, type Word2vecLayout } from './layout.js';
import type { Word2vecOptions } from './options.js';
import { PauseControl } from './pause.js';
import { shardStep, shardSteps, type ShardPart, type ShardStep } from './shard-schedule.js';

/**
 * The batched skip-gram kernel measures the loss on one window in 8 (a table lookup and a float64
 * sum per pair were ~12% of its time); the reported loss is an estimate from those windows.
 */
const LOSS_STRIDE = 8;

/** Where a thread reads the encoded corpus: the temporary file (Node) or ids in memory (browser; shared between workers when the memory is). */
export type IdsStore = { file: string } | { array: Int32Array };

/** Copies ids [pos, pos + n) of the store into `into` (little-endian int32, n × 4 bytes). */
export type IdsReader = (into: Uint8Array, pos: number, n: number) => void;

/** A reader over ids held in memory. */
export function arrayIdsReader(ids: Int32Array): IdsReader {
  return (into, pos, n) => new Int32Array(into.buffer, into.byteOffset, n).set(ids.subarray(pos, pos + n));
}

/** Everything one thread needs; structured-cloneable (posted to workers as is). */
export interface ThreadJob {
  module: WasmModule;
  memory: WasmMemory;
  layout: Word2vecLayout;
  options: Word2vecOptions;
  thread: number;
  ids: IdsStore;
  /** This thread's part of the ids with `dataOrder` contiguous (otherwise all of them). */
  start: number;
  end: number;
  /** Ids in the whole corpus (all threads), for the learning-rate decay. */
  fileIds: number;
  /**
   * Counters (BigInt64): [0] ids processed by all threads; [1] the shared chunk cursor (chunks
   * claimed, over all epochs) unless `dataOrder` is contiguous. Shared when the threads are workers.
   */
  progress: ArrayBufferLike;
  /** Per-thread [loss sum, loss terms, epoch (1-based) in which the loss stopped being finite or 0] (Float64). */
  stats: ArrayBufferLike;
  /** The pause handshake (pause.ts). */
  control: ArrayBufferLike;
  /** Per-thread seconds from the loop's start to its end (Float64), written when the thread finishes (one-memory sessions). */
  times?: ArrayBufferLike;
  /** Per-thread [epoch, next position, RNG state] (BigInt64), published when parked or done. */
  positions: ArrayBufferLike;
  /** Where to start: a checkpoint's position (contiguous parts only; a shared cursor is restored in `progress`), RNG state and loss sums (default: the part's start, seeded). */
  from?: { epoch: number; pos: number; rng: bigint; lossSum: number; lossTerms: number };
  /** Raise a pause whenever the global progress completes an epoch (for end-of-epoch checkpoints). */
  pauseAtEpochEnds: boolean;
  /** A memory of a sharded model (sharded-session.ts): the job then follows the shard schedule, not start and end. */
  shard?: ShardPart;
}

/** A thread's training, one chunk per `step` call; `finish` publishes where it stopped. */
export class ThreadLoop {
  private readonly k: Kernels;
  private readonly progress: BigInt64Array;
  private readonly stats: Float64Array;
  private readonly positions: BigInt64Array;
  private readonly control: PauseControl;
  private readonly total: number;
  private readonly view: Uint8Array;
  private readonly idsPtr: number;
  private epoch: number;
  private pos: number;
  private ended = false;
  private readonly started = performance.now();
  /** The shared cursor's chunks (null: this thread's contiguous part, or a shard's schedule). */
  private readonly cursor: ChunkCursor | null;
  /** With shards: the sub-step, its count and its slices of the ids, the next id of each, the slice read next and the one of the chunk being trained. */
  private g = 0;
  private readonly steps: number = 0;
  private sub: ShardStep | null = null;
  private at: number[] = [];
  private turn = 0;
  private range = 0;
  private readonly hold: Int32Array | null = null;

  constructor(private readonly job: ThreadJob, private readonly read: IdsReader) {
    const { layout: L, options: o, memory } = job;
    const k = (this.k = instantiateKernels(job.module, memory));
    const mine = L.threads[job.thread]!;
    k.useSigmoidTables(L.sigTable, L.logSigTable);
    k.configure(
      L.dim, L.vocabSize, L.syn0, L.syn1, L.negTable, L.negTableSize, L.keepProb, L.codes, L.points, L.codeLens,
      mine.scratch, o.window, o.negative, o.model === 'cbow' ? 1 : 0, LOSS_KINDS[o.loss], o.sample > 0 ? 1 : 0,
    );
    // with subwords, fastText's rule: each of a word's rows receives the whole input gradient
    k.configureSubwords(L.subwordOffsets, L.subwordIds, 0);
    k.setBatchNegatives(o.batchNegatives ? 1 : 0);
    k.setSkipSaturated(o.skipSaturated ? 1 : 0);
    k.setNegativeWeight(o.negativeWeight);
    k.setLossStride(LOSS_STRIDE);
    k.seed(job.from ? job.from.rng : BigInt(o.seed) * 1000003n + BigInt(job.thread) + 1n);
    if (job.from) k.setLoss(job.from.lossSum, job.from.lossTerms);
    this.progress = new BigInt64Array(job.progress);
    this.stats = new Float64Array(job.stats);
    this.positions = new BigInt64Array(job.positions);
    this.control = new PauseControl(job.control, L.threads.length);
    this.total = o.epochs * job.fileIds + 1;
    this.idsPtr = mine.ids;
    this.view = new Uint8Array(memory.buffer, mine.ids, CHUNK_WORDS * 4);
    this.epoch = job.from?.epoch ?? 0;
    this.pos = job.from?.pos ?? job.start;
    this.cursor = !job.shard && sharedCursor(o.dataOrder, L.threads.length) ? new ChunkCursor(job.fileIds, o.epochs, o.dataOrder, o.seed) : null;
    if (job.shard) {
      this.steps = shardSteps(job.shard, o.epochs);
      this.g = job.shard.step ?? 0;
      if (job.shard.hold) this.hold = new Int32Array(job.shard.hold);
      this.enterStep();
    }
  }

  /** Sets the kernel and the position for sub-step `g` of a sharded model. */
  private enterStep(): void {
    const part = this.job.shard!;
    const sub = (this.sub = shardStep(part, this.job.fileIds, this.g));
    this.k.configureShards(part.count, part.inBlock, sub.outBlock, part.negatives[sub.outBlock]!, part.blocks, this.job.layout.negTable + sub.outBlock * this.job.layout.negTableSize * 4, BigInt.asUintN(64, BigInt(this.job.options.seed)));
    this.epoch = sub.epoch;
    this.at = sub.ranges.map((r) => r.start);
    this.turn = 0;
    this.pos = this.at[0] ?? 0;
  }

  /** The sub-step's next chunk (sharded): a chunk of each of its slices in turn, as one memory's threads read their parts side by side; null once all are read. */
  private nextShardChunk(): [number, number] | null {
    const ranges = this.sub!.ranges;
    for (let k = 0; k < ranges.length; k++) {
      const i = (this.turn + k) % ranges.length, pos = this.at[i]!, end = ranges[i]!.end;
      if (pos >= end) continue;
      const n = Math.min(CHUNK_WORDS, end - pos);
      this.at[i] = pos + n;
      this.turn = i + 1;
      this.range = i;
      return [pos, n];
    }
    return null;
  }

  /** The next chunk to train (not sharded): [first id, length], or null once the thread's epochs are run. */
  private next(): [number, number] | null {
    const { job } = this;
    if (this.cursor) {
      const c = this.cursor.claim(Number(Atomics.add(this.progress, 1, 1n)));
      if (!c) return null;
      this.epoch = c.epoch;
      return [c.pos, c.n];
    }
    while (this.epoch < job.options.epochs && this.pos >= job.end) {
      this.epoch++;
      this.pos = job.start;
    }
    if (this.epoch >= job.options.epochs) return null;
    return [this.pos, Math.min(CHUNK_WORDS, job.end - this.pos)];
  }

  /** Trains the next chunk; false once the thread is done (its epochs run, the loss diverged, or stopped). */
  step(): boolean {
    const { job, k, stats, control } = this;
    const o = job.options;
    if (this.ended) return false;
    let pos: number, n: number;
    if (this.sub) {
      // a sharded model: at the end of a sub-step, wait at the barrier while the output blocks rotate
      // (between rounds the memory keeps its output block: no barrier, unless the main thread holds the round's start for a checkpoint)
      let chunk = this.nextShardChunk();
      while (!chunk) {
        const next = this.g + 1, S = job.shard!.count;
        if (next >= this.steps) return this.end();
        if (next % S !== 0 || (this.hold !== null && Atomics.load(this.hold, 0) === next)) {
          this.publish();
          control.park();
          if (control.stopped) return this.end();
        }
        this.g++;
        this.enterStep();
        chunk = this.nextShardChunk();
      }
      [pos, n] = chunk;
    } else {
      const chunk = this.next();
      if (!chunk) return this.end();
      [pos, n] = chunk;
    }
    this.read(this.view, pos, n);
    // the learning rate by the thread's own place in the run when sharded (reproducible), else by all threads' progress
    const r = this.sub?.ranges[this.range];
    const fraction = r ? (this.epoch + (pos - r.partStart) / (r.partEnd - r.partStart)) / o.epochs : Number(Atomics.load(this.progress, 0)) / this.total;
    const alpha = o.alpha * Math.max(1 - fraction, 1e-4); // linear decay, as word2vec.c
    if (this.sub) k.setChunkBase(BigInt(this.epoch * job.fileIds + pos));
    k.trainChunk(this.idsPtr, n, alpha);
    this.pos = pos + n;
    const before = Number(Atomics.add(this.progress, 0, BigInt(n)));
    stats[job.thread * 3] = k.lossTotal();
    stats[job.thread * 3 + 1] = k.lossTerms();
    if (!Number.isFinite(k.lossTotal())) {
      stats[job.thread * 3 + 2] = this.sub ? this.epoch + 1 : Math.min(o.epochs, Math.floor(before / job.fileIds) + 1); // diverged: no use going on
      return this.end();
    }
    if (job.pauseAtEpochEnds) {
      const ended = Math.floor((before + n) / job.fileIds);
      if (ended > Math.floor(before / job.fileIds) && ended < o.epochs) control.request();
    }
    if (control.stopped) return this.end();
    if (control.requested) {
      this.publish();
      control.park();
    }
    return true;
  }

  /** Publishes the thread's position and loss and counts it finished (call once, also after an error). */
  finish(): void {
    this.ended = true;
    if (this.job.times) new Float64Array(this.job.times)[this.job.thread] = (performance.now() - this.started) / 1000;
    this.publish();
    this.control.finish();
  }

  private end(): false {
    this.ended = true;
    return false;
  }

  private publish(): void {
    const t = this.job.thread * 3;
    this.positions[t] = BigInt(this.epoch);
    this.positions[t + 1] = BigInt(this.sub ? this.g + 1 : this.pos); // sharded: the next sub-step
    this.positions[t + 2] = this.k.rngState();
    this.stats[t] = this.k.lossTotal();
    this.stats[t + 1] = this.k.lossTerms();
  }
}
