import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import {
  textCorpus, trainWord2vec, accuracyVsL2Spec, confusionSpec, LexnetError, pca, renderSvg, taggerCurvesSpec, trainingCurvesSpec, vectorMapSpec, word2vecCurvesSpec,
} from '../src/index.js';
import { jacobiEigen } from '../src/core/pca.js';
import { placeLabels } from '../src/plot/label-placement.js';
import { loadPlotModule, PLOT_PACKAGES_MISSING } from '../src/plot/render.js';
import { fileLabel, integerTicks, shortNumber, SPLIT_COLOURS } from '../src/plot/style.js';
import { tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';

/** The texts drawn in an SVG (titles, axis titles, tick labels, legend entries). */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
}

function assertSvg(svg: string): void {
  assert.match(svg, /^<svg [^>]*width="\d+" height="\d+"/);
  assert.match(svg, /<\/svg>\s*$/);
}

const classifyHistory = [1, 2, 3, 4, 5].map((epoch) => ({ epoch, loss: 1 / epoch, trainAccuracy: 0.6 + epoch / 20, devAccuracy: 0.55 + epoch / 25 }));

test('training curves: train and dev in their own labelled colours, whole-epoch ticks', async () => {
  const svg = await renderSvg(trainingCurvesSpec(classifyHistory, 'fasttext on train.tsv'));
  assertSvg(svg);
  const t = texts(svg);
  for (const s of ['fasttext on train.tsv', 'training loss', 'accuracy', 'epoch', 'train', 'dev']) assert.ok(t.includes(s), `missing "${s}" in ${t.join('|')}`);
  // the loss line is a train series (blue), the dev line orange; vega's default blue is not used
  assert.ok(svg.includes(SPLIT_COLOURS.train) && svg.includes(SPLIT_COLOURS.dev));
  assert.ok(!svg.includes('#4c78a8'), 'a series drawn in the default colour');
  // the loss ticks (0.2, 0.4, …) never fall on x.5, so a 1.5 … 4.5 label is an epoch tick
  assert.ok(t.includes('3') && !['1.5', '2.5', '3.5', '4.5'].some((s) => t.includes(s)), `fractional epoch ticks: ${t.join(' ')}`);
});

test('accuracy against λ: a labelled tick at every power of ten (1e-6 … 1), none in long decimals', async () => {
  const grid = [0, 1e-6, 3.16e-6, 1e-5, 3.16e-5, 1e-4, 3.16e-4, 1e-3, 3.16e-3, 1e-2, 3.16e-2, 0.1, 0.316, 1];
  const svg = await renderSvg(accuracyVsL2Spec(grid.map((l2, i) => ({ l2, trainAccuracy: 0.9 - i / 100, devAccuracy: 0.8 + (i === 5 ? 0.05 : 0) })), 'accuracy against λ (fasttext)'));
  assertSvg(svg);
  const t = texts(svg);
  for (const s of ['1e-6', '1e-5', '1e-4', '1e-3', '1e-2', '1e-1', '1']) assert.ok(t.includes(s), `missing λ tick ${s} in ${t.join('|')}`);
  assert.ok(!t.some((s) => /^0\.0000/.test(s)), 'a long decimal tick');
  assert.ok(t.some((s) => s.includes('best dev: λ = 1e-4')), t.join('|'));
  for (const s of ['train', 'dev', 'accuracy']) assert.ok(t.includes(s));
});

test('confusion heat map: counts in the cells, colour by share of the row, axis names', async () => {
  const svg = await renderSvg(confusionSpec(['O', 'B-PER', 'I-PER'], [[90, 5, 5], [1, 8, 1], [0, 0, 10]], 'tag confusion on dev.txt', 'tag'));
  assertSvg(svg);
  const t = texts(svg);
  for (const s of ['tag confusion on dev.txt', 'predicted tag', 'true tag', 'share of row', 'B-PER', 'I-PER', '90', '8', '10']) assert.ok(t.includes(s), `missing "${s}"`);
  assert.ok(!t.includes('0'), 'an empty cell is labelled');
});

