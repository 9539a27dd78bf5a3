import { elementwise, type Numeric, type SameForm } from './elementwise.js';

/** Elementwise hyperbolic tangent. */
export function tanh<T extends Numeric>(z: T): SameForm<T> {
  return elementwise(z, Math.tanh);
}

/** tanh'(z) = 1 − tanh²(z), written in terms of the output t = tanh(z) (seed 000, eq. 5). */
export function tanhGrad<T extends Numeric>(t: T): SameForm<T> {
  return elementwise(t, (v) => 1 - v * v);
}
