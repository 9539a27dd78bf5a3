import { Matrix } from '../core/matrix.js';
import { makeParam, type Param } from './param.js';

/**
 * Row lookup in a trainable table L (V×D): forward selects rows by index; backward
 * scatters each output row's gradient back into the row it came from, so a word that
 * appears twice in one window receives both contributions (seed 000, ∂J/∂L).
 */
export class Embedding {
  readonly kind = 'embedding';
  readonly L: Param;
  private ids: ArrayLike<number> | null = null;

  constructor(vocabSize: number, dim: number, name = 'embedding') {
    this.L = makeParam(`${name}.L`, new Matrix(vocabSize, dim), false);
  }

  /** ids has length N·C; the result is N×(C·D): the C looked-up vectors of each row, concatenated. */
  forward(ids: ArrayLike<number>, perRow = 1): Matrix {
    const D = this.L.value.cols;
    const n = ids.length / perRow;
    if (!Number.isInteger(n)) throw new RangeError(`Embedding: ${ids.length} ids do not split into rows of ${perRow}`);
    const out = new Matrix(n, perRow * D);
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (!(id >= 0 && id < this.L.value.rows)) throw new RangeError(`Embedding: id ${id} outside 0..${this.L.value.rows - 1}`);
      out.data.set(this.L.value.rowView(id), k * D);
    }
    this.ids = ids;
    return out;
  }

  /** Accumulates ∂J/∂L from ∂J/∂output (same layout as forward's result). */
  backward(dy: Matrix): void {
    const ids = this.ids;
    if (!ids) throw new Error('Embedding.backward called before forward');
    const D = this.L.value.cols;
    const g = this.L.grad.data;
    for (let k = 0; k < ids.length; k++) {
      const o = ids[k]! * D;
      for (let j = 0; j < D; j++) g[o + j]! += dy.data[k * D + j]!;
    }
  }

  /** The trainable parameters: the lookup table L. */
  params(): Param[] {
    return [this.L];
  }
}
