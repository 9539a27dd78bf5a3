import type { Matrix } from '../core/matrix.js';
import { argmaxRow } from '../core/linalg.js';

/** Predicted class per row: argmax of probabilities, or p ≥ 0.5 for a single sigmoid column. */
export function predictedClasses(probabilities: Matrix): Int32Array {
  const out = new Int32Array(probabilities.rows);
  for (let i = 0; i < probabilities.rows; i++) {
    out[i] = probabilities.cols === 1 ? (probabilities.data[i]! >= 0.5 ? 1 : 0) : argmaxRow(probabilities, i);
  }
  return out;
}

export function accuracy(predicted: ArrayLike<number>, gold: ArrayLike<number>): number {
  if (gold.length === 0) return NaN;
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (predicted[i] === gold[i]) ok++;
  return ok / gold.length;
}

export function rmse(predicted: ArrayLike<number>, gold: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < gold.length; i++) s += (predicted[i]! - gold[i]!) ** 2;
  return Math.sqrt(s / gold.length);
}

/** Coefficient of determination 1 − SS_res/SS_tot. */
export function r2(predicted: ArrayLike<number>, gold: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < gold.length; i++) mean += gold[i]!;
  mean /= gold.length;
  let res = 0, tot = 0;
  for (let i = 0; i < gold.length; i++) {
    res += (gold[i]! - predicted[i]!) ** 2;
    tot += (gold[i]! - mean) ** 2;
  }
  return 1 - res / tot;
}

/** counts[gold][predicted]. */
export function confusionMatrix(predicted: ArrayLike<number>, gold: ArrayLike<number>, classes: number): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < gold.length; i++) m[gold[i]!]![predicted[i]!]!++;
  return m;
}
