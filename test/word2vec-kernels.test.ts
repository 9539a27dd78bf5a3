// The float32 WebAssembly kernels against the float64 reference costs: one SGD step of each
// kernel must equal the reference step v ← v − α∂J/∂v, U ← U − α∂J/∂U to float32 precision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Arena, Matrix, Random, buildHuffman, createMemory, hierarchicalSoftmaxLossAndGradient, instantiateKernels, kernelModule, relaxedSimd,
  negativeSamplingLossAndGradient, softmaxLossAndGradient, MAX_CODE_LENGTH, type CostResult,
} from '../src/index.js';

const V = 7;
const alpha = 0.05;

function setup(dim: number, lossKind: number, seed: number, fused = relaxedSimd(), negative = 5) {
  const memory = createMemory(1 << 20, false);
  const k = instantiateKernels(kernelModule(false, fused), memory);
  const a = new Arena();
  const syn0 = a.alloc(V * dim * 4), syn1 = a.alloc(V * dim * 4);
  const sig = a.alloc(4097 * 4), logSig = a.alloc(4097 * 4);
  const codes = a.alloc(V * MAX_CODE_LENGTH), points = a.alloc(V * MAX_CODE_LENGTH * 4), lens = a.alloc(V * 4);
  const scratch = a.alloc(k.scratchBytes(dim, negative, V, 5) + 4096);
  k.initSigmoidTables(sig, logSig);
  k.configure(dim, V, syn0, syn1, 0, 0, 0, codes, points, lens, scratch, 5, negative, 0, lossKind, 0);
  const rng = new Random(seed);
  const inV = new Float32Array(memory.buffer, syn0, V * dim);
  const outV = new Float32Array(memory.buffer, syn1, V * dim);
  for (let i = 0; i < inV.length; i++) { inV[i] = 0.8 * rng.normal(); outV[i] = 0.8 * rng.normal(); }
  const h = buildHuffman([20, 11, 9, 5, 4, 2, 1]);
  new Uint8Array(memory.buffer, codes, V * MAX_CODE_LENGTH).set(h.codes);
  new Int32Array(memory.buffer, points, V * MAX_CODE_LENGTH).set(h.points);
  new Int32Array(memory.buffer, lens, V).set(h.lengths);
  return { k, memory, syn0, syn1, inV, outV, h, dim };
}

/** Float64 copy of float32 rows. */
const f64 = (a: Float32Array, rows: number, cols: number) => new Matrix(rows, cols, Float64Array.from(a));

function assertStep(actual: Float32Array, before: Float64Array, grad: ArrayLike<number>, what: string) {
  let worst = 0;
  for (let i = 0; i < before.length; i++) {
    const expected = before[i]! - alpha * grad[i]!;
    const err = Math.abs(actual[i]! - expected) / Math.max(1, Math.abs(expected));
    worst = Math.max(worst, err);
  }
  assert.ok(worst < 2e-6, `${what}: worst error ${worst.toExponential(2)}`);
}

