import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Random, gradcheckParams } from '../src/index.js';
import { crfLossAndGradient, crfLossAndGradientLog, logPartition, pathScore } from '../src/tagger/crf.js';
import { trainClaimedSentences } from '../src/tagger/crf-epoch.js';
import type { SharedTrainingData, EpochSettings } from '../src/tagger/epoch.js';
import { Lexicon } from '../src/tagger/features.js';
import { DEFAULT_TAGGER_CONFIG, TaggerModel } from '../src/tagger/model.js';
import { ReferenceTagger } from '../src/tagger/reference.js';
import { FORBIDDEN, iob2Forbidden, isIob2 } from '../src/tagger/transition-constraints.js';
import { viterbi } from '../src/tagger/viterbi.js';
import { wordShape } from '../src/tagger/word-shape.js';
import { assertGradOk } from './helpers.js';

const random = (n: number, rng: Random, scale = 1): Float64Array => Float64Array.from({ length: n }, () => scale * (2 * rng.next() - 1));

/** Every tag path of length n over T tags. */
function* paths(n: number, T: number): Generator<number[]> {
  const y = new Array<number>(n).fill(0);
  for (;;) {
    yield [...y];
    let t = n - 1;
    while (t >= 0 && ++y[t]! === T) y[t--] = 0;
    if (t < 0) return;
  }
}

test('the forward algorithm equals the sum over every tag path, and Viterbi finds the best one', () => {
  const rng = new Random(3);
  for (const [n, T] of [[1, 3], [2, 2], [4, 3], [5, 4]] as const) {
    const e = random(n * T, rng, 3), start = random(T, rng), A = random(T * T, rng, 2);
    let z = 0, best = -Infinity, bestPath: number[] = [];
    for (const y of paths(n, T)) {
      const s = pathScore(e, n, T, start, A, y);
      z += Math.exp(s);
      if (s > best) { best = s; bestPath = y; }
    }
    assert.ok(Math.abs(logPartition(e, n, T, start, A) - Math.log(z)) < 1e-12);
    assert.deepEqual([...viterbi(e, n, T, start, A)], bestPath);
  }
});

test('the forward algorithm is stable for scores in the thousands', () => {
  const e = Float64Array.from([5000, -5000, 4000, 4001]), start = [0, 0], A = [0, 0, 0, 0];
  const g = { emissions: new Float64Array(4), start: new Float64Array(2), transitions: new Float64Array(4) };
  const loss = crfLossAndGradient(e, 2, 2, start, A, [0, 1], g);
  assert.ok(Number.isFinite(loss) && loss > 0 && loss < 1, `loss ${loss}`);
  assert.ok([...g.emissions].every(Number.isFinite));
});

test('the rescaled forward-backward equals the log-space one (loss and every gradient), forbidden transitions included', () => {
  const rng = new Random(5);
  for (const [n, T] of [[1, 3], [3, 2], [9, 9], [30, 5]] as const) {
    const e = random(n * T, rng, 8), start = random(T, rng, 2), A = random(T * T, rng, 3);
    A[1] = -1e4; start[0] = -1e4;
    const y = Array.from({ length: n }, (_, t) => (t * 7 + 2) % T);
    const grads = () => ({ emissions: new Float64Array(n * T), start: new Float64Array(T), transitions: new Float64Array(T * T) });
    const [a, b] = [grads(), grads()];
    const la = crfLossAndGradient(e, n, T, start, A, y, a, 0.5), lb = crfLossAndGradientLog(e, n, T, start, A, y, b, 0.5);
    assert.ok(Math.abs(la - lb) < 1e-10 * Math.max(1, Math.abs(lb)), `loss ${la} vs ${lb}`);
    for (const k of ['emissions', 'start', 'transitions'] as const) a[k].forEach((v, i) => assert.ok(Math.abs(v - b[k][i]!) < 1e-10, `${k}[${i}] ${v} vs ${b[k][i]}`));
  }
});

