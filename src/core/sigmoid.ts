import { elementwise, type Numeric, type SameForm } from './elementwise.js';

/** σ(z) = 1 / (1 + e^(−z)), evaluated without overflow for large |z|. */
export function sigmoidScalar(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Elementwise sigmoid of a number, vector, nested arrays or Matrix. */
export function sigmoid<T extends Numeric>(z: T): SameForm<T> {
  return elementwise(z, sigmoidScalar);
}

/** σ'(z) = σ(z)(1 − σ(z)), written in terms of the output s = σ(z) as the seeds do. */
export function sigmoidGrad<T extends Numeric>(s: T): SameForm<T> {
  return elementwise(s, (v) => v * (1 - v));
}

/** log σ(z), stable for large |z|: the log-likelihood term of logistic losses. */
export function logSigmoid(z: number): number {
  return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
}
