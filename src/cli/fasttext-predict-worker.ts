// A worker thread of `classify predict` with a fastText model: loads the model once, then turns
// each block of lines it is sent (UTF-8 bytes, checked by the reader) into the printed
// predictions' bytes, replying in the order sent.
import { parentPort, workerData } from 'node:worker_threads';
import { readFastTextClassifierFile } from '../io/fasttext-file.js';
import { predictLines, type LinesOfBytes } from './fasttext-line-block.js';
import { PredictionWriter, type PredictionFormat } from './prediction-writer.js';

/** What a worker is started with. */
export interface PredictWorkerSpec { model: string; k: number; threshold: number; format: PredictionFormat }

/** What a worker says: a block's output bytes, or an error. */
export type PredictWorkerReply = { out: Uint8Array } | { error: string };

const port = parentPort!;
const spec = workerData as PredictWorkerSpec;
let setup: { run: (lines: LinesOfBytes) => Uint8Array } | { error: string };
try {
  const c = readFastTextClassifierFile(spec.model);
  const room = Math.min(spec.k, c.labels.length);
  const ids = new Int32Array(room), probabilities = new Float32Array(room);
  let chunks: Uint8Array[] = [];
  const out = new PredictionWriter(c.labels, spec.format, (b) => chunks.push(b.slice()));
  setup = {
    run: (lines) => {
      chunks = [];
      out.lines = 1; // blocks sent to workers follow the first, read in the calling thread
      predictLines(c, lines, spec.k, spec.threshold, ids, probabilities, out);
      out.flush();
      if (chunks.length === 1) return chunks[0]!;
      const all = new Uint8Array(chunks.reduce((n, b) => n + b.length, 0));
      let at = 0;
      for (const b of chunks) { all.set(b, at); at += b.length; }
      return all;
    },
  };
} catch (e) {
  setup = { error: e instanceof Error ? e.message : String(e) };
}
port.on('message', (lines: LinesOfBytes) => {
  let reply: PredictWorkerReply;
  try {
    reply = 'run' in setup ? { out: setup.run(lines) } : setup;
  } catch (e) {
    reply = { error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply, 'out' in reply ? [reply.out.buffer as ArrayBuffer] : []);
});
