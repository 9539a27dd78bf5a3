// One training thread run in the calling thread (a page that is not cross-origin isolated, or
// a Web Worker the page trains in): the shared loop, yielding to the event loop every ~20 ms so
// that progress events, timers and abort messages keep flowing.
import { yieldToEventLoop } from '../train/abort.js';
import type { RunningThread, ThreadHost } from './session.js';
import { arrayIdsReader, ThreadLoop, type ThreadJob } from './thread-loop.js';

const SLICE_MS = 20;

/** Runs the (single) thread of a session inline, over plain memory and ids held in memory. */
export const inlineThread: ThreadHost = {
  shared: false,
  start(job: ThreadJob): RunningThread {
    if (!('array' in job.ids)) throw new Error('an inline word2vec thread reads its ids from memory');
    const loop = new ThreadLoop(job, arrayIdsReader(job.ids.array));
    let stopped = false;
    const done = (async () => {
      try {
        let last = performance.now();
        while (!stopped && loop.step()) {
          if (performance.now() - last >= SLICE_MS) {
            await yieldToEventLoop();
            last = performance.now();
          }
        }
      } finally {
        loop.finish();
      }
    })();
    return {
      done,
      stop: async () => {
        stopped = true;
        await done.catch(() => {});
      },
    };
  },
};
