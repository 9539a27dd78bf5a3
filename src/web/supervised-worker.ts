// A thread of fastText's supervised training in a Web Worker.
import { SupervisedThread, type SupervisedJob } from '../fasttext/supervised-thread.js';
import type { WorkerReply } from './word2vec-threads.js';

interface WorkerScope {
  onmessage: ((e: MessageEvent<SupervisedJob>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (e: MessageEvent<SupervisedJob>): void => {
  let reply: WorkerReply = { ok: true };
  try {
    const t = new SupervisedThread(e.data);
    while (t.step());
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(reply);
};
