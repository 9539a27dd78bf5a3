// One training thread: its own kernel instance over the shared model memory (Hogwild).
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { instantiateKernels, LOSS_KINDS } from './kernels.js';
import { CHUNK_WORDS, type Word2vecLayout } from './layout.js';
import type { Word2vecOptions } from './options.js';
import { PauseControl } from './pause.js';

/**
 * The batched skip-gram kernel measures the loss on one window in 8 (a table lookup and a float64
 * sum per pair were ~12% of its time); the reported loss is an estimate from those windows.
 */
const LOSS_STRIDE = 8;

export interface WorkerJob {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  layout: Word2vecLayout;
  options: Word2vecOptions;
  thread: number;
  idsFile: string;
  /** This thread's slice of the ids file, in ids. */
  start: number;
  end: number;
  /** Ids in the whole file (all threads), for the learning-rate decay. */
  fileIds: number;
  /** Shared counters: [0] ids processed by all threads (BigInt64). */
  progress: SharedArrayBuffer;
  /** Shared per-thread [loss sum, loss terms, epoch (1-based) in which the loss stopped being finite or 0] (Float64). */
  stats: SharedArrayBuffer;
  /** The pause handshake (pause.ts). */
  control: SharedArrayBuffer;
  /** Shared per-thread [epoch, next position, RNG state] (BigInt64), published when parked or done. */
  positions: SharedArrayBuffer;
  /** Where to start: a checkpoint's position, RNG state and loss sums (default: the slice's start, seeded). */
  from?: { epoch: number; pos: number; rng: bigint; lossSum: number; lossTerms: number };
  /** Raise a pause whenever the global progress completes an epoch (for end-of-epoch checkpoints). */
  pauseAtEpochEnds: boolean;
}

export function runJob(job: WorkerJob): void {
  const { layout: L, options: o, memory } = job;
  const k = instantiateKernels(job.module, memory);
  const mine = L.threads[job.thread]!;
  k.useSigmoidTables(L.sigTable, L.logSigTable);
  k.configure(
    L.dim, L.vocabSize, L.syn0, L.syn1, L.negTable, L.negTableSize, L.keepProb, L.codes, L.points, L.codeLens,
    mine.scratch, o.window, o.negative, o.model === 'cbow' ? 1 : 0, LOSS_KINDS[o.loss], o.sample > 0 ? 1 : 0,
  );
  k.setBatchNegatives(o.batchNegatives ? 1 : 0);
  k.setSkipSaturated(o.skipSaturated ? 1 : 0);
  k.setLossStride(LOSS_STRIDE);
  k.seed(job.from ? job.from.rng : BigInt(o.seed) * 1000003n + BigInt(job.thread) + 1n);
  if (job.from) k.setLoss(job.from.lossSum, job.from.lossTerms);
  const progress = new BigInt64Array(job.progress);
  const stats = new Float64Array(job.stats);
  const positions = new BigInt64Array(job.positions);
  const control = new PauseControl(job.control, L.threads.length);
  const total = o.epochs * job.fileIds + 1;
  const view = new Uint8Array(memory.buffer, mine.ids, CHUNK_WORDS * 4);
  let epoch = job.from?.epoch ?? 0;
  let pos = job.from?.pos ?? job.start;
  const publish = (): void => {
    const t = job.thread * 3;
    positions[t] = BigInt(epoch);
    positions[t + 1] = BigInt(pos);
    positions[t + 2] = k.rngState();
    stats[job.thread * 3] = k.lossTotal();
    stats[job.thread * 3 + 1] = k.lossTerms();
  };
  const fd = openSync(job.idsFile, 'r');
  try {
    while (epoch < o.epochs) {
      if (pos >= job.end) {
        epoch++;
        pos = job.start;
        continue;
      }
      const n = Math.min(CHUNK_WORDS, job.end - pos);
      readSync(fd, view, 0, n * 4, pos * 4);
      const done = Number(Atomics.load(progress, 0));
      const alpha = o.alpha * Math.max(1 - done / total, 1e-4); // linear decay, as word2vec.c
      k.trainChunk(mine.ids, n, alpha);
      pos += n;
      const before = Number(Atomics.add(progress, 0, BigInt(n)));
      stats[job.thread * 3] = k.lossTotal();
      stats[job.thread * 3 + 1] = k.lossTerms();
      if (!Number.isFinite(k.lossTotal())) {
        stats[job.thread * 3 + 2] = Math.min(o.epochs, Math.floor(before / job.fileIds) + 1); // diverged: no use going on
        break;
      }
      if (job.pauseAtEpochEnds) {
        const ended = Math.floor((before + n) / job.fileIds);
        if (ended > Math.floor(before / job.fileIds) && ended < o.epochs) control.request();
      }
      if (control.stopped) break;
      if (control.requested) {
        publish();
        control.park();
      }
    }
  } finally {
    closeSync(fd);
    publish();
    control.finish();
  }
}

if (parentPort && workerData) {
  runJob(workerData as WorkerJob);
  parentPort.postMessage('done');
}
