import { Matrix } from '../core/matrix.js';
import { addRowInPlace, matmul, matmulTransA, matmulTransB, sumRows } from '../core/linalg.js';
import type { Random } from '../core/random.js';
import type { Layer } from './layer.js';
import { makeParam, type Param } from './param.js';

/** z = xW + b with x N×in, W in×out, b 1×out (row-vector convention of seed 002). */
export class Affine implements Layer {
  readonly kind = 'affine';
  readonly W: Param;
  readonly b: Param;
  private x: Matrix | null = null;

  constructor(inputs: number, outputs: number, name = 'affine') {
    this.W = makeParam(`${name}.W`, new Matrix(inputs, outputs), true);
    this.b = makeParam(`${name}.b`, new Matrix(1, outputs), false);
  }

  /** Glorot/Xavier uniform: U(±√(6/(in+out))), scaled by `gain` (4 for sigmoid units). */
  initGlorot(rng: Random, gain = 1): this {
    const { rows, cols } = this.W.value;
    const r = gain * Math.sqrt(6 / (rows + cols));
    for (let i = 0; i < this.W.value.data.length; i++) this.W.value.data[i] = rng.uniform(-r, r);
    this.b.value.fill(0);
    return this;
  }

  forward(x: Matrix): Matrix {
    this.x = x;
    return addRowInPlace(matmul(x, this.W.value), this.b.value);
  }

  backward(dz: Matrix): Matrix {
    const x = this.x;
    if (!x) throw new Error('Affine.backward called before forward');
    const dW = matmulTransA(x, dz); // dW = xᵀ dz
    const db = sumRows(dz); // db = Σ_rows dz
    accumulate(this.W.grad, dW);
    accumulate(this.b.grad, db);
    return matmulTransB(dz, this.W.value); // dx = dz Wᵀ
  }

  params(): Param[] {
    return [this.W, this.b];
  }
}

function accumulate(into: Matrix, g: Matrix): void {
  for (let i = 0; i < into.data.length; i++) into.data[i]! += g.data[i]!;
}
