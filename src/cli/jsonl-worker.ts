// A worker thread of a `--format jsonl` run: loads the model once, then turns each batch of
// numbered lines it is sent into outcomes (result JSON or a problem), replying in the order sent.
import { parentPort, workerData } from 'node:worker_threads';
import { LexnetError } from '../io/errors.js';
import { batchRunner, type BatchRunner, type JsonlTaskSpec } from './jsonl-tasks.js';

/** What a worker says: ready (the model loaded), a batch's outcomes, or an error (`input`: a LexnetError's message). */
export type JsonlWorkerReply =
  | { ready: true }
  | { outcomes: ReturnType<BatchRunner> }
  | { error: string; input: boolean };

const port = parentPort!;
const fail = (e: unknown): JsonlWorkerReply => ({ error: e instanceof Error ? e.message : String(e), input: e instanceof LexnetError });
let run: BatchRunner | null = null;
try {
  run = batchRunner(workerData as JsonlTaskSpec);
  port.postMessage({ ready: true } satisfies JsonlWorkerReply);
} catch (e) {
  port.postMessage(fail(e));
}
port.on('message', (lines: [number, string][]) => {
  let reply: JsonlWorkerReply;
  try {
    reply = { outcomes: run!(lines) };
  } catch (e) {
    reply = fail(e);
  }
  port.postMessage(reply);
});
