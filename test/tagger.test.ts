import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Random, createMemory, gradcheckParams, instantiateKernels, kernelModule, oneHot, relaxedSimd } from '../src/index.js';
import { ReferenceTagger } from '../src/tagger/reference.js';
import { TaggerModel, DEFAULT_TAGGER_CONFIG } from '../src/tagger/model.js';
import { Lexicon, capsClass } from '../src/tagger/features.js';
import { chunks } from '../src/tagger/chunks.js';
import { conlleval } from '../src/tagger/conlleval.js';
import { assertGradOk, randomMatrix } from './helpers.js';

// two windows of 3 positions × 2 features; word 4 appears three times (twice in window 0)
const ids = [4, 1, 2, 0, 4, 3, /* window 1: */ 4, 2, 0, 0, 1, 1];

for (const sigmoid of [false, true]) {
  test(`window tagger gradient (${sigmoid ? 'sigmoid' : 'softmax'} output, L2 on W and U, ∂J/∂L through repeated words)`, () => {
    const rng = new Random(5);
    const net = new ReferenceTagger(3, [[6, 3], [4, 2]], 5, sigmoid ? 1 : 3, sigmoid);
    for (const p of net.params()) p.value.data.set(randomMatrix(p.value.rows, p.value.cols, rng, 0.5).data);
    const target = sigmoid ? Matrix.fromArray([[1], [0]]) : oneHot([2, 0], 3);
    const params = net.params();
    const report = gradcheckParams(
      () => net.lossAndGradient(ids, target, 0.1),
      params.map((p) => ({ name: p.name, value: p.value.data })),
      () => params.map((p) => p.grad.data),
    );
    assertGradOk(report);
    // the word row used three times gets a gradient; the unused row 5 gets none
    net.lossAndGradient(ids, target, 0.1);
    assert.ok(net.tables[0]!.L.grad.rowView(4).some((g) => g !== 0));
    assert.ok(net.tables[0]!.L.grad.rowView(5).every((g) => g === 0));
  });
}

for (const fused of relaxedSimd() ? [false, true] : [false]) {
  test(`the kernels' four-lane tanh agrees with float64 tanh to a few float32 ulps (${fused ? 'fused multiply-add' : 'plain SIMD'} build)`, () => {
    const k = instantiateKernels(kernelModule(false, fused), createMemory(1 << 16, false));
    for (let x = -12; x <= 12; x += 0.00731) {
      const want = Math.tanh(Math.fround(x)), got = k.tanhAt(x);
      assert.ok(Math.abs(got - want) <= 4e-7 * Math.max(Math.abs(want), 1e-3), `tanh(${x}) = ${got}, want ${want}`);
      assert.ok(Math.abs(got) <= 1);
    }
    assert.equal(k.tanhAt(0), 0);
    for (const x of [9, 30, 1e30]) {
      assert.ok(Math.abs(k.tanhAt(x) - 1) <= 3e-7, `tanh(${x}) saturates`);
      assert.equal(k.tanhAt(-x), -k.tanhAt(x));
    }
  });
}

