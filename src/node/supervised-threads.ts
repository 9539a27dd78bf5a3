// The Node edge of fastText's supervised training: one worker_threads Worker per thread, started
// early (`warm`) so that its start overlaps the main thread's encoding of the lines.
import { Worker } from 'node:worker_threads';
import type { SupervisedThreadHost } from '../fasttext/supervised-train.js';
import type { SupervisedJob } from '../fasttext/supervised-thread.js';

/** A worker started without a job, waiting for one (its exit noted while it waits). */
interface IdleWorker {
  worker: Worker;
  exited: { code: number } | null;
  error: unknown;
}

/** Workers warmed and not yet given a job. */
const idle: IdleWorker[] = [];

/** A worker that waits for its job in a message; it does not keep the process alive until it has one. */
function spawnIdle(): IdleWorker {
  const worker = new Worker(new URL('./supervised-worker.js', import.meta.url));
  const w: IdleWorker = { worker, exited: null, error: undefined };
  worker.on('error', (err) => { w.error = err; });
  worker.on('exit', (code) => { w.exited = { code }; });
  worker.unref();
  return w;
}

/** Runs each thread in a Node worker over the shared memory. */
export const supervisedThreadHost: SupervisedThreadHost = {
  shared: true,
  warm(threads: number) {
    const mine: IdleWorker[] = [];
    for (let t = 0; t < threads; t++) mine.push(spawnIdle());
    idle.push(...mine);
    return () => {
      let ended = 0;
      for (const w of mine) {
        const i = idle.indexOf(w);
        if (i >= 0) { idle.splice(i, 1); void w.worker.terminate(); ended++; }
      }
      return ended;
    };
  },
  start(job: SupervisedJob) {
    let w = idle.shift();
    while (w && w.exited) w = idle.shift(); // one that failed to start is not used
    const worker = w ? w.worker : new Worker(new URL('./supervised-worker.js', import.meta.url), { workerData: job });
    const done = new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`supervised classifier worker ${job.thread} exited with code ${code}`))));
    });
    if (w) {
      worker.ref();
      worker.postMessage(job);
    }
    return { done, stop: () => worker.terminate() };
  },
};
