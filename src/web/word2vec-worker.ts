// A word2vec training thread in a Web Worker: the shared loop over ids held in a SharedArrayBuffer.
import { arrayIdsReader, ThreadLoop, type ThreadJob } from '../word2vec/thread-loop.js';
import type { WorkerReply } from './word2vec-threads.js';

interface WorkerScope {
  onmessage: ((e: MessageEvent<ThreadJob>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (e: MessageEvent<ThreadJob>): void => {
  const job = e.data;
  let loop: ThreadLoop | undefined;
  let reply: WorkerReply = { ok: true };
  try {
    if (!('array' in job.ids)) throw new Error('a web word2vec worker reads its ids from memory');
    loop = new ThreadLoop(job, arrayIdsReader(job.ids.array));
    while (loop.step());
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    loop?.finish();
  }
  scope.postMessage(reply);
};
