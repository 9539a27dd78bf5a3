import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Random } from '../src/index.js';
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
  const r = lexnet(['fit', '--train', good, '--model', 'logistic', '--epochs', '30', '--lr', '0.05', '--json', '--save', model]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.ok(out.accuracy > 0.8, `accuracy ${out.accuracy}`);
  const p = lexnet(['predict', '--model', model, '--data', good]);
  assert.equal(p.status, 0, p.stderr);
  assert.equal(p.stdout.trim().split('\n').length, 120);
});

test('a header line is detected and --label-column takes a name', () => {
  const f = writeTemp(dir, 'named.csv', 'a,b,label\n' + blobs(60, 2).split('\n').slice(1).map((l) => l.split(',').slice(0, 2).concat(l.split(',')[3] ?? []).join(',')).join('\n'));
  const r = lexnet(['fit', '--train', f, '--label-column', 'label', '--model', 'softmax', '--epochs', '5', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const bad = lexnet(['fit', '--train', f, '--label-column', 'nope', '--epochs', '1']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /named.csv: no column named "nope"/);
});

test('regressor reports RMSE and R²', () => {
  const r = lexnet(['fit', '--train', good, '--label-column', '0', '--model', 'regressor', '--epochs', '20', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.ok('rmse' in out && 'r2' in out);
});

const cases: [string, string, RegExp, string[]?][] = [
  ['ragged.csv', '1,2,0\n3,4,1\n5,1\n', /ragged.csv:3: 2 columns, expected 3/],
  ['text.csv', '1,2,0\n3,x,1\n', /text.csv:2: column 2 is not a number: "x"/],
  ['empty.csv', '', /empty.csv: the file is empty/],
  ['label.csv', '1,2,0\n3,4,1\n', /label.csv: label column 7 is out of range/, ['--label-column', '7']],
];
for (const [name, text, message, extra] of cases) {
  test(`bad input (${name}) fails with file and line, exit 1, and no model file`, () => {
    const f = writeTemp(dir, name, text);
    const model = join(dir, `${name}.model`);
    const r = lexnet(['fit', '--train', f, '--save', model, ...(extra ?? [])]);
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
  assert.match(r.stderr, /narrow.csv:1: 2 columns, but the training file .*good.csv has 4/);
});

test('an unreadable path is a clear error', () => {
  const r = lexnet(['fit', '--train', join(dir, 'missing.csv')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /missing.csv: cannot read \(no such file\)/);
});

test('a diverging run exits non-zero and names the epoch', () => {
  const r = lexnet(['fit', '--train', good, '--label-column', '0', '--model', 'regressor', '--optimizer', 'sgd', '--lr', '1e6', '--epochs', '50']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /diverged at epoch \d+.*smaller learning rate/);
});

test('no temporary files are left beside outputs', () => {
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});