test('word2vec curves: loss and learning rate against epochs', async () => {
  const history = Array.from({ length: 20 }, (_, i) => ({ epoch: (i + 1) / 10, loss: 40 - i, alpha: 0.025 * (1 - (i + 1) / 20) }));
  const svg = await renderSvg(word2vecCurvesSpec(history, 'word2vec skipgram/negative on brown'));
  assertSvg(svg);
  const t = texts(svg);
  for (const s of ['word2vec skipgram/negative on brown', 'training loss', 'learning rate', 'epoch', '0', '1', '2']) assert.ok(t.includes(s), `missing "${s}"`);
  assert.ok(!t.includes('0.5') && !t.includes('1.5'), 'fractional epoch ticks');
});

test('tagger learning curve: training loss and dev score per epoch, the kept epoch marked', async () => {
  const history = [1, 2, 3, 4].map((epoch) => ({ epoch, loss: 1 / epoch, devScore: [0.5, 0.7, 0.8, 0.75][epoch - 1]! }));
  const svg = await renderSvg(taggerCurvesSpec(history, 'tagger on train.txt', 'entity F1', 3));
  assertSvg(svg);
  const t = texts(svg);
  for (const s of ['tagger on train.txt', 'training loss', 'dev entity F1', 'epoch', 'train', 'dev', 'kept: epoch 3']) assert.ok(t.includes(s), `missing "${s}"`);
  const noDev = texts(await renderSvg(taggerCurvesSpec(history.map((h) => ({ ...h, devScore: null })), 'tagger on train.txt')));
  assert.ok(noDev.includes('training loss') && !noDev.some((s) => s.startsWith('dev ')));
});

test('word map: every word labelled, axis titles', async () => {
  const points = ['king', 'queen', 'man', 'woman', 'paris', 'rome'].map((word, i) => ({ word, x: Math.cos(i), y: Math.sin(i) }));
  const svg = await renderSvg(vectorMapSpec(points, { title: '6 words of v.bin (PCA)', xTitle: 'PC1 (40.0%)', yTitle: 'PC2 (20.0%)' }));
  assertSvg(svg);
  const t = texts(svg);
  for (const s of ['6 words of v.bin (PCA)', 'PC1 (40.0%)', 'PC2 (20.0%)', 'king', 'queen', 'man', 'woman', 'paris', 'rome']) assert.ok(t.includes(s), `missing "${s}"`);
});

test('labels are placed without overlapping each other, inside the plot', () => {
  fc.assert(fc.property(fc.array(fc.record({ px: fc.double({ min: 0, max: 400, noNaN: true }), py: fc.double({ min: 0, max: 300, noNaN: true }), text: fc.string({ minLength: 1, maxLength: 8 }) }), { minLength: 1, maxLength: 25 }), (pts) => {
    const placed = placeLabels(pts, 400, 300);
    placed.forEach((p, i) => {
      assert.ok(p.box.x >= 0 && p.box.y >= 0 && p.box.x + p.box.w <= Math.max(400, p.box.w) + 1e-9 && p.box.y + p.box.h <= 300 + 1e-9);
      if (p.overlaps) return;
      for (let j = 0; j < i; j++) {
        const q = placed[j]!.box, b = p.box;
        const apart = b.x + b.w <= q.x || q.x + q.w <= b.x || b.y + b.h <= q.y || q.y + q.h <= b.y;
        assert.ok(apart, `labels ${j} and ${i} overlap`);
      }
    });
  }), { seed: 7, numRuns: 100 });
  // a crowd of points at one spot: labels fan out around it
  const crowd = placeLabels(Array.from({ length: 8 }, (_, i) => ({ px: 200, py: 150, text: `w${i}` })), 400, 300);
  assert.equal(crowd.filter((p) => p.overlaps).length, 0);
});

