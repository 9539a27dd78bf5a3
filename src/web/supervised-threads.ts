// The web edge of fastText's supervised training: one module Web Worker per thread over the
// shared WebAssembly memory (a cross-origin-isolated page); otherwise the caller trains inline.
import type { SupervisedThreadHost } from '../fasttext/supervised-train.js';
import type { SupervisedJob } from '../fasttext/supervised-thread.js';
import { webThreadSupport } from './threads.js';
import type { WorkerReply } from './word2vec-threads.js';

/** Web Workers when the page can share memory with them. */
export const supervisedThreadHost: SupervisedThreadHost = {
  get shared() {
    const s = webThreadSupport();
    return s.isolated && s.reason === null;
  },
  start(job: SupervisedJob) {
    const w = new Worker(new URL('./supervised-worker.js', import.meta.url), { type: 'module', name: `lexnet classifier ${job.thread}` });
    const done = new Promise<void>((resolve, reject) => {
      w.onmessage = (e: MessageEvent<WorkerReply>) => {
        w.terminate();
        if (e.data.ok) resolve();
        else reject(new Error(`classifier worker ${job.thread}: ${e.data.error ?? 'failed'}`));
      };
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        w.terminate();
        reject(new Error(`classifier worker ${job.thread} failed: ${e.message || 'it could not be loaded'}`));
      };
    });
    w.postMessage(job);
    return { done, stop: async () => w.terminate() };
  },
};
