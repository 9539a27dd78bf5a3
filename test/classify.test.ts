import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random, WordVectors, gradcheckParams, writeVectors } from '../src/index.js';
import { BagOfNgrams, ngramIds, ngramVocabulary, withPretrainedWords } from '../src/classify/bag-of-ngrams.js';
import { averageVectors } from '../src/classify/averaged-features.js';
import { classificationReport } from '../src/train/metrics.js';
import { readFastText, readLabelledTsv, tokenize } from '../src/text/labelled.js';
import { assertGradOk } from './helpers.js';
import { lexnet, tempDir, writeTemp } from './cli.js';

const dir = tempDir();

for (const hidden of [0, 3]) {
  test(`bag-of-n-grams model${hidden ? ' with a ReLU hidden layer' : ''}: gradients for embeddings, weights (with L2) and biases`, () => {
    const rng = new Random(4);
    const m = new BagOfNgrams(['a', 'b', 'c', 'a b', 'b c'], 4, 3, hidden).initialize(rng);
    for (const a of [m.E, m.W1, m.b1, m.W, m.b]) for (let i = 0; i < a.length; i++) a[i] = rng.normal();
    const texts = [Int32Array.from([0, 1, 3]), Int32Array.from([2, 2, 4, 1]), Int32Array.from([0])];
    const labels = [2, 0, 1];
    let last = m.lossAndGradient(texts, labels, 0.3);
    const params = [['E', m.E], ['W1', m.W1], ['b1', m.b1], ['W', m.W], ['b', m.b]] as const;
    const report = gradcheckParams(
      () => (last = m.lossAndGradient(texts, labels, 0.3)).loss,
      params.map(([name, value]) => ({ name, value })),
      () => [last.E!, last.W1, last.b1, last.W, last.b],
    );
    assertGradOk(report);
  });
}

test('one SGD step equals a gradient step of the batch-of-one loss', () => {
  const rng = new Random(5);
  const m = new BagOfNgrams(['a', 'b', 'c'], 3, 2, 2).initialize(rng);
  for (const a of [m.W, m.b1]) for (let i = 0; i < a.length; i++) a[i] = rng.normal();
  const ids = Int32Array.from([0, 2, 2]);
  const g = m.lossAndGradient([ids], [1], 0.1);
  const before = [m.E, m.W1, m.W].map((a) => a.slice());
  m.sgdStep(ids, 1, 0.5, 0.1, m.workspace());
  [[m.E, g.E], [m.W1, g.W1], [m.W, g.W]].forEach(([now, grad], k) => {
    before[k]!.forEach((v, i) => assert.ok(Math.abs(now![i]! - (v - 0.5 * grad![i]!)) < 1e-12));
  });
});

test('pretrained words outside the training texts join the vocabulary (most frequent first, up to the limit) with unit-norm rows', () => {
  const vectors = new WordVectors(['film', 'superb', 'dreadful', 'rare'], 2, Float32Array.from([3, 4, 0, 2, -1, 0, 0, 0]));
  const vocab = withPretrainedWords(ngramVocabulary([['good', 'film']], true), vectors, 2);
  assert.deepEqual(vocab, ['good', 'film', 'good film', 'superb', 'dreadful']);
  const index = new Map(vocab.map((g, i) => [g, i]));
  const m = new BagOfNgrams(vocab, 2, 2);
  assert.equal(m.loadVectors(vectors, index), 3);
  const near = (a: Float64Array, b: number[]) => b.forEach((v, i) => assert.ok(Math.abs(a[i]! - v) < 1e-12, `${[...a]} vs ${b}`));
  near(m.E.subarray(2, 4), [0.6, 0.8]); // film: (3, 4)/5
  near(m.E.subarray(6, 10), [0, 1, -1, 0]); // superb, dreadful
  // a test sentence made only of words never seen in training still has a representation
  assert.deepEqual([...ngramIds(['superb', 'dreadful'], true, index)], [3, 4]);
});

test('n-gram vocabulary and ids: unigrams and bigrams seen in training, unknown ones dropped', () => {
  const vocab = ngramVocabulary([['not', 'good'], ['good', 'film']], true);
  assert.deepEqual(vocab, ['not', 'good', 'not good', 'film', 'good film']);
  const index = new Map(vocab.map((g, i) => [g, i]));
  assert.deepEqual([...ngramIds(['not', 'good', 'at', 'all'], true, index)], [0, 1, 2]);
});

test('averaged vectors skip unknown words and count sentences with none', () => {
  const v = new WordVectors(['good', 'bad'], 2, Float32Array.from([1, 0, 0, 1]));
  const f = averageVectors(v, [['good', 'bad', 'zzz'], ['zzz'], ['good']]);
  assert.deepEqual(f.x.toArray(), [[0.5, 0.5], [0, 0], [1, 0]]);
  assert.deepEqual([f.tokens, f.unknownTokens, f.emptySentences], [5, 2, 1]);
});

test('classification report: per-class precision, recall, F1 and macro-F1', () => {
  const r = classificationReport([0, 1, 1, 1], [0, 0, 1, -1], ['neg', 'pos']);
  assert.equal(r.accuracy, 0.5);
  assert.deepEqual(r.confusion, [[1, 1], [0, 1]]);
  assert.equal(r.classes[0]!.precision, 1);
  assert.equal(r.classes[0]!.recall, 0.5);
  assert.ok(Math.abs(r.macroF1 - (2 / 3 + 2 / 3) / 2) < 1e-12);
});

