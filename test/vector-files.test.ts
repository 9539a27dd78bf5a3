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
  assert.throws(() => readVectors(writeTemp(dir, 'c.txt', '3 2\na 1 2\nb 1 2\n')), /c.txt:1: cut short: the header announces 3 words but the file has 2 rows/);
  assert.throws(() => readVectors(join(dir, 'nope.txt')), /nope.txt: cannot read \(no such file\)/);
});

/** A binary vector file from parts: strings as UTF-8, numbers as little-endian float32. */
function binary(...parts: (string | number[])[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(Float32Array.from(p).buffer))));
}

test('a text file named .bin is refused with a hint, with or without a header line', () => {
  assert.throws(() => readVectors(writeTemp(dir, 'text.bin', '2 3\na 0.1 0.2 0.3\nb 1 2 3\n')), /text.bin: looks like a text vector file; name it .txt or .vec/);
  assert.throws(() => readVectors(writeTemp(dir, 'short-text.bin', '2 3\na 1 2 3\nb 1 2 3\n')), /short-text.bin: looks like a text vector file/);
  assert.throws(() => readVectors(writeTemp(dir, 'glove.bin', 'a 0.1 0.2 0.3\nb 1 2 3\n')), /glove.bin:1: looks like a text vector file \(without a header line\)/);
  // and the other way round
  const p = join(dir, 'real.bin');
  writeVectors(p, vectors);
  assert.throws(() => readVectors(writeTemp(dir, 'real.txt', readFileSync(p))), /real.txt: looks like a binary \(word2vec .bin\) vector file; name it .bin/);
});

test('binary vectors: the newline after each vector is optional (word2vec.c writes it, gensim does not)', () => {
  const v = readVectors(writeTemp(dir, 'gensim.bin', binary('2 2\n', 'a ', [1, 2], 'b ', [3, 4])));
  assert.deepEqual(v.words, ['a', 'b']);
  assert.deepEqual([...v.data], [1, 2, 3, 4]);
});

test('the header must agree with the file both ways', () => {
  assert.throws(() => readVectors(writeTemp(dir, 'fewer.bin', binary('1 2\n', 'a ', [1, 2], '\n', 'b ', [3, 4], '\n'))),
    /fewer.bin: the header announces 1 vector but more data follows: the extra data begins at byte 15/);
  assert.throws(() => readVectors(writeTemp(dir, 'more.bin', binary('3 2\n', 'a ', [1, 2], '\n', 'b ', [3, 4], '\n'))), /more.bin: cut short: the header announces 3 vectors of 2 floats/);
  assert.throws(() => readVectors(writeTemp(dir, 'fewer.txt', '1 2\na 1 2\nb 3 4\n')), /fewer.txt:3: the header \(line 1\) announces 1 word but the file has 2 rows; the extra data begins here/);
  assert.throws(() => readVectors(writeTemp(dir, 'more.txt', '3 2\na 1 2\nb 3 4\n')), /more.txt:1: cut short: the header announces 3 words but the file has 2 rows/);
});

test('every value must be a finite float32: NaN, Inf and overflow name the file and line or byte', () => {
  assert.throws(() => readVectors(writeTemp(dir, 'nan.bin', binary('2 2\n', 'a ', [1, 2], '\n', 'b ', [3, NaN], '\n'))), /nan.bin: vector 2 \("b"\), byte 21: value 2 is NaN/);
  assert.throws(() => readVectors(writeTemp(dir, 'inf.bin', binary('1 2\n', 'a ', [-Infinity, 2], '\n'))), /inf.bin: vector 1 \("a"\), byte 6: value 1 is -Infinity/);
  assert.throws(() => readVectors(writeTemp(dir, 'nan.txt', '2 2\na 1 2\nb NaN 2\n')), /nan.txt:3: value 1 of "b" is not a number: "NaN"/);
  assert.throws(() => readVectors(writeTemp(dir, 'inf.txt', 'a 1 2\nb 1 inf\n')), /inf.txt:2: value 2 of "b" is not a number: "inf"/);
  assert.throws(() => readVectors(writeTemp(dir, 'big.txt', 'a 1 2\nb 1 1e999\n')), /big.txt:2: value 2 of "b" is not a finite float32: "1e999"/);
  assert.throws(() => readVectors(writeTemp(dir, 'f32.txt', 'a 1 2\nb 1 1e39\n')), /f32.txt:2: value 2 of "b" is not a finite float32: "1e39"/);
});

