import { Matrix } from './matrix.js';

/** A value the elementwise functions accept: a number, a vector, nested arrays or a Matrix. */
export type Numeric = number | readonly number[] | readonly (readonly number[])[] | Matrix;

/** The output has the same form as the input (Matrix in, Matrix out; arrays in, arrays out). */
export type SameForm<T> = T extends Matrix ? Matrix : T extends number ? number : T extends readonly (readonly number[])[] ? number[][] : number[];

/** Applies f to every element, returning a value of the same form as the input. */
export function elementwise<T extends Numeric>(x: T, f: (v: number) => number): SameForm<T> {
  if (typeof x === 'number') return f(x) as SameForm<T>;
  if (x instanceof Matrix) {
    const out = new Matrix(x.rows, x.cols);
    for (let i = 0; i < x.data.length; i++) out.data[i] = f(x.data[i]!);
    return out as SameForm<T>;
  }
  return (x as readonly unknown[]).map((v) => (typeof v === 'number' ? f(v) : (v as number[]).map(f))) as SameForm<T>;
}
