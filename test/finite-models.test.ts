// Issue 19: a model saved with non-finite parameters must be impossible. Features and targets
// of huge magnitude are standardized without overflow (or refused, naming the column and its
// magnitude), metrics stay true, and every saver refuses NaN and ±Infinity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../src/index.js';
import { LexnetError } from '../src/io/errors.js';
import { loadTabularModel, saveTabularModel } from '../src/io/model-file.js';
import { saveClassifier, loadClassifier } from '../src/classify/model-file.js';
import { trainClassifier } from '../src/classify/train.js';
import { fitTabular } from '../src/train/fit-tabular.js';
import { r2, rmse } from '../src/train/metrics.js';
import type { LabelledData } from '../src/text/labelled.js';
import { lexnet, tempDir, writeTemp } from './cli.js';

const dir = tempDir();

function csv(name: string, row: (a: number, b: number, i: number) => [number, number, number]): string {
  const r = new Random(7);
  const lines = ['a,b,y'];
  for (let i = 0; i < 60; i++) lines.push(row(r.normal(), r.normal(), i).map((v) => String(v)).join(','));
  return writeTemp(dir, name, `${lines.join('\n')}\n`);
}

const allFinite = (a: ArrayLike<number>): boolean => Array.from(a).every(Number.isFinite);

test('a feature of magnitude 1e160 or 1e300 gives a finite scaler, a model that loads, and a true accuracy', async () => {
  for (const scale of [1e160, 1e300]) {
    const train = csv(`f${scale}.csv`, (a, b) => [a * scale, b, a > 0 ? 1 : 0]);
    const report = await fitTabular({ train, model: 'logistic', labelColumn: 'y' });
    assert.ok(allFinite(report.model.inputScaler.mean) && allFinite(report.model.inputScaler.std), `scaler of ${scale}`);
    assert.ok('accuracy' in report.metrics && report.metrics.accuracy >= 0.9, JSON.stringify(report.metrics));
    const out = join(dir, `m${scale}.json`);
    saveTabularModel(out, report.model);
    loadTabularModel(out);
    const cli = lexnet(['fit', '--train', train, '--kind', 'logistic', '--out', join(dir, `cli${scale}.json`)]);
    assert.equal(cli.status, 0, cli.stderr);
    loadTabularModel(join(dir, `cli${scale}.json`));
  }
});

test('a regression target around 1e200 gets a true R², not "undefined (the test targets are all equal)"', async () => {
  const train = csv('t.csv', (a, b) => [a, b, (a + 3) * 1e200]);
  const report = await fitTabular({ train, model: 'linear', labelColumn: 'y' });
  assert.ok('r2' in report.metrics && report.metrics.r2 > 0.9 && Number.isFinite(report.metrics.rmse), JSON.stringify(report.metrics));
  const cli = lexnet(['fit', '--train', train, '--kind', 'linear']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.doesNotMatch(cli.stdout, /undefined/);
  assert.match(cli.stdout, /R² 0\.9\d+/);
});

test('values whose spread overflows float64 are refused before anything is trained or saved, naming the column and magnitude', async () => {
  const train = csv('huge.csv', (_a, b, i) => [i % 2 ? 1.5e308 : -1.5e308, b, i % 3 ? 1 : 0]);
  await assert.rejects(fitTabular({ train, model: 'logistic', labelColumn: 'y' }),
    (e: unknown) => e instanceof LexnetError && /huge\.csv: the feature "a" holds values of magnitude up to 1\.50e\+308, too spread out to standardize/.test(e.message));
  const out = join(dir, 'huge.json');
  const cli = lexnet(['fit', '--train', train, '--kind', 'logistic', '--out', out]);
  assert.equal(cli.status, 1);
  assert.match(cli.stderr, /the feature "a" holds values of magnitude up to 1\.50e\+308/);
  assert.ok(!existsSync(out));
  const target = csv('huge-y.csv', (a, b, i) => [a, b, i % 2 ? 1.5e308 : -1.5e308]);
  await assert.rejects(fitTabular({ train: target, model: 'linear', labelColumn: 'y' }), /the target "y" holds values of magnitude up to 1\.50e\+308/);
});

test('rmse and R² of huge values do not overflow; equal targets are still undefined', () => {
  const gold = [1e200, 2e200, 3e200, 4e200], pred = [1.1e200, 2e200, 2.9e200, 4e200];
  assert.ok(Math.abs(r2(pred, gold) - (1 - 0.02 / 5)) < 1e-12, String(r2(pred, gold)));
  assert.ok(Math.abs(rmse(pred, gold) / (Math.sqrt(0.02 / 4) * 1e200) - 1) < 1e-12);
  assert.ok(Number.isNaN(r2([1, 2], [5e300, 5e300])));
  assert.equal(r2([1, 2, 3], [1, 2, 3]), 1); // ordinary values: unchanged
});

test('no saver writes a model holding NaN or ±Infinity', async () => {
  const train = csv('ok.csv', (a, b) => [a, b, a > 0 ? 1 : 0]);
  const report = await fitTabular({ train, model: 'logistic', labelColumn: 'y' });
  report.model.net.params()[0]!.value.data[0] = NaN;
  const out = join(dir, 'nan.json');
  assert.throws(() => saveTabularModel(out, report.model), /nan\.json: not saved: "layer1\.W" holds NaN at index 0/);
  assert.ok(!existsSync(out));
  const r = new Random(2);
  const texts = Array.from({ length: 20 }, () => [['good', 'bad'][r.int(2)]!, 'film']);
  const data: LabelledData = { name: 'd', texts, labels: texts.map((t) => (t[0] === 'good' ? 'pos' : 'neg')), lines: texts.map((_, i) => i + 1) };
  const { classifier } = await trainClassifier(data, null, { model: 'fasttext', dim: 4, epochs: 1 });
  const good = join(dir, 'c.bin');
  saveClassifier(good, classifier);
  loadClassifier(good);
  if (classifier.kind !== 'fasttext') throw new Error('expected fasttext');
  classifier.model.W[1] = Infinity;
  assert.throws(() => saveClassifier(join(dir, 'inf.bin'), classifier), /inf\.bin: not saved: "W" holds Infinity at index 1/);
  assert.ok(!existsSync(join(dir, 'inf.bin')));
});

test('predict refuses a row whose output overflows, naming it; vector writers refuse NaN', async () => {
  const train = csv('lin.csv', (a, b) => [a, b, 3 * a + b]);
  const model = join(dir, 'lin.json');
  const fitted = lexnet(['fit', '--train', train, '--kind', 'linear', '--out', model, '--quiet']);
  assert.equal(fitted.status, 0, fitted.stderr);
  const r = lexnet(['predict', '--model', model, '--data', writeTemp(dir, 'big.csv', 'a,b\n1,2\n1e308,1e308\n')]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /big\.csv:3: the model's output for this row is -?Infinity/);
  const { WordVectors } = await import('../src/io/word-vectors.js');
  const { writeVectors } = await import('../src/io/vector-file.js');
  const { encodeVectors } = await import('../src/index.js');
  const v = new WordVectors(['a', 'b'], 2, Float32Array.from([1, 2, NaN, 4]));
  for (const f of ['v.txt', 'v.bin']) {
    assert.throws(() => writeVectors(join(dir, f), v), /cannot write the vector of "b": value 1 is NaN/);
    assert.ok(!existsSync(join(dir, f)));
  }
  assert.throws(() => encodeVectors(v, 'text'), /cannot write the vector of "b"/);
});