// Shapes that reach every path of the blocked kernels: batches below 4 rows and with a remainder
// of 1–3 after blocks of four, H with 8-column strips and a 4-column tail, K = C·width with each
// remainder mod 4 (the 4-row, 2-row and 1-row steps of the backward pass), and tag counts below 4,
// a multiple of 4 and with a remainder (the output layer's four-tag tiles); tags 1 is the sigmoid output.
const KERNEL_SHAPES = [
  { batch: 2, window: 3, wordDim: 4, hidden: 8, tags: 3 }, // K = 30
  { batch: 7, window: 3, wordDim: 5, hidden: 12, tags: 9 }, // K = 33
  { batch: 9, window: 1, wordDim: 4, hidden: 20, tags: 4 }, // K = 10
  { batch: 6, window: 3, wordDim: 6, hidden: 4, tags: 6 }, // K = 36
  { batch: 5, window: 3, wordDim: 5, hidden: 12, tags: 1 }, // K = 33, one-vs-rest
];
for (const shape of KERNEL_SHAPES) {
  const sigmoid = shape.tags === 1;
  test(`the WebAssembly tagger step equals the float64 reference SGD step (batch ${shape.batch}, window ${shape.window}, hidden ${shape.hidden}, ${sigmoid ? 'sigmoid output' : `${shape.tags} tags`})`, () => {
    const lex = (n: number) => { const l = new Lexicon(); for (let i = 0; i < n; i++) l.add(`w${i}`); return l; };
    const config = {
      ...DEFAULT_TAGGER_CONFIG, window: shape.window, wordDim: shape.wordDim, capsDim: 2, affixDim: 2, hidden: shape.hidden, shapeDim: 0, decoder: 'window' as const,
      output: sigmoid ? 'sigmoid' as const : 'softmax' as const, entityType: 'X0',
    };
    const tags = ['O', ...Array.from({ length: Math.max(shape.tags, 3) - 1 }, (_, t) => `${t % 2 ? 'I' : 'B'}-X${t >> 1}`)];
    const model = new TaggerModel(config, lex(4), lex(3), lex(3), tags);
    model.initialize(new Random(9));
    const views = model.paramViews().map((p) => p.view);
    for (const v of views) for (let i = 0; i < v.length; i++) v[i] = Math.fround(v[i]! * 3); // larger values exercise tanh
    const before = views.map((v) => Float64Array.from(v));
    const rng = new Random(shape.batch);
    const sizes = model.tables.map((t) => t.lexiconSize);
    // repeated ids in one batch (small tables) check that the scatter adds every contribution
    const windows = Int32Array.from({ length: shape.batch * shape.window * 4 }, (_, q) => Math.floor(rng.next() * sizes[q % 4]!));
    const gold = Array.from({ length: shape.batch }, (_, i) => i % (sigmoid ? 2 : shape.tags));
    const labels = Int32Array.from(gold);
    const lr = 0.3, l2 = 0.01;
    const loss = model.trainWindows(windows, labels, shape.batch, lr, l2);

    const ref = new ReferenceTagger(shape.window, model.tables.map((t) => [t.lexiconSize, t.dim] as [number, number]), shape.hidden, shape.tags, sigmoid);
    const refParams = ref.params(); // tables, W, b1, U, b2: the kernel's layout order
    refParams.forEach((p, k) => p.value.data.set(before[k]!));
    const refLoss = ref.lossAndGradient(windows, sigmoid ? Matrix.fromArray(gold.map((g) => [g])) : oneHot(gold, shape.tags), l2);
    const penalty = (l2 / 2) * [ref.hidden.W, ref.output.W].reduce((s, p) => s + p.value.data.reduce((a, v) => a + v * v, 0), 0);
    assert.ok(Math.abs(loss - (refLoss - penalty)) < 1e-5, `loss ${loss} vs ${refLoss - penalty}`);
    let worst = 0;
    refParams.forEach((p, k) => {
      for (let i = 0; i < p.value.data.length; i++) {
        const expected = p.value.data[i]! - lr * p.grad.data[i]!;
        worst = Math.max(worst, Math.abs(views[k]![i]! - expected) / Math.max(1, Math.abs(expected)));
      }
    });
    assert.ok(worst < 1e-5, `worst relative difference ${worst}`);
    // and the forward pass alone: the kernel's probabilities against the reference's, on the updated parameters
    refParams.forEach((p, k) => p.value.data.set(Float64Array.from(views[k]!)));
    const probs = model.predictWindows(windows, shape.batch);
    const refProbs = ref.probabilities(windows);
    probs.forEach((v, i) => assert.ok(Math.abs(v - refProbs.data[i]!) < 1e-5, `p[${i}] ${v} vs ${refProbs.data[i]}`));
  });
}

test('capitalization classes', () => {
  assert.deepEqual(['paris', 'EU', 'Paris', 'McDonald', '1996', '-'].map(capsClass), [1, 2, 3, 4, 5, 5]);
});

test('chunks follow conlleval for IOB2 and IOB1', () => {
  assert.deepEqual(chunks(['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-ORG']).map((c) => [c.type, c.start, c.end]),
    [['PER', 0, 2], ['LOC', 3, 4], ['LOC', 4, 5], ['ORG', 5, 6]]);
  // IOB1: I- starts a chunk after O; B- only separates adjacent chunks of one type
  assert.deepEqual(chunks(['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC']).map((c) => [c.type, c.start, c.end]),
    [['PER', 0, 2], ['PER', 2, 3], ['LOC', 4, 5]]);
});

test('conlleval counts an entity only with the same span and type', () => {
  const gold = [['B-PER', 'I-PER', 'O', 'B-LOC'], ['B-ORG', 'O']];
  const pred = [['B-PER', 'O', 'O', 'B-LOC'], ['B-MISC', 'O']];
  const r = conlleval(gold, pred);
  assert.deepEqual([r.overall.gold, r.overall.predicted, r.overall.correct], [3, 3, 1]);
  assert.ok(Math.abs(r.overall.f1 - 1 / 3) < 1e-12);
  assert.equal(r.tokenAccuracy, 4 / 6);
  const loc = r.types.find((t) => t.type === 'LOC')!;
  assert.equal(loc.f1, 1);
});

test('one-thread tagger training with a seed is bit-identical run to run', async () => {
  const { trainTagger } = await import('../src/tagger/train.js');
  const sentences = Array.from({ length: 40 }, (_, i) => ({
    words: ['we', 'met', i % 2 ? 'John' : 'Mary', 'in', i % 3 ? 'Rome' : 'Oslo', '.'],
    tags: ['O', 'O', 'B-PER', 'O', 'B-LOC', 'O'],
    lines: [],
  }));
  for (const decoder of ['window', 'crf'] as const) {
    const config = { wordDim: 8, hidden: 8, capsDim: 2, affixDim: 2, decoder };
    const run = () => trainTagger(sentences, null, { config, epochs: 2, threads: 1, seed: 3, dropout: 0.5, wordDropout: 0.1, quiet: true });
    const a = await run(), b = await run();
    assert.equal(a.model.decoder, decoder);
    assert.deepEqual(Buffer.from(a.model.params().slice().buffer), Buffer.from(b.model.params().slice().buffer));
  }
});
