import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lexnet, tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';

const dir = tempDir();
const corpus = writeTemp(dir, 'topics.txt', topicCorpus(400, 2));

test('lexnet word2vec --shards 2 trains over two memories and writes the vectors', () => {
  const out = join(dir, 'v.bin');
  const r = lexnet(['word2vec', '--corpus', corpus, '--out', out, '--dim', '12', '--min-count', '1', '--epochs', '2', '--threads', '2', '--shards', '2', '--show', 'cat', '--sample', '0']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /wrote 12 vectors of dimension 12/);
  const sim = lexnet(['similar', out, 'cat', '--topn', '3']);
  assert.equal(sim.status, 0, sim.stderr);
  assert.equal(sim.stdout.trim().split('\n').length, 3);
});

test('--shards with --checkpoint: --resume FILE alone continues the sharded run; another --shards is refused', () => {
  const out = join(dir, 'ck.bin'), ck = join(dir, 'run.ck');
  const base = ['word2vec', '--corpus', corpus, '--out', out, '--dim', '12', '--min-count', '1', '--epochs', '2', '--threads', '1', '--shards', '2', '--sample', '0', '--seed', '3'];
  const first = lexnet([...base, '--checkpoint', ck]);
  assert.equal(first.status, 0, first.stderr);
  const again = lexnet(['word2vec', '--resume', ck]);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stderr + again.stdout, /its run is finished/);
  const other = lexnet(['word2vec', '--resume', ck, '--shards', '4']);
  assert.equal(other.status, 1);
  assert.match(other.stderr, /other options: --shards 2 \(this run: 4\)/);
});

test('--shards refuses CBOW and other losses in the flags\' words', () => {
  const out = join(dir, 'no.bin');
  const base = ['word2vec', '--corpus', corpus, '--out', out, '--min-count', '1', '--shards', '2'];
  const cbow = lexnet([...base, '--kind', 'cbow']);
  assert.equal(cbow.status, 1);
  assert.match(cbow.stderr, /--shards 2: sharding trains skip-gram with negative sampling only, not --kind "cbow"; leave out --shards \(or use --kind skipgram, --loss negative, no --subwords\)/);
  const hs = lexnet([...base, '--loss', 'hierarchical']);
  assert.match(hs.stderr, /not --loss "hierarchical"/);
  const zero = lexnet([...base.slice(0, -1), '0']);
  assert.equal(zero.status, 2);
  assert.match(zero.stderr, /--shards/);
  assert.equal(existsSync(out), false);
});
