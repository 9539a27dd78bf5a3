import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { trainWord2vec, textCorpus, buildVocabulary, fillUnigramTable, keepProbabilities, mostSimilar, type Corpus } from '../src/index.js';
import { tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';

const dir = tempDir();
const corpusPath = writeTemp(dir, 'topics.txt', topicCorpus(600, 1));
const corpus = textCorpus(corpusPath);
const small = { dim: 16, epochs: 3, minCount: 1, sample: 0, quiet: true };

for (const model of ['skipgram', 'cbow'] as const) {
  for (const loss of ['negative', 'hierarchical', 'softmax'] as const) {
    test(`${model} with ${loss} learns the two topics`, async () => {
      const r = await trainWord2vec(corpus, { ...small, model, loss, threads: 1, seed: 3 });
      assert.equal(r.vectors.size, 12);
      assert.ok(Number.isFinite(r.finalLoss));
      const near = mostSimilar(r.vectors, ['cat'], [], { topn: 5 }).map((n) => n.word);
      const pets = near.filter((w) => ['dog', 'pet', 'fur', 'paw', 'tail'].includes(w)).length;
      assert.ok(pets >= 4, `neighbours of cat: ${near.join(' ')}`);
    });
  }
}

test('one thread with a seed is bit-identical run to run; another seed differs', async () => {
  const a = await trainWord2vec(corpus, { ...small, threads: 1, seed: 7 });
  const b = await trainWord2vec(corpus, { ...small, threads: 1, seed: 7 });
  const c = await trainWord2vec(corpus, { ...small, threads: 1, seed: 8 });
  assert.deepEqual(Buffer.from(a.vectors.data.buffer), Buffer.from(b.vectors.data.buffer));
  assert.notDeepEqual(Buffer.from(a.vectors.data.buffer), Buffer.from(c.vectors.data.buffer));
});

test('two threads train over shared memory', async () => {
  const r = await trainWord2vec(corpus, { ...small, threads: 2, seed: 1 });
  const near = mostSimilar(r.vectors, ['bank'], [], { topn: 3 }).map((n) => n.word);
  assert.ok(near.every((w) => ['stock', 'bond', 'loan', 'cash', 'fund'].includes(w)), near.join(' '));
});

test('vocabulary: min-count, frequency order, and clear errors for empty or too-rare corpora', () => {
  const c: Corpus = { name: 'mem', *sentences() { yield ['a', 'b', 'a', 'c', 'a', 'b']; } };
  const { vocab } = buildVocabulary(c, 2);
  assert.deepEqual(vocab.words, ['a', 'b']);
  assert.deepEqual([...vocab.counts], [3, 2]);
  assert.throws(() => buildVocabulary(c, 4), /mem: no word occurs at least 4 times/);
  assert.throws(() => buildVocabulary({ name: 'empty', *sentences() {} }, 1), /empty: the corpus is empty/);
});

test('unigram table follows count^0.75; subsampling keeps rare words', () => {
  const counts = [1000, 100, 10];
  const table = new Int32Array(100000);
  fillUnigramTable(counts, table);
  const share = [0, 1, 2].map((w) => table.filter((t) => t === w).length / table.length);
  const z = counts.reduce((s, c) => s + c ** 0.75, 0);
  counts.forEach((c, w) => assert.ok(Math.abs(share[w]! - c ** 0.75 / z) < 1e-3));
  const keep = new Float32Array(3);
  keepProbabilities([100000, 100, 10], 1_000_000, 1e-3, keep); // (√(c/sT) + 1)·sT/c
  assert.ok(keep[0]! < 0.2 && keep[2]! >= 1);
});

test('a missing corpus file is a clear error', async () => {
  await assert.rejects(trainWord2vec(textCorpus(join(dir, 'missing.txt')), small), /missing.txt: cannot read \(no such file\)/);
});

test('issue 20: a two-sentence corpus with sample 0 trains, with the batched negatives (dim a multiple of 4) and without', async () => {
  // the batched kernel measured the loss on one window in a stride, counted from the second window:
  // six windows measured none, and the run was refused as "lost to subsampling"
  const corpus = [['the', 'cat', 'sat'], ['the', 'dog', 'ran']];
  for (const o of [{}, { batchNegatives: false }, { dim: 10 }]) {
    const r = await trainWord2vec(corpus, { minCount: 1, sample: 0, threads: 1, seed: 1, ...o });
    assert.equal(r.vectors.size, 5);
    assert.ok(Number.isFinite(r.finalLoss), JSON.stringify(o));
  }
});
