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
    return new Standardizer(mean, std);
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
