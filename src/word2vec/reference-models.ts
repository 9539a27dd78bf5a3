import { Matrix } from '../core/matrix.js';
import type { Word2vecCost } from './costs.js';

/** Loss and gradients of a word2vec model for one window (float64 reference path). */
export interface WindowResult {
  loss: number;
  gradInput: Matrix;
  gradOutput: Matrix;
}

function accumulate(into: Matrix, g: Matrix): void {
  for (let i = 0; i < into.data.length; i++) into.data[i]! += g.data[i]!;
}

/**
 * Skip-gram: the centre word's input vector v_c predicts each context word;
 * J = Σ_{o ∈ context} cost(v_c, o, U).
 */
export function skipgram(centre: number, context: readonly number[], inputVectors: Matrix, outputVectors: Matrix, cost: Word2vecCost): WindowResult {
  const gradInput = new Matrix(inputVectors.rows, inputVectors.cols);
  const gradOutput = new Matrix(outputVectors.rows, outputVectors.cols);
  const v = inputVectors.rowView(centre);
  let loss = 0;
  context.forEach((o, pair) => {
    const r = cost(v, o, outputVectors, pair);
    loss += r.loss;
    const g = gradInput.rowView(centre);
    for (let j = 0; j < g.length; j++) g[j]! += r.gradPredicted[j]!;
    accumulate(gradOutput, r.gradOutput);
  });
  return { loss, gradInput, gradOutput };
}

/**
 * CBOW: the mean of the context words' input vectors, r̂ = (1/n)Σ v_o, predicts the centre
 * word; J = cost(r̂, c, U) and each context vector receives (1/n)∂J/∂r̂ (repeats accumulate).
 */
export function cbow(context: readonly number[], centre: number, inputVectors: Matrix, outputVectors: Matrix, cost: Word2vecCost): WindowResult {
  const d = inputVectors.cols, n = context.length;
  const r = new Float64Array(d);
  for (const o of context) {
    const v = inputVectors.rowView(o);
    for (let j = 0; j < d; j++) r[j]! += v[j]! / n;
  }
  const res = cost(r, centre, outputVectors, 0);
  const gradInput = new Matrix(inputVectors.rows, d);
  for (const o of context) {
    const g = gradInput.rowView(o);
    for (let j = 0; j < d; j++) g[j]! += res.gradPredicted[j]! / n;
  }
  return { loss: res.loss, gradInput, gradOutput: res.gradOutput };
}