test('a word list is not read as 0-dimensional vectors; dimension 0 and empty files are refused', () => {
  assert.throws(() => readVectors(writeTemp(dir, 'words.txt', 'apple\nbanana\n')), /words.txt:1: no vector values after "apple": is this a word list\?/);
  assert.throws(() => readVectors(writeTemp(dir, 'words2.txt', '2 5\napple\nbanana\n')), /words2.txt:2: no vector values after "apple": is this a word list\?/);
  assert.throws(() => readVectors(writeTemp(dir, 'dim0.txt', '2 0\na\nb\n')), /dim0.txt:1: bad header "2 0": dimension 0/);
  assert.throws(() => readVectors(writeTemp(dir, 'dim0.bin', '2 0\na \nb \n')), /dim0.bin:1: bad header "2 0": dimension 0/);
  assert.throws(() => readVectors(writeTemp(dir, 'none.txt', '0 5\n')), /none.txt:1: bad header "0 5": the header announces 0 words/);
  assert.throws(() => readVectors(writeTemp(dir, 'empty.txt', '\n\n')), /empty.txt: the file is empty/);
  assert.throws(() => readVectors(writeTemp(dir, 'empty.bin', '')), /empty.bin:1: no header line/);
});

test('a tiny file announcing huge sizes is refused before anything is allocated', () => {
  assert.throws(() => readVectors(writeTemp(dir, 'huge.bin', '1000000000 1000000000\n')), /huge.bin: cut short: the header announces 1000000000 vectors of 1000000000 floats \(at least 4000000002000000000 bytes\) but only 0 bytes follow it/);
  assert.throws(() => readVectors(writeTemp(dir, 'huge.txt', '1000000000 1000000000\na 1\n')), /huge.txt:1: cut short: the header announces 1000000000 words but the file has 1 row$/);
  assert.throws(() => readVectors(writeTemp(dir, 'wide.txt', '1 1000000000\na 1\n')), /wide.txt:2: 1 value, expected 1000000000/);
  assert.throws(() => readVectors(writeTemp(dir, 'unsafe.bin', '99999999999999999999 1\n')), /unsafe.bin:1: bad header "99999999999999999999 1": the word count must be a whole number/);
});

test('CRLF line ends and blank lines in text vector files are accepted; duplicate words keep their first vector', () => {
  const v = readVectors(writeTemp(dir, 'crlf.txt', '\ufeff3 2\r\na 1 2\r\n\r\nb 3 4\r\na 5 6\r\n'));
  assert.deepEqual(v.words, ['a', 'b']);
  assert.deepEqual([...v.data], [1, 2, 3, 4]);
  assert.deepEqual([...v.vector('a')!], [1, 2]);
  const b = readVectors(writeTemp(dir, 'dup.bin', binary('2 1\n', 'a ', [1], '\n', 'a ', [2], '\n')));
  assert.deepEqual([b.words, [...b.data]], [['a'], [1]]);
  assert.deepEqual([...readVectors(writeTemp(dir, 'one.txt', 'a 1\nb 2\n')).data], [1, 2]);
});

test('binary rows with an empty word or a word holding a line break (a wrong dimension) are refused', () => {
  assert.throws(() => readVectors(writeTemp(dir, 'empty-word.bin', binary('2 1\n', ' ', [1], '\n', 'b ', [2], '\n'))), /empty-word.bin: vector 1, byte 4: empty word/);
  assert.throws(() => readVectors(writeTemp(dir, 'wrong-dim.bin', binary('2 1\n', 'a ', [1, 2], '\n', 'b ', [3, 4], '\n'))), /wrong-dim.bin: vector 2 .*the word contains a line break; is the header's dimension 1 that of the data\?/);
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
