// Outputs named as compressed files: word vectors are gzipped under `.gz`; every other writer refuses the name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Random } from '../src/core/random.js';
import { WordVectors } from '../src/io/word-vectors.js';
import { readVectors, writeVectors, formatOf } from '../src/io/vector-file.js';
import { saveTabularModel } from '../src/io/model-file.js';
import { trainClassifier } from '../src/classify/train.js';
import { saveClassifier } from '../src/classify/model-file.js';
import { trainTagger } from '../src/tagger/train.js';
import { saveTagger } from '../src/tagger/model-file.js';
import { trainWord2vec } from '../src/word2vec/train.js';
import { writeFastTextModel } from '../src/io/fasttext-file.js';
import { vectorsModel } from '../src/fasttext/vectors-model.js';
import { Standardizer } from '../src/io/standardizer.js';
import { buildNetwork, type ModelSpec } from '../src/models/model-spec.js';
import { tempDir } from './cli.js';

const dir = tempDir();
const vectors = new WordVectors(['a', 'bé', 'c'], 3, Float32Array.from([1, 2, 3, -0.5, 0.25, 1e-3, 7, 8, 9]));

test('writeVectors gzips a .gz name (text and .bin.gz binary), and readVectors reads it back', () => {
  for (const name of ['v.txt.gz', 'v.vec.GZ', 'v.bin.gz']) {
    const p = join(dir, name);
    writeVectors(p, vectors);
    const bytes = readFileSync(p);
    assert.deepEqual([bytes[0], bytes[1]], [0x1f, 0x8b], `${name}: gzip magic`);
    const plain = gunzipSync(bytes);
    if (name.startsWith('v.bin')) assert.equal(formatOf(p), 'binary');
    assert.match(plain.toString('latin1'), /^3 3\n/);
    const back = readVectors(p);
    assert.deepEqual(back.words, vectors.words);
    assert.deepEqual([...back.data], [...vectors.data]);
  }
  // the same bytes as the uncompressed file, inflated
  writeVectors(join(dir, 'plain.bin'), vectors);
  assert.deepEqual(gunzipSync(readFileSync(join(dir, 'v.bin.gz'))), readFileSync(join(dir, 'plain.bin')));
});

test('writeVectors refuses other compressed suffixes it cannot write, leaving nothing', () => {
  for (const name of ['v.txt.bz2', 'v.xz', 'v.zst', 'v.zip']) {
    assert.throws(() => writeVectors(join(dir, name), vectors), (e: Error) => e.name === 'LexnetError' && /lexnet writes no \.\w+ files \(word vectors can be written as \.gz\); give a name without/.test(e.message));
    assert.equal(existsSync(join(dir, name)), false);
  }
});

test('model files and checkpoints named .gz are refused with the CLI\'s words (they are written uncompressed)', async () => {
  const words = /lexnet writes only word vectors compressed \(\.gz\); this file is written uncompressed, so the name would be a lie; give a name without \.gz/;
  const before = readdirSync(dir).length;
  assert.throws(() => saveTabularModel(join(dir, 'm.json.gz'), tabular()), words);
  const examples = Array.from({ length: 20 }, (_, i) => ({ text: `w${i % 4} x`, label: i % 2 ? 'a' : 'b' }));
  const c = await trainClassifier(examples, null, { epochs: 1, dim: 4 });
  assert.throws(() => saveClassifier(join(dir, 'c.model.gz'), c.classifier), words);
  const sentences = Array.from({ length: 10 }, (_, i) => ({ words: ['a', `w${i}`], tags: ['B-X', 'O'], lines: [1, 2] }));
  const t = await trainTagger(sentences, null, { epochs: 1, threads: 1 });
  assert.throws(() => saveTagger(join(dir, 't.model.gz'), t.model), words);
  assert.throws(() => writeFastTextModel(join(dir, 'ft.bin.gz'), vectorsModel(vectors)), words);
  // checkpoints are refused before training starts
  const checkpoint = join(dir, 'run.ckpt.gz');
  await assert.rejects(trainClassifier(examples, null, { epochs: 1, dim: 4, checkpoint }), (e: Error & { option?: string }) => words.test(e.message) && e.option === 'checkpoint');
  await assert.rejects(trainTagger(sentences, null, { epochs: 1, threads: 1, checkpoint }), (e: Error & { option?: string }) => words.test(e.message) && e.option === 'checkpoint');
  const corpus = Array.from({ length: 50 }, () => Array.from({ length: 8 }, () => `w${Math.floor(new Random(1).next() * 9)}`));
  await assert.rejects(trainWord2vec(corpus, { minCount: 1, dim: 4, threads: 1, checkpoint: { path: checkpoint } }), (e: Error & { option?: string }) => words.test(e.message) && e.option === 'checkpoint');
  assert.equal(readdirSync(dir).length, before, 'nothing written');
});

function tabular(): Parameters<typeof saveTabularModel>[1] {
  const spec: ModelSpec = { kind: 'mlp', inputs: 2, outputs: 2, hidden: [3], activation: 'relu', loss: 'cross-entropy' };
  const scaler = new Standardizer(Float64Array.from([0, 0]), Float64Array.from([1, 1]));
  return { spec, net: buildNetwork(spec), inputScaler: scaler, targetScaler: null, classes: [0, 1], featureNames: null, labelName: null, labelColumn: null };
}
