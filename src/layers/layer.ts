import type { Matrix } from '../core/matrix.js';
import type { Param } from './param.js';

/**
 * A differentiable stage of a network. `forward` caches what `backward` needs;
 * `backward` takes ∂J/∂output, accumulates ∂J/∂params into each Param's grad, and
 * returns ∂J/∂input.
 */
export interface Layer {
  readonly kind: string;
  forward(x: Matrix): Matrix;
  backward(dy: Matrix): Matrix;
  params(): Param[];
}
