// Gradient checks of the word2vec costs and models on a tiny vocabulary (5 words, 3-dim
// vectors, random contexts), as CS224n's test_word2vec does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Matrix, Random, cbow, gradcheckParams, hierarchicalSoftmaxCost, negativeSamplingCost, negativeSamplingLossAndGradient,
  skipgram, softmaxCost, softmaxLossAndGradient, buildHuffman, type Word2vecCost,
} from '../src/index.js';
import { assertGradOk, randomMatrix } from './helpers.js';

const V = 5, d = 3;
const rng = new Random(31415);
const inputVectors = randomMatrix(V, d, rng, 0.5);
const outputVectors = randomMatrix(V, d, rng, 0.5);
// fixed negatives per prediction, with a repeat (index 2 twice) to check accumulation
const negatives = [[2, 2, 4], [1, 3, 0], [4, 0, 3], [3, 1, 1]];
const huffman = buildHuffman([9, 7, 4, 3, 1]);

const costs: [string, Word2vecCost][] = [
  ['softmax', softmaxCost],
  ['negative sampling', negativeSamplingCost((_t, pair) => negatives[pair % negatives.length]!)],
  ['hierarchical softmax', hierarchicalSoftmaxCost(huffman)],
];

function checkModel(run: () => { loss: number; gradInput: Matrix; gradOutput: Matrix }) {
  let last = run();
  return gradcheckParams(
    () => (last = run()).loss,
    [{ name: 'input vectors', value: inputVectors.data }, { name: 'output vectors', value: outputVectors.data }],
    () => [last.gradInput.data, last.gradOutput.data],
  );
}

for (const [name, cost] of costs) {
  test(`skip-gram with the ${name} cost: centre and output vector gradients`, () => {
    assertGradOk(checkModel(() => skipgram(2, [1, 3, 1, 0], inputVectors, outputVectors, cost)));
  });
  test(`CBOW with the ${name} cost: context and output vector gradients`, () => {
    assertGradOk(checkModel(() => cbow([1, 3, 1, 4], 2, inputVectors, outputVectors, cost)));
  });
}

test('softmaxLossAndGradient: −u_o + Σ P(k|r̂)u_k for the predicted vector', () => {
  const r = [0.3, -0.2, 0.5];
  const { loss, gradPredicted, gradOutput } = softmaxLossAndGradient(r, 1, outputVectors.toArray());
  const scores = outputVectors.toArray().map((u) => u.reduce((s, v, j) => s + v * r[j]!, 0));
  const z = scores.reduce((s, v) => s + Math.exp(v), 0);
  const p = scores.map((v) => Math.exp(v) / z);
  assert.ok(Math.abs(loss + Math.log(p[1]!)) < 1e-12);
  for (let j = 0; j < d; j++) {
    const expected = -outputVectors.get(1, j) + p.reduce((s, pk, k) => s + pk * outputVectors.get(k, j), 0);
    assert.ok(Math.abs(gradPredicted[j]! - expected) < 1e-12);
  }
  assert.equal(gradOutput.rows, V);
});

test('negativeSamplingLossAndGradient: (σ(u_oᵀr̂) − 1)u_o + Σ σ(u_kᵀr̂)u_k, repeated negatives accumulate', () => {
  const r = Float64Array.from([0.1, 0.4, -0.3]);
  const once = negativeSamplingLossAndGradient(r, 0, outputVectors, [2]);
  const twice = negativeSamplingLossAndGradient(r, 0, outputVectors, [2, 2]);
  const zero = negativeSamplingLossAndGradient(r, 0, outputVectors, []);
  for (let j = 0; j < d; j++) {
    const g2 = once.gradOutput.get(2, j);
    assert.ok(Math.abs(twice.gradOutput.get(2, j) - 2 * g2) < 1e-12);
    assert.ok(Math.abs(twice.gradPredicted[j]! - zero.gradPredicted[j]! - 2 * (once.gradPredicted[j]! - zero.gradPredicted[j]!)) < 1e-12);
  }
});

test('Huffman codes are prefix-free, and frequent words get the shorter codes', () => {
  const counts = [50, 30, 10, 6, 3, 1];
  const h = buildHuffman(counts);
  const code = (w: number) => Array.from(h.codes.subarray(w * 40, w * 40 + h.lengths[w]!)).join('');
  const all = counts.map((_, w) => code(w));
  for (let a = 0; a < all.length; a++) for (let b = 0; b < all.length; b++) if (a !== b) assert.ok(!all[b]!.startsWith(all[a]!));
  assert.ok(h.lengths[0]! <= h.lengths[5]!);
  for (let w = 0; w < counts.length; w++) for (let k = 0; k < h.lengths[w]!; k++) {
    const node = h.points[w * 40 + k]!;
    assert.ok(node >= 0 && node < counts.length - 1, `inner node ${node}`);
  }
});
