import { Matrix } from './matrix.js';

/**
 * Row-wise softmax into `out`. Subtracting each row's max first (softmax(x) = softmax(x + c),
 * seed 001 Q1) keeps every exponent ≤ 0, so nothing overflows.
 */
export function softmaxInto(x: Float64Array, rows: number, cols: number, out: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (x[o + j]! > max) max = x[o + j]!;
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(x[o + j]! - max);
      out[o + j] = e;
      sum += e;
    }
    for (let j = 0; j < cols; j++) out[o + j]! /= sum;
  }
}

/** Row-wise softmax of a Matrix, a batch of row vectors as nested arrays, or one vector. */
export function softmax(x: Matrix): Matrix;
export function softmax(x: readonly (readonly number[])[]): number[][];
export function softmax(x: readonly number[]): number[];
export function softmax(x: Matrix | readonly (readonly number[])[] | readonly number[]): Matrix | number[][] | number[] {
  if (x instanceof Matrix) {
    const out = new Matrix(x.rows, x.cols);
    softmaxInto(x.data, x.rows, x.cols, out.data);
    return out;
  }
  if (x.length > 0 && typeof x[0] === 'number') {
    return softmax([x as readonly number[]])[0]!;
  }
  return softmax(Matrix.fromArray(x as readonly (readonly number[])[])).toArray();
}
