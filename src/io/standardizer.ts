import { Matrix } from '../core/matrix.js';

/** Per-column (x − mean)/std, fitted on the training split only and applied to every split. */
export class Standardizer {
  constructor(
    readonly mean: Float64Array,
    readonly std: Float64Array,
  ) {}

  /** Column means and standard deviations (divisor n) of x; a constant column gets std 1. */
  static fit(x: Matrix): Standardizer {
    const { rows: n, cols: d } = x;
    const mean = new Float64Array(d), std = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x.data[i * d + j]!;
    for (let j = 0; j < d; j++) mean[j]! /= n;
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) std[j]! += (x.data[i * d + j]! - mean[j]!) ** 2;
    // a constant column keeps std 1 so it maps to 0 rather than NaN
    for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]! / n) || 1;
    for (let j = 0; j < d; j++) if (!Number.isFinite(mean[j]!) || !Number.isFinite(std[j]!)) scaledColumn(x, j, mean, std);
    return new Standardizer(mean, std);
  }

  /**
   * The columns whose mean or standard deviation is not a finite number (values whose spread
   * exceeds what a float64 holds once centred), with the largest magnitude in each: what a
   * caller names before it trains or saves anything.
   */
  nonFinite(x: Matrix): { column: number; magnitude: number }[] {
    const out: { column: number; magnitude: number }[] = [];
    for (let j = 0; j < this.mean.length; j++) {
      if (Number.isFinite(this.mean[j]!) && Number.isFinite(this.std[j]!)) continue;
      let magnitude = 0;
      for (let i = 0; i < x.rows; i++) magnitude = Math.max(magnitude, Math.abs(x.data[i * x.cols + j]!));
      out.push({ column: j, magnitude });
    }
    return out;
  }

  /** x standardized column by column, as a new matrix. */
  transform(x: Matrix): Matrix {
    const d = x.cols;
    if (d !== this.mean.length) throw new RangeError(`standardizer fitted on ${this.mean.length} columns, given ${d}`);
    const out = new Matrix(x.rows, d);
    for (let i = 0; i < x.data.length; i++) out.data[i] = (x.data[i]! - this.mean[i % d]!) / this.std[i % d]!;
    return out;
  }

  /** Values of one standardized column mapped back to the original scale. */
  inverseColumn(values: Float64Array, column = 0): Float64Array {
    return values.map((v) => v * this.std[column]! + this.mean[column]!);
  }

  /** Means and standard deviations as plain arrays, for model files. */
  toJSON(): { mean: number[]; std: number[] } {
    return { mean: [...this.mean], std: [...this.std] };
  }

  /** The standardizer that toJSON wrote. */
  static fromJSON(o: { mean: number[]; std: number[] }): Standardizer {
    return new Standardizer(Float64Array.from(o.mean), Float64Array.from(o.std));
  }
}

/**
 * Mean and standard deviation of column `j` for values so large that the sum or the squares
 * overflow (1e160 squared is beyond float64): a running mean, and the deviations divided by the
 * largest one before squaring. Still not finite only when the centred values themselves overflow.
 */
function scaledColumn(x: Matrix, j: number, mean: Float64Array, std: Float64Array): void {
  const { rows: n, cols: d } = x;
  let m = 0;
  for (let i = 0; i < n; i++) m += (x.data[i * d + j]! - m) / (i + 1);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(x.data[i * d + j]! - m));
  let s = 0;
  if (scale > 0 && Number.isFinite(scale)) for (let i = 0; i < n; i++) s += ((x.data[i * d + j]! - m) / scale) ** 2;
  mean[j] = m;
  std[j] = scale === 0 ? 1 : scale * Math.sqrt(s / n);
}
