import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Affine, Embedding, Matrix, Random, SigmoidCrossEntropy, SoftmaxCrossEntropy, SquaredError,
  activationLayer, addL2Gradient, gradcheck, gradcheckParams, l2Penalty, makeParam, type Loss,
} from '../src/index.js';
import { assertGradOk, randomMatrix } from './helpers.js';

const rng = new Random(42);

/** Checks a layer by the scalar J = Σ (layer(x) ∘ R) for a fixed random R, for x and every param. */
function checkLayer(layer: { forward(x: Matrix): Matrix; backward(d: Matrix): Matrix; params(): ReturnType<Affine['params']> }, x: Matrix) {
  const R = randomMatrix(x.rows, layer.forward(x).cols, rng);
  const dx = new Matrix(x.rows, x.cols);
  const J = () => {
    for (const p of layer.params()) p.grad.fill(0);
    const y = layer.forward(x);
    let s = 0;
    for (let i = 0; i < y.data.length; i++) s += y.data[i]! * R.data[i]!;
    dx.data.set(layer.backward(R).data);
    return s;
  };
  const params = [{ name: 'x', value: x.data }, ...layer.params().map((p) => ({ name: p.name, value: p.value.data }))];
  return gradcheckParams(J, params, () => [dx.data, ...layer.params().map((p) => p.grad.data)]);
}

test('affine layer: dW = xᵀdz, db = Σdz, dx = dz Wᵀ', () => {
  const layer = new Affine(4, 3).initGlorot(rng);
  for (let i = 0; i < 3; i++) layer.b.value.data[i] = rng.normal();
  assertGradOk(checkLayer(layer, randomMatrix(5, 4, rng)));
});

for (const name of ['sigmoid', 'tanh', 'relu'] as const) {
  test(`${name} layer backward matches centred differences`, () => {
    const x = randomMatrix(3, 4, rng, 2);
    if (name === 'relu') for (let i = 0; i < x.data.length; i++) if (Math.abs(x.data[i]!) < 1e-3) x.data[i] = 0.5; // away from the kink
    assertGradOk(checkLayer(activationLayer(name), x));
  });
}

test('embedding lookup scatters gradients back, accumulating repeated indices', () => {
  const emb = new Embedding(5, 3);
  emb.L.value.data.set(randomMatrix(5, 3, rng).data);
  const ids = [1, 3, 1, 4, 1, 0]; // two rows of a 3-word window; word 1 three times
  const R = randomMatrix(2, 9, rng);
  const J = () => {
    emb.L.grad.fill(0);
    const y = emb.forward(ids, 3);
    let s = 0;
    for (let i = 0; i < y.data.length; i++) s += y.data[i]! * R.data[i]!;
    emb.backward(R);
    return s;
  };
  assertGradOk(gradcheckParams(J, [{ name: 'L', value: emb.L.value.data }], () => [emb.L.grad.data]));
  // row 2 (never looked up) gets nothing; row 1 gets three contributions
  J();
  assert.deepEqual([...emb.L.grad.data.subarray(6, 9)], [0, 0, 0]);
  const row1 = [0, 1, 2].map((j) => R.get(0, j) + R.get(0, 6 + j) + R.get(1, 3 + j));
  [0, 1, 2].forEach((j) => assert.ok(Math.abs(emb.L.grad.get(1, j) - row1[j]!) < 1e-12));
  assert.throws(() => emb.forward([7], 1), /outside/);
});

function checkLoss(loss: Loss, output: Matrix, target: Matrix) {
  return gradcheck((z) => {
    const r = loss.compute(new Matrix(output.rows, output.cols, z), target);
    return { loss: r.loss, grad: r.grad.data };
  }, output.data);
}

test('softmax cross-entropy gradient is (ŷ − y)/N', () => {
  const scores = randomMatrix(4, 5, rng, 3);
  const target = new Matrix(4, 5);
  [2, 0, 4, 2].forEach((c, i) => target.set(i, c, 1));
  assertGradOk(checkLoss(new SoftmaxCrossEntropy(), scores, target));
  const { grad } = new SoftmaxCrossEntropy().compute(Matrix.fromArray([[0, 0]]), Matrix.fromArray([[1, 0]]));
  assert.deepEqual(grad.toArray(), [[-0.5, 0.5]]);
});

test('sigmoid binary cross-entropy gradient is (ŷ − y)/N and the loss stays finite at large logits', () => {
  const logits = randomMatrix(6, 2, rng, 3);
  const target = Matrix.fromArray([[1, 0], [0, 0], [1, 1], [0, 1], [1, 0], [0, 1]]);
  assertGradOk(checkLoss(new SigmoidCrossEntropy(), logits, target));
  const far = new SigmoidCrossEntropy().compute(Matrix.fromArray([[-800]]), Matrix.fromArray([[1]]));
  assert.equal(far.loss, 800);
});

test('squared error ½‖y − ŷ‖² has gradient (ŷ − y)/N', () => {
  assertGradOk(checkLoss(new SquaredError(), randomMatrix(5, 3, rng), randomMatrix(5, 3, rng)));
});

test('L2 (λ/2)‖W‖² has gradient λW and skips biases', () => {
  const W = makeParam('W', randomMatrix(3, 2, rng), true);
  const b = makeParam('b', randomMatrix(1, 2, rng), false);
  const lambda = 0.3;
  const report = gradcheckParams(
    () => { W.grad.fill(0); b.grad.fill(0); addL2Gradient([W, b], lambda); return l2Penalty([W, b], lambda); },
    [{ name: 'W', value: W.value.data }, { name: 'b', value: b.value.data }],
    () => [W.grad.data, b.grad.data],
  );
  assertGradOk(report);
  assert.deepEqual([...b.grad.data], [0, 0]);
});

test('gradcheck reports a wrong gradient and where it is', () => {
  const x = Float64Array.from([1, 2, 3]);
  const report = gradcheck((v) => ({ loss: v[0]! ** 2 + v[1]! ** 3 + v[2]!, grad: [2 * v[0]!, 3 * v[1]! ** 2, 2] }), x);
  assert.equal(report.where, 'x');
  assert.equal(report.index, 2);
  assert.ok(report.maxRelativeError > 0.4);
  assert.deepEqual([...x], [1, 2, 3], 'x is restored');
});
