import { Matrix } from '../core/matrix.js';
import { sigmoidScalar } from '../core/sigmoid.js';
import type { Layer } from './layer.js';
import type { Param } from './param.js';

/**
 * An elementwise nonlinearity whose derivative is written in terms of its output y
 * (sigmoid: y(1 − y), seed 001 eq. 7; tanh: 1 − y², seed 000 eq. 5) or its input.
 */
export class Activation implements Layer {
  private y: Matrix | null = null;
  private x: Matrix | null = null;

  constructor(
    readonly kind: ActivationName,
    private readonly f: (x: number) => number,
    private readonly dfdx: (y: number, x: number) => number,
  ) {}

  forward(x: Matrix): Matrix {
    const y = new Matrix(x.rows, x.cols);
    for (let i = 0; i < x.data.length; i++) y.data[i] = this.f(x.data[i]!);
    this.x = x;
    this.y = y;
    return y;
  }

  backward(dy: Matrix): Matrix {
    const { x, y } = this;
    if (!x || !y) throw new Error(`${this.kind}.backward called before forward`);
    const dx = new Matrix(dy.rows, dy.cols);
    for (let i = 0; i < dy.data.length; i++) dx.data[i] = dy.data[i]! * this.dfdx(y.data[i]!, x.data[i]!);
    return dx;
  }

  params(): Param[] {
    return [];
  }
}

/** The names of the activation functions. */
export type ActivationName = 'sigmoid' | 'tanh' | 'relu';
/** Every ActivationName. */
export const ACTIVATIONS: readonly ActivationName[] = ['sigmoid', 'tanh', 'relu'];

/** σ layer: dσ/dz = y(1 − y). */
export const sigmoidLayer = (): Activation => new Activation('sigmoid', sigmoidScalar, (y) => y * (1 - y));
/** tanh layer: dtanh/dz = 1 − y². */
export const tanhLayer = (): Activation => new Activation('tanh', Math.tanh, (y) => 1 - y * y);
/** ReLU layer: 1 where the input is positive. */
export const reluLayer = (): Activation => new Activation('relu', (x) => (x > 0 ? x : 0), (_y, x) => (x > 0 ? 1 : 0));

/** The activation layer of a name (sigmoid, tanh, relu). */
export function activationLayer(name: ActivationName): Activation {
  switch (name) {
    case 'sigmoid': return sigmoidLayer();
    case 'tanh': return tanhLayer();
    case 'relu': return reluLayer();
  }
}
