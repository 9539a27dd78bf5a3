import type { FastTextClassifier } from '../fasttext/supervised-model.js';
import type { PredictionWriter } from './prediction-writer.js';

/** A run of whole lines as UTF-8 bytes (see text/line-blocks.ts's LineBlock): line i ends at ends[i], the next starts after it. */
export interface LinesOfBytes {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly ends: Int32Array;
  readonly count: number;
  /** Whether the last line ended with a newline (fastText adds `</s>` to lines that did). */
  readonly terminated: boolean;
}

/** The k best labels of each line (fastText's predict, from the bytes), printed by `out`; `ids` and `probabilities` hold at least min(k, labels) each. */
export function predictLines(c: FastTextClassifier, lines: LinesOfBytes, k: number, threshold: number, ids: Int32Array, probabilities: Float32Array, out: PredictionWriter): void {
  const { bytes, ends, count } = lines;
  for (let i = 0, from = lines.start; i < count; i++) {
    const to = ends[i]!;
    const n = c.predictUtf8(bytes, from, to, lines.terminated || i < count - 1, k, threshold, ids, probabilities);
    out.line(ids, probabilities, n);
    from = to + 1;
  }
}
