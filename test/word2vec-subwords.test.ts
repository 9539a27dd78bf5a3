// fastText's subword input layer in lexnet's word2vec: gradient checks of the float64 reference
// (a word's input vector is the mean of its own row and its n-gram rows), then the kernels against it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Arena, LOSS_KINDS, MAX_CODE_LENGTH, Matrix, Random, buildHuffman, createMemory, gradcheckParams, instantiateKernels, kernelModule, hierarchicalSoftmaxCost, negativeSamplingCost, softmaxCost,
  subwordCbow, subwordSkipgram, type Word2vecCost,
} from '../src/index.js';
import type { LexnetError } from '../src/io/errors.js';
import { planLayout, word2vecScratchBytes } from '../src/word2vec/layout.js';
import { unigramTableSize } from '../src/word2vec/unigram-table.js';
import { assertGradOk, randomMatrix } from './helpers.js';

const V = 5, buckets = 4, d = 3;
const rng = new Random(2718);
const inputVectors = randomMatrix(V + buckets, d, rng, 0.5); // words, then buckets
const outputVectors = randomMatrix(V, d, rng, 0.5);
const negatives = [[2, 2, 4], [1, 3, 0], [4, 0, 3], [3, 1, 1]];
const huffman = buildHuffman([9, 7, 4, 3, 1]);
// each word's rows: its own, then n-gram buckets (V + b), with a bucket twice and one shared by two words
const rowsOf = [[0, 5, 7], [1, 6, 6, 8], [2, 5, 8, 7], [3], [4, 7, 5, 6, 8]];

const costs: [string, Word2vecCost][] = [
  ['negative sampling', negativeSamplingCost((_t, pair) => negatives[pair % negatives.length]!)],
  ['hierarchical softmax', hierarchicalSoftmaxCost(huffman)],
  ['softmax', softmaxCost],
];

function checkModel(run: () => { loss: number; gradInput: Matrix; gradOutput: Matrix }) {
  let last = run();
  return gradcheckParams(
    () => (last = run()).loss,
    [{ name: 'input rows (words and n-gram buckets)', value: inputVectors.data }, { name: 'output vectors', value: outputVectors.data }],
    () => [last.gradInput.data, last.gradOutput.data],
  );
}

for (const [name, cost] of costs) {
  test(`skip-gram with subwords and the ${name} cost: every n-gram row gets ∂J/∂h / |G| (centred differences, float64)`, () => {
    assertGradOk(checkModel(() => subwordSkipgram(rowsOf[1]!, [0, 3, 0, 4], inputVectors, outputVectors, cost)));
    assertGradOk(checkModel(() => subwordSkipgram(rowsOf[4]!, [2, 1], inputVectors, outputVectors, cost)));
  });
  test(`CBOW with subwords and the ${name} cost: h is the mean of every context word's rows, each row gets ∂J/∂h / |B|`, () => {
    assertGradOk(checkModel(() => subwordCbow([rowsOf[0]!, rowsOf[1]!, rowsOf[3]!, rowsOf[0]!], 2, inputVectors, outputVectors, cost)));
  });
}

// the kernels: one float32 step of each must be the float64 reference's v ← v − α∂J/∂v, U ← U − α∂J/∂U
const alpha = 0.05, kd = 8, K = 1; // one negative: a negative drawn twice would step on its own update (word2vec.c's sequential steps)
const counts = [20, 11, 9, 5, 4];
const kHuffman = buildHuffman(counts);

