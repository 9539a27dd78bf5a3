// The Node edge of word2vec training: one worker_threads Worker per thread.
import { Worker } from 'node:worker_threads';
import type { RunningThread, ThreadHost } from '../word2vec/session.js';
import type { ThreadJob } from '../word2vec/thread-loop.js';

/** Runs each thread in a Node worker over the shared memory, reading the ids file. */
export const workerThreads: ThreadHost = {
  shared: true,
  start(job: ThreadJob): RunningThread {
    const w = new Worker(new URL('./word2vec-worker.js', import.meta.url), { workerData: job });
    const done = new Promise<void>((resolve, reject) => {
      w.on('error', reject);
      w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`word2vec worker ${job.thread} exited with code ${code}`))));
    });
    return { done, stop: () => w.terminate() };
  },
};
