import { LexnetError, optionError } from '../io/errors.js';

/**
 * Checks on what a training run is given, made before it starts, so that a run that then
 * diverges can only blame its settings: NaN or ∞ in the data, the word vectors, a checkpoint's
 * weights or a setting would otherwise surface as a "diverged" loss blamed on the learning rate.
 */

/** The index of the first value that is NaN or infinite, or -1. */
export function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return i;
  return -1;
}

/** A setting (learning rate, λ, …) must be a finite number; `positive`: also > 0. */
export function requireFiniteSetting(option: string, value: number, positive = false): void {
  if (typeof value === 'number' && Number.isFinite(value) && (!positive || value > 0)) return;
  throw optionError(option, `${option} must be a finite number${positive ? ' > 0' : ''}, got ${value}`);
}

/** A rows × cols matrix of data must hold finite numbers; the error names the row and column (0-based: `inputs[7][1]`). */
export function requireFiniteRows(what: string, data: ArrayLike<number>, cols: number): void {
  const i = firstNonFinite(data);
  if (i < 0) return;
  const c = Math.max(cols, 1);
  throw new LexnetError(`${what}[${Math.floor(i / c)}][${i % c}] is ${data[i]}: training needs finite numbers (fix or drop that row)`);
}

/** Word vectors given to a trainer must be finite; the error names the word. */
export function requireFiniteVectors(option: string, vectors: { words: readonly string[]; dim: number; data: ArrayLike<number> }): void {
  const i = firstNonFinite(vectors.data);
  if (i < 0) return;
  const row = Math.floor(i / vectors.dim);
  throw optionError(option, `${option}: the vector of "${vectors.words[row]}" (row ${row + 1}) holds ${vectors.data[i]}; word vectors must be finite numbers`);
}

/** Weights read from a checkpoint must be finite (a damaged or hand-edited file otherwise "diverges"). */
export function requireFiniteWeights(file: string, arrays: readonly (readonly [string, ArrayLike<number>])[]): void {
  for (const [name, a] of arrays) {
    const i = firstNonFinite(a);
    if (i >= 0) throw new LexnetError(`${file}: damaged checkpoint: ${name}[${i}] is ${a[i]}; weights must be finite numbers (train afresh, or resume from an earlier checkpoint)`);
  }
}