function kernelSetup(lossKind: number, cbowOn: boolean, normalize: boolean, negatives = K, table?: number[]) {
  const memory = createMemory(1 << 20, false);
  const k = instantiateKernels(kernelModule(false), memory);
  const a = new Arena();
  const rows = V + buckets;
  const syn0 = a.alloc(rows * kd * 4), syn1 = a.alloc(V * kd * 4);
  const sig = a.alloc(4097 * 4), logSig = a.alloc(4097 * 4);
  const negTable = a.alloc(16 * 4);
  const codes = a.alloc(V * MAX_CODE_LENGTH), points = a.alloc(V * MAX_CODE_LENGTH * 4), lens = a.alloc(V * 4);
  const flat = rowsOf.flat();
  const offsets = a.alloc((V + 1) * 4), ids = a.alloc(flat.length * 4);
  const scratch = a.alloc(k.scratchBytes(kd, negatives, V, 5) + 4096);
  k.initSigmoidTables(sig, logSig);
  k.configure(kd, V, syn0, syn1, negTable, 16, 0, codes, points, lens, scratch, 5, negatives, cbowOn ? 1 : 0, lossKind, 0);
  if (table) new Int32Array(memory.buffer, negTable, 16).set(table);
  else new Int32Array(memory.buffer, negTable, 16).fill(3); // every negative draw is word 3
  new Uint8Array(memory.buffer, codes, V * MAX_CODE_LENGTH).set(kHuffman.codes);
  new Int32Array(memory.buffer, points, V * MAX_CODE_LENGTH).set(kHuffman.points);
  new Int32Array(memory.buffer, lens, V).set(kHuffman.lengths);
  let o = 0;
  new Int32Array(memory.buffer, offsets, V + 1).set([0, ...rowsOf.map((r) => (o += r.length))]);
  new Int32Array(memory.buffer, ids, flat.length).set(flat);
  k.configureSubwords(offsets, ids, normalize ? 1 : 0);
  const r = new Random(77);
  const inV = new Float32Array(memory.buffer, syn0, rows * kd), outV = new Float32Array(memory.buffer, syn1, V * kd);
  for (let i = 0; i < inV.length; i++) inV[i] = 0.5 * r.normal();
  for (let i = 0; i < outV.length; i++) outV[i] = 0.5 * r.normal();
  return { k, memory, inV, outV, X: new Matrix(rows, kd, Float64Array.from(inV)), U: new Matrix(V, kd, Float64Array.from(outV)) };
}

function assertStep(actual: Float32Array, before: Float64Array, grad: ArrayLike<number>, scale: number, what: string) {
  let worst = 0;
  for (let i = 0; i < before.length; i++) {
    const expected = before[i]! - alpha * scale * grad[i]!;
    worst = Math.max(worst, Math.abs(actual[i]! - expected) / Math.max(1, Math.abs(expected)));
  }
  assert.ok(worst < 2e-6, `${what}: worst error ${worst.toExponential(2)}`);
}

const kernelCosts: [keyof typeof LOSS_KINDS, Word2vecCost][] = [
  ['negative', negativeSamplingCost(() => [3])],
  ['hierarchical', hierarchicalSoftmaxCost(kHuffman)],
  ['softmax', softmaxCost],
];

for (const [loss, cost] of kernelCosts) for (const normalize of [true, false]) {
  const rule = normalize ? 'each row gets the gradient / |G|' : 'fastText\'s rule: each row gets the whole input gradient';
  test(`subword skip-gram kernel step, one per position (${loss}), matches the float64 reference; ${rule}`, () => {
    // the centre word 4's rows predict its context words, one step for the window: with negative
    // sampling the exact gradient of the window's loss (every score before any update; a repeated
    // context and the negative 3 drawn for every context included; with 5 negatives, each
    // context's 1 + 5 targets go through the register-blocked path); the other costs step
    // context by context
    for (const negatives of loss === 'negative' ? [1, 5] : [1]) {
      const s = kernelSetup(LOSS_KINDS[loss], false, normalize, negatives);
      const context = loss === 'negative' ? [2, 0, 2, 1] : [2];
      const ref = subwordSkipgram(rowsOf[4]!, context, s.X, s.U, loss === 'negative' ? negativeSamplingCost(() => Array<number>(negatives).fill(3)) : cost);
      new Int32Array(s.memory.buffer, s.k.contextsPtr(), context.length).set(context);
      s.k.subwordSkipgramWindow(4, context.length, alpha);
      assertStep(s.inV, s.X.data, ref.gradInput.data, normalize ? 1 : rowsOf[4]!.length, `input rows, ${negatives} negatives`);
      assertStep(s.outV, s.U.data, ref.gradOutput.data, 1, `output vectors, ${negatives} negatives`);
    }
  });
  test(`subword CBOW kernel step (${loss}) matches the float64 reference (one bag of every context word's rows); ${rule}`, () => {
    const s = kernelSetup(LOSS_KINDS[loss], true, normalize);
    const context = [0, 1, 3, 0];
    const ref = subwordCbow(context.map((c) => rowsOf[c]!), 2, s.X, s.U, cost);
    new Int32Array(s.memory.buffer, s.k.contextsPtr(), context.length).set(context);
    s.k.subwordCbowStep(context.length, 2, alpha);
    const bag = context.reduce((n, c) => n + rowsOf[c]!.length, 0);
    assertStep(s.inV, s.X.data, ref.gradInput.data, normalize ? 1 : bag, 'input rows');
    assertStep(s.outV, s.U.data, ref.gradOutput.data, 1, 'output vectors');
  });
}