test('readers: TSV header, fastText labels, tokenizer', () => {
  const t = readLabelledTsv(writeTemp(dir, 'a.tsv', 'label\tsentence\npos\ta fine film\n'));
  assert.deepEqual([t.texts[0], t.labels[0], t.lines[0]], [['a', 'fine', 'film'], 'pos', 2]);
  assert.throws(() => readLabelledTsv(writeTemp(dir, 'b.tsv', 'text\tclass\nx\t1\n')), /b.tsv:1: the header must name a "sentence" and a "label" column/);
  const f = readFastText(writeTemp(dir, 'c.txt', '__label__spam buy now\n__label__ham hi\n'));
  assert.deepEqual(f.labels, ['spam', 'ham']);
  assert.throws(() => readFastText(writeTemp(dir, 'd.txt', '__label__x a\nno label here\n')), /d.txt:2: no __label__ on this line/);
  assert.deepEqual(tokenize("It's GREAT, isn't it?", { lowercase: true }), ["it's", 'great', ',', "isn't", 'it', '?']);
  assert.deepEqual(tokenize("It's GREAT, isn't it?"), ["It's", 'GREAT', ',', "isn't", 'it', '?']); // issue 20: case kept by default
});

/** A toy sentiment set: positive words vs negative words. */
function toy(n: number, seed: number): string {
  const r = new Random(seed);
  const pos = ['good', 'great', 'fine', 'lovely'], neg = ['bad', 'awful', 'dull', 'poor'], filler = ['the', 'film', 'was', 'a', 'plot'];
  const lines = ['sentence\tlabel'];
  for (let i = 0; i < n; i++) {
    const y = i % 2;
    const words = Array.from({ length: 5 }, () => filler[r.int(filler.length)]!);
    words.splice(r.int(5), 0, (y ? pos : neg)[r.int(4)]!);
    lines.push(`${words.join(' ')}\t${y ? 'positive' : 'negative'}`);
  }
  return lines.join('\n') + '\n';
}

const train = writeTemp(dir, 'train.tsv', toy(200, 1));
const dev = writeTemp(dir, 'dev.tsv', toy(40, 2));

test('classify train (fasttext, λ sweep with plots), eval and predict', () => {
  const model = join(dir, 'ft.model'), plots = join(dir, 'plots');
  const r = lexnet(['classify', 'train', '--train', train, '--dev', dev, '--kind', 'fasttext', '--dim', '8', '--epochs', '10', '--l2', 'sweep', '--plots', plots, '--out', model, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.ok(j.devAccuracy > 0.9, `dev ${j.devAccuracy}`);
  assert.equal(j.sweep.length, 14);
  for (const f of ['accuracy-vs-l2.svg', 'training-curves.svg', 'confusion.svg']) assert.match(readFileSync(join(plots, f), 'utf8'), /<svg/);
  const ev = lexnet(['classify', 'eval', '--model', model, '--data', dev, '--json']);
  assert.equal(ev.status, 0, ev.stderr);
  assert.ok(JSON.parse(ev.stdout).macroF1 > 0.9);
  const pr = lexnet(['classify', 'predict', '--model', model, '--data', writeTemp(dir, 'plain.txt', 'a good film\n\nawful plot\n')]);
  assert.equal(pr.status, 0, pr.stderr);
  assert.deepEqual(pr.stdout.trim().split('\n').filter((l) => l !== 'negative' && l !== 'positive'), []);
  assert.equal(pr.stdout.split('\n').length, 4);
});

test('classify train (average) with vectors; wrong-size vectors and unseen labels are reported', () => {
  const vec = join(dir, 'v.txt');
  const words = ['the', 'film', 'was', 'a', 'plot', 'good', 'great', 'fine', 'lovely', 'bad', 'awful', 'dull', 'poor'];
  const rng = new Random(1);
  writeVectors(vec, new WordVectors(words, 4, Float32Array.from({ length: words.length * 4 }, (_, i) => (i >= 20 && i < 36 ? 1 : i >= 36 ? -1 : 0) + 0.1 * rng.normal())));
  const model = join(dir, 'avg.model');
  const r = lexnet(['classify', 'train', '--train', train, '--dev', dev, '--kind', 'average', '--vectors', vec, '--out', model, '--epochs', '30', '--lr', '0.01']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /vectors cover \d+ of \d+ training tokens/);
  const odd = writeTemp(dir, 'odd.tsv', 'sentence\tlabel\ngood film\tneutral\n\tpositive\n');
  const ev = lexnet(['classify', 'eval', '--model', model, '--data', odd]);
  assert.equal(ev.status, 0, ev.stderr);
  assert.match(ev.stderr, /odd.tsv:2: label "neutral" was not in the training data/);
  assert.match(ev.stderr, /odd.tsv:3: empty sentence/);
  const bad = lexnet(['classify', 'train', '--train', train, '--kind', 'fasttext', '--vectors', vec, '--dim', '16', '--out', join(dir, 'x.model')]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /the vectors have dimension 4 but --dim is 16/);
  assert.equal(existsSync(join(dir, 'x.model')), false);
  const cut = join(dir, 'cut.model');
  writeTemp(dir, 'cut.model', readFileSync(model).subarray(0, 200));
  const c = lexnet(['classify', 'eval', '--model', cut, '--data', dev]);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /cut.model(:2)?: .*cut short/);
});
