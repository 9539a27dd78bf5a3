import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Random } from '../src/index.js';
import { Matrix } from '../src/core/matrix.js';
import { buildNetwork } from '../src/models/model-spec.js';
import { fit } from '../src/train/trainer.js';
import { fitTabular } from '../src/train/fit-tabular.js';
import { LexnetError } from '../src/io/errors.js';
import { CLI, lexnet, tempDir, writeTemp } from './cli.js';

const dir = tempDir();

/** A small, separable data set in scikit-learn's CSV layout. */
function blobs(n: number, seed: number): string {
  const r = new Random(seed);
  const rows = [`${n},3,neg,pos`];
  for (let i = 0; i < n; i++) {
    const y = i % 2;
    rows.push([r.normal() + 2 * y, r.normal() - y, r.normal(), y].map((v) => (Number.isInteger(v) ? v : v.toFixed(4))).join(','));
  }
  return rows.join('\n') + '\n';
}

const good = writeTemp(dir, 'good.csv', blobs(120, 1));

test('the built CLI is an executable script (so `npx lexnet` runs it on a fresh clone)', () => {
  assert.ok((statSync(CLI).mode & 0o111) !== 0, `${CLI} is not executable`);
  const r = spawnSync(CLI, ['--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /word2vec/);
});

test('fit trains, reports accuracy as JSON on the last line, saves, and predict reads the model back', () => {
  const model = join(dir, 'm.json');
  const r = lexnet(['fit', '--train', good, '--kind', 'logistic', '--json', '--out', model]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.ok(out.accuracy > 0.8, `accuracy ${out.accuracy}`);
  const p = lexnet(['predict', '--model', model, '--data', good]);
  assert.equal(p.status, 0, p.stderr);
  assert.equal(p.stdout.trim().split('\n').length, 120);
});

test('a header line is detected and --label-column takes a name', () => {
  const f = writeTemp(dir, 'named.csv', 'a,b,label\n' + blobs(60, 2).split('\n').slice(1).map((l) => l.split(',').slice(0, 2).concat(l.split(',')[3] ?? []).join(',')).join('\n'));
  const r = lexnet(['fit', '--train', f, '--label-column', 'label', '--kind', 'softmax', '--epochs', '5', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const bad = lexnet(['fit', '--train', f, '--label-column', 'nope', '--epochs', '1']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /named.csv: no column named "nope"/);
});

test('regressor reports RMSE and R²', () => {
  const r = lexnet(['fit', '--train', good, '--label-column', '0', '--kind', 'regressor', '--epochs', '20', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.ok('rmse' in out && 'r2' in out);
});

const cases: [string, string, RegExp, string[]?][] = [
  ['ragged.csv', '1,2,0\n3,4,1\n5,1\n', /ragged.csv:3: 2 columns, expected 3/],
  ['text.csv', '1,2,0\n3,x,1\n', /text.csv:2: column 2 is not a number: "x"/],
  ['empty.csv', '', /empty.csv: no examples/],
  ['blank.csv', '\n  \n\n', /blank.csv: no examples/],
  ['header.csv', 'a,b,y\n', /header.csv: no examples/],
  ['label.csv', '1,2,0\n3,4,1\n', /label.csv: label column 7 is out of range/, ['--label-column', '7']],
];
for (const [name, text, message, extra] of cases) {
  test(`bad input (${name}) fails with file and line, exit 1, and no model file`, () => {
    const f = writeTemp(dir, name, text);
    const model = join(dir, `${name}.model`);
    const r = lexnet(['fit', '--train', f, '--out', model, ...(extra ?? [])]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
    assert.equal(existsSync(model), false);
  });
}

test('a test file of another width is rejected with its name', () => {
  const t = writeTemp(dir, 'narrow.csv', '1,2\n3,4\n');
  const r = lexnet(['fit', '--train', good, '--test', t]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /narrow.csv:1: 2 columns, but .*taken by position: give the training file's 4 columns with the label in column 4/);
});

test('an unreadable path is a clear error', () => {
  const r = lexnet(['fit', '--train', join(dir, 'missing.csv')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /missing.csv: cannot read \(no such file\)/);
});

test('a diverging run exits non-zero and names the epoch', () => {
  const r = lexnet(['fit', '--train', good, '--label-column', '0', '--kind', 'regressor', '--optimizer', 'sgd', '--lr', '1e6', '--epochs', '50']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /diverged at epoch \d+.*try a smaller --lr/);
});

/** Rows `y,x1,x2` (label first) whose class is the sign of x1 + x2/2. */
function labelFirst(n: number, seed: number): { header: string; rows: string[][] } {
  const r = new Random(seed);
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const x1 = r.normal(), x2 = r.normal();
    rows.push([x1 + 0.5 * x2 > 0 ? '1' : '0', x1.toFixed(4), x2.toFixed(4)]);
  }
  return { header: 'y,x1,x2', rows };
}
const lf = labelFirst(300, 3);
const truth = lf.rows.map((r) => r[0]);
const csv = (header: string | null, rows: string[][]): string => (header ? [header] : []).concat(rows.map((r) => r.join(','))).join('\n') + '\n';
const lfTrain = writeTemp(dir, 'lf.csv', csv(lf.header, lf.rows));
const lfModel = join(dir, 'lf.json');
const agreement = (stdout: string): number => {
  const p = stdout.trim().split('\n');
  assert.equal(p.length, truth.length);
  return p.filter((v, i) => v === truth[i]).length / truth.length;
};

test('predict selects the feature columns by the saved names, in any order, ignoring extra columns and the label', () => {
  const r = lexnet(['fit', '--train', lfTrain, '--label-column', 'y', '--kind', 'logistic', '--quiet', '--out', lfModel]);
  assert.equal(r.status, 0, r.stderr);
  const saved = JSON.parse(readFileSync(lfModel, 'utf8'));
  assert.deepEqual([saved.featureNames, saved.labelName, saved.labelColumn], [['x1', 'x2'], 'y', 0]);
  const same = lexnet(['predict', '--model', lfModel, '--data', lfTrain]);
  assert.equal(same.status, 0, same.stderr);
  assert.ok(agreement(same.stdout) > 0.95, `agreement ${agreement(same.stdout)} on the training file itself`);
  const shuffled = writeTemp(dir, 'lf-shuffled.csv', csv('x2,note,x1', lf.rows.map((r) => [r[2]!, '7', r[1]!])));
  const s = lexnet(['predict', '--model', lfModel, '--data', shuffled]);
  assert.equal(s.status, 0, s.stderr);
  assert.equal(s.stdout, same.stdout);
  const missing = lexnet(['predict', '--model', lfModel, '--data', writeTemp(dir, 'lf-missing.csv', csv('x2,y', lf.rows.map((r) => [r[2]!, r[0]!])))]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /lf-missing.csv: missing column "x1" that the model was trained with/);
});

test('predict on a headerless file takes columns by position: the training layout or the features alone, nothing else', () => {
  const full = lexnet(['predict', '--model', lfModel, '--data', writeTemp(dir, 'lf-nohead.csv', csv(null, lf.rows))]);
  assert.equal(full.status, 0, full.stderr);
  assert.ok(agreement(full.stdout) > 0.95);
  const features = lexnet(['predict', '--model', lfModel, '--data', writeTemp(dir, 'lf-features.csv', csv(null, lf.rows.map((r) => r.slice(1))))]);
  assert.equal(features.stdout, full.stdout);
  const wide = lexnet(['predict', '--model', lfModel, '--data', writeTemp(dir, 'lf-wide.csv', csv(null, lf.rows.map((r) => [...r, '1'])))]);
  assert.equal(wide.status, 1);
  assert.match(wide.stderr, /lf-wide.csv:1: 4 columns, but the file has no header line, so columns are taken by position \(add the header y,x1,x2 to match them by name\): give the 2 feature columns in training order or the training file's 3 columns with the label in column 1/);
});

test('a model file written before the column names and label position were saved is read by position, exact width only', () => {
  const saved = JSON.parse(readFileSync(lfModel, 'utf8'));
  delete saved.labelName;
  delete saved.labelColumn;
  saved.featureNames = null;
  const old = join(dir, 'old.json');
  writeFileSync(old, JSON.stringify(saved));
  const ok = lexnet(['predict', '--model', old, '--data', writeTemp(dir, 'lf-features2.csv', csv(null, lf.rows.map((r) => r.slice(1))))]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.ok(agreement(ok.stdout) > 0.95);
  const withLabel = lexnet(['predict', '--model', old, '--data', lfTrain]);
  assert.equal(withLabel.status, 1);
  assert.match(withLabel.stderr, /3 columns, .*give the 2 feature columns in training order \(this model file does not record where the label column was\)/);
});

test('fit --test matches the test file\'s columns to the training columns by name', () => {
  const run = (test: string) => lexnet(['fit', '--train', lfTrain, '--test', test, '--label-column', 'y', '--kind', 'logistic', '--json']);
  const aligned = run(writeTemp(dir, 'lf-test-copy.csv', readFileSync(lfTrain, 'utf8'))); // the training rows (--test may not be the --train file itself)
  assert.equal(aligned.status, 0, aligned.stderr);
  const reordered = run(writeTemp(dir, 'lf-test.csv', csv('x2,x1,y', lf.rows.map((r) => [r[2]!, r[1]!, r[0]!]))));
  assert.equal(reordered.status, 0, reordered.stderr);
  const acc = (r: { stdout: string }) => JSON.parse(r.stdout.trim().split('\n').at(-1)!).accuracy;
  assert.ok(acc(aligned) > 0.95);
  assert.equal(acc(reordered), acc(aligned));
  const noLabel = run(writeTemp(dir, 'lf-test-nolabel.csv', csv('x2,x1', lf.rows.map((r) => [r[2]!, r[1]!]))));
  assert.equal(noLabel.status, 1);
  assert.match(noLabel.stderr, /lf-test-nolabel.csv: missing column "y" \(the label\)/);
  const empty = run(writeTemp(dir, 'lf-test-empty.csv', '\n\n'));
  assert.equal(empty.status, 1);
  assert.match(empty.stderr, /lf-test-empty.csv: no examples/);
});

test('classifiers refuse one-class data, logistic refuses three classes, and nothing leaves zero rows to train on', () => {
  const one = writeTemp(dir, 'one.csv', csv('y,x', Array.from({ length: 40 }, (_, i) => ['1', String(i)])));
  for (const model of ['softmax', 'mlp', 'logistic']) {
    const r = lexnet(['fit', '--train', one, '--label-column', 'y', '--kind', model, '--epochs', '2', '--out', join(dir, 'one.model')]);
    assert.equal(r.status, 1, model);
    assert.match(r.stderr, /only one class \(value 1\) in the training split of .*one.csv; a classifier needs two/);
  }
  assert.equal(existsSync(join(dir, 'one.model')), false);
  const three = writeTemp(dir, 'three.csv', csv('y,x', Array.from({ length: 30 }, (_, i) => [String(i % 3), String(i)])));
  const t = lexnet(['fit', '--train', three, '--label-column', 'y', '--kind', 'logistic', '--epochs', '2']);
  assert.equal(t.status, 1);
  assert.match(t.stderr, /logistic regression needs exactly 2 classes, found 3 \(0, 1, 2\)/);
  const single = writeTemp(dir, 'single.csv', 'y,x\n1,2\n');
  const s = lexnet(['fit', '--train', single, '--label-column', 'y', '--kind', 'regressor', '--epochs', '2']);
  assert.equal(s.status, 1);
  assert.match(s.stderr, /single.csv: holding out 0.2 of 1 row for testing \(--test-split\) leaves no training rows/);
  const v = lexnet(['fit', '--train', lfTrain, '--label-column', 'y', '--kind', 'regressor', '--epochs', '2', '--validation-split', '0.999']);
  assert.equal(v.status, 1);
  assert.match(v.stderr, /--validation-split 0.999 leaves no rows to train on/);
  assert.doesNotMatch(s.stdout + v.stdout, /NaN/);
});

test('a regressor on constant test targets reports R² as undefined, not NaN', () => {
  const flat = writeTemp(dir, 'flat.csv', csv('y,x', Array.from({ length: 30 }, (_, i) => ['5', String(i)])));
  const r = lexnet(['fit', '--train', flat, '--label-column', 'y', '--kind', 'regressor', '--epochs', '2']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /R² undefined \(the test targets are all equal\)/);
  assert.doesNotMatch(r.stdout, /NaN/);
});

test('a negative λ given to the library is refused, naming l2', async () => {
  const r = new Random(1);
  const x = new Matrix(64, 2, Float64Array.from({ length: 128 }, () => r.normal()));
  const target = new Matrix(64, 1, Float64Array.from({ length: 64 }, (_, i) => x.data[2 * i]!));
  const net = buildNetwork({ kind: 'regressor', inputs: 2, outputs: 1, hidden: [4], activation: 'sigmoid', loss: 'squared-error' }, new Random(1));
  await assert.rejects(() => fit(net, x, target, { l2: -50, learningRate: 0.05, optimizer: 'sgd', epochs: 500, quiet: true }), (e: unknown) => {
    assert.ok(e instanceof LexnetError && e.option === 'l2');
    assert.equal(e.message, 'l2 must be ≥ 0, got -50');
    return true;
  });
  await assert.rejects(() => fit(net, new Matrix(0, 2), new Matrix(0, 1), { quiet: true }), /no training rows/);
});

test('the library checks the training settings\' ranges too (a batch size of 0 would loop for ever)', async () => {
  const x = new Matrix(4, 1, Float64Array.from([0, 1, 2, 3]));
  const net = buildNetwork({ kind: 'regressor', inputs: 1, outputs: 1, hidden: [2], activation: 'sigmoid', loss: 'squared-error' });
  for (const [o, message] of [
    [{ batchSize: 0 }, /^batchSize must be a whole number in \[1, 1000000\], got 0$/],
    [{ learningRate: 0 }, /^learningRate must be > 0, got 0$/],
    [{ momentum: 1 }, /^momentum must be in \[0, 1\), got 1$/],
    [{ epochs: 0 }, /^epochs must be a whole number in \[1, 100000\], got 0$/],
    [{ l2: NaN }, /^l2 must be a number ≥ 0, got NaN$/],
  ] as const) {
    await assert.rejects(() => fit(net, x, x, { ...o, quiet: true }), (e: unknown) => e instanceof LexnetError && message.test(e.message));
  }
  await assert.rejects(() => fitTabular({ train: lfTrain, labelColumn: 'y', model: 'regressor', testSplit: 1 }), /^LexnetError: testSplit must be in \(0, 1\), got 1$/);
  await assert.rejects(() => fitTabular({ train: lfTrain, labelColumn: 'y', model: 'regressor', validationSplit: -0.5 }), /^LexnetError: validationSplit must be in \[0, 1\), got -0.5/);
});

test('no temporary files are left beside outputs', () => {
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});
