import { Matrix } from '../core/matrix.js';
import { logSigmoid, sigmoid, sigmoidScalar } from '../core/sigmoid.js';
import type { Loss, LossAndGradient } from './loss.js';

/**
 * Sigmoid followed by binary cross-entropy −y log ŷ − (1 − y) log(1 − ŷ) on each output
 * column, averaged over the batch. Gradient with respect to the logits: (ŷ − y)/N
 * (seed 000 eq. 1; per example it is ŷ − y).
 */
export class SigmoidCrossEntropy implements Loss {
  readonly name = 'sigmoid-cross-entropy';

  compute(logits: Matrix, target: Matrix): LossAndGradient {
    const N = logits.rows;
    let loss = 0;
    const grad = new Matrix(logits.rows, logits.cols);
    for (let i = 0; i < logits.data.length; i++) {
      const z = logits.data[i]!, y = target.data[i]!;
      // log(1 − σ(z)) = log σ(−z), so both terms stay finite for large |z|
      loss -= y * logSigmoid(z) + (1 - y) * logSigmoid(-z);
      grad.data[i] = (sigmoidScalar(z) - y) / N; // (ŷ − y)/N
    }
    return { loss: loss / N, grad };
  }

  predict(logits: Matrix): Matrix {
    return sigmoid(logits);
  }
}
