import { asMatrix, Matrix, type MatrixLike } from '../core/matrix.js';
import type { Layer } from '../layers/layer.js';
import type { Param } from '../layers/param.js';
import { addL2Gradient, l2Penalty } from '../losses/l2.js';
import type { Loss } from '../losses/loss.js';

/**
 * A feed-forward stack of layers ending in a loss: forward in order, backward in reverse,
 * as the seeds derive layer by layer (dz2 = ŷ − y, dW2 = hᵀdz2, db2 = Σdz2, dh = dz2 W2ᵀ, …).
 */
export class Network {
  constructor(
    readonly layers: readonly Layer[],
    readonly loss: Loss,
  ) {}

  /** Every layer's trainable parameters, in layer order. */
  params(): Param[] {
    return this.layers.flatMap((l) => l.params());
  }

  /** The raw output (scores, logits or values) for a batch in rows. */
  forward(x: Matrix): Matrix {
    let h = x;
    for (const layer of this.layers) h = layer.forward(h);
    return h;
  }

  /** Probabilities (classifiers) or predicted values (regressors), one row per row of x (a Matrix or nested arrays). */
  predict(x: MatrixLike): Matrix {
    return this.loss.predict(this.forward(asMatrix(x)));
  }

  /** J = mean loss + (λ/2)Σ‖W‖², forward only (parameters' grads untouched). */
  objective(x: Matrix, target: Matrix, l2 = 0): number {
    return this.loss.compute(this.forward(x), target).loss + l2Penalty(this.params(), l2);
  }

  /**
   * J = mean loss + (λ/2)Σ‖W‖². Sets every parameter's grad to ∂J/∂param and returns J.
   */
  lossAndGradient(x: Matrix, target: Matrix, l2 = 0): number {
    const params = this.params();
    for (const p of params) p.grad.fill(0);
    const { loss, grad } = this.loss.compute(this.forward(x), target);
    let d: Matrix = grad;
    for (let i = this.layers.length - 1; i >= 0; i--) d = this.layers[i]!.backward(d);
    addL2Gradient(params, l2);
    return loss + l2Penalty(params, l2);
  }
}
