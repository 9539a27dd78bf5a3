// The Node edge of fastText's supervised training: thread 0 in the calling thread, and one
// worker_threads Worker for each other thread, started early (`warm`) so that its start overlaps
// the main thread's encoding of the lines. (A worker is a V8 instance, ~9 MB: the calling thread,
// idle while workers train, trains instead of one; issue 22, memory no more than fastText's.)
import { Worker } from 'node:worker_threads';
import type { SupervisedThreadHost } from '../fasttext/supervised-train.js';
import type { RunningThread } from '../word2vec/session.js';
import { SupervisedThread, type SupervisedJob } from '../fasttext/supervised-thread.js';
import { yieldToEventLoop } from '../train/abort.js';
import { collectGarbage } from './collect-garbage.js';

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

/**
 * Thread 0 in this thread, started a turn later (once the workers have their jobs): it waits for
 * them without blocking (its event loop goes on: progress, a worker's failure, an abort), and
 * yields to the event loop every ~20 ms of training.
 */
function startHere(job: SupervisedJob): RunningThread {
  let stopped = false;
  const done = (async () => {
    await yieldToEventLoop();
    if (stopped) return;
    const t = new SupervisedThread(job, false);
    let last = performance.now();
    while (!stopped && t.step()) {
      if (t.waiting) await new Promise((resolve) => setTimeout(resolve, 1));
      else if (performance.now() - last >= 20) {
        await yieldToEventLoop();
        last = performance.now();
      }
    }
  })();
  return { done, stop: async () => { stopped = true; await done.catch(() => {}); } };
}

/** Runs thread 0 in this thread and each other thread in a Node worker, over the shared memory. */
export const supervisedThreadHost: SupervisedThreadHost = {
  shared: true,
  collectGarbage,
  /** Starts the workers of threads 1 … threads − 1. */
  warm(threads: number) {
    const mine: IdleWorker[] = [];
    for (let t = 1; t < threads; t++) mine.push(spawnIdle());
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
    if (job.thread === 0) return startHere(job);
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
