/**
 * Two builds (or settings) of the word2vec kernels side by side in one process: the same Brown
 * chunks trained alternately by A and B (one thread each, its own memory), CPU time summed per side,
 * so that the load of a shared machine falls on both alike (an A/A run gives ~1.00×). Times the
 * training loop only (trainChunk: subsampling, windows, draws and the window kernels).
 *
 *   npm run build && node dist/bench/word2vec-kernel-ab.js [--a dist/kernels/kernels-single-relaxed.wasm] [--b FILE.wasm]
 *        [--negative-a 5] [--negative-b 7] [--weight-a 1] [--weight-b 1] [--epochs 1]
 *
 * e.g. the default (5 negatives weighted 1.6) against session 9's (7): `--weight-a 1.6 --negative-b 7`;
 * a kernel change: build the old kernels into another folder and give it as `--a`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { instantiateKernels } from '../src/kernels/kernels.js';
import { relaxedSimd } from '../src/kernels/load.js';
import { createMemory } from '../src/kernels/memory.js';
import { brownCorpus } from '../src/text/corpus.js';
import { CHUNK_WORDS, planLayout, word2vecScratchBytes } from '../src/word2vec/layout.js';
import { keepProbabilities } from '../src/word2vec/subsampling.js';
import { fillUnigramTable, unigramTableSize } from '../src/word2vec/unigram-table.js';
import { arg, root } from './common.js';

const fused = relaxedSimd();
const build = join(root, `dist/kernels/kernels-single${fused ? '-relaxed' : ''}.wasm`);
const files = { a: arg('a', build), b: arg('b', build) };
const negative = { a: Number(arg('negative-a', '5')), b: Number(arg('negative-b', '5')) };
const weight = { a: Number(arg('weight-a', '1')), b: Number(arg('weight-b', '1')) };
const epochs = Number(arg('epochs', '1'));

// Brown, lower-cased, words seen 5 times or more, ids by falling count, −1 ending each sentence
const sentences = [...brownCorpus({ lowercase: true }).sentences()];
const counts = new Map<string, number>();
for (const s of sentences) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
const words = [...counts].filter(([, c]) => c >= 5).sort((x, y) => y[1] - x[1]);
const id = new Map(words.map(([w], i) => [w, i]));
const cnt = words.map(([, c]) => c);
const total = cnt.reduce((x, y) => x + y, 0);
const ids: number[] = [];
for (const s of sentences) {
  const before = ids.length;
  for (const w of s) { const i = id.get(w); if (i !== undefined) ids.push(i); }
  if (ids.length > before) ids.push(-1);
}
const V = words.length, d = 100, window = 5;

function side(file: string, neg: number, w: number) {
  const layout = planLayout(d, V, unigramTableSize(V), 1, word2vecScratchBytes(d, neg, V, window));
  const memory = createMemory(layout.bytes, false);
  const buf = memory.buffer;
  const syn0 = new Float32Array(buf, layout.syn0, V * d);
  let s = 1;
  for (let i = 0; i < syn0.length; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; syn0[i] = (s / 2 ** 32 - 0.5) / d; }
  fillUnigramTable(cnt, new Int32Array(buf, layout.negTable, layout.negTableSize));
  keepProbabilities(cnt, total, 1e-3, new Float32Array(buf, layout.keepProb, V));
  const k = instantiateKernels(new WebAssembly.Module(readFileSync(file)), memory);
  k.initSigmoidTables(layout.sigTable, layout.logSigTable);
  const mine = layout.threads[0]!;
  k.configure(d, V, layout.syn0, layout.syn1, layout.negTable, layout.negTableSize, layout.keepProb, layout.codes, layout.points, layout.codeLens, mine.scratch, window, neg, 0, 0, 1);
  k.setBatchNegatives(1);
  k.setSkipSaturated(1);
  if (w !== 1) k.setNegativeWeight(w); // an older build may not have it
  k.setLossStride(8);
  k.seed(7n);
  return { k, ids: new Int32Array(buf, mine.ids, CHUNK_WORDS), cpu: 0 };
}

const A = side(files.a, negative.a, weight.a), B = side(files.b, negative.b, weight.b);
const chunks = Math.ceil(ids.length / CHUNK_WORDS);
let turn = 0;
for (let e = 0; e < epochs; e++) {
  for (let c = 0; c < chunks; c++) {
    const part = ids.slice(c * CHUNK_WORDS, (c + 1) * CHUNK_WORDS);
    const alpha = 0.025 * (1 - (e * chunks + c) / (epochs * chunks)) + 1e-6;
    for (const x of turn++ & 1 ? [A, B] : [B, A]) { // who goes first alternates
      x.ids.set(part);
      const t = process.cpuUsage();
      x.k.trainChunk(x.ids.byteOffset, part.length, alpha);
      const u = process.cpuUsage(t);
      x.cpu += (u.user + u.system) / 1e6;
    }
  }
}
const name = (f: string): string => f.split('/').slice(-2).join('/');
console.log(`A ${name(files.a)}, ${negative.a} negatives × ${weight.a}: ${A.cpu.toFixed(3)} s CPU`);
console.log(`B ${name(files.b)}, ${negative.b} negatives × ${weight.b}: ${B.cpu.toFixed(3)} s CPU`);
console.log(`B / A: ${(B.cpu / A.cpu).toFixed(3)} (rough on a shared machine; an A/A run shows the noise)`);