test('subword skip-gram kernel with negatives shared by neighbouring contexts (setNegativeShare): the exact window gradient of each group\'s one draw', () => {
  // the kernel's draws replayed: word2vec.c's generator, a slot of the 16-entry table by multiply-shift
  const table = [3, 2, 0, 3, 1, 4, 3, 2, 0, 1, 3, 4, 2, 3, 0, 1];
  for (const share of [1, 2, 3]) {
    const negatives = 5;
    const s = kernelSetup(LOSS_KINDS.negative, false, false, negatives, table);
    const context = [2, 0, 3, 1, 2];
    let rng = 987654321n;
    s.k.seed(rng);
    const draws: number[][] = [];
    for (let g = 0; g < context.length; g += share) {
      const d: number[] = [];
      for (let k = 0; k < negatives; k++) {
        rng = BigInt.asUintN(64, rng * 25214903917n + 11n);
        d.push(table[Number(((rng >> 32n) * 16n) >> 32n)]!);
      }
      draws.push(d);
    }
    // each context gets its group's draws but those equal to its own word (fastText's rule)
    const perContext = context.map((c, i) => draws[Math.floor(i / share)]!.filter((w) => w !== c));
    const ref = subwordSkipgram(rowsOf[4]!, context, s.X, s.U, negativeSamplingCost((_t, pair) => perContext[pair]!));
    s.k.setNegativeShare(share);
    new Int32Array(s.memory.buffer, s.k.contextsPtr(), context.length).set(context);
    s.k.subwordSkipgramWindow(4, context.length, alpha);
    assert.equal(BigInt.asUintN(64, s.k.rngState()), rng, `share ${share}: ${draws.length * negatives} draws`);
    assertStep(s.inV, s.X.data, ref.gradInput.data, rowsOf[4]!.length, `input rows, share ${share}`);
    assertStep(s.outV, s.U.data, ref.gradOutput.data, 1, `output vectors, share ${share}`);
  }
});

test('the memory layout counts the n-gram rows: too many buckets for 4 GiB is refused naming bucket, dim and minCount', () => {
  const scratch = word2vecScratchBytes(300, 5, 10_000, 5);
  const fits = planLayout(300, 10_000, unigramTableSize(10_000), 2, scratch, { buckets: 100_000, ids: 120_000 });
  assert.equal(fits.inputRows, 110_000);
  assert.ok(fits.subwordOffsets > 0 && fits.subwordIds > fits.subwordOffsets && fits.bytes > 110_000 * 300 * 4);
  assert.throws(() => planLayout(300, 10_000, unigramTableSize(10_000), 2, scratch, { buckets: 4_000_000, ids: 120_000 }), (e: unknown) => {
    const err = e as LexnetError;
    assert.match(err.message, /10,000 words × 2 matrices \+ 4,000,000 n-gram buckets\) × dim 300 × 4 bytes/);
    assert.match(err.message, /lower bucket \(`bucket`\)/);
    assert.deepEqual([err.option, ...err.mentions].filter(Boolean).sort(), ['bucket', 'dim', 'minCount']);
    return true;
  });
});
