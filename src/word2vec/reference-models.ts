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

/**
 * fastText's subword input layer (Bojanowski et al. 2017): word w is the set G_w of input rows
 * (its own row, then one row per character n-gram bucket, repeats kept) and its input vector is
 * their mean, h = (1/|G_w|) Σ_{g ∈ G_w} z_g.
 *
 * Gradient: ∂h/∂z_g = (m_g/|G_w|) I, where m_g counts g's occurrences in G_w, so for any cost
 * J(h), ∂J/∂z_g = (m_g/|G_w|) ∂J/∂h: each occurrence of a row receives the input gradient
 * scaled by 1/|G_w|. (fastText's unsupervised models add ∂J/∂h to each row unscaled, a step
 * |G_w| times the gradient's on each row; its supervised models scale by 1/|G_w| as here:
 * `Model::update` multiplies by 1/|input| only when `normalizeGradient_`, set for `sup`. The
 * kernels follow fastText for skipgram and cbow — unscaled, the mean h itself moves by the whole
 * input step, α ∂J/∂h, as a plain word vector would; scaled, h moves by 1/|G_w| of it, about a
 * tenth with n-grams of 3 … 6 characters, and on Brown analogy accuracy fell from 49 % to 9.9 %.)
 */
function meanOfRows(rows: readonly number[], inputVectors: Matrix): Float64Array {
  const d = inputVectors.cols, h = new Float64Array(d);
  for (const g of rows) {
    const z = inputVectors.rowView(g);
    for (let j = 0; j < d; j++) h[j]! += z[j]! / rows.length;
  }
  return h;
}

/** Adds (1/|rows|)·grad to each of the rows (repeats accumulate): ∂J/∂z_g from ∂J/∂h. */
function spreadOverRows(rows: readonly number[], grad: ArrayLike<number>, into: Matrix): void {
  for (const g of rows) {
    const r = into.rowView(g);
    for (let j = 0; j < r.length; j++) r[j]! += grad[j]! / rows.length;
  }
}

/**
 * Skip-gram with subwords: the centre word's input vector is the mean of its rows,
 * h = (1/|G_c|) Σ_{g ∈ G_c} z_g, and predicts each context word: J = Σ_o cost(h, o, U).
 * ∂J/∂z_g = (1/|G_c|) Σ_o ∂cost_o/∂h per occurrence of g; ∂J/∂U as in skip-gram.
 */
export function subwordSkipgram(centreRows: readonly number[], context: readonly number[], inputVectors: Matrix, outputVectors: Matrix, cost: Word2vecCost): WindowResult {
  const gradInput = new Matrix(inputVectors.rows, inputVectors.cols);
  const gradOutput = new Matrix(outputVectors.rows, outputVectors.cols);
  const h = meanOfRows(centreRows, inputVectors);
  let loss = 0;
  context.forEach((o, pair) => {
    const r = cost(h, o, outputVectors, pair);
    loss += r.loss;
    spreadOverRows(centreRows, r.gradPredicted, gradInput);
    accumulate(gradOutput, r.gradOutput);
  });
  return { loss, gradInput, gradOutput };
}

/**
 * CBOW with subwords, as fastText's `cbow`: the rows of all context words are pooled into one
 * bag B = G_{o1} ⊎ G_{o2} ⊎ … and h = (1/|B|) Σ_{g ∈ B} z_g (the mean of every n-gram row, not
 * the mean of the words' means) predicts the centre word: J = cost(h, c, U), and each
 * occurrence of a row in B receives (1/|B|) ∂J/∂h.
 */
export function subwordCbow(contextRows: readonly (readonly number[])[], centre: number, inputVectors: Matrix, outputVectors: Matrix, cost: Word2vecCost): WindowResult {
  const bag = contextRows.flat();
  const res = cost(meanOfRows(bag, inputVectors), centre, outputVectors, 0);
  const gradInput = new Matrix(inputVectors.rows, inputVectors.cols);
  spreadOverRows(bag, res.gradPredicted, gradInput);
  return { loss: res.loss, gradInput, gradOutput: res.gradOutput };
}
