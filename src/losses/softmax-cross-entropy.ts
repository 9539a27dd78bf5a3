import { Matrix } from '../core/matrix.js';
import { softmax, softmaxInto } from '../core/softmax.js';
import type { Loss, LossAndGradient } from './loss.js';

/**
 * Softmax followed by cross-entropy CE(y, ŷ) = −Σ y log ŷ, averaged over the batch.
 * Its gradient with respect to the scores is (ŷ − y)/N (seed 001 Q2b; seed 002 `dz2 = ŷ − y`).
 */
export class SoftmaxCrossEntropy implements Loss {
  readonly name = 'softmax-cross-entropy';

  compute(scores: Matrix, target: Matrix): LossAndGradient {
    const { rows: N, cols: K } = scores;
    const p = new Float64Array(N * K);
    softmaxInto(scores.data, N, K, p);
    let loss = 0;
    const grad = new Matrix(N, K);
    for (let i = 0; i < N * K; i++) {
      const y = target.data[i]!;
      if (y !== 0) loss -= y * Math.log(Math.max(p[i]!, 1e-300));
      grad.data[i] = (p[i]! - y) / N; // (ŷ − y)/N
    }
    return { loss: loss / N, grad };
  }

  predict(scores: Matrix): Matrix {
    return softmax(scores);
  }
}
