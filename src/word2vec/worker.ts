// One training thread: its own kernel instance over the shared model memory (Hogwild).
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { instantiateKernels, LOSS_KINDS } from './kernels.js';
import { CHUNK_WORDS, type Word2vecLayout } from './layout.js';
import type { Word2vecOptions } from './options.js';

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
  /** Shared per-thread [loss sum, loss terms] (Float64). */
  stats: SharedArrayBuffer;
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
  k.seed(BigInt(o.seed) * 1000003n + BigInt(job.thread) + 1n);
  const progress = new BigInt64Array(job.progress);
  const stats = new Float64Array(job.stats);
  const total = o.epochs * job.fileIds + 1;
  const view = new Uint8Array(memory.buffer, mine.ids, CHUNK_WORDS * 4);
  const fd = openSync(job.idsFile, 'r');
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      for (let pos = job.start; pos < job.end; pos += CHUNK_WORDS) {
        const n = Math.min(CHUNK_WORDS, job.end - pos);
        readSync(fd, view, 0, n * 4, pos * 4);
        const done = Number(Atomics.load(progress, 0));
        const alpha = o.alpha * Math.max(1 - done / total, 1e-4); // linear decay, as word2vec.c
        k.trainChunk(mine.ids, n, alpha);
        Atomics.add(progress, 0, BigInt(n));
        stats[job.thread * 2] = k.lossTotal();
        stats[job.thread * 2 + 1] = k.lossTerms();
      }
    }
  } finally {
    closeSync(fd);
  }
}

if (parentPort && workerData) {
  runJob(workerData as WorkerJob);
  parentPort.postMessage('done');
}
