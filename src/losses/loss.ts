import type { Matrix } from '../core/matrix.js';

/** A loss value and its gradient with respect to the scores. */
export interface LossAndGradient {
  /** Mean loss over the N rows of the batch. */
  loss: number;
  /** ∂loss/∂output, same shape as the output. */
  grad: Matrix;
}

/**
 * A loss on a network's last output. Losses are interchangeable objects behind this one
 * interface; each also says how its output turns into a prediction.
 */
export interface Loss {
  readonly name: string;
  /** The mean loss of the output against the target, and its gradient. */
  compute(output: Matrix, target: Matrix): LossAndGradient;
  /** Probabilities (classification) or values (regression) from the raw output. */
  predict(output: Matrix): Matrix;
}
