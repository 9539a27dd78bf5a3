// Issue 20: one save/load pair per model. `model.save(path)` / `model.toBytes()` and
// `loadClassifier` / `loadTagger` / `loadVectors` taking a path or the bytes (Uint8Array,
// ArrayBuffer, Blob, Response); the older save functions take what training returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  trainClassifier, trainTagger, trainWord2vec, loadClassifier, loadTagger, loadVectors, saveClassifier, saveTagger, writeVectors,
  encodeClassifier, decodeClassifier, LexnetError, type TaggedSentence,
} from '../src/index.js';
import { readFileBytes, writeFileChunks } from '../src/web/model-files.js';
import { tempDir } from './cli.js';

const reviews = [
  { text: 'a fine film', label: 'pos' }, { text: 'great acting', label: 'pos' },
  { text: 'dull and long', label: 'neg' }, { text: 'bad acting', label: 'neg' },
];
const sentences: TaggedSentence[] = [
  { words: ['John', 'lives', 'in', 'Paris'], tags: ['B-PER', 'O', 'O', 'B-LOC'] },
  { words: ['Mary', 'visited', 'Rome'], tags: ['B-PER', 'O', 'B-LOC'] },
];
const texts = ['a fine film', 'dull acting', 'unknown words only'];

test('a classifier: save(path) and toBytes() load back from a path, Uint8Array, ArrayBuffer, Blob and Response with the same predictions', async () => {
  const dir = tempDir();
  const clf = await trainClassifier(reviews, null, { epochs: 20, learningRate: 0.5, dim: 8, seed: 1 });
  await clf.save(join(dir, 'c.model'));
  const bytes = clf.toBytes();
  assert.deepEqual(readFileSync(join(dir, 'c.model')), Buffer.from(bytes));
  const want = (await loadClassifier(join(dir, 'c.model'))).predictBatch(texts);
  for (const source of [bytes, bytes.slice().buffer, new Blob([bytes as BlobPart]), new Response(bytes as BlobPart)]) {
    assert.deepEqual((await loadClassifier(source)).predictBatch(texts), want);
  }
  // saved from a loaded model: the same bytes
  assert.deepEqual((await loadClassifier(bytes)).toBytes(), bytes);
  assert.deepEqual(encodeClassifier(decodeClassifier(bytes)), bytes);
});

test('a tagger: save(path) and toBytes() round trip, and the bytes of a loaded tagger are the same', async () => {
  const dir = tempDir();
  const tagger = await trainTagger(sentences, null, { epochs: 3, threads: 1, seed: 1, config: { wordDim: 8, hidden: 8, capsDim: 2, affixDim: 4 } });
  await tagger.save(join(dir, 't.model'));
  const bytes = tagger.toBytes();
  assert.deepEqual(readFileSync(join(dir, 't.model')), Buffer.from(bytes));
  const fromPath = await loadTagger(join(dir, 't.model'));
  for (const t of [fromPath, await loadTagger(bytes), await loadTagger(new Blob([bytes as BlobPart])), await loadTagger(new Response(bytes as BlobPart))]) {
    assert.deepEqual(t.tag(['Mary', 'lives', 'in', 'Paris']), tagger.tag(['Mary', 'lives', 'in', 'Paris']));
  }
  assert.deepEqual(fromPath.toBytes(), bytes);
});

test('word vectors: save(path) in both formats and toBytes() load back, the format told from the bytes', async () => {
  const dir = tempDir();
  const { vectors } = await trainWord2vec([['the', 'cat', 'sat'], ['the', 'dog', 'ran']], { minCount: 1, sample: 0, dim: 8, threads: 1, seed: 1 });
  await vectors.save(join(dir, 'v.bin'));
  await vectors.save(join(dir, 'v.txt'));
  await vectors.save(join(dir, 'v.vec'), { format: 'binary' });
  const binary = await loadVectors(join(dir, 'v.bin'));
  assert.deepEqual(binary.data, vectors.data);
  assert.deepEqual((await loadVectors(join(dir, 'v.vec'), { format: 'binary' })).data, vectors.data);
  assert.deepEqual([...readFileSync(join(dir, 'v.bin'))], [...vectors.toBytes('binary')]);
  assert.deepEqual([...readFileSync(join(dir, 'v.txt'))], [...vectors.toBytes()]);
  for (const source of [vectors.toBytes('binary'), new Blob([vectors.toBytes('binary') as BlobPart]), new Response(vectors.toBytes('binary') as BlobPart)]) {
    assert.deepEqual((await loadVectors(source)).data, vectors.data);
  }
  const text = await loadVectors(vectors.toBytes('text'));
  assert.deepEqual(text.words, vectors.words);
  assert.ok(text.data.every((v, i) => Math.abs(v - vectors.data[i]!) < 1e-6));
});

test('the older save functions take what training returns (no raw TypeError) and refuse anything else clearly', async () => {
  const dir = tempDir();
  const clf = await trainClassifier(reviews, null, { epochs: 2, dim: 8, seed: 1 });
  const tagger = await trainTagger(sentences, null, { epochs: 1, threads: 1, seed: 1, config: { wordDim: 8, hidden: 8, capsDim: 2, affixDim: 4 } });
  saveClassifier(join(dir, 'a.model'), clf);
  saveClassifier(join(dir, 'b.model'), clf.classifier);
  assert.deepEqual(readFileSync(join(dir, 'a.model')), readFileSync(join(dir, 'b.model')));
  saveTagger(join(dir, 'a.tagger'), tagger);
  saveTagger(join(dir, 'b.tagger'), tagger.model);
  assert.deepEqual(readFileSync(join(dir, 'a.tagger')), readFileSync(join(dir, 'b.tagger')));
  const { vectors } = await trainWord2vec([['a', 'b', 'c']], { minCount: 1, sample: 0, dim: 4, threads: 1, seed: 1 });
  writeVectors(join(dir, 'v.bin'), vectors);
  assert.deepEqual((await loadVectors(join(dir, 'v.bin'))).data, vectors.data);
  assert.throws(() => saveClassifier(join(dir, 'x'), { labels: [] } as never), (e: unknown) => e instanceof LexnetError && /saveClassifier: expected a trained classifier/.test(e.message));
  assert.throws(() => saveTagger(join(dir, 'x'), null as never), (e: unknown) => e instanceof LexnetError && /saveTagger: expected a trained tagger/.test(e.message));
  await assert.rejects(loadClassifier(42 as never), (e: unknown) => e instanceof LexnetError && /loadClassifier: expected a path or the model's bytes/.test(e.message));
  await assert.rejects(loadTagger(new Response('nope', { status: 404 })), (e: unknown) => e instanceof LexnetError && /HTTP 404/.test(e.message));
  await assert.rejects(loadClassifier(new Uint8Array([1, 2, 3])), (e: unknown) => e instanceof LexnetError && /loadClassifier:1: not a lexnet-classifier file/.test(e.message));
});

test('in a browser a path is refused with a hint to pass bytes', () => {
  assert.throws(() => readFileBytes('m.model'), /m\.model: a path needs Node; in a browser pass the model's bytes/);
  assert.throws(() => writeFileChunks('m.model', []), /a path needs Node/);
});
