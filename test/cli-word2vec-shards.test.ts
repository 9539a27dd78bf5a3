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

test('--shards refuses CBOW, other losses and checkpoints in the flags\' words', () => {
  const out = join(dir, 'no.bin');
  const base = ['word2vec', '--corpus', corpus, '--out', out, '--min-count', '1', '--shards', '2'];
  const cbow = lexnet([...base, '--kind', 'cbow']);
  assert.equal(cbow.status, 1);
  assert.match(cbow.stderr, /--shards 2: sharding trains skip-gram with negative sampling only, not --kind "cbow"; leave out --shards \(or use --kind skipgram, --loss negative, no --subwords\)/);
  const hs = lexnet([...base, '--loss', 'hierarchical']);
  assert.match(hs.stderr, /not --loss "hierarchical"/);
  const ck = lexnet([...base, '--checkpoint', join(dir, 'c.ckpt')]);
  assert.equal(ck.status, 1);
  assert.match(ck.stderr, /sharded runs cannot be checkpointed yet \(leave out --checkpoint or --shards\)/);
  const zero = lexnet([...base.slice(0, -1), '0']);
  assert.equal(zero.status, 2);
  assert.match(zero.stderr, /--shards/);
  assert.equal(existsSync(out), false);
});
