import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { readFastTextClassifierFile } from '../io/fasttext-file.js';
import { LexnetError } from '../io/errors.js';
import { isFastTextModel } from '../fasttext/model-file.js';
import { readLineBlocks } from '../text/line-blocks.js';
import type { Option } from 'commander';
import { positiveInt } from './options.js';
import { printResultBytes } from './stdout.js';
import { PredictionWriter } from './prediction-writer.js';
import { predictLines } from './fasttext-line-block.js';
import { FastTextPredictPool } from './fasttext-predict-pool.js';

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
  /** Threads (default 1: this thread); with more, worker threads predict the blocks of lines past the first. */
  threads?: number;
}

/**
 * `lexnet classify predict` with a fastText supervised model (`.bin` or `.ftz`): one line out per
 * line in, as `fasttext predict` (labels) or `fasttext predict-prob` (label and probability pairs) prints it.
 * The input is read as bytes in blocks of lines (about 1 MiB); the first is predicted in this
 * thread, later ones, with `threads` > 1, by worker threads (each with its own copy of the model,
 * compiled anew: worth it for long inputs on idle cores), printed in input order.
 */
export async function predictFastText(f: FastTextPredictFlags): Promise<void> {
  const c = readFastTextClassifierFile(f.model);
  const k = f.k ?? 1, threshold = f.threshold ?? 0;
  const room = Math.min(k, c.labels.length);
  const ids = new Int32Array(room), probabilities = new Float32Array(room);
  const format = f.json ? 'json' : f.probabilities ? 'probabilities' : 'labels';
  const out = new PredictionWriter(c.labels, format, printResultBytes);
  out.begin(f.model, f.data);
  const threads = f.threads ?? 1;
  let pool: FastTextPredictPool | null = null;
  const window: Promise<Uint8Array>[] = [];
  try {
    for (const block of readLineBlocks(f.data)) {
      if (threads <= 1 || out.lines === 0) {
        predictLines(c, block, k, threshold, ids, probabilities, out);
        continue;
      }
      if (!pool) {
        pool = new FastTextPredictPool({ model: f.model, k, threshold, format }, threads);
        out.flush(); // the lines so far, before the workers' blocks
      }
      window.push(pool.run(block));
      if (window.length >= 2 * threads) printResultBytes(await window.shift()!);
    }
    while (window.length) printResultBytes(await window.shift()!);
  } catch (e) {
    // text refused by the reader: the blocks before it are printed first, as one thread prints them
    if (e instanceof LexnetError) {
      try {
        if (out.lines > 0) out.flush(); // the lines this thread predicted (not a JSON head alone), then the workers' blocks
        while (window.length) printResultBytes(await window.shift()!);
      } catch {
        // the reader's error is the one told
      }
    }
    throw e;
  } finally {
    await pool?.close();
  }
  out.end();
}

/** The parser of `-k` (positiveInt, naming the flag as it is spelt: a short option has no long name). */
export function topK(value: string): number {
  return positiveInt.call({ long: '-k' } as unknown as Option, value);
}
