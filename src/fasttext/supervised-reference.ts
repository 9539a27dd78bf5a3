// fastText's supervised model in float64, one example at a time: the loss and its exact gradient
// for each of the four losses, to check by centred differences (test/supervised-reference.test.ts)
// and to check the float32 kernel (assembly/classifier.ts) against.

/** fastText's supervised losses (`-loss`). */
export type SupervisedLoss = 'softmax' | 'ns' | 'hs' | 'ova';

/** The parameters: the input matrix (rows × dim) and the output matrix (labels × dim), row-major. */
export interface SupervisedParams {
  dim: number;
  input: Float64Array;
  output: Float64Array;
}

/**
 * One example as the loss sees it: its input rows (a row listed twice counts twice in the mean),
 * the gold label trained (softmax, ns, hs), every gold label (ova), the negatives drawn (ns) and
 * the label's Huffman path (hs: inner-node rows of the output matrix and fastText's branch bits).
 */
export interface SupervisedExample {
  rows: readonly number[];
  target: number;
  labels?: readonly number[];
  negatives?: readonly number[];
  path?: { nodes: readonly number[]; codes: readonly number[] };
}

/** The loss of one example and its gradient with respect to both matrices (zero outside the rows it touches). */
export interface SupervisedGradient {
  loss: number;
  hidden: Float64Array;
  dInput: Float64Array;
  dOutput: Float64Array;
}

const sigma = (x: number): number => 1 / (1 + Math.exp(-x));
/** log σ(x), stable for large |x|. */
const logSigma = (x: number): number => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));

function dotRow(m: Float64Array, i: number, h: Float64Array): number {
  let s = 0;
  for (let j = 0; j < h.length; j++) s += m[i * h.length + j]! * h[j]!;
  return s;
}

/** The hidden vector: h = (1/n) Σ_r x_r. */
export function hiddenOf(p: SupervisedParams, rows: readonly number[]): Float64Array {
  const h = new Float64Array(p.dim);
  for (const r of rows) for (let j = 0; j < p.dim; j++) h[j] = h[j]! + p.input[r * p.dim + j]!;
  for (let j = 0; j < p.dim; j++) h[j] = h[j]! / rows.length;
  return h;
}

/** The (output row, positive) pairs of a binary-logistic loss: ns (target, then negatives), hs (the path), ova (every label). */
function binaryTerms(loss: Exclude<SupervisedLoss, 'softmax'>, ex: SupervisedExample, nlabels: number): [number, boolean][] {
  if (loss === 'ns') return [[ex.target, true], ...(ex.negatives ?? []).map((n): [number, boolean] => [n, false])];
  if (loss === 'hs') return ex.path!.nodes.map((n, d): [number, boolean] => [n, ex.path!.codes[d] === 1]);
  const gold = new Set(ex.labels ?? [ex.target]);
  return Array.from({ length: nlabels }, (_, i): [number, boolean] => [i, gold.has(i)]);
}

/** The loss of one example and its exact gradient, in float64. */
export function supervisedGradient(p: SupervisedParams, loss: SupervisedLoss, ex: SupervisedExample): SupervisedGradient {
  const { dim } = p, nlabels = p.output.length / dim;
  const h = hiddenOf(p, ex.rows);
  const dh = new Float64Array(dim), dInput = new Float64Array(p.input.length), dOutput = new Float64Array(p.output.length);
  let J = 0;
  if (loss === 'softmax') {
    const s = Array.from({ length: nlabels }, (_, i) => dotRow(p.output, i, h));
    const max = Math.max(...s);
    const z = s.reduce((a, x) => a + Math.exp(x - max), 0);
    J = -(s[ex.target]! - max - Math.log(z)); // J = −log softmax(Uh)_t
    for (let i = 0; i < nlabels; i++) {
      const g = Math.exp(s[i]! - max) / z - (i === ex.target ? 1 : 0); // ∂J/∂s_i = p_i − δ_it
      for (let j = 0; j < dim; j++) {
        dOutput[i * dim + j] = g * h[j]!; // ∂J/∂u_i = (p_i − δ_it) h
        dh[j] = dh[j]! + g * p.output[i * dim + j]!; // ∂J/∂h = Σ_i (p_i − δ_it) u_i
      }
    }
  } else {
    for (const [i, positive] of binaryTerms(loss, ex, nlabels)) {
      const s = dotRow(p.output, i, h), y = positive ? 1 : 0;
      J -= positive ? logSigma(s) : logSigma(-s); // J_i = −y log σ(s) − (1 − y) log σ(−s)
      const g = sigma(s) - y; // ∂J_i/∂s = σ(s) − y
      for (let j = 0; j < dim; j++) {
        dOutput[i * dim + j] = dOutput[i * dim + j]! + g * h[j]!; // ∂J_i/∂u_i = (σ(s) − y) h
        dh[j] = dh[j]! + g * p.output[i * dim + j]!; // ∂J_i/∂h = (σ(s) − y) u_i
      }
    }
  }
  for (const r of ex.rows) for (let j = 0; j < dim; j++) dInput[r * dim + j] = dInput[r * dim + j]! + dh[j]! / ex.rows.length; // ∂J/∂x_r = ∂J/∂h / n
  return { loss: J, hidden: h, dInput, dOutput };
}

/**
 * One SGD step as fastText takes it, in float64: the output rows move in turn (fastText's
 * `binaryLogistic` order, each term seeing the rows as the terms before left them, which is the
 * gradient step unless an ns draw repeats a label), the hidden gradient gathered on the way, then
 * every input row moves by it divided by the number of rows.
 */
export function supervisedStep(p: SupervisedParams, loss: SupervisedLoss, ex: SupervisedExample, lr: number): number {
  const { dim } = p, nlabels = p.output.length / dim;
  if (loss === 'softmax') {
    const g = supervisedGradient(p, loss, ex);
    for (let k = 0; k < p.input.length; k++) p.input[k] = p.input[k]! - lr * g.dInput[k]!;
    for (let k = 0; k < p.output.length; k++) p.output[k] = p.output[k]! - lr * g.dOutput[k]!;
    return g.loss;
  }
  const h = hiddenOf(p, ex.rows), dh = new Float64Array(dim);
  let J = 0;
  for (const [i, positive] of binaryTerms(loss, ex, nlabels)) {
    const s = dotRow(p.output, i, h), y = positive ? 1 : 0;
    J -= positive ? logSigma(s) : logSigma(-s);
    const g = sigma(s) - y;
    for (let j = 0; j < dim; j++) {
      dh[j] = dh[j]! + g * p.output[i * dim + j]!;
      p.output[i * dim + j] = p.output[i * dim + j]! - lr * g * h[j]!;
    }
  }
  for (const r of ex.rows) for (let j = 0; j < dim; j++) p.input[r * dim + j] = p.input[r * dim + j]! - (lr * dh[j]!) / ex.rows.length;
  return J;
}
