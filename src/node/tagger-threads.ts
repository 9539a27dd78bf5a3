// The Node edge of tagger training: its Hogwild threads are worker_threads Workers.
import { Worker } from 'node:worker_threads';
import type { EpochSettings, SharedTrainingData } from '../tagger/epoch.js';
import type { TaggerModel } from '../tagger/model.js';
import type { EpochRunner } from '../tagger/train.js';
import { abortReason, whenAborted } from '../train/abort.js';
import { kernelModule } from './kernel-loader.js';
import type { TaggerWorkerInit } from './tagger-worker.js';

/** Node trains the tagger with worker threads when asked for more than one. */
export const TAGGER_WORKERS = true;

/** Starts the Hogwild threads and resolves once every one has its kernels ready, so no epoch's time includes their start-up. */
export async function startWorkers(model: TaggerModel, data: SharedTrainingData, settings: EpochSettings, threads: number, seed: number, signal?: AbortSignal): Promise<EpochRunner> {
  const workers = Array.from({ length: threads }, (_, thread) => {
    const init: TaggerWorkerInit = { module: kernelModule(true), memory: model.memory, setup: model.kernelSetup(), thread, data, settings, seed: seed * 7919 + thread + 1 };
    return new Worker(new URL('./tagger-worker.js', import.meta.url), { workerData: init });
  });
  const reply = (w: Worker): Promise<number> => new Promise((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    w.once('error', onError);
    w.once('message', (v: number) => { w.off('error', onError); resolve(v); });
  });
  try {
    await Promise.race([Promise.all(workers.map(reply)), whenAborted(signal)]);
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }
  return {
    async epoch(epoch: number, tick: (meanLoss: number | null) => void) {
      const results = Promise.all(workers.map((w) => {
        const p = reply(w);
        w.postMessage(epoch);
        return p;
      }));
      let done = false;
      results.then(() => { done = true; }, () => { done = true; });
      const aborted = whenAborted(signal);
      aborted.catch(() => {});
      while (!done) {
        await Promise.race([results, aborted, new Promise((r) => setTimeout(r, 100))]);
        if (signal?.aborted) throw abortReason(signal);
        if (!done) tick(null);
      }
      return (await results).reduce((a, b) => a + b, 0);
    },
    kernelRng: () => null,
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
