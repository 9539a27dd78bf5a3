import { Matrix } from '../core/matrix.js';

/** A trainable tensor with its gradient. Weight matrices carry L2; biases do not. */
export interface Param {
  readonly name: string;
  readonly value: Matrix;
  readonly grad: Matrix;
  readonly regularize: boolean;
}

/** A named parameter with a zeroed gradient of its shape. */
export function makeParam(name: string, value: Matrix, regularize: boolean): Param {
  return { name, value, grad: new Matrix(value.rows, value.cols), regularize };
}