// both builds of the kernels: plain SIMD, and fused multiply-add where the engine has relaxed SIMD
for (const fused of relaxedSimd() ? [false, true] : [false]) for (const dim of [8, 6]) {
  const build = fused ? 'fused multiply-add' : 'plain SIMD';
  test(`negative-sampling kernel step matches the float64 reference (dim ${dim}, ${build})`, () => {
    const s = setup(dim, 0, 1, fused);
    const U = f64(s.outV, V, dim);
    const v = Float64Array.from(s.inV.subarray(3 * dim, 4 * dim));
    const targets = [2, 5, 0, 6];
    const ref = negativeSamplingLossAndGradient(v, targets[0]!, U, targets.slice(1));
    const tp = s.k.targetsPtr();
    new Int32Array(s.memory.buffer, tp, 4).set(targets);
    s.k.negativeStep(s.syn0 + 3 * dim * 4, tp, 4, alpha);
    const neu1e = new Float32Array(s.memory.buffer, s.k.inputGradientPtr(), dim);
    assertStep(neu1e, new Float64Array(dim), ref.gradPredicted, 'input gradient (neu1e = −α∂J/∂v)');
    assertStep(s.outV, U.data, ref.gradOutput.data, 'output vectors');
    assert.ok(Math.abs(s.k.lossTotal() - ref.loss) < 1e-5 * Math.max(1, ref.loss));
  });

  test(`hierarchical-softmax kernel step matches the float64 reference (dim ${dim}, ${build})`, () => {
    const s = setup(dim, 1, 2, fused);
    const U = f64(s.outV, V, dim);
    const v = Float64Array.from(s.inV.subarray(0, dim));
    const word = 4, o = word * MAX_CODE_LENGTH, len = s.h.lengths[word]!;
    const ref = hierarchicalSoftmaxLossAndGradient(v, s.h.points.subarray(o, o + len), s.h.codes.subarray(o, o + len), U);
    s.k.hierarchicalStep(s.syn0, word, alpha);
    assertStep(new Float32Array(s.memory.buffer, s.k.inputGradientPtr(), dim), new Float64Array(dim), ref.gradPredicted, 'input gradient');
    assertStep(s.outV, U.data, ref.gradOutput.data, 'inner-node vectors');
  });

  test(`full-softmax kernel step matches the float64 reference (dim ${dim}, ${build})`, () => {
    const s = setup(dim, 2, 3, fused);
    const U = f64(s.outV, V, dim);
    const v = Float64Array.from(s.inV.subarray(dim, 2 * dim));
    const ref: CostResult = softmaxLossAndGradient(v, 5, U);
    s.k.softmaxStep(s.syn0 + dim * 4, 5, alpha);
    assertStep(new Float32Array(s.memory.buffer, s.k.inputGradientPtr(), dim), new Float64Array(dim), ref.gradPredicted, 'input gradient');
    assertStep(s.outV, U.data, ref.gradOutput.data, 'output vectors');
  });
}

// 4 targets: the general kernel; 6 (one word and the default 5 negatives): the register-blocked one, fused
// when the six differ and in phases when a negative is drawn twice
for (const targets of [[2, 5, 0, 4], [2, 5, 0, 4, 3, 6], [2, 5, 0, 4, 5, 6]]) {
test(`batched skip-gram window (shared negatives, small matrix products) matches the float64 reference (${targets.length} targets)`, () => {
  const dim = 8;
  const s = setup(dim, 0, 4);
  const X0 = f64(s.inV, V, dim), U = f64(s.outV, V, dim);
  const contexts = [1, 3, 1, 6]; // word 1 twice: both contributions must land
  const gradIn = new Float64Array(V * dim), gradOut = new Float64Array(V * dim);
  for (const c of contexts) {
    const r = negativeSamplingLossAndGradient(X0.rowView(c), targets[0]!, U, targets.slice(1));
    for (let j = 0; j < dim; j++) gradIn[c * dim + j]! += r.gradPredicted[j]!;
    for (let i = 0; i < gradOut.length; i++) gradOut[i]! += r.gradOutput.data[i]!;
  }
  new Int32Array(s.memory.buffer, s.k.contextsPtr(), 4).set(contexts);
  new Int32Array(s.memory.buffer, s.k.targetsPtr(), targets.length).set(targets);
  s.k.trainWindowBatched(4, targets.length, alpha);
  assertStep(s.inV, X0.data, gradIn, 'context (input) vectors');
  assertStep(s.outV, U.data, gradOut, 'output vectors');
});
}

