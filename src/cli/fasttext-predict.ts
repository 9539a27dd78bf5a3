import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { readFastTextClassifierFile } from '../io/fasttext-file.js';
import { isFastTextModel } from '../fasttext/model-file.js';
import { readLineBlocks } from '../text/line-blocks.js';
import type { Option } from 'commander';
import { positiveInt } from './options.js';
import { printResultBytes } from './stdout.js';
import { PredictionWriter } from './prediction-writer.js';

export { formatG } from './format-g.js';

/** Whether a file starts with fastText's magic number (a `.bin` or `.ftz` fastText wrote); false when it cannot be read. */
export function isFastTextFile(path: string): boolean {
  if (path === '-') return false;
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const head = new Uint8Array(4);
    return readSync(fd, head, 0, 4, 0) === 4 && isFastTextModel(head);
  } catch {
    return false; // the classifier's own reader names the problem
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Whether a plain, uncompressed file's last line has no newline (fastText then adds no `</s>` to it). */
export function lastLineUnterminated(path: string): boolean {
  if (path === '-' || /\.gz$/.test(path)) return false;
  try {
    const size = statSync(path).size;
    if (size === 0) return false;
    const fd = openSync(path, 'r');
    try {
      const b = new Uint8Array(1);
      readSync(fd, b, 0, 1, size - 1);
      return b[0] !== 10;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

export interface FastTextPredictFlags {
  model: string;
  data: string;
  k?: number;
  threshold?: number;
  probabilities: boolean;
  json: boolean;
}

/**
 * `lexnet classify predict` with a fastText supervised model (`.bin` or `.ftz`): one line out per
 * line in, as `fasttext predict` (labels) or `fasttext predict-prob` (label and probability pairs) prints it.
 */
export function predictFastText(f: FastTextPredictFlags): void {
  const c = readFastTextClassifierFile(f.model);
  const k = f.k ?? 1, threshold = f.threshold ?? 0;
  const room = Math.min(k, c.labels.length);
  const ids = new Int32Array(room), probabilities = new Float32Array(room);
  const out = new PredictionWriter(c.labels, f.json ? 'json' : f.probabilities ? 'probabilities' : 'labels', printResultBytes, { model: f.model, data: f.data });
  for (const block of readLineBlocks(f.data)) {
    const { bytes, ends, count } = block;
    for (let i = 0, from = block.start; i < count; i++) {
      const to = ends[i]!;
      const n = c.predictUtf8(bytes, from, to, block.terminated || i < count - 1, k, threshold, ids, probabilities);
      out.line(ids, probabilities, n);
      from = to + 1;
    }
  }
  out.end();
}

/** The parser of `-k` (positiveInt, naming the flag as it is spelt: a short option has no long name). */
export function topK(value: string): number {
  return positiveInt.call({ long: '-k' } as unknown as Option, value);
}
