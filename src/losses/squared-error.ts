import { Matrix } from '../core/matrix.js';
import type { Loss, LossAndGradient } from './loss.js';

/** Squared error ½‖y − ŷ‖² per example, averaged over the batch; gradient (ŷ − y)/N (seed 004). */
export class SquaredError implements Loss {
  readonly name = 'squared-error';

  compute(output: Matrix, target: Matrix): LossAndGradient {
    const N = output.rows;
    let loss = 0;
    const grad = new Matrix(output.rows, output.cols);
    for (let i = 0; i < output.data.length; i++) {
      const d = output.data[i]! - target.data[i]!;
      loss += 0.5 * d * d;
      grad.data[i] = d / N; // (ŷ − y)/N
    }
    return { loss: loss / N, grad };
  }

  predict(output: Matrix): Matrix {
    return output;
  }
}
