import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConll } from '../src/text/conll.js';
import { simplifyBrownTag } from '../src/text/brown-tagged.js';
import { lexnet, tempDir, writeTemp } from './cli.js';
import { toyConll } from './toy-conll.js';

const dir = tempDir();

const train = writeTemp(dir, 'train.txt', toyConll(150, 1));
const dev = writeTemp(dir, 'dev.txt', toyConll(30, 2));
const model = join(dir, 'ner.model');

test('tagger train / eval / predict / tag on a toy corpus', () => {
  const r = lexnet(['tagger', 'train', '--train', train, '--dev', dev, '--epochs', '3', '--hidden', '16', '--dim', '8', '--threads', '1', '--out', model, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.ok(j.dev.f1 > 0.9, `dev F1 ${j.dev.f1}`);
  const ev = lexnet(['tagger', 'eval', '--model', model, '--data', dev]);
  assert.equal(ev.status, 0, ev.stderr);
  assert.match(ev.stdout, /processed 210 tokens with 60 phrases/);
  assert.match(ev.stdout, /confusion/);
  const pr = lexnet(['tagger', 'predict', '--model', model, '--data', dev]);
  assert.equal(pr.status, 0, pr.stderr);
  assert.match(pr.stdout.split('\n')[2]!, /^John B-PER \S+$/);
  const tg = lexnet(['tagger', 'tag', '--model', model], 'we met John Lee in Rome .\n\n');
  assert.equal(tg.status, 0, tg.stderr);
  assert.match(tg.stdout, /John\/B-PER Lee\/I-PER in\/O Rome\/B-LOC/);
  assert.match(tg.stderr, /stdin:2: empty sentence/);
});

test('the sigmoid output detects one entity type', () => {
  const out = join(dir, 'per.model');
  const r = lexnet(['tagger', 'train', '--train', train, '--dev', dev, '--epochs', '3', '--hidden', '16', '--dim', '8', '--threads', '1', '--output', 'sigmoid', '--entity', 'PER', '--out', out, '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(JSON.parse(r.stdout.trim().split('\n').at(-1)!).dev.types.PER.f1 > 0.9);
});

test('a line with too few columns names the file and line', () => {
  const bad = writeTemp(dir, 'bad.txt', 'John NNP B-PER\nLee\n');
  const r = lexnet(['tagger', 'train', '--train', bad, '--out', join(dir, 'x.model')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bad.txt:2: 1 column, need at least 2/);
  assert.equal(existsSync(join(dir, 'x.model')), false);
});

test('tags never seen in training are reported and counted wrong', () => {
  const odd = writeTemp(dir, 'odd.txt', 'we PRP O\nmet VBD O\nJohn NNP B-ZZZ\n');
  const r = lexnet(['tagger', 'eval', '--model', model, '--data', odd]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /odd.txt:3: tag "B-ZZZ" was never seen in training/);
});

test('a model file cut short or from elsewhere is a clear error', () => {
  const bytes = readFileSync(model);
  const cut = join(dir, 'cut.model');
  writeFileSync(cut, bytes.subarray(0, bytes.length - 10));
  let r = lexnet(['tagger', 'eval', '--model', cut, '--data', dev]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cut.model: cut short in array "transitions"/);
  r = lexnet(['tagger', 'eval', '--model', writeTemp(dir, 'other.model', 'hello\n'), '--data', dev]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /other.model:1: not a lexnet-tagger file/);
  r = lexnet(['tagger', 'eval', '--model', writeTemp(dir, 'v9.model', 'lexnet-tagger 9\n{}\n'), '--data', dev]);
  assert.match(r.stderr, /version 9/);
});

test('CoNLL reader: -DOCSTART- skipped, tag column chosen, sentences split on blank lines', () => {
  const f = writeTemp(dir, 'cols.txt', '-DOCSTART- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n');
  const s = readConll(f);
  assert.equal(s.length, 2);
  assert.deepEqual(s[0]!.tags, ['B-ORG', 'O']);
  assert.deepEqual(readConll(f, { tagColumn: 2 })[0]!.tags, ['B-NP', 'B-VP']);
  assert.deepEqual(s[1]!.lines, [6]);
});

test('Brown tags are simplified to their base tags', () => {
  assert.deepEqual(['nn-tl', 'np$', 'vbz+rb', 'fw-nn', 'jj-hl', '.', 'do*'].map(simplifyBrownTag), ['nn', 'np$', 'vbz', 'nn', 'jj', '.', 'do']);
});
