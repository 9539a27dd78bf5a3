import type { Matrix } from '../core/matrix.js';
import type { Param } from './param.js';

/**
 * A differentiable stage of a network. `forward` caches what `backward` needs;
 * `backward` takes ∂J/∂output, accumulates ∂J/∂params into each Param's grad, and
 * returns ∂J/∂input.
 */
export interface Layer {
  readonly kind: string;
  /** The output for a batch x (one row per example), caching what backward needs. */
  forward(x: Matrix): Matrix;
  /** Given ∂J/∂output, accumulates ∂J/∂params and returns ∂J/∂input. */
  backward(dy: Matrix): Matrix;
  /** The trainable parameters, with their gradients. */
  params(): Param[];
}
