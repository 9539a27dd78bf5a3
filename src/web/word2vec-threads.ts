// The web edge of word2vec training: one Web Worker per thread over the shared WebAssembly memory
// (the page must be cross-origin isolated for the memory to be shared).
import type { RunningThread, ThreadHost } from '../word2vec/session.js';
import type { ThreadJob } from '../word2vec/thread-loop.js';

/** What a worker posts back when its thread has ended. */
export interface WorkerReply {
  ok: boolean;
  error?: string;
}

/** Runs each thread in a module Web Worker; the ids are in a SharedArrayBuffer. */
export const webWorkerThreads: ThreadHost = {
  shared: true,
  start(job: ThreadJob): RunningThread {
    const w = new Worker(new URL('./word2vec-worker.js', import.meta.url), { type: 'module', name: `lexnet word2vec ${job.thread}` });
    const done = new Promise<void>((resolve, reject) => {
      w.onmessage = (e: MessageEvent<WorkerReply>) => {
        w.terminate();
        if (e.data.ok) resolve();
        else reject(new Error(`word2vec worker ${job.thread}: ${e.data.error ?? 'failed'}`));
      };
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        w.terminate();
        reject(new Error(`word2vec worker ${job.thread} failed: ${e.message || 'it could not be loaded'}`));
      };
      w.onmessageerror = () => {
        w.terminate();
        reject(new Error(`word2vec worker ${job.thread}: its job could not be posted (shared memory needs a cross-origin-isolated page)`));
      };
    });
    w.postMessage(job);
    return { done, stop: async () => w.terminate() };
  },
};
