import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Matrix, Random, fit, logisticRegression, mlpClassifier, mlpRegressor, oneHot, parameterCount,
  sigmoid, softmax, softmaxRegression, type Affine,
} from '../src/index.js';
import { assertClose, assertGradOk, checkNetwork, randomMatrix } from './helpers.js';

const rng = new Random(7);
const x = randomMatrix(6, 4, rng);
const labels = [0, 2, 1, 2, 0, 1];

test('logistic regression gradients, cross-entropy and squared error, with L2', () => {
  const y = new Matrix(6, 1, Float64Array.from([1, 0, 1, 1, 0, 0]));
  assertGradOk(checkNetwork(logisticRegression(4, 'cross-entropy', new Random(1)), x, y, 0.1));
  assertGradOk(checkNetwork(logisticRegression(4, 'squared-error', new Random(2)), x, y, 0.1));
});

test('softmax regression gradient with L2', () => {
  assertGradOk(checkNetwork(softmaxRegression(4, 3, new Random(3)), x, oneHot(labels, 3), 0.05));
});

for (const act of ['sigmoid', 'tanh', 'relu'] as const) {
  test(`MLP classifier (${act}, two hidden layers) gradient`, () => {
    assertGradOk(checkNetwork(mlpClassifier(4, [5, 3], 3, act, new Random(4)), x, oneHot(labels, 3), 0.01));
  });
}

test('network regressor (sigmoid hidden, linear output, squared error) gradient', () => {
  assertGradOk(checkNetwork(mlpRegressor(4, [5], 2, 'sigmoid', new Random(5)), x, randomMatrix(6, 2, rng), 0.01));
});

test('two-class softmax equals logistic regression with θ = θ1 − θ2', () => {
  const net = softmaxRegression(4, 2, new Random(9));
  const layer = net.layers[0] as Affine;
  const W = layer.W.value, b = layer.b.value;
  for (let i = 0; i < 2; i++) b.data[i] = rng.normal();
  const p = softmax(net.forward(x));
  for (let i = 0; i < x.rows; i++) {
    let z = b.data[0]! - b.data[1]!;
    for (let j = 0; j < 4; j++) z += x.get(i, j) * (W.get(j, 0) - W.get(j, 1));
    assert.ok(Math.abs(p.get(i, 0) - sigmoid(z)) < 1e-12);
  }
});

test('parameter count is (Dx+1)H + (H+1)Dy for one hidden layer', () => {
  assert.equal(parameterCount([10, 5, 3]), 11 * 5 + 6 * 3);
  const net = mlpClassifier(10, [5], 3);
  assert.equal(net.params().reduce((s, p) => s + p.value.data.length, 0), parameterCount([10, 5, 3]));
});

test('training separates two blobs, and the same seed gives bit-identical weights', async () => {
  const r = new Random(11);
  const n = 200;
  const X = new Matrix(n, 2), y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    X.set(i, 0, r.normal() + (y[i] ? 2 : -2));
    X.set(i, 1, r.normal());
  }
  const run = async () => {
    const net = mlpClassifier(2, [8], 2, 'tanh', new Random(3));
    const res = await fit(net, X, oneHot(y, 2), { epochs: 20, learningRate: 0.01, seed: 5, quiet: true });
    return { net, res };
  };
  const a = await run(), b = await run();
  assert.ok(a.res.history.at(-1)!.loss < a.res.history[0]!.loss / 2);
  assertClose(a.net.params()[0]!.value.data, b.net.params()[0]!.value.data, 0);
  const p = a.net.predict(X);
  let ok = 0;
  for (let i = 0; i < n; i++) if ((p.get(i, 1) > 0.5 ? 1 : 0) === y[i]) ok++;
  assert.ok(ok / n > 0.95);
});

test('a diverging run stops with a message naming the epoch and suggesting a smaller learning rate', async () => {
  const net = mlpRegressor(4, [5], 1, 'relu', new Random(1));
  const yBig = randomMatrix(6, 1, rng, 1e6);
  await assert.rejects(
    () => fit(net, x, yBig, { epochs: 50, learningRate: 10, optimizer: 'sgd', quiet: true }),
    /diverged at epoch \d+.*smaller learningRate/,
  );
});

test('early stopping restores the best validation weights', async () => {
  const net = mlpClassifier(4, [16], 3, 'relu', new Random(2));
  const val = { x: randomMatrix(6, 4, rng), target: oneHot([1, 0, 2, 1, 0, 2], 3) };
  const res = await fit(net, x, oneHot(labels, 3), { epochs: 200, learningRate: 0.05, validation: val, patience: 5, quiet: true });
  assert.ok(res.stoppedEarly);
  const best = Math.min(...res.history.map((h) => h.validationLoss!));
  assert.equal(res.history[res.bestEpoch - 1]!.validationLoss, best);
});