test('sentence-level loss gradient w.r.t. emissions, start and transitions (centred differences, float64)', () => {
  const rng = new Random(7);
  const n = 5, T = 4;
  const e = random(n * T, rng, 2), start = random(T, rng), A = random(T * T, rng);
  const y = [1, 1, 3, 0, 2];
  const g = { emissions: new Float64Array(n * T), start: new Float64Array(T), transitions: new Float64Array(T * T) };
  for (const f of [crfLossAndGradient, crfLossAndGradientLog]) {
    const report = gradcheckParams(
      () => { g.start.fill(0); g.transitions.fill(0); return f(e, n, T, start, A, y, g); },
      [{ name: 'emissions', value: e }, { name: 'start', value: start }, { name: 'transitions', value: A }],
      () => [g.emissions, g.start, g.transitions],
    );
    assertGradOk(report);
    assert.ok(report.maxRelativeError < 1e-8, `relative error ${report.maxRelativeError}`);
  }
});

// a toy sentence of 4 tokens, window 3, two feature tables; word 2 is repeated
const sentence = [[2, 1], [3, 0], [2, 2], [1, 1]];
function windowsOf(tokens: number[][], C: number): number[] {
  const c = (C - 1) / 2, out: number[] = [];
  tokens.forEach((_, t) => { for (let p = -c; p <= c; p++) out.push(...(tokens[t + p] ?? tokens[0]!.map(() => 0))); });
  return out;
}

test('crf decoder gradient end to end: through transitions, the network and into the embeddings L (float64 reference)', () => {
  const rng = new Random(11);
  const T = 3, n = sentence.length;
  const net = new ReferenceTagger(3, [[5, 3], [3, 2]], 6, T, false);
  for (const p of net.params()) p.value.data.set(random(p.value.data.length, rng, 0.7));
  const start = random(T, rng), A = random(T * T, rng);
  const gStart = new Float64Array(T), gA = new Float64Array(T * T);
  const ids = windowsOf(sentence, 3), gold = [0, 2, 1, 1];
  const lossOf = (scores: Matrix) => {
    gStart.fill(0); gA.fill(0);
    const grad = new Matrix(n, T);
    const loss = crfLossAndGradient(scores.data, n, T, start, A, gold, { emissions: grad.data, start: gStart, transitions: gA });
    return { loss, grad };
  };
  const params = net.params();
  const report = gradcheckParams(
    () => net.lossAndGradientOf(ids, n, lossOf, 0.05),
    [...params.map((p) => ({ name: p.name, value: p.value.data })), { name: 'start', value: start }, { name: 'transitions', value: A }],
    () => [...params.map((p) => p.grad.data), gStart, gA],
  );
  assertGradOk(report);
  net.lossAndGradientOf(ids, n, lossOf, 0.05);
  assert.ok(net.tables[0]!.L.grad.rowView(2).some((v) => v !== 0), 'the repeated word gets a gradient');
  assert.ok(net.tables[0]!.L.grad.rowView(4).every((v) => v === 0), 'an unused word gets none');
});

