import { asMatrix, Matrix, type MatrixLike } from '../core/matrix.js';
import { logSigmoid, sigmoidScalar } from '../core/sigmoid.js';
import { softmaxInto } from '../core/softmax.js';

/** What every word2vec cost returns (float64 reference path). */
export interface CostResult {
  loss: number;
  /** ∂J/∂r̂: gradient for the predicted (centre, or averaged context) vector. */
  gradPredicted: Float64Array;
  /** ∂J/∂U: gradient for every output vector (rows of the output matrix). */
  gradOutput: Matrix;
}

/**
 * A word2vec cost: the loss of predicting `target` from the vector r̂ with output vectors U.
 * The costs are interchangeable behind this one signature, as the seeds derive them;
 * `pair` numbers the prediction within a window (negative sampling uses it to pick its samples).
 */
export type Word2vecCost = (predicted: Float64Array, target: number, outputVectors: Matrix, pair: number) => CostResult;

const vec = (v: ArrayLike<number>): Float64Array => (v instanceof Float64Array ? v : Float64Array.from(v));

/**
 * Full softmax: J = −log P(target | r̂), P(k | r̂) = softmax(U r̂)_k.
 * ∂J/∂r̂ = −u_target + Σ_k P(k|r̂) u_k; ∂J/∂u_k = (P(k|r̂) − δ_k,target) r̂.
 */
export function softmaxLossAndGradient(predicted: ArrayLike<number>, target: number, outputVectors: MatrixLike): CostResult {
  const r = vec(predicted), U = asMatrix(outputVectors);
  const V = U.rows, d = U.cols;
  const scores = new Float64Array(V);
  for (let k = 0; k < V; k++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += U.data[k * d + j]! * r[j]!;
    scores[k] = s;
  }
  const p = new Float64Array(V);
  softmaxInto(scores, 1, V, p);
  const gradPredicted = new Float64Array(d);
  const gradOutput = new Matrix(V, d);
  for (let k = 0; k < V; k++) {
    const delta = p[k]! - (k === target ? 1 : 0); // ŷ − y
    for (let j = 0; j < d; j++) {
      gradPredicted[j]! += delta * U.data[k * d + j]!;
      gradOutput.data[k * d + j] = delta * r[j]!;
    }
  }
  return { loss: -Math.log(p[target]!), gradPredicted, gradOutput };
}

/**
 * Negative sampling: J = −log σ(u_targetᵀ r̂) − Σ_k log σ(−u_kᵀ r̂) over the negative indices.
 * ∂J/∂r̂ = (σ(u_targetᵀr̂) − 1) u_target + Σ_k σ(u_kᵀr̂) u_k; ∂J/∂u_target = (σ(u_targetᵀr̂) − 1) r̂;
 * ∂J/∂u_k = σ(u_kᵀr̂) r̂, accumulated when a negative index repeats.
 */
export function negativeSamplingLossAndGradient(
  predicted: ArrayLike<number>, target: number, outputVectors: MatrixLike, negativeIndices: ArrayLike<number>,
): CostResult {
  const r = vec(predicted), U = asMatrix(outputVectors);
  const d = U.cols;
  const gradPredicted = new Float64Array(d);
  const gradOutput = new Matrix(U.rows, d);
  let loss = logisticTerm(r, U, target, 1, gradPredicted, gradOutput);
  for (let i = 0; i < negativeIndices.length; i++) loss += logisticTerm(r, U, negativeIndices[i]!, -1, gradPredicted, gradOutput);
  return { loss, gradPredicted, gradOutput };
}

/**
 * Hierarchical softmax: J = −Σ_d log σ((1 − 2c_d) u_{n_d}ᵀ r̂) along the Huffman path of the
 * target (inner nodes n_d, code bits c_d); U holds the inner-node vectors.
 */
export function hierarchicalSoftmaxLossAndGradient(
  predicted: ArrayLike<number>, nodes: ArrayLike<number>, codes: ArrayLike<number>, innerVectors: MatrixLike,
): CostResult {
  const r = vec(predicted), U = asMatrix(innerVectors);
  const d = U.cols;
  const gradPredicted = new Float64Array(d);
  const gradOutput = new Matrix(U.rows, d);
  let loss = 0;
  for (let i = 0; i < nodes.length; i++) loss += logisticTerm(r, U, nodes[i]!, codes[i] ? -1 : 1, gradPredicted, gradOutput);
  return { loss, gradPredicted, gradOutput };
}

/**
 * One logistic term −log σ(sign·u_kᵀr̂) of negative sampling and hierarchical softmax: adds its
 * gradients (d/dz = −sign·σ(−sign·z)) for r̂ and u_k into the accumulators and returns the loss.
 */
function logisticTerm(r: Float64Array, U: Matrix, k: number, sign: 1 | -1, gradPredicted: Float64Array, gradOutput: Matrix): number {
  const d = U.cols;
  let z = 0;
  for (let j = 0; j < d; j++) z += U.data[k * d + j]! * r[j]!;
  const g = -sign * sigmoidScalar(-sign * z);
  for (let j = 0; j < d; j++) {
    gradPredicted[j]! += g * U.data[k * d + j]!;
    gradOutput.data[k * d + j]! += g * r[j]!;
  }
  return -logSigmoid(sign * z);
}

/** The softmax cost as a Word2vecCost. */
export const softmaxCost: Word2vecCost = (r, target, U) => softmaxLossAndGradient(r, target, U);

/** The negative-sampling cost, with the negatives of each prediction chosen by `negativesFor`. */
export function negativeSamplingCost(negativesFor: (target: number, pair: number) => ArrayLike<number>): Word2vecCost {
  return (r, target, U, pair) => negativeSamplingLossAndGradient(r, target, U, negativesFor(target, pair));
}

/** The hierarchical-softmax cost for Huffman codes laid out as `buildHuffman` makes them. */
export function hierarchicalSoftmaxCost(codes: { codes: Uint8Array; points: Int32Array; lengths: Int32Array }, maxCodeLength = 40): Word2vecCost {
  return (r, target, U) => {
    const o = target * maxCodeLength, len = codes.lengths[target]!;
    return hierarchicalSoftmaxLossAndGradient(r, codes.points.subarray(o, o + len), codes.codes.subarray(o, o + len), U);
  };
}