// 1 + 6 and 1 + 7 targets: one block of eight (the seventh padded); 1 + 8, 1 + 10 and 1 + 15
// (negatives drawn twice, and context words among them): the blocked kernel, blocks of six with the
// last one padded; against the float64 reference and against the general kernel (trainWindowAny),
// in both builds, with and without gensim's rule for saturated scores
const many = [[2, 5, 0, 4, 3, 6, 5], [2, 5, 0, 4, 3, 6, 5, 5], [2, 5, 0, 4, 3, 6, 5, 1, 0], [2, 5, 0, 4, 3, 6, 5, 1, 0, 4, 6], [2, 5, 0, 4, 3, 6, 5, 1, 0, 4, 6, 6, 3, 1, 5, 0]];
for (const fused of relaxedSimd() ? [false, true] : [false]) for (const targets of many) for (const dim of [8, 12]) {
  const build = fused ? 'fused multiply-add' : 'plain SIMD';
  test(`batched skip-gram window with ${targets.length} targets (${targets.length <= 8 ? 'a block of eight' : 'blocks of six'}) matches the float64 reference (dim ${dim}, ${build})`, () => {
    const s = setup(dim, 0, 4, fused, 15);
    const X0 = f64(s.inV, V, dim), U = f64(s.outV, V, dim);
    const contexts = [1, 3, 1, 6, 2];
    const gradIn = new Float64Array(V * dim), gradOut = new Float64Array(V * dim);
    let loss = 0;
    for (const c of contexts) {
      const r = negativeSamplingLossAndGradient(X0.rowView(c), targets[0]!, U, targets.slice(1));
      loss += r.loss;
      for (let j = 0; j < dim; j++) gradIn[c * dim + j]! += r.gradPredicted[j]!;
      for (let i = 0; i < gradOut.length; i++) gradOut[i]! += r.gradOutput.data[i]!;
    }
    new Int32Array(s.memory.buffer, s.k.contextsPtr(), contexts.length).set(contexts);
    new Int32Array(s.memory.buffer, s.k.targetsPtr(), targets.length).set(targets);
    s.k.resetLoss();
    s.k.trainWindowBatched(contexts.length, targets.length, alpha);
    assertStep(s.inV, X0.data, gradIn, 'context (input) vectors');
    assertStep(s.outV, U.data, gradOut, 'output vectors');
    assert.equal(s.k.lossTerms(), contexts.length);
    assert.ok(Math.abs(s.k.lossTotal() - loss) < 1e-4 * loss, `loss ${s.k.lossTotal()} vs ${loss}`);
  });
  for (const skip of [0, 1]) for (const first of [1, 0]) {
    test(`the blocked ${targets.length}-target window equals the general kernel's (dim ${dim}, ${build}, skipSaturated ${skip}, first label ${first})`, () => {
      const run = (general: boolean) => {
        const s = setup(dim, 0, 9, fused, 15);
        for (let j = 0; j < dim; j++) s.outV[5 * dim + j] = 3 * s.inV[3 * dim + j]!; // a saturated pair (3, 5)
        const contexts = [1, 3, 1, 6, 2, 0];
        new Int32Array(s.memory.buffer, s.k.contextsPtr(), contexts.length).set(contexts);
        new Int32Array(s.memory.buffer, s.k.targetsPtr(), targets.length).set(targets);
        s.k.setSkipSaturated(skip);
        s.k.resetLoss();
        if (!general && first === 1) s.k.trainWindowBatched(contexts.length, targets.length, alpha);
        else s.k.trainWindowLabelled(contexts.length, targets.length, alpha, first, general ? 1 : 0);
        return { inV: Float32Array.from(s.inV), outV: Float32Array.from(s.outV), loss: s.k.lossTotal(), terms: s.k.lossTerms() };
      };
      const a = run(false), b = run(true);
      for (const [name, x, y] of [['input', a.inV, b.inV], ['output', a.outV, b.outV]] as const) {
        let worst = 0;
        for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!) / Math.max(1, Math.abs(y[i]!)));
        assert.ok(worst < 1e-6, `${name} vectors: worst difference ${worst.toExponential(2)}`);
      }
      assert.equal(a.terms, b.terms);
      assert.ok(Math.abs(a.loss - b.loss) < 1e-6 * Math.max(1, b.loss), `loss ${a.loss} vs ${b.loss}`);
    });
  }
}

