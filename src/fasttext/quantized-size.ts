// The size of a fastText supervised model once quantized, before quantizing it: fastText's
// estimate of the cut-off that fits a file size (`Autotune::getCutoffForFileSize`), and the exact
// size of the `.ftz` at each cut-off (its dictionary included), so that a size is never exceeded.
import { ARGS_BYTES } from './args.js';
import { DICTIONARY_HEADER_BYTES } from './dictionary.js';
import { CENTROIDS } from './product-quantizer.js';
import { DenseRows } from './quantized-matrix.js';
import { selectEmbeddings } from './quantize.js';
import { EOS } from './subwords.js';
import type { FastTextClassifier } from './supervised-model.js';

/** How the model is to be quantized (quantizeClassifier's options that change its size). */
export interface QuantizedShape {
  dsub: number;
  qnorm: boolean;
  qout: boolean;
}

/** fastText's smallest cut-off in autotune (`kCutoffLimit`): one row per centroid. */
export const CUTOFF_LIMIT = CENTROIDS;

/** Bytes of a product quantizer of `dim` values (`ProductQuantizer::save`: four int32, dim × 256 floats). */
const quantizerBytes = (dim: number): number => 16 + 4 * dim * CENTROIDS;

/**
 * fastText's estimate of the cut-off whose `.ftz` fits `bytes` (`Autotune::getCutoffForFileSize`):
 * the output matrix and the quantizer taken off, the rest shared by rows of ⌈dim/dsub⌉ codes, a
 * norm code with qnorm and 10 bytes for the dictionary; at least CUTOFF_LIMIT (which fastText's
 * autotune takes as "does not fit").
 */
export function fastTextCutoffForSize(model: FastTextClassifier, bytes: number, { dsub, qnorm, qout }: QuantizedShape): number {
  const outM = model.outputMatrix.rows, outN = model.outputMatrix.cols, dim = model.args.dim;
  const outModelSize = qout ? 21 + outM * Math.floor((outN + 1) / 2) + 16 + 4 * (outN * CENTROIDS) + (qnorm ? outM : 0) : 16 + 4 * (outM * outN);
  const target = Math.trunc(bytes - 107 - 4 * CENTROIDS * dim - outModelSize);
  const cutoff = Math.trunc(target / (Math.floor((dim + dsub - 1) / dsub) + (qnorm ? 1 : 0) + 10));
  return Math.max(cutoff, CUTOFF_LIMIT);
}

const encoder = new TextEncoder();

/**
 * The exact sizes of the `.ftz` quantizeClassifier makes of a dense model: `bytes(cutoff)` for any
 * cut-off (0 or the number of rows or more: no cut-off), and `largest(limit)`, the largest cut-off
 * (at least CUTOFF_LIMIT; the number of rows when the whole model fits) whose file is at most
 * `limit` bytes, or 0 when none is.
 */
export function quantizedSizes(model: FastTextClassifier, shape: QuantizedShape): { bytes: (cutoff: number) => number; largest: (limit: number) => number } {
  const input = model.inputMatrix;
  if (!(input instanceof DenseRows)) throw new Error('quantizedSizes: the model is quantized already');
  const { dictionary: d, args } = model, dim = args.dim, rows = input.rows, nl = model.outputMatrix.rows;
  const entryBytes = (i: number): number => (d.entries[i]!.bytes?.length ?? encoder.encode(d.entries[i]!.word).length) + 10;
  let labels = 0;
  for (let i = d.nwords; i < d.entries.length; i++) labels += entryBytes(i);
  const output = shape.qout
    ? 21 + nl * Math.ceil(dim / 2) + quantizerBytes(dim) + (shape.qnorm ? nl + quantizerBytes(1) : 0)
    : 16 + 4 * nl * dim;
  const fixed = 8 + ARGS_BYTES + DICTIONARY_HEADER_BYTES + labels + 1 + 21 + quantizerBytes(dim) + (shape.qnorm ? quantizerBytes(1) : 0) + 1 + output;
  const perRow = Math.ceil(dim / shape.dsub) + (shape.qnorm ? 1 : 0);
  let words = 0;
  for (let i = 0; i < d.nwords; i++) words += entryBytes(i);
  const whole = fixed + words + rows * perRow;
  // a cut model: each kept word its entry, each kept bucket its pair in the prune index (8 bytes)
  const eos = d.entries.findIndex((e, i) => i < d.nwords && e.word === EOS);
  const order = selectEmbeddings(input, eos, rows);
  const prefix = new Float64Array(rows + 1);
  for (let i = 0; i < rows; i++) prefix[i + 1] = prefix[i]! + (order[i]! < d.nwords ? entryBytes(order[i]!) : 8) + perRow;
  const bytes = (cutoff: number): number => (cutoff <= 0 || cutoff >= rows ? whole : fixed + prefix[cutoff]!);
  const largest = (limit: number): number => {
    if (whole <= limit) return rows;
    let lo = CUTOFF_LIMIT, hi = rows - 1; // prefix grows with the cut-off: the last that fits
    if (lo > hi || fixed + prefix[lo]! > limit) return 0;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fixed + prefix[mid]! <= limit) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return { bytes, largest };
}

/**
 * The cut-off autotune quantizes with for a file of at most `limit` bytes: fastText's estimate,
 * lowered where the exact size says it would not fit; 0 when the model cannot fit (fastText's
 * estimate at its floor, or no cut-off of CUTOFF_LIMIT rows or more fits). A cut-off of the model's
 * rows or more keeps every row.
 */
export function cutoffForSize(model: FastTextClassifier, limit: number, shape: QuantizedShape): number {
  const estimate = fastTextCutoffForSize(model, limit, shape);
  if (estimate <= CUTOFF_LIMIT) return 0;
  const exact = quantizedSizes(model, shape).largest(limit);
  return exact === 0 ? 0 : Math.min(estimate, exact);
}
