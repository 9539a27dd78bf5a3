import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random, WordVectors, readVectors, writeVectors, evaluateSimilarity, evaluateAnalogies, spearman, ranks, mostSimilar, analogyCosAdd, analogyCosMul } from '../src/index.js';
import { tempDir, writeTemp } from './cli.js';

const dir = tempDir();
const rng = new Random(3);
const words = ['the', 'king', 'queen', 'man', 'woman', 'café'];
const vectors = new WordVectors(words, 4, Float32Array.from({ length: 24 }, () => rng.normal()));

for (const ext of ['bin', 'txt', 'vec']) {
  test(`word2vec ${ext} format round-trips exactly`, () => {
    const p = join(dir, `v.${ext}`);
    writeVectors(p, vectors);
    const back = readVectors(p);
    assert.deepEqual(back.words, words);
    assert.deepEqual([...back.data], [...vectors.data]);
  });
}

test('the binary layout is word2vec.c\'s: header, then "word " + little-endian float32 + newline', () => {
  const p = join(dir, 'layout.bin');
  writeVectors(p, new WordVectors(['a'], 2, Float32Array.from([1, -2])));
  const b = readFileSync(p);
  assert.equal(b.subarray(0, 4).toString(), '1 2\n');
  assert.equal(b.subarray(4, 6).toString(), 'a ');
  assert.equal(b.readFloatLE(6), 1);
  assert.equal(b.readFloatLE(10), -2);
  assert.equal(b[14], 10);
});

test('a text file without a header line (GloVe) is read', () => {
  const p = writeTemp(dir, 'glove.txt', 'a 1 2\nb 3 4\n');
  assert.deepEqual([...readVectors(p).data], [1, 2, 3, 4]);
});

test('a binary file cut short is reported, not silently truncated', () => {
  const p = join(dir, 'cut.bin');
  writeVectors(p, vectors);
  const full = readFileSync(p);
  writeFileSync(join(dir, 'short.bin'), full.subarray(0, full.length - 7));
  assert.throws(() => readVectors(join(dir, 'short.bin')), /short.bin: cut short: the header announces 6 vectors of 4 floats but the file ends in vector 6/);
});

test('text rows of the wrong width or with a non-number name the line', () => {
  assert.throws(() => readVectors(writeTemp(dir, 'w.txt', '2 3\na 1 2 3\nb 1 2\n')), /w.txt:3: 2 values, expected 3/);
  assert.throws(() => readVectors(writeTemp(dir, 'n.txt', '2 2\na 1 2\nb 1 x\n')), /n.txt:3: value 2 of "b" is not a number: "x"/);
  assert.throws(() => readVectors(writeTemp(dir, 'c.txt', '3 2\na 1 2\nb 1 2\n')), /c.txt:1: the header announces 3 words but the file has 2 rows/);
  assert.throws(() => readVectors(join(dir, 'nope.txt')), /nope.txt: cannot read \(no such file\)/);
});

test('neighbours, 3CosAdd and 3CosMul on vectors built to hold an analogy', () => {
  const v = new WordVectors(['king', 'queen', 'man', 'woman', 'apple'], 3, Float32Array.from([
    1, 1, 0, /* king */ 1, -1, 0, /* queen */ 0.2, 1, 0, /* man */ 0.2, -1, 0, /* woman */ 0, 0, 1, /* apple */
  ]));
  assert.equal(analogyCosAdd(v, 'man', 'king', 'woman')[0]!.word, 'queen');
  assert.equal(analogyCosMul(v, 'man', 'king', 'woman')[0]!.word, 'queen');
  assert.equal(mostSimilar(v, ['king'], [], { topn: 1 })[0]!.word, 'man');
  assert.throws(() => mostSimilar(v, ['zebra']), /"zebra" is not in the vocabulary/);
  const q = writeTemp(dir, 'q.txt', ': family\nman king woman queen\nMAN KING WOMAN QUEEN\nman king zebra queen\n');
  const r = evaluateAnalogies(v, q);
  assert.deepEqual([r.correct, r.total, r.skipped], [2, 2, 1]);
  assert.equal(r.sections[0]!.section, 'family');
});

test('Spearman uses average ranks for ties; the similarity file reports unknown pairs', () => {
  assert.deepEqual(ranks([10, 20, 20, 5]), [2, 3.5, 3.5, 1]);
  assert.ok(Math.abs(spearman([1, 2, 3, 4], [10, 20, 30, 40]) - 1) < 1e-12);
  assert.ok(Math.abs(spearman([1, 2, 3, 4], [4, 3, 2, 1]) + 1) < 1e-12);
  const p = writeTemp(dir, 'ws.tsv', '# comment\nking\tqueen\t8\nman\twoman\t7\nking\tman\t5\nzebra\tking\t1\n');
  const r = evaluateSimilarity(vectors, p);
  assert.equal(r.pairs, 3);
  assert.equal(r.skipped, 1);
  assert.ok(Number.isFinite(r.spearman));
});
