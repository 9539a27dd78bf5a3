// Divergence is not only NaN (a loss that explodes stops the run), and it blames the learning
// rate only when the inputs were finite: NaN data, settings, vectors and checkpoints are refused first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../src/core/random.js';
import { LexnetError } from '../src/io/errors.js';
import { WordVectors } from '../src/io/word-vectors.js';
import { mlpClassifier } from '../src/models/models.js';
import { fit } from '../src/train/trainer.js';
import { DivergenceError, divergenceMessage } from '../src/train/divergence.js';
import { trainClassifier, sweepL2 } from '../src/classify/train.js';
import { trainTagger } from '../src/tagger/train.js';
import { trainWord2vec } from '../src/word2vec/train.js';
import { readWord2vecCheckpoint } from '../src/word2vec/checkpoint.js';
import { lexnet, tempDir, writeTemp } from './cli.js';

const dir = tempDir();
const r = new Random(1);
const corpus = Array.from({ length: 2000 }, () => Array.from({ length: 10 }, () => `w${Math.floor(Math.pow(r.next(), 2) * 200)}`));
const w2v = { minCount: 1, dim: 16, threads: 1, seed: 1, epochs: 2, sample: 0 };
const sentences = Array.from({ length: 200 }, () => {
  const words = Array.from({ length: 8 }, () => `w${Math.floor(r.next() * 60)}`);
  return { words, tags: words.map((w) => (Number(w.slice(1)) % 3 === 0 ? 'B-X' : 'O')), lines: words.map((_, i) => i + 1) };
});
const examples = sentences.map((s) => ({ text: s.words.join(' '), label: s.words.includes('w1') ? 'a' : s.words.includes('w2') ? 'b' : 'c' }));
const xy = (n: number) => {
  const x = Array.from({ length: n }, () => [r.normal(), r.normal()]);
  return { x, y: x.map(([a, b]) => (a! + b! > 0 ? 1 : 0)) };
};

const explodes = (rate: string) => (e: unknown): boolean =>
  e instanceof DivergenceError && new RegExp(`diverged at epoch \\d+: the loss grew to [\\d.]+e\\+\\d+, over 100× its value at the start \\([\\d.]+\\)\\. The ${rate} is probably too large`).test(e.message);

test('word2vec: a loss that explodes while staying finite stops the run (skip-gram, CBOW, hierarchical softmax)', async () => {
  await assert.rejects(trainWord2vec(corpus, { ...w2v, learningRate: 1000 }), explodes('learningRate 1000'));
  await assert.rejects(trainWord2vec(corpus, { ...w2v, model: 'cbow', learningRate: 1e6 }), explodes('learningRate 1000000'));
  await assert.rejects(trainWord2vec(corpus, { ...w2v, loss: 'hierarchical', learningRate: 1000 }), explodes('learningRate 1000'));
  await assert.rejects(trainWord2vec(corpus, { ...w2v, learningRate: 1000 }), /the default is 0\.025/);
  // the defaults train as before
  const ok = await trainWord2vec(corpus, w2v);
  assert.ok(Number.isFinite(ok.finalLoss));
});

