import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { readFastTextClassifierFile } from '../io/fasttext-file.js';
import { isFastTextModel } from '../fasttext/model-file.js';
import type { FastTextPrediction } from '../fasttext/supervised-model.js';
import { readLines } from '../text/line-reader.js';
import type { Option } from 'commander';
import { positiveInt } from './options.js';
import { printResult } from './stdout.js';

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

/**
 * A number as C++ streams print it by default (`%g`, 6 significant digits), as `fasttext
 * predict-prob` prints probabilities; `digits` as `std::setprecision` sets them (`fasttext test`: 3).
 */
export function formatG(x: number, digits = 6): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const [mantissa, exp] = x.toExponential(digits - 1).split('e') as [string, string];
  const e = Number(exp);
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (e < -4 || e >= digits) return `${trim(mantissa)}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return trim(x.toFixed(digits - 1 - e));
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
  const options = { k: f.k ?? 1, threshold: f.threshold ?? 0 };
  const unterminated = lastLineUnterminated(f.data);
  const lines = [...readLines(f.data)];
  const all: FastTextPrediction[][] = lines.map(([, line], i) => c.predict(line, { ...options, endOfLine: !(unterminated && i === lines.length - 1) }));
  if (f.json) {
    printResult(JSON.stringify({ model: f.model, data: f.data, predictions: all }));
    return;
  }
  const out = all.map((p) => p.map((x) => (f.probabilities ? `${x.label} ${formatG(x.probability)}` : x.label)).join(' '));
  if (out.length) printResult(out.join('\n'));
}

/** The parser of `-k` (positiveInt, naming the flag as it is spelt: a short option has no long name). */
export function topK(value: string): number {
  return positiveInt.call({ long: '-k' } as unknown as Option, value);
}