test('pca: a known answer (points along a rotated orthonormal basis)', () => {
  // v1, v2, v3: an orthonormal basis of R^3 (a rotation); rows ±s_i v_i have covariance Σ 2 s_i² v_i v_iᵀ / 5
  const c = Math.cos(0.5), s = Math.sin(0.5);
  const v = [[c, s, 0], [-s * 0.6, c * 0.6, 0.8], [s * 0.8, -c * 0.8, 0.6]];
  const scale = [3, 2, 0.5];
  const rows: number[] = [];
  for (let i = 0; i < 3; i++) for (const sign of [1, -1]) rows.push(...v[i]!.map((x) => sign * scale[i]! * x));
  const r = pca(rows, 6, 3, 2);
  assert.deepEqual(r.variances.map((x) => Number(x.toFixed(10))), [(2 * 9) / 5, (2 * 4) / 5]);
  const total = (2 * (9 + 4 + 0.25)) / 5;
  assert.ok(Math.abs(r.explainedRatio[0]! - 3.6 / total) < 1e-12);
  for (let m = 0; m < 2; m++) {
    // the sign convention: the largest entry is positive
    const expected = v[m]!.map((x) => x * Math.sign(v[m]!.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a))));
    for (let j = 0; j < 3; j++) assert.ok(Math.abs(r.components[m * 3 + j]! - expected[j]!) < 1e-9, `component ${m}: ${Array.from(r.components.subarray(m * 3, m * 3 + 3))} vs ${expected}`);
  }
  // the row +3 v1 sits at (±3, 0) on the map
  assert.ok(Math.abs(Math.abs(r.projected[0]!) - 3) < 1e-9 && Math.abs(r.projected[1]!) < 1e-9);
  // a hand-worked 2-D case: (±2, 0), (0, ±1) → PC1 = x (variance 8/3), PC2 = y (variance 2/3)
  const h = pca([2, 0, -2, 0, 0, 1, 0, -1], 4, 2, 2);
  assert.deepEqual(Array.from(h.components).map((x) => Math.round(x * 1e9) / 1e9 + 0), [1, 0, 0, 1]);
  assert.ok(Math.abs(h.variances[0]! - 8 / 3) < 1e-12 && Math.abs(h.variances[1]! - 2 / 3) < 1e-12);
});

test('pca: components are orthonormal and the first has the largest variance', () => {
  fc.assert(fc.property(fc.integer({ min: 3, max: 12 }), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 1e6 }), (n, d, seed) => {
    let state = seed + 1;
    const rand = (): number => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648 - 0.5; };
    const data = Array.from({ length: n * d }, (_, i) => rand() * (1 + (i % d)));
    const r = pca(data, n, d, 2);
    const dot = (a: number, b: number): number => { let s = 0; for (let j = 0; j < d; j++) s += r.components[a * d + j]! * r.components[b * d + j]!; return s; };
    assert.ok(Math.abs(dot(0, 0) - 1) < 1e-9 && Math.abs(dot(1, 1) - 1) < 1e-9 && Math.abs(dot(0, 1)) < 1e-6);
    assert.ok(r.variances[0]! >= r.variances[1]! - 1e-9);
    // no coordinate axis has more variance than PC1
    for (let j = 0; j < d; j++) {
      let mean = 0, v = 0;
      for (let i = 0; i < n; i++) mean += data[i * d + j]! / n;
      for (let i = 0; i < n; i++) v += (data[i * d + j]! - mean) ** 2 / (n - 1);
      assert.ok(v <= r.variances[0]! * (1 + 1e-6) + 1e-12);
    }
  }), { seed: 3, numRuns: 60 });
  assert.throws(() => pca([1, 2, 3], 2, 2), LexnetError);
  assert.throws(() => pca([1, 2, 3, 4], 2, 2, 3), /from 1 to 2/);
});