test('lexnet word2vec --alpha 1000 exits 1 with the cause and writes no vectors', () => {
  const text = writeTemp(dir, 'corpus.txt', corpus.map((s) => s.join(' ')).join('\n') + '\n');
  const out = join(dir, 'v.txt');
  const res = lexnet(['word2vec', '--corpus', text, '--out', out, '--alpha', '1000', '--min-count', '1', '--dim', '16', '--epochs', '2', '--threads', '1', '--quiet']);
  assert.equal(res.status, 1, res.stderr);
  assert.match(res.stderr, /diverged at epoch \d: the loss grew to .* The --alpha 1000 is probably too large for this data; try a smaller --alpha \(250 or less/);
  assert.equal(existsSync(out), false);
});

test('tagger, fastText classifier and fit: an exploding loss is a divergence', async () => {
  await assert.rejects(trainTagger(sentences, null, { epochs: 3, threads: 1, learningRate: 10 }), explodes('learningRate 10'));
  await assert.rejects(trainClassifier(examples, null, { epochs: 3, learningRate: 10 }), explodes('learningRate 10'));
  const { x, y } = xy(500);
  await assert.rejects(fit(mlpClassifier(2, [16], 2, 'relu', new Random(1)), x, y, { epochs: 5, learningRate: 1000, optimizer: 'adam' }), explodes('learningRate 1000'));
  // ordinary rates train
  const t = await trainTagger(sentences, null, { epochs: 2, threads: 1 });
  assert.equal(t.history.length, 2);
});

test('the word vectors\' norms: a divergence message for vectors that exploded', () => {
  assert.match(divergenceMessage({ epoch: 3, loss: 2.5, rate: 5, norm: 1.8e5, defaultRate: 0.025 }),
    /^training diverged at epoch 3: the vectors exploded \(a norm of 1\.80e\+5, where a trained model's stay below 1000; .*\)\. The learningRate 5 is probably too large .*the default is 0\.025/);
});

const notDivergence = (pattern: RegExp) => (e: unknown): boolean =>
  e instanceof LexnetError && !(e instanceof DivergenceError) && pattern.test(e.message) && !/learning rate|\blr\b|alpha/.test(e.message);

test('NaN or ∞ in the data is refused before training, named, not blamed on the learning rate', async () => {
  const { x, y } = xy(50);
  const bad = x.map((row, i) => (i === 7 ? [row[0]!, NaN] : row));
  for (const optimizer of ['adam', 'sgd', 'lbfgs'] as const) {
    await assert.rejects(fit(mlpClassifier(2, [4], 2, 'tanh', new Random(1)), bad, y, { epochs: 2, optimizer }), notDivergence(/^fit: inputs\[7\]\[1\] is NaN: training needs finite numbers/));
  }
  await assert.rejects(fit(mlpClassifier(2, [4], 1, 'tanh', new Random(1)), x, x.map((_, i) => [i === 3 ? Infinity : 1]), { epochs: 2 }), notDivergence(/^fit: targets\[3\]\[0\] is Infinity/));
});

test('l2: NaN, a NaN learning rate and NaN word vectors are refused as options (the declarations\' words: the CLI says the same)', async () => {
  const option = (name: string, pattern: RegExp) => (e: unknown): boolean => notDivergence(pattern)(e) && (e as LexnetError).option === name;
  await assert.rejects(trainTagger(sentences, null, { epochs: 1, threads: 1, l2: NaN }), option('l2', /^l2 must be a number ≥ 0, got NaN/));
  await assert.rejects(trainTagger(sentences, null, { epochs: 1, threads: 1, learningRate: NaN }), option('learningRate', /^learningRate must be a number > 0, got NaN/));
  await assert.rejects(trainClassifier(examples, null, { epochs: 1, l2: NaN }), option('l2', /^l2 must be a number ≥ 0, got NaN/));
  await assert.rejects(sweepL2(examples, examples.slice(0, 20), { epochs: 1 }, [0, NaN]), option('l2', /^l2 must be a number ≥ 0, got NaN \(in the grid of `sweepL2`\)/));
  const vectors = new WordVectors(['w1', 'w2'], 2, Float32Array.from([1, 2, 3, NaN]));
  const named = /^vectors: the vector of "w2" \(row 2\) holds NaN; word vectors must be finite numbers/;
  await assert.rejects(trainTagger(sentences, null, { epochs: 1, threads: 1, vectors, config: { wordDim: 2 } }), option('vectors', named));
  await assert.rejects(trainClassifier(examples, null, { epochs: 1, vectors }), option('vectors', named));
  await assert.rejects(trainClassifier(examples, null, { epochs: 1, model: 'average', vectors }), option('vectors', named));
});

test('sentences whose words and tags differ in number are refused, naming the sentence', async () => {
  const odd = { words: ['a', 'b', 'c'], tags: ['O', 'B-X'], lines: [12, 13, 14] };
  await assert.rejects(trainTagger([...sentences.slice(0, 5), odd], null, { epochs: 1, threads: 1 }), notDivergence(/^train: sentence 6 \(line 12\) has 3 words but 2 tags; every word needs one tag$/));
  await assert.rejects(trainTagger(sentences, [odd], { epochs: 1, threads: 1 }), notDivergence(/^dev: sentence 1 \(line 12\) has 3 words but 2 tags/));
});

test('NaN in a checkpoint\'s weights is refused as a damaged checkpoint, not a divergence', async () => {
  const path = join(dir, 'run.ckpt');
  await trainWord2vec(corpus, { ...w2v, epochs: 1, checkpoint: { path } });
  const saved = readWord2vecCheckpoint(path);
  saved.syn0[5] = NaN;
  saved.done = 0;
  await assert.rejects(trainWord2vec(corpus, { ...w2v, epochs: 1, resume: saved }), notDivergence(/damaged checkpoint: syn0\[5\] is NaN; weights must be finite numbers/));
});
