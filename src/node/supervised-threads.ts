// The Node edge of fastText's supervised training: one worker_threads Worker per thread.
import { Worker } from 'node:worker_threads';
import type { SupervisedThreadHost } from '../fasttext/supervised-train.js';
import type { SupervisedJob } from '../fasttext/supervised-thread.js';

/** Runs each thread in a Node worker over the shared memory. */
export const supervisedThreadHost: SupervisedThreadHost = {
  shared: true,
  start(job: SupervisedJob) {
    const w = new Worker(new URL('./supervised-worker.js', import.meta.url), { workerData: job });
    const done = new Promise<void>((resolve, reject) => {
      w.on('error', reject);
      w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`supervised classifier worker ${job.thread} exited with code ${code}`))));
    });
    return { done, stop: () => w.terminate() };
  },
};
