// fastText's supervised losses: the float64 reference gradient-checked by centred differences,
// and one step of the float32 kernel (assembly/classifier.ts) against one step of the reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradcheckParams } from '../src/core/gradcheck.js';
import { Random } from '../src/core/random.js';
import { supervisedGradient, supervisedStep, type SupervisedExample, type SupervisedLoss, type SupervisedParams } from '../src/fasttext/supervised-reference.js';
import { buildHuffman, MAX_CODE_LENGTH } from '../src/word2vec/huffman.js';
import { instantiateKernels, SUPERVISED_LOSSES } from '../src/kernels/kernels.js';
import { Arena, createMemory } from '../src/kernels/memory.js';
import { kernelModule, relaxedSimd } from '../src/node/kernel-loader.js';

const DIM = 7, ROWS = 9, LABELS = 6;
const COUNTS = [30, 12, 9, 5, 3, 1];
const huffman = buildHuffman(COUNTS);

function params(seed: number): SupervisedParams {
  const rng = new Random(seed);
  return {
    dim: DIM,
    input: Float64Array.from({ length: ROWS * DIM }, () => 0.7 * rng.normal()),
    output: Float64Array.from({ length: LABELS * DIM }, () => 0.7 * rng.normal()),
  };
}

function pathOf(label: number): { nodes: number[]; codes: number[] } {
  const len = huffman.lengths[label]!, at = label * MAX_CODE_LENGTH;
  return { nodes: Array.from(huffman.points.subarray(at, at + len)), codes: Array.from(huffman.codes.subarray(at, at + len)) };
}

// rows 2 and 5 twice: a word (or n-gram) listed twice counts twice in the mean
const example = (loss: SupervisedLoss): SupervisedExample => ({
  rows: [2, 5, 0, 5, 8], target: 3, labels: [3, 1], negatives: [0, 4, 5, 2], ...(loss === 'hs' ? { path: pathOf(3) } : {}),
});

for (const loss of ['softmax', 'ns', 'hs', 'ova'] as const) {
  test(`${loss}: the float64 gradient matches centred differences`, () => {
    const p = params(11);
    const ex = example(loss);
    let g = supervisedGradient(p, loss, ex);
    const report = gradcheckParams(
      () => (g = supervisedGradient(p, loss, ex)).loss,
      [{ name: 'input', value: p.input }, { name: 'output', value: p.output }],
      () => [g.dInput, g.dOutput],
    );
    assert.ok(report.maxRelativeError < 1e-7, `${loss}: worst relative error ${report.maxRelativeError.toExponential(2)} at ${report.where}[${report.index}]`);
    assert.ok(g.dInput.some((x) => x !== 0) && g.dOutput.some((x) => x !== 0));
  });
}

function kernelSetup(fused: boolean, loss: SupervisedLoss, p: SupervisedParams) {
  const memory = createMemory(1 << 20, false);
  const k = instantiateKernels(kernelModule(false, fused), memory);
  const a = new Arena();
  const sig = a.alloc(4097 * 4), logSig = a.alloc(4097 * 4);
  const input = a.alloc(ROWS * DIM * 4), output = a.alloc(LABELS * DIM * 4);
  const cumulative = a.alloc(LABELS * 4);
  const codes = a.alloc(LABELS * MAX_CODE_LENGTH), points = a.alloc(LABELS * MAX_CODE_LENGTH * 4), lens = a.alloc(LABELS * 4);
  const rows = a.alloc(64), labels = a.alloc(64);
  const scratch = a.alloc(k.classifierScratchBytes(DIM, LABELS, 4));
  k.initSigmoidTables(sig, logSig);
  new Float32Array(memory.buffer, input, ROWS * DIM).set(p.input);
  new Float32Array(memory.buffer, output, LABELS * DIM).set(p.output);
  let c = 0;
  const z = COUNTS.reduce((s, x) => s + Math.sqrt(x), 0);
  new Float32Array(memory.buffer, cumulative, LABELS).set(COUNTS.map((x) => (c += Math.sqrt(x)) / z));
  new Uint8Array(memory.buffer, codes, LABELS * MAX_CODE_LENGTH).set(huffman.codes);
  new Int32Array(memory.buffer, points, LABELS * MAX_CODE_LENGTH).set(huffman.points);
  new Int32Array(memory.buffer, lens, LABELS).set(huffman.lengths);
  k.classifierConfigure(DIM, LABELS, input, output, SUPERVISED_LOSSES[loss], 4, cumulative, codes, points, lens, scratch);
  k.classifierSeed(12345n);
  return { k, memory, input, output, rows, labels };
}

for (const fused of relaxedSimd() ? [false, true] : [false]) {
  for (const loss of ['softmax', 'ns', 'hs', 'ova'] as const) {
    test(`${loss}: one float32 kernel step matches one float64 step (${fused ? 'fused multiply-add' : 'plain SIMD'})`, () => {
      const p = params(5);
      const s = kernelSetup(fused, loss, p);
      const ex = example(loss);
      // ova trains on every gold label; the others on one (a single gold label here: no draw)
      const gold = loss === 'ova' ? ex.labels! : [ex.target];
      new Int32Array(s.memory.buffer, s.rows, ex.rows.length).set(ex.rows);
      new Int32Array(s.memory.buffer, s.labels, gold.length).set(gold);
      const lr = 0.3;
      const kernelLoss = s.k.classifierExample(s.rows, ex.rows.length, s.labels, gold.length, lr);
      // ns: the reference takes the negatives the kernel drew (repeats included: the reference steps in fastText's order)
      const negatives = loss === 'ns' ? Array.from(new Int32Array(s.memory.buffer, s.k.classifierDrawnPtr(), 4)) : [];
      if (loss === 'ns') {
        assert.ok(negatives.every((n) => n !== ex.target && n >= 0 && n < LABELS), `negatives ${negatives}`);
      }
      const refLoss = supervisedStep(p, loss, { ...ex, labels: gold, negatives }, lr);
      assert.ok(Math.abs(kernelLoss - refLoss) < 1e-4 * Math.max(1, refLoss), `loss ${kernelLoss} vs ${refLoss}`);
      for (const [name, at, ref] of [['input', s.input, p.input], ['output', s.output, p.output]] as const) {
        const got = new Float32Array(s.memory.buffer, at, ref.length);
        let worst = 0;
        for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(got[i]! - ref[i]!) / Math.max(1, Math.abs(ref[i]!)));
        assert.ok(worst < 2e-6, `${loss} ${name}: worst error ${worst.toExponential(2)}`);
      }
    });
  }
}

test('ns draws labels by √count, never the target', () => {
  const p = params(3);
  const s = kernelSetup(false, 'ns', p);
  new Int32Array(s.memory.buffer, s.rows, 1).set([1]);
  new Int32Array(s.memory.buffer, s.labels, 1).set([0]);
  const seen = new Float64Array(LABELS);
  for (let i = 0; i < 3000; i++) {
    s.k.classifierExample(s.rows, 1, s.labels, 1, 0);
    for (const n of new Int32Array(s.memory.buffer, s.k.classifierDrawnPtr(), 4)) seen[n]!++;
  }
  assert.equal(seen[0], 0);
  const rest = COUNTS.slice(1).reduce((a, x) => a + Math.sqrt(x), 0);
  for (let i = 1; i < LABELS; i++) {
    const expected = (Math.sqrt(COUNTS[i]!) / rest) * 12000;
    assert.ok(Math.abs(seen[i]! - expected) < 5 * Math.sqrt(expected) + 10, `label ${i}: ${seen[i]} draws, expected about ${expected.toFixed(0)}`);
  }
});
