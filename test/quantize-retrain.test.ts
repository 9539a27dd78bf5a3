// `quantizeClassifier({ cutoff, retrain, input })` and `lexnet classify quantize --retrain`: the
// rows kept by the cut-off trained again on the training lines before quantizing, as `fasttext
// quantize -retrain` does; the .ftz read by Debian's fastText (skipped with a message when absent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFastTextClassifier, quantizeClassifier, trainSupervised, type FastTextClassifier } from '../src/index.js';
import { lexnet, tempDir } from './cli.js';

const hasFastText = spawnSync('fasttext', ['predict'], { encoding: 'utf8' }).error === undefined;
const noFastText = hasFastText ? false : 'the fasttext tool is not installed (apt-get install fasttext)';

/** Four topics: each line mixes 300 common words with its topic's words (300 per topic), so a strong cut-off loses many of them. */
function corpus(lines: number, seed: number): string[] {
  let s = seed;
  const rnd = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const names = ['a', 'b', 'c', 'd'];
  return Array.from({ length: lines }, () => {
    const topic = rnd(4);
    const words = Array.from({ length: 6 + rnd(6) }, () => (rnd(3) === 0 ? `t${topic}_${rnd(300)}` : `w${rnd(300)}`));
    return `__label__${names[topic]} ${words.join(' ')}`;
  });
}

const train = corpus(3000, 1), dev = corpus(600, 2);
const text = (line: string) => line.slice(line.indexOf(' ') + 1);
const accuracy = (m: FastTextClassifier) => dev.filter((l) => m.predict(text(l))[0]!.label === l.split(' ')[0]).length / dev.length;
const dir = tempDir();

test('retrain at a strong cut-off keeps or improves dev accuracy; the .ftz has the pruned rows and the retraining\'s epochs', async () => {
  const { classifier } = await trainSupervised(train, { threads: 1, seed: 1, wordNgrams: 2, bucket: 5000, dim: 16, epochs: 10 });
  const plain = await quantizeClassifier(classifier, { cutoff: 256 });
  const retrained = await quantizeClassifier(classifier, { cutoff: 256, retrain: true, input: train, threads: 1, epochs: 5 });
  assert.equal(retrained.inputMatrix.rows, 256);
  assert.equal(retrained.dictionary.nwords + retrained.dictionary.pruneIndex!.size, 256);
  assert.deepEqual(retrained.dictionary.entries.slice(0, plain.dictionary.nwords), plain.dictionary.entries.slice(0, plain.dictionary.nwords), 'the same rows kept');
  assert.equal(retrained.args.epoch, 5);
  assert.ok(retrained.quantized);
  const before = accuracy(plain), after = accuracy(retrained);
  assert.ok(after >= before, `dev accuracy ${after} with retrain, ${before} without`);
  // { words, labels } lines retrain as their fastText-format lines do (one thread, one seed: the same model)
  const objects = train.map((l) => ({ words: text(l).split(' '), labels: [l.split(' ')[0]!] }));
  const same = await quantizeClassifier(classifier, { cutoff: 256, retrain: true, input: objects, threads: 1, epochs: 5 });
  assert.deepEqual(same.toBytes(), retrained.toBytes());
  // the library model (not the .ftz) is left as it was
  assert.equal(classifier.inputMatrix.rows, classifier.dictionary.nwords + 5000);
});

test('lexnet classify quantize --retrain: fastText 0.9.2 reads the .ftz and predicts the labels lexnet predicts', { skip: noFastText }, async () => {
  const trainFile = join(dir, 'train.txt'), devFile = join(dir, 'dev.txt');
  writeFileSync(trainFile, train.join('\n') + '\n');
  writeFileSync(devFile, dev.join('\n') + '\n');
  const bin = join(dir, 'model.bin'), ftz = join(dir, 'model.ftz');
  const trained = lexnet(['classify', 'train', '--kind', 'supervised', '--train', trainFile, '--out', bin, '--word-ngrams', '2', '--bucket', '5000', '--dim', '16', '--threads', '1', '--quiet']);
  assert.equal(trained.status, 0, trained.stderr);
  const r = lexnet(['classify', 'quantize', '--model', bin, '--out', ftz, '--cutoff', '300', '--qnorm', '--retrain', '--input', trainFile, '--epochs', '3', '--lr', '0.1', '--threads', '1', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout.trim().split('\n').at(-1)!).inputRows, 300);
  const model = await loadFastTextClassifier(ftz);
  assert.equal(model.args.epoch, 3);
  const theirs = spawnSync('fasttext', ['predict', ftz, devFile], { encoding: 'utf8' });
  assert.equal(theirs.status, 0, theirs.stderr);
  const ours = readFileSync(devFile, 'utf8').trimEnd().split('\n').map((l) => model.predict(l)[0]!.label);
  assert.deepEqual(theirs.stdout.trimEnd().split('\n'), ours);
  const cli = lexnet(['classify', 'predict', '--model', ftz, '--data', devFile, '--quiet']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(cli.stdout.trimEnd().split('\n'), ours);
});

test('classify quantize --retrain refusals: no input, no cut-off, the retraining flags without --retrain, input without a known label', () => {
  const trainFile = join(dir, 'refusals.txt');
  writeFileSync(trainFile, corpus(200, 3).join('\n') + '\n');
  const bin = join(dir, 'small.bin');
  const trained = lexnet(['classify', 'train', '--kind', 'supervised', '--train', trainFile, '--out', bin, '--word-ngrams', '2', '--bucket', '1000', '--dim', '8', '--threads', '1', '--quiet']);
  assert.equal(trained.status, 0, trained.stderr);
  const strange = join(dir, 'strange.txt');
  writeFileSync(strange, '__label__zz some words\n');
  const cases: [string[], RegExp][] = [
    [['--retrain', '--cutoff', '300'], /^lexnet: --retrain needs --input: the training lines/],
    [['--retrain', '--input', trainFile], /^lexnet: --retrain trains the rows kept by --cutoff again: give --cutoff, fewer than the model's [\d,]+ input rows/],
    [['--cutoff', '300', '--epochs', '3'], /^lexnet: --epochs applies to --retrain \(training the rows kept by --cutoff again\); give --retrain too, or leave --epochs out\n/],
    [['--cutoff', '300', '--threads', '2'], /^lexnet: --threads applies to --retrain/],
    [['--cutoff', '300', '--retrain', '--input', strange], /^lexnet: none of the input's 1 line has a label the model knows \(__label__/],
  ];
  for (const [flags, pattern] of cases) {
    const r = lexnet(['classify', 'quantize', '--model', bin, '--out', join(dir, 'refused.ftz'), ...flags]);
    assert.equal(r.status, 1, `${flags.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
  }
  const bad = lexnet(['classify', 'quantize', '--model', bin, '--out', join(dir, 'refused.ftz'), '--cutoff', '300', '--retrain', '--input', trainFile, '--lr', '0']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--lr must be > 0, got 0/);
});
