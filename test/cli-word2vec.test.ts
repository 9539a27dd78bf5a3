import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lexnet, tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';

const dir = tempDir();
const corpus = writeTemp(dir, 'topics.txt', topicCorpus(400, 2));

test('lexnet word2vec trains, writes vectors by extension, and prints neighbours', () => {
  const out = join(dir, 'v.txt');
  const r = lexnet(['word2vec', '--corpus', corpus, '--out', out, '--dim', '12', '--min-count', '1', '--epochs', '2', '--threads', '1', '--show', 'cat', '--sample', '0']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /wrote 12 vectors of dimension 12/);
  assert.match(r.stdout, /cat +\w+ \(/);
  const sim = lexnet(['similar', out, 'cat', '--topn', '3']);
  assert.equal(sim.status, 0, sim.stderr);
  assert.equal(sim.stdout.trim().split('\n').length, 3);
  const an = lexnet(['analogy', out, 'cat', 'dog', 'bank', '--method', 'mul']);
  assert.equal(an.status, 0, an.stderr);
  const ev = lexnet(['eval-vectors', out, '--analogies', writeTemp(dir, 'q.txt', ': x\ncat dog bank loan\ncat dog zebra loan\n'), '--json']);
  assert.equal(ev.status, 0, ev.stderr);
  const j = JSON.parse(ev.stdout.trim().split('\n').at(-1)!);
  assert.equal(j.analogy.total, 1);
  assert.equal(j.analogy.skipped, 1);
});

test('a corpus with no word above --min-count fails cleanly with no output file', () => {
  const out = join(dir, 'none.bin');
  const r = lexnet(['word2vec', '--corpus', corpus, '--out', out, '--min-count', '100000']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no word occurs at least 100000 times/);
  assert.equal(existsSync(out), false);
});

test('an empty corpus and an unknown query word are clear errors', () => {
  const r = lexnet(['word2vec', '--corpus', writeTemp(dir, 'empty.txt', '\n\n'), '--out', join(dir, 'e.bin')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /empty.txt: the corpus is empty/);
  const v = join(dir, 'q.bin');
  assert.equal(lexnet(['word2vec', '--corpus', corpus, '--out', v, '--dim', '8', '--min-count', '1', '--epochs', '1', '--quiet']).status, 0);
  const s = lexnet(['similar', v, 'zebra']);
  assert.equal(s.status, 1);
  assert.match(s.stderr, /"zebra" is not in the vocabulary of .*q.bin/);
});

test('bad numbers in options are rejected by the parser', () => {
  const r = lexnet(['word2vec', '--dim', 'ten']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /--dim must be a whole number in \[1, 100000\], got "ten"/);
});

test('no temporary files are left beside the outputs', () => {
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});
