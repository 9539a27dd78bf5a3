// `trainClassifier` and `lexnet classify train` with kind supervised (fastText's model trained in
// the kernels): the Classifier object, its file, multi-label fastText lines, --label, -k and --threshold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trainClassifier, sweepL2 } from '../src/classify/train.js';
import { decodeClassifier } from '../src/classify/model-file.js';
import { predictIndices } from '../src/classify/classifier.js';
import { FastTextClassifier } from '../src/fasttext/supervised-model.js';
import { WordVectors } from '../src/io/word-vectors.js';
import { lexnet, tempDir } from './cli.js';

const dir = tempDir();
const examples = Array.from({ length: 200 }, (_, i) => ({ text: i % 2 ? `the film was good ${i % 7} fine` : `the film was bad ${i % 5} dull`, label: i % 2 ? 'pos' : 'neg' }));

test('trainClassifier kind supervised: a Classifier over a FastTextClassifier, saved and loaded with the same predictions', async () => {
  const r = await trainClassifier(examples, examples, { kind: 'supervised', dim: 8, epochs: 5, learningRate: 0.5, threads: 1 });
  assert.equal(r.classifier.kind, 'supervised');
  assert.ok(r.classifier.kind === 'supervised' && r.classifier.model instanceof FastTextClassifier);
  assert.deepEqual([...r.labels].sort(), ['neg', 'pos']);
  assert.equal(r.devAccuracy, 1);
  assert.equal(r.history.length, 1);
  const p = r.predict('a good film');
  assert.equal(p.label, 'pos');
  assert.ok(Math.abs(p.probabilities.pos! + p.probabilities.neg! - 1) < 1e-3);
  const back = decodeClassifier(r.toBytes(), 'supervised.model');
  assert.equal(back.kind, 'supervised');
  const again = new (r.constructor as new (c: typeof back) => typeof r)(back);
  for (const t of ['a good film', 'dull and bad', 'unknown words only']) assert.deepEqual(again.predict(t), r.predict(t));
});

test('trainClassifier kind supervised gives each dev text\'s top label as the kernels found it (devPredictions): predictIndices\' labels, devAccuracy\'s count', async () => {
  const noisy = examples.map((e, i) => (i % 5 === 0 ? { ...e, label: e.label === 'pos' ? 'neg' : 'pos' } : e));
  const dev = Array.from({ length: 60 }, (_, i) => ({ text: `${i % 3 ? 'good' : 'bad'} film ${i % 4} was ${i % 2 ? 'fine' : 'dull'}`, label: i % 3 ? 'pos' : 'neg' }));
  for (const threads of [1, 2]) {
    const r = await trainClassifier(noisy, dev, { kind: 'supervised', dim: 8, epochs: 3, threads, wordNgrams: 2, bucket: 200 });
    assert.ok(r.devPredictions, 'dev predictions given');
    assert.deepEqual([...r.devPredictions], [...predictIndices(r.classifier, dev.map((d) => d.text.split(' ')))]);
    assert.equal(r.devAccuracy, dev.filter((d, i) => r.labels[r.devPredictions![i]!] === d.label).length / dev.length);
  }
});

test('kind supervised refuses what applies to the other kinds', async () => {
  const vectors = new WordVectors(['the', 'film'], 2, Float32Array.from([1, 0, 0, 1]));
  await assert.rejects(trainClassifier(examples, null, { kind: 'supervised', vectors, dim: 3, threads: 1 }), /dim 3 is not the dimension of the vectors \(2\)/);
  await assert.rejects(trainClassifier(examples, null, { kind: 'supervised', checkpoint: join(dir, 'c'), threads: 1 }), /kind supervised \(fastText's model\) does not take `checkpoint`/);
  await assert.rejects(trainClassifier(examples, null, { kind: 'supervised', l2: 0.1, threads: 1 }), /does not take `l2`/);
  await assert.rejects(sweepL2(examples, examples, { kind: 'supervised' }), /`sweepL2` does not apply to kind supervised/);
  // the options of lexnet's own fasttext kind are refused, not ignored: by the library and by the CLI with its flag
  for (const [name, value] of [['dropout', 0.2], ['bigrams', false], ['pretrainedWords', 10], ['patience', 3]] as const) {
    await assert.rejects(trainClassifier(examples, null, { kind: 'supervised', [name]: value, threads: 1 }), { message: `${name} has no effect here: it is used only by kind fasttext` });
  }
  const data = join(dir, 'refuse.tsv');
  writeFileSync(data, examples.map((e) => `${e.label}\t${e.text}`).join('\n') + '\n');
  for (const flags of [['--dropout', '0.2'], ['--no-bigrams'], ['--pretrained-words', '10']]) {
    const r = lexnet(['classify', 'train', '--kind', 'supervised', '--train', data, '--out', join(dir, 'refused.model'), ...flags]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`${flags[0]} has no effect here: it is used only by --kind fasttext`));
  }
});

test('lexnet classify train --kind supervised: multi-label lines with --label, ova, then predict -k and --threshold', () => {
  const lines = Array.from({ length: 400 }, (_, i) => {
    const fruit = i % 2 === 0, sky = i % 3 === 0;
    return `#${fruit ? 'fruit' : 'rock'}${sky ? ' #sky' : ''} x ${fruit ? 'apple' : 'stone'} y ${sky ? 'blue' : 'green'}`;
  });
  const train = join(dir, 'multi.txt'), model = join(dir, 'multi.model'), data = join(dir, 'plain.txt');
  writeFileSync(train, lines.join('\n') + '\n');
  const t = lexnet(['classify', 'train', '--kind', 'supervised', '--train', train, '--label', '#', '--loss', 'ova', '--epochs', '10', '--lr', '0.5', '--dim', '8', '--threads', '1', '--out', model, '--json']);
  assert.equal(t.status, 0, t.stderr);
  assert.equal(JSON.parse(t.stdout.trim().split('\n').at(-1)!).trainAccuracy, 1);
  writeFileSync(data, 'x apple y blue\nx stone y green\n');
  const p = lexnet(['classify', 'predict', '--model', model, '--data', data, '-k', '3', '--threshold', '0.5']);
  assert.equal(p.status, 0, p.stderr);
  const got = p.stdout.trim().split('\n').map((l) => l.split(' ').sort());
  assert.deepEqual(got, [['#fruit', '#sky'], ['#rock']]);
  const q = lexnet(['classify', 'predict', '--model', model, '--data', data, '-k', '1', '--probabilities']);
  assert.match(q.stdout, /^#fruit 0\.9\d*\n#rock 0\.9\d*\n$/);
  const bad = lexnet(['classify', 'train', '--train', train, '--label', '#', '--loss', 'ns', '--out', model]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--loss has no effect here: it is used only by --kind supervised/);
});