test('the WebAssembly crf step equals the float64 reference step (window 3, shape feature, 9 tags)', () => {
  const lex = (k: number) => { const l = new Lexicon(); for (let i = 0; i < k; i++) l.add(`w${i}`); return l; };
  const tags = ['O', 'B-LOC', 'B-MISC', 'B-ORG', 'B-PER', 'I-LOC', 'I-MISC', 'I-ORG', 'I-PER'];
  const config = { ...DEFAULT_TAGGER_CONFIG, window: 3, wordDim: 5, capsDim: 2, affixDim: 3, shapeDim: 2, hidden: 12, decoder: 'crf' as const };
  const model = new TaggerModel(config, lex(5), lex(3), lex(3), tags, 0, lex(2));
  assert.equal(model.F, 5);
  const rng = new Random(4);
  const views = model.paramViews().map((p) => p.view);
  for (const v of views) for (let i = 0; i < v.length; i++) v[i] = Math.fround(2 * rng.next() - 1);
  const before = views.map((v) => Float64Array.from(v));
  const T = tags.length, n = 7, C = 3, F = 5;
  const sizes = model.tables.map((t) => t.lexiconSize);
  const tokens = Array.from({ length: n }, () => sizes.map((s) => 1 + Math.floor(rng.next() * (s - 1))));
  const windows = Int32Array.from(windowsOf(tokens, C));
  const gold = Int32Array.from([0, 4, 8, 0, 1, 5, 0]);
  const data: SharedTrainingData = {
    windows, labels: gold, sentenceStarts: Int32Array.from([0, n]), singleton: new Uint8Array(sizes[0]!), order: Int32Array.from([0]),
    steps: new Int32Array(1), cursor: new Int32Array(1),
  };
  const settings: EpochSettings = { window: C, features: F, decoder: 'crf', batchSize: 32, lr: 0.2, l2: 0.01, unknownRate: 0, wordDropout: 0, dropout: 0, totalSteps: 1e6 };
  const k = model.instance(model.memory, 0);
  const loss = trainClaimedSentences(k, model.memory, model.buffers[0]!, data, settings, { tags: T, start: model.start, transitions: model.transitions }, new Random(1));

  const ref = new ReferenceTagger(C, model.tables.map((t) => [t.lexiconSize, t.dim] as [number, number]), 12, T, false);
  const refParams = ref.params();
  refParams.forEach((p, q) => p.value.data.set(before[q]!));
  const start = before[refParams.length]!, A = before[refParams.length + 1]!;
  const gStart = new Float64Array(T), gA = new Float64Array(T * T);
  let crfLoss = 0;
  ref.lossAndGradientOf(windows, n, (scores) => {
    const grad = new Matrix(n, T);
    crfLoss = crfLossAndGradient(scores.data, n, T, start, A, gold, { emissions: grad.data, start: gStart, transitions: gA }, 1 / n);
    return { loss: crfLoss / n, grad };
  }, settings.l2);
  assert.ok(Math.abs(loss - crfLoss) < 1e-4 * Math.max(1, crfLoss), `loss ${loss} vs ${crfLoss}`);
  const grads = [...refParams.map((p) => p.grad.data), gStart, gA];
  let worst = 0;
  grads.forEach((g, q) => {
    for (let i = 0; i < g.length; i++) {
      const expected = before[q]![i]! - settings.lr * g[i]!;
      worst = Math.max(worst, Math.abs(views[q]![i]! - expected) / Math.max(1, Math.abs(expected)));
    }
  });
  assert.ok(worst < 1e-5, `worst relative difference ${worst}`);
});

test('IOB2 data gets its invalid transitions forbidden, so Viterbi never starts a chunk with I-', () => {
  assert.equal(isIob2([['B-PER', 'I-PER', 'O', 'B-LOC']]), true);
  assert.equal(isIob2([['O', 'I-PER']]), false); // IOB1
  assert.equal(isIob2([['B-PER', 'I-LOC']]), false);
  assert.equal(isIob2([['NN', 'VB']]), false);
  const tags = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'];
  const f = iob2Forbidden(tags);
  assert.deepEqual(f.start, [false, false, true, false, true]);
  const allowedInto = (to: number) => tags.filter((_, from) => !f.transitions[from * 5 + to]);
  assert.deepEqual(allowedInto(2), ['B-PER', 'I-PER']);
  assert.deepEqual(allowedInto(4), ['B-LOC', 'I-LOC']);
  assert.deepEqual(allowedInto(1), tags);
  // emissions that favour I-PER everywhere still decode to a valid sequence
  const start = f.start.map((x) => (x ? FORBIDDEN : 0)), A = f.transitions.map((x) => (x ? FORBIDDEN : 0));
  const e = [0, 1, 3, 0, 0, /**/ 0, 0, 3, 0, 0, /**/ 0, 0, 0, 2, 3];
  const path = [...viterbi(e, 3, 5, start, A)].map((t) => tags[t]);
  assert.deepEqual(path, ['B-PER', 'I-PER', 'B-LOC']);
});

test('word shapes', () => {
  const cases: [string, string][] = [
    ['Washington', 'Xxxx'], ['IBM', 'XXX'], ['U.S.', 'X.X.'], ['12-15', 'dd-dd'], ['1996', 'ddd'], ['the', 'xxx'], ['a', 'x'],
    ["McDonald's", "XxXxxx'x"], ['Zürich', 'Xxxx'], ['--', '--'], ['', ''], ['NATO-led', 'XXX-xxx'],
  ];
  for (const [w, s] of cases) assert.equal(wordShape(w), s, w);
});
