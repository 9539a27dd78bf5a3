// The gradient checks the panel offers: each builds a small float64 problem from lexnet's layers,
// costs and reference models, with a loss function that writes its analytic gradients.
import {
  Affine, Matrix, Random, ReferenceTagger, SigmoidCrossEntropy, SoftmaxCrossEntropy, activationLayer, buildHuffman,
  cbow, hierarchicalSoftmaxCost, negativeSamplingCost, oneHot, skipgram, softmaxCost,
  type NamedVector, type Word2vecCost,
} from 'lexnet';

/** A problem to check: named parameter arrays, the loss (which also writes the gradients), and the gradients. */
export interface CheckProblem {
  params: NamedVector[];
  loss: () => number;
  grads: () => ArrayLike<number>[];
}

/** One entry of the panel's menu. */
export interface GradientCheck {
  id: string;
  label: string;
  build: () => CheckProblem;
}

function randomMatrix(rows: number, cols: number, rng: Random, scale = 1): Matrix {
  const m = new Matrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = scale * rng.normal();
  return m;
}

/** A loss of the scores (softmax or sigmoid cross-entropy): the gradient with respect to the scores. */
function lossProblem(loss: SoftmaxCrossEntropy | SigmoidCrossEntropy, scores: Matrix, target: Matrix): CheckProblem {
  let grad = new Float64Array(scores.data.length);
  return {
    params: [{ name: 'scores', value: scores.data }],
    loss: () => {
      const r = loss.compute(scores, target);
      grad = Float64Array.from(r.grad.data);
      return r.loss;
    },
    grads: () => [grad],
  };
}

/** A layer checked by J = Σ layer(x) ∘ R for a fixed random R: the gradients into x and every parameter. */
function layerProblem(layer: { forward(x: Matrix): Matrix; backward(d: Matrix): Matrix; params(): { name: string; value: Matrix; grad: Matrix }[] }, x: Matrix, rng: Random): CheckProblem {
  const R = randomMatrix(x.rows, layer.forward(x).cols, rng);
  const dx = new Float64Array(x.data.length);
  return {
    params: [{ name: 'x', value: x.data }, ...layer.params().map((p) => ({ name: p.name, value: p.value.data }))],
    loss: () => {
      for (const p of layer.params()) p.grad.fill(0);
      const y = layer.forward(x);
      let s = 0;
      for (let i = 0; i < y.data.length; i++) s += y.data[i]! * R.data[i]!;
      dx.set(layer.backward(R).data);
      return s;
    },
    grads: () => [dx, ...layer.params().map((p) => p.grad.data)],
  };
}

/** A word2vec model (skip-gram or CBOW) on one window of a 6-word vocabulary with 4-dim vectors. */
function word2vecProblem(model: 'skipgram' | 'cbow', cost: (rng: Random) => Word2vecCost): CheckProblem {
  const rng = new Random(31415);
  const input = randomMatrix(6, 4, rng, 0.5), output = randomMatrix(6, 4, rng, 0.5);
  const c = cost(rng);
  let last = { gradInput: new Matrix(6, 4), gradOutput: new Matrix(6, 4) };
  const run = () => (model === 'skipgram' ? skipgram(2, [1, 3, 1, 0], input, output, c) : cbow([1, 3, 1, 4], 2, input, output, c));
  return {
    params: [{ name: 'V', value: input.data }, { name: 'U', value: output.data }],
    loss: () => {
      const r = run();
      last = r;
      return r.loss;
    },
    grads: () => [last.gradInput.data, last.gradOutput.data],
  };
}

// fixed negatives per prediction, with a repeat (index 2 twice) so that accumulation is checked
const NEGATIVES = [[2, 2, 4], [1, 5, 0], [4, 0, 5], [5, 1, 1]];
const negative = (): Word2vecCost => negativeSamplingCost((_t, pair) => NEGATIVES[pair % NEGATIVES.length]!);
const hierarchical = (): Word2vecCost => hierarchicalSoftmaxCost(buildHuffman([9, 7, 5, 4, 3, 1]));

/** The window tagger (3-word windows, word and caps features, tanh hidden layer, L2 on W and U), gradients into the tables L. */
function taggerProblem(sigmoidOutput: boolean): CheckProblem {
  const rng = new Random(5);
  const net = new ReferenceTagger(3, [[6, 3], [4, 2]], 5, sigmoidOutput ? 1 : 3, sigmoidOutput);
  for (const p of net.params()) p.value.data.set(randomMatrix(p.value.rows, p.value.cols, rng, 0.5).data);
  // two windows × 3 positions × 2 features; word 4 appears three times
  const ids = [4, 1, 2, 0, 4, 3, 4, 2, 0, 0, 1, 1];
  const target = sigmoidOutput ? Matrix.fromArray([[1], [0]]) : oneHot([2, 0], 3);
  const params = net.params();
  return {
    params: params.map((p) => ({ name: p.name, value: p.value.data })),
    loss: () => net.lossAndGradient(ids, target, 0.1),
    grads: () => params.map((p) => p.grad.data),
  };
}

export const GRADIENT_CHECKS: GradientCheck[] = [
  {
    id: 'softmax-ce', label: 'Softmax cross-entropy (∂J/∂scores = (ŷ − y)/N)',
    build: () => {
      const rng = new Random(42);
      return lossProblem(new SoftmaxCrossEntropy(), randomMatrix(4, 5, rng, 1.5), oneHot([2, 0, 4, 2], 5));
    },
  },
  {
    id: 'sigmoid-ce', label: 'Sigmoid cross-entropy',
    build: () => {
      const rng = new Random(43);
      return lossProblem(new SigmoidCrossEntropy(), randomMatrix(4, 2, rng, 1.5), Matrix.fromArray([[1, 0], [0, 0], [1, 1], [0, 1]]));
    },
  },
  { id: 'sigmoid', label: 'Sigmoid layer', build: () => { const rng = new Random(7); return layerProblem(activationLayer('sigmoid'), randomMatrix(3, 4, rng, 2), rng); } },
  { id: 'tanh', label: 'Tanh layer', build: () => { const rng = new Random(8); return layerProblem(activationLayer('tanh'), randomMatrix(3, 4, rng, 2), rng); } },
  {
    id: 'affine', label: 'Affine layer (xW + b)',
    build: () => {
      const rng = new Random(9);
      const layer = new Affine(4, 3).initGlorot(rng);
      for (let i = 0; i < 3; i++) layer.b.value.data[i] = rng.normal();
      return layerProblem(layer, randomMatrix(5, 4, rng), rng);
    },
  },
  { id: 'sg-softmax', label: 'word2vec skip-gram, softmax (V: input, U: output vectors)', build: () => word2vecProblem('skipgram', () => softmaxCost) },
  { id: 'sg-negative', label: 'word2vec skip-gram, negative sampling', build: () => word2vecProblem('skipgram', negative) },
  { id: 'sg-hierarchical', label: 'word2vec skip-gram, hierarchical softmax', build: () => word2vecProblem('skipgram', hierarchical) },
  { id: 'cbow-negative', label: 'word2vec CBOW, negative sampling', build: () => word2vecProblem('cbow', negative) },
  { id: 'tagger', label: 'Window tagger (softmax output, into L, W, U)', build: () => taggerProblem(false) },
  { id: 'tagger-sigmoid', label: 'Window tagger (sigmoid output)', build: () => taggerProblem(true) },
];
