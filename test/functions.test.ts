import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, sigmoid, sigmoidGrad, softmax, tanh, tanhGrad } from '../src/index.js';
import { assertClose } from './helpers.js';

const A = [0.26894142, 0.73105858];

test('softmax of a row matches known values', () => {
  const out = softmax([[1, 2]]);
  assert.equal(out.length, 1);
  assertClose(out[0]!, A);
});

test('softmax is stable for large and very negative inputs (row max subtracted)', () => {
  const out = softmax([[1001, 1002], [3, 4]]);
  assertClose(out[0]!, A);
  assertClose(out[1]!, A);
  assertClose(softmax([[-1001, -1002]])[0]!, [A[1]!, A[0]!]);
  assert.ok(softmax([[1e308, -1e308, 0]])[0]!.every(Number.isFinite));
});

test('softmax accepts and returns a Matrix, and a single vector', () => {
  const m = softmax(Matrix.fromArray([[1, 2], [1001, 1002]]));
  assert.ok(m instanceof Matrix);
  assertClose(m.toArray()[1]!, A);
  assertClose(softmax([1, 2]), A);
});

test('sigmoid matches known values and is stable for large |z|', () => {
  const out = sigmoid([[1, 2], [-1, -2]]);
  assertClose(out[0]!, [0.73105858, 0.88079708]);
  assertClose(out[1]!, [0.26894142, 0.11920292]);
  assert.equal(sigmoid(1000), 1);
  assert.equal(sigmoid(-1000), 0);
  assert.ok(sigmoid(Matrix.fromArray([[0]])) instanceof Matrix);
});

test('sigmoidGrad and tanhGrad take the function output, as the seeds write them', () => {
  const s = sigmoid([0.3, -1.2]);
  assertClose(sigmoidGrad(s), s.map((v) => v * (1 - v)));
  assert.equal(sigmoidGrad(0.5), 0.25);
  const t = tanh([0.3, -1.2]);
  assertClose(tanhGrad(t), t.map((v) => 1 - v * v));
  // against centred differences of the function itself
  const h = 1e-6, z = 0.7;
  assert.ok(Math.abs(sigmoidGrad(sigmoid(z)) - (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)) < 1e-9);
  assert.ok(Math.abs(tanhGrad(tanh(z)) - (tanh(z + h) - tanh(z - h)) / (2 * h)) < 1e-9);
});

test('Matrix.fromArray / toArray round-trip and reject ragged rows', () => {
  const rows = [[1, 2, 3], [4, 5, 6]];
  assert.deepEqual(Matrix.fromArray(rows).toArray(), rows);
  assert.throws(() => Matrix.fromArray([[1, 2], [3]]), /row 1 has 1 values/);
});