test('jacobiEigen: eigenpairs of a small symmetric matrix', () => {
  const r = jacobiEigen([2, 1, 0, 1, 2, 0, 0, 0, 5], 3);
  assert.deepEqual([...r.values].map((x) => Math.round(x * 1e12) / 1e12).sort(), [1, 3, 5]);
});

test('short labels: base names in titles, λ as 1e-5, whole-number ticks', () => {
  assert.equal(fileLabel('/work/shared/data/sst2/train.tsv'), 'train.tsv');
  assert.equal(fileLabel('-'), 'standard input');
  assert.deepEqual([1e-5, 3.16e-4, 0.01, 0.5, 1, 0].map(shortNumber), ['1e-5', '3.16e-4', '0.01', '0.5', '1', '0']);
  assert.deepEqual(integerTicks(1, 5), [1, 2, 3, 4, 5]);
  assert.deepEqual(integerTicks(0, 40), [0, 5, 10, 15, 20, 25, 30, 35, 40]);
});

test('a missing charting package is a LexnetError that says what to install', async () => {
  await assert.rejects(loadPlotModule(() => import('lexnet-no-such-package' as string)), (e: unknown) => e instanceof LexnetError && e.message === PLOT_PACKAGES_MISSING);
  await assert.rejects(loadPlotModule(() => Promise.reject(new TypeError('boom'))), TypeError);
});

test("import 'lexnet' does not load vega or vega-lite; drawing without them says what to install", () => {
  const dir = tempDir();
  const index = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), '../src/index.js')).href;
  // a resolve hook that makes vega and vega-lite missing, as in an install without them
  const hook = writeTemp(dir, 'hook.mjs', `export async function resolve(s, c, next) {
  if (s === 'vega' || s === 'vega-lite') throw Object.assign(new Error("Cannot find package '" + s + "'"), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(s, c);
}\n`);
  const main = writeTemp(dir, 'main.mjs', `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(hook).href)});
const lib = await import(${JSON.stringify(index)});
console.log('imported', typeof lib.trainWord2vec);
try { await lib.renderSvg({ mark: 'point' }); console.log('rendered'); } catch (e) { console.log(e.name + ': ' + e.message); }\n`);
  const r = spawnSync(process.execPath, [main], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `imported function\nLexnetError: ${PLOT_PACKAGES_MISSING}\n`);
});

test('word2vec curves: a long run is averaged down to at most 1000 points', async () => {
  const history = Array.from({ length: 4500 }, (_, i) => ({ epoch: (i + 1) / 900, loss: 2 + (i % 2), alpha: 0.025 }));
  const spec = word2vecCurvesSpec(history, 'long') as { data: { values: { loss: number }[] }; title: { subtitle: string } };
  assert.ok(spec.data.values.length <= 1000 && spec.data.values.length >= 900, `${spec.data.values.length} points`);
  assert.match(spec.title.subtitle, /^4500 samples \(averaged by 5\)/);
  assert.ok(spec.data.values.every((v) => v.loss > 2 && v.loss < 3));
});

test('trainWord2vec returns its loss and learning rate as it went (the curves of --plots)', async () => {
  const corpus = textCorpus(writeTemp(tempDir(), 'topics.txt', topicCorpus(3000, 4)));
  const r = await trainWord2vec(corpus, { dim: 8, minCount: 1, epochs: 3, threads: 1, sample: 0, alpha: 0.02, quiet: true });
  assert.ok(r.history.length >= 1);
  const last = r.history.at(-1)!;
  assert.ok(last.epoch > 2.9 && last.epoch <= 3, `ends at epoch ${last.epoch}`);
  assert.ok(Math.abs(last.loss - r.finalLoss) < 1e-12);
  for (let i = 0; i < r.history.length; i++) {
    const h = r.history[i]!;
    assert.ok(Number.isFinite(h.loss) && h.loss > 0 && h.alpha > 0 && h.alpha <= 0.02);
    if (i > 0) assert.ok(h.epoch > r.history[i - 1]!.epoch && h.alpha < r.history[i - 1]!.alpha);
  }
});