test('the interpolated sigmoid table agrees with σ to float32 precision on [−8, 8] and saturates beyond', () => {
  const s = setup(4, 0, 5);
  assert.equal(s.k.sigmoidAt(9), 1);
  assert.equal(s.k.sigmoidAt(-9), 0);
  for (let x = -7.99; x <= 8; x += 0.0137) {
    assert.ok(Math.abs(s.k.sigmoidAt(x) - 1 / (1 + Math.exp(-Math.fround(x)))) < 5e-7, `x = ${x}`);
  }
});

test('gensim\'s rule for saturated scores: a negative whose score |uᵀv| ≥ 6 makes no update; the other pairs step as the reference', () => {
  const dim = 8;
  const s = setup(dim, 0, 4);
  const v = s.inV.subarray(3 * dim, 4 * dim);
  const vv = v.reduce((a, x) => a + x * x, 0);
  for (let j = 0; j < dim; j++) s.outV[5 * dim + j] = (7 * v[j]!) / vv; // score u₅ᵀv = 7
  const U = f64(s.outV, V, dim);
  const ref = negativeSamplingLossAndGradient(Float64Array.from(v), 2, U, [0, 6]); // the pair (v, u₅) left out
  const tp = s.k.targetsPtr();
  new Int32Array(s.memory.buffer, tp, 4).set([2, 5, 0, 6]);
  s.k.setSkipSaturated(1);
  s.k.negativeStep(s.syn0 + 3 * dim * 4, tp, 4, alpha);
  assertStep(new Float32Array(s.memory.buffer, s.k.inputGradientPtr(), dim), new Float64Array(dim), ref.gradPredicted, 'input gradient without the saturated pair');
  assertStep(s.outV, U.data, ref.gradOutput.data, 'output vectors (u₅ unchanged)');
});

// setNegativeWeight(w): every negative's gradient (rows and the context's) is w times word2vec's,
// the centre word's unchanged: through the general kernel (4 targets), the six- and eight-column
// blocks and the blocked one (11), a negative drawn twice among them
for (const targets of [[2, 5, 0, 4], [2, 5, 0, 4, 3, 6], [2, 5, 0, 4, 3, 5, 6], [2, 5, 0, 4, 3, 6, 5, 1], [2, 5, 0, 4, 3, 6, 5, 1, 0, 4, 6]]) {
  test(`a batched window with negative weight 1.4 steps as the reference with the negatives' gradient × 1.4 (${targets.length} targets)`, () => {
    const dim = 8, w = 1.4;
    const s = setup(dim, 0, 4, relaxedSimd(), 15);
    const X0 = f64(s.inV, V, dim), U = f64(s.outV, V, dim);
    const contexts = [1, 3, 1, 6, 2];
    const gradIn = new Float64Array(V * dim), gradOut = new Float64Array(V * dim);
    for (const c of contexts) {
      const all = negativeSamplingLossAndGradient(X0.rowView(c), targets[0]!, U, targets.slice(1));
      const centre = negativeSamplingLossAndGradient(X0.rowView(c), targets[0]!, U, []);
      for (let j = 0; j < dim; j++) gradIn[c * dim + j]! += centre.gradPredicted[j]! + w * (all.gradPredicted[j]! - centre.gradPredicted[j]!);
      for (let i = 0; i < gradOut.length; i++) gradOut[i]! += centre.gradOutput.data[i]! + w * (all.gradOutput.data[i]! - centre.gradOutput.data[i]!);
    }
    new Int32Array(s.memory.buffer, s.k.contextsPtr(), contexts.length).set(contexts);
    new Int32Array(s.memory.buffer, s.k.targetsPtr(), targets.length).set(targets);
    s.k.setNegativeWeight(w);
    s.k.trainWindowBatched(contexts.length, targets.length, alpha);
    assertStep(s.inV, X0.data, gradIn, 'context (input) vectors');
    assertStep(s.outV, U.data, gradOut, 'output vectors');
  });
}
