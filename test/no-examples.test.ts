import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lexnet, tempDir, writeTemp } from './cli.js';

const dir = tempDir();
const empty = writeTemp(dir, 'empty.txt', '');
const blank = writeTemp(dir, 'blank.txt', '\n   \n\t\n\n');

const sentiment = (n: number): string =>
  Array.from({ length: n }, (_, i) => (i % 2 ? '__label__pos a good fine film' : '__label__neg a bad dull film')).join('\n') + '\n';
const conll = (n: number): string =>
  Array.from({ length: n }, (_, i) => `we O\nmet O\n${i % 2 ? 'John' : 'Mary'} B-PER\n. O\n`).join('\n');

test('classify: an empty or all-blank dev or eval file stops with FILE: no examples (no model saved, no NaN)', () => {
  const train = writeTemp(dir, 'train.txt', sentiment(40));
  for (const dev of [empty, blank, writeTemp(dir, 'header.tsv', 'sentence\tlabel\n')]) {
    const out = join(dir, 'c.model');
    const r = lexnet(['classify', 'train', '--train', train, '--dev', dev, '--dim', '4', '--epochs', '1', '--out', out]);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, `lexnet: ${dev}: no examples\n`);
    assert.equal(existsSync(out), false);
  }
  const model = join(dir, 'ok.model');
  assert.equal(lexnet(['classify', 'train', '--train', train, '--dim', '4', '--epochs', '1', '--out', model]).status, 0);
  const ev = lexnet(['classify', 'eval', '--model', model, '--data', blank]);
  assert.equal(ev.status, 1);
  assert.equal(ev.stderr, `lexnet: ${blank}: no examples\n`);
  assert.doesNotMatch(ev.stdout, /NaN/);
  // one line out per input line: an empty file has nothing to predict, which is not an error
  const pr = lexnet(['classify', 'predict', '--model', model, '--data', empty]);
  assert.equal(pr.status, 0, pr.stderr);
  assert.equal(pr.stdout, '');
});

test('tagger: an empty or all-blank dev, eval or predict file stops with FILE: no examples', () => {
  const train = writeTemp(dir, 'train.conll', conll(20));
  const docstart = writeTemp(dir, 'docstart.conll', '-DOCSTART- -X- O\n\n');
  const model = join(dir, 't.model');
  for (const dev of [empty, docstart]) {
    const r = lexnet(['tagger', 'train', '--train', train, '--dev', dev, '--epochs', '1', '--hidden', '8', '--dim', '4', '--threads', '1', '--out', model]);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, `lexnet: ${dev}: no examples\n`);
    assert.equal(existsSync(model), false);
  }
  const t = lexnet(['tagger', 'train', '--train', blank, '--epochs', '1', '--threads', '1', '--out', model]);
  assert.equal(t.stderr, `lexnet: ${blank}: no examples\n`);
  assert.equal(lexnet(['tagger', 'train', '--train', train, '--epochs', '1', '--hidden', '8', '--dim', '4', '--threads', '1', '--out', model]).status, 0);
  for (const cmd of ['eval', 'predict']) {
    const r = lexnet(['tagger', cmd, '--model', model, '--data', blank]);
    assert.equal(r.status, 1, `${cmd}: ${r.stderr}`);
    assert.equal(r.stderr, `lexnet: ${blank}: no examples\n`);
    assert.equal(r.stdout, '');
  }
});
