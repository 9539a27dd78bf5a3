import { Matrix } from '../core/matrix.js';
import { sigmoid } from '../core/sigmoid.js';
import { softmax } from '../core/softmax.js';
import { tanhLayer } from '../layers/activation.js';
import { Affine } from '../layers/affine.js';
import { Embedding } from '../layers/embedding.js';
import type { Param } from '../layers/param.js';
import { addL2Gradient, l2Penalty } from '../losses/l2.js';
import type { Loss } from '../losses/loss.js';
import { SigmoidCrossEntropy } from '../losses/sigmoid-cross-entropy.js';
import { SoftmaxCrossEntropy } from '../losses/softmax-cross-entropy.js';

/**
 * The window tagger in float64, built from lexnet's layers, for gradient checks and for
 * checking the WebAssembly kernel (seed 000):
 *   x = [L_f[id] for each position, each feature]; h = tanh(xW + b1); s = hU + b2;
 *   J = mean loss + (λ/2)(‖W‖² + ‖U‖²), and ∂J/∂x = dz1 Wᵀ scattered into the tables' rows.
 */
export class ReferenceTagger {
  readonly tables: Embedding[];
  readonly hidden: Affine;
  readonly output: Affine;
  readonly loss: Loss;

  constructor(
    readonly window: number,
    tableShapes: readonly [rows: number, dim: number][],
    hidden: number,
    outputs: number,
    readonly sigmoidOutput: boolean,
  ) {
    this.tables = tableShapes.map(([r, d], f) => new Embedding(r, d, `L${f}`));
    const width = tableShapes.reduce((s, [, d]) => s + d, 0);
    this.hidden = new Affine(window * width, hidden, 'W');
    this.output = new Affine(hidden, outputs, 'U');
    this.loss = sigmoidOutput ? new SigmoidCrossEntropy() : new SoftmaxCrossEntropy();
  }

  /** Output probabilities (B × T: softmax, or σ for the one-output sigmoid) of a batch of windows. */
  probabilities(ids: ArrayLike<number>): Matrix {
    const batch = ids.length / (this.window * this.tables.length);
    const scores = this.output.forward(tanhLayer().forward(this.hidden.forward(this.inputs(ids, batch))));
    return this.sigmoidOutput ? sigmoid(scores) : softmax(scores);
  }

  /** Every trainable parameter: the lookup tables, then the hidden and output layers. */
  params(): Param[] {
    return [...this.tables.map((t) => t.L), ...this.hidden.params(), ...this.output.params()];
  }

  /** ids: B × C × F feature ids, as the kernel takes them. */
  private inputs(ids: ArrayLike<number>, batch: number): Matrix {
    const F = this.tables.length, C = this.window;
    const parts = this.tables.map((t, f) => {
      const sel = new Int32Array(batch * C);
      for (let i = 0; i < batch * C; i++) sel[i] = ids[i * F + f]!;
      return t.forward(sel, C); // B × (C·d_f)
    });
    const width = this.tables.reduce((s, t) => s + t.L.value.cols, 0);
    const x = new Matrix(batch, C * width);
    for (let i = 0; i < batch; i++) {
      let o = 0;
      for (let p = 0; p < C; p++) {
        this.tables.forEach((t, f) => {
          const d = t.L.value.cols;
          x.data.set(parts[f]!.data.subarray(i * C * d + p * d, i * C * d + (p + 1) * d), i * C * width + o);
          o += d;
        });
      }
    }
    return x;
  }

  /** Loss and gradients (into each Param's grad) for a batch; target is one-hot (or 0/1 for sigmoid). */
  lossAndGradient(ids: ArrayLike<number>, target: Matrix, l2: number): number {
    return this.lossAndGradientOf(ids, target.rows, (scores) => this.loss.compute(scores, target), l2);
  }

  /**
   * Loss and gradients for any loss of the scores s (B × T) that gives ∂loss/∂s: the window
   * loss above, or the sentence-level loss of the crf decoder (crf.ts).
   */
  lossAndGradientOf(ids: ArrayLike<number>, batch: number, lossOf: (scores: Matrix) => { loss: number; grad: Matrix }, l2: number): number {
    const params = this.params();
    for (const p of params) p.grad.fill(0);
    const x = this.inputs(ids, batch);
    const act = tanhLayer();
    const h = act.forward(this.hidden.forward(x));
    const { loss, grad } = lossOf(this.output.forward(h));
    const dx = this.hidden.backward(act.backward(this.output.backward(grad)));
    // split ∂J/∂x back into each table's rows
    const C = this.window, width = x.cols / C;
    this.tables.forEach((t, f) => {
      const d = t.L.value.cols;
      const off = this.tables.slice(0, f).reduce((s, u) => s + u.L.value.cols, 0);
      const g = new Matrix(batch, C * d);
      for (let i = 0; i < batch; i++) for (let p = 0; p < C; p++) {
        g.data.set(dx.data.subarray(i * x.cols + p * width + off, i * x.cols + p * width + off + d), i * C * d + p * d);
      }
      const sel = new Int32Array(batch * C);
      for (let i = 0; i < batch * C; i++) sel[i] = ids[i * this.tables.length + f]!;
      t.forward(sel, C);
      t.backward(g);
    });
    const weights = [this.hidden.W, this.output.W];
    addL2Gradient(weights, l2);
    return loss + l2Penalty(weights, l2);
  }
}
