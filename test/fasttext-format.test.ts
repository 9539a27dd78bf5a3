// fastText's .bin format, hashing and subwords, without the fastText tool (fasttext-interop.test.ts uses it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  decodeFastTextModel, decodeFastTextVectors, decodeVectors, encodeFastTextModel, evaluateSimilarity, fastTextHash, fastTextHashString, mostSimilar, readVectors,
  subwordBuckets, subwordStrings, SubwordVectors, unsupervisedArgs, vectorsModel, WordVectors, writeFastTextModel, type FastTextModel,
} from '../src/index.js';
import { RowBlocks } from '../src/fasttext/row-blocks.js';
import { fastTextModelChunks } from '../src/fasttext/model-file.js';
import { SparseRowsMatrix } from '../src/fasttext/sparse-rows-matrix.js';
import { lexnet, tempDir } from './cli.js';

const dir = tempDir();

test('fastTextHash is FNV-1a with each byte sign-extended (ASCII as plain FNV-1a)', () => {
  assert.equal(fastTextHashString(''), 0x811c9dc5);
  assert.equal(fastTextHashString('a'), 0xe40c292c);
  assert.equal(fastTextHashString('foobar'), 0xbf9cf968);
  // bytes ≥ 0x80 are int8_t in fastText: 'é' is C3 A9, xored as 0xFFFFFFC3, 0xFFFFFFA9
  assert.equal(fastTextHashString('é'), 0x3cfa68c1);
  assert.equal(fastTextHashString('<zü>'), 0x35ac45ee);
  assert.equal(fastTextHashString('где'), 0x16b045c7);
  const plain = (b: Uint8Array) => b.reduce((h, c) => Math.imul(h ^ c, 0x01000193) >>> 0, 0x811c9dc5);
  assert.notEqual(fastTextHashString('é'), plain(new TextEncoder().encode('é')));
  assert.equal(fastTextHash(new TextEncoder().encode('xfoobarx'), 1, 7), 0xbf9cf968);
});

test('subwords: <word>, minn…maxn characters at UTF-8 boundaries, no lone < or >, </s> has none', () => {
  assert.deepEqual(subwordStrings('where', { minn: 3, maxn: 3 }), ['<wh', 'whe', 'her', 'ere', 're>']);
  assert.deepEqual(subwordStrings('zü', { minn: 1, maxn: 2 }), ['<z', 'z', 'zü', 'ü', 'ü>']);
  assert.deepEqual(subwordStrings('ab', { minn: 3, maxn: 6 }), ['<ab', '<ab>', 'ab>']);
  assert.deepEqual(subwordStrings('</s>', { minn: 3, maxn: 6 }), []);
  const s = { minn: 1, maxn: 2, bucket: 1000 };
  assert.deepEqual(subwordBuckets('zü', s), subwordStrings('zü', s).map((g) => fastTextHashString(g) % 1000));
  assert.deepEqual(subwordBuckets('where', { minn: 3, maxn: 0, bucket: 10 }), []);
  // a prune index keeps (and renumbers) only the buckets it lists
  const all = subwordBuckets('where', { minn: 3, maxn: 3, bucket: 100 });
  assert.deepEqual(subwordBuckets('where', { minn: 3, maxn: 3, bucket: 100, pruneIndex: new Map([[all[1]!, 0]]) }), [0]);
});

test('RowBlocks keeps rows in several arrays', () => {
  const b = new RowBlocks(3, 10, 7); // two rows per block
  for (let i = 0; i < 10; i++) b.row(i).fill(i);
  assert.equal(b.blocks.length, 5);
  for (let i = 0; i < 10; i++) assert.deepEqual(Array.from(b.row(i)), [i, i, i]);
});

/** A small skip-gram model with subwords: 3 words (and </s>), 11 buckets, dim 4. */
function smallModel(): FastTextModel {
  const words = ['the', 'cat', 'zü', '</s>'];
  const bucket = 11, dim = 4;
  const input = Float32Array.from({ length: (words.length + bucket) * dim }, (_, k) => Math.sin(k * 1.7) / 4);
  const output = Float32Array.from({ length: words.length * dim }, (_, k) => Math.cos(k) / 8);
  return {
    args: unsupervisedArgs({ dim, bucket, minn: 2, maxn: 3, minCount: 1 }),
    dictionary: { entries: words.map((word, i) => ({ word, count: 10 - i, type: 0 })), nwords: words.length, nlabels: 0, ntokens: 34, pruneIndex: null },
    input: { rows: words.length + bucket, cols: dim, data: input },
    output: { rows: words.length, cols: dim, data: output },
  };
}
const bytesOf = (m: FastTextModel) => Buffer.concat([...encodeFastTextModel(m)]);

/** fastText's getWordVector, written out plainly: the mean of the word's own row (if known) and its n-gram rows. */
function expected(m: FastTextModel, word: string): number[] {
  const { dim, minn, maxn, bucket } = m.args;
  const nwords = m.dictionary.nwords;
  const own = m.dictionary.entries.findIndex((e) => e.word === word);
  const rows = [...(own >= 0 ? [own] : []), ...subwordBuckets(word, { minn, maxn, bucket }).map((b) => nwords + b)];
  return Array.from({ length: dim }, (_, j) => (rows.length ? rows.reduce((s, r) => s + m.input.data[r * dim + j]!, 0) / rows.length : 0));
}
const close = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  assert.equal(a.length, b.length);
  for (let j = 0; j < a.length; j++) assert.ok(Math.abs(a[j]! - b[j]!) < 1e-6, `${Array.from(a)} vs ${Array.from(b)}`);
};

test('a model written and read back is the same model, byte for byte', () => {
  const m = smallModel();
  const bytes = bytesOf(m);
  assert.equal(bytes.readInt32LE(0), 793712314);
  assert.equal(bytes.readInt32LE(4), 12);
  const back = decodeFastTextModel(bytes);
  assert.deepEqual(back.args, m.args);
  assert.deepEqual(back.dictionary, m.dictionary);
  assert.deepEqual(back.input, m.input);
  assert.deepEqual(back.output, m.output);
  assert.equal(Buffer.compare(bytesOf(back), bytes), 0);
});

test('vectors for lookups: known words are the mean of their rows, any other word the mean of its n-gram rows', () => {
  const m = smallModel();
  const v = decodeFastTextVectors(bytesOf(m));
  assert.ok(v instanceof SubwordVectors && v.hasSubwords);
  assert.ok(decodeVectors(bytesOf(m), 'binary').hasSubwords); // decodeVectors tells it by its magic number too
  assert.deepEqual(v.words, ['the', 'cat', 'zü', '</s>']);
  for (const w of ['the', 'cat', 'zü', '</s>', 'kat', 'über', 'a']) close(v.vector(w)!, expected(m, w));
  // --limit: the first words' rows and all buckets
  const one = decodeFastTextVectors(bytesOf(m), { limit: 1 });
  assert.deepEqual(one.words, ['the']);
  close(one.vector('the')!, expected(m, 'the'));
  close(one.vector('cat')!, (() => { const e = smallModel(); e.dictionary.entries[1]!.word = '-'; return expected(e, 'cat'); })());
  // keep: only the words asked for
  const kept = decodeFastTextVectors(bytesOf(m), { keep: (w) => w === 'cat' });
  assert.deepEqual(kept.words, ['cat']);
  close(kept.vector('cat')!, expected(m, 'cat'));
  // words only: the n-gram rows are added in passing, no buckets are kept
  const only = decodeFastTextVectors(bytesOf(m), { keep: (w) => w !== 'the', wordsOnly: true });
  assert.ok(!only.hasSubwords && !(only instanceof SubwordVectors));
  assert.deepEqual(only.words, ['cat', 'zü', '</s>']);
  for (const w of only.words) close(only.vector(w)!, expected(m, w));
  assert.equal(only.vector('kat'), undefined);
});

test('writeFastTextModel leaves the runs of zero rows (buckets no word uses) as holes: the bytes of encodeFastTextModel', () => {
  const m = smallModel();
  const bucket = 40_000, dim = m.args.dim, V = m.dictionary.nwords;
  const input = new Float32Array((V + bucket) * dim);
  input.set(m.input.data.subarray(0, (V + 11) * dim));
  input.fill(0.25, (V + 20_000) * dim, (V + 20_001) * dim); // a row between two runs of zeros
  input[(V + 30_000) * dim + 3] = -0; // −0 is not a zero row's bits: written as it is
  const sparse: FastTextModel = { ...m, args: { ...m.args, bucket }, input: { rows: V + bucket, cols: dim, data: input } };
  const p = join(dir, 'sparse.bin');
  writeFastTextModel(p, sparse);
  const bytes = readFileSync(p);
  assert.deepEqual(bytes, bytesOf(sparse));
  const inputEnd = bytes.length - 17 - V * dim * 4; // the output matrix's header and rows follow
  assert.ok(Object.is(bytes.readFloatLE(inputEnd - (bucket - 30_000) * dim * 4 + 3 * 4), -0));
  const v = readVectors(p);
  close(v.vector('kat')!, expected(sparse, 'kat'));
});

test('a SparseRowsMatrix input (a subword run\'s: the trained rows only) is written from its stored rows, never laid out: the same bytes as the whole matrix', () => {
  const m = smallModel();
  const bucket = 40_000, dim = m.args.dim, V = m.dictionary.nwords;
  // stored rows in any order: the words', the first 11 buckets, two rows 2 apart (the zeros between
  // them written out), one far off, and the last row
  const at = Int32Array.from([V + 20_002, ...Array.from({ length: V + 11 }, (_, i) => i), V + 20_000, V + 39_999, V + 30_000]);
  const stored = new Float32Array(at.length * dim);
  at.forEach((r, k) => stored.set(r < V + 11 ? m.input.data.subarray(r * dim, (r + 1) * dim) : [0.25, -0.5, r / 1e5, -0], k * dim));
  const input = new SparseRowsMatrix(V + bucket, dim, stored, at);
  const whole = new Float32Array((V + bucket) * dim);
  at.forEach((r, k) => whole.set(stored.subarray(k * dim, (k + 1) * dim), r * dim));
  const sparse: FastTextModel = { ...m, args: { ...m.args, bucket }, input };
  const dense: FastTextModel = { ...sparse, input: { rows: V + bucket, cols: dim, data: whole } };
  assert.deepEqual(Array.from(input.row(V + 20_000)), [0.25, -0.5, (V + 20_000) / 1e5, -0].map(Math.fround));
  assert.deepEqual(Array.from(input.row(V + 20_001)), [0, 0, 0, 0]);
  const p = join(dir, 'sparse-rows.bin');
  writeFastTextModel(p, sparse);
  assert.notEqual(input.storedRows(), null); // written without laying out the matrix
  assert.deepEqual(readFileSync(p), bytesOf(dense));
  // the holes are whole 4 KiB blocks of the file (shorter runs of zeros are written with the rows around them)
  let offset = 0, holes = 0;
  for (const c of fastTextModelChunks(sparse)) {
    if (c instanceof Uint8Array) { offset += c.length; continue; }
    assert.ok(offset % 4096 === 0 && c.zeros % 4096 === 0 && c.zeros > 0, `a hole of ${c.zeros} bytes at ${offset}`);
    offset += c.zeros;
    holes++;
  }
  assert.equal(offset, readFileSync(p).length);
  assert.equal(holes, 3); // before V + 20,000, before V + 30,000, before V + 39,999 (the last row); none between V + 20,000 and V + 20,002
  close(readVectors(p).vector('kat')!, expected(dense, 'kat'));
  // a value that is not finite is refused, naming its row
  stored[at.indexOf(V + 30_000) * dim + 1] = NaN;
  assert.throws(() => writeFastTextModel(p, sparse), /cannot write the fastText model: the input matrix holds NaN \(row 30005\)/);
  stored[at.indexOf(V + 30_000) * dim + 1] = 1;
  // once the matrix is laid out (data), it is the matrix: a change there is written
  assert.deepEqual(input.data, (dense.input.data[(V + 30_000) * dim + 1] = 1, dense.input.data));
  input.data[(V + 5) * dim] = 7;
  dense.input.data[(V + 5) * dim] = 7;
  assert.equal(input.storedRows(), null);
  assert.equal(input.row(V + 5)[0], 7);
  writeFastTextModel(p, sparse);
  assert.deepEqual(readFileSync(p), bytesOf(dense));
});

test('with keep, composeWords gives words outside the model\'s vocabulary the vector of their n-grams (a tagger\'s or classifier\'s --vectors)', () => {
  const m = smallModel();
  const p = join(dir, 'compose.bin');
  writeFastTextModel(p, m);
  const full = readVectors(p) as SubwordVectors;
  const v = readVectors(p, { keep: (w) => w === 'cat', composeWords: ['kat', 'cat', 'zzz', 'kat'] });
  assert.ok(!v.hasSubwords);
  assert.deepEqual(v.words, ['cat', 'kat', 'zzz']);
  close(v.vector('cat')!, expected(m, 'cat'));
  for (const w of ['kat', 'zzz']) {
    assert.ok(v.vector(w)!.some((x) => x !== 0), w);
    close(v.vector(w)!, full.vector(w));
    close(v.vector(w)!, expected(m, w));
  }
  assert.equal(readVectors(p, { keep: (w) => w === 'cat' }).vector('kat'), undefined);
  const conll = join(dir, 'compose.conll');
  writeFileSync(conll, 'kat B-PER\nlives O\nin O\nzü B-LOC\n\n');
  const trained = (...extra: string[]) => lexnet(['tagger', 'train', '--train', conll, '--vectors', p, '--dim', '4', '--hidden', '4', '--epochs', '1', '--threads', '1', '--out', join(dir, 'compose.model'), ...extra]);
  // the lexicon: <pad>, <unk>, the 4 training words, and the model's other words (the, cat); zü is in the model, kat, lives, in from their n-grams
  assert.match(trained('--pretrained-words', '0').stdout, /initialised 4 of 6 word vectors/);
});

test('readVectors tells a fastText .bin by its magic number, whatever its name, and searches answer for unseen words', () => {
  const m = smallModel();
  for (const name of ['model.bin', 'model.data']) {
    const p = join(dir, name);
    writeFastTextModel(p, m);
    const v = readVectors(p);
    assert.ok(v.hasSubwords);
    close(v.vector('kat')!, expected(m, 'kat'));
  }
  const v = readVectors(join(dir, 'model.bin'));
  // read in 7-byte blocks: words, counts and floats across block boundaries
  const tiny = readVectors(join(dir, 'model.bin'), { blockBytes: 7 });
  assert.deepEqual(tiny.data, v.data);
  close(tiny.vector('kat')!, expected(m, 'kat'));
  const found = mostSimilar(v, ['kat'], [], { topn: 2 });
  // with keep (a classifier's or tagger's --vectors), the kept words' vectors alone: what a saved model stores
  const kept = readVectors(join(dir, 'model.bin'), { keep: (w) => w === 'zü' });
  assert.ok(!kept.hasSubwords);
  close(kept.vector('zü')!, expected(m, 'zü'));
  assert.equal(found.length, 2);
  // word-only vectors still refuse an unknown word
  const plain = new WordVectors(['a', 'b'], 2, Float32Array.from([1, 0, 0, 1]));
  assert.throws(() => mostSimilar(plain, ['c']), /"c" is not in the vocabulary/);
  assert.equal(plain.hasSubwords, false);
});

test('subwordRows file: the bucket rows are read from the file when needed, with the same vectors', () => {
  const m = smallModel();
  const p = join(dir, 'model.bin');
  const v = readVectors(p, { subwordRows: 'file' }) as SubwordVectors;
  assert.ok(v.hasSubwords && !(v.buckets instanceof RowBlocks));
  for (const w of ['the', 'cat', 'zü', '</s>', 'kat', 'über']) close(v.vector(w)!, expected(m, w));
  close(readVectors(p, { subwordRows: 'auto' }).vector('kat')!, expected(m, 'kat'));
  const gz = join(dir, 'model.bin.gz');
  writeFileSync(gz, gzipSync(readFileSync(p)));
  assert.throws(() => readVectors(gz, { subwordRows: 'file' }), (e: Error & { option?: string }) => e.option === 'subwordRows' && /regular file, not compressed \(this is gzip\)/.test(e.message));
  close(readVectors(gz, { subwordRows: 'auto' }).vector('kat')!, expected(m, 'kat'));
  assert.throws(() => readVectors(p, { subwordRows: 'disk' as 'file' }), /subwordRows must be one of memory, file, auto, got "disk"$/);
});

test('evaluateSimilarity scores every pair with subwords and reports coverage', () => {
  const v = readVectors(join(dir, 'model.bin'));
  const pairs = join(dir, 'pairs.txt');
  writeFileSync(pairs, 'the\tcat\t5\nthe\tkat\t3\nzü\tzu\t7\ncat\tdog\t1\n');
  const r = evaluateSimilarity(v, pairs);
  assert.equal(r.pairs, 4);
  assert.equal(r.skipped, 0);
  assert.equal(r.coverage, 0.25);
  // without subwords the pairs with an unknown word are skipped
  const plain = new WordVectors(['the', 'cat', 'zü', 'dog'], 4, Float32Array.from({ length: 16 }, (_, k) => Math.sin(k)));
  const p = evaluateSimilarity(plain, pairs);
  assert.deepEqual([p.pairs, p.skipped, p.coverage], [2, 2, 0.5]);
});

test('the CLI answers for unseen words from a fastText .bin and prints coverage', () => {
  const file = join(dir, 'model.bin');
  const r = lexnet(['similar', file, 'kat', '--topn', '2', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).neighbours.length, 2);
  const a = lexnet(['analogy', file, 'the', 'kat', 'zu', '--topn', '1']);
  assert.equal(a.status, 0, a.stderr);
  const pairs = join(dir, 'pairs2.txt');
  writeFileSync(pairs, 'the\tcat\t5\nthe\tkat\t3\nzü\tzu\t7\ncat\tdog\t1\n');
  const e = lexnet(['eval-vectors', file, '--similarity', pairs]);
  assert.equal(e.status, 0, e.stderr);
  assert.match(e.stdout, /over 4 pairs .*coverage 25\.0%/);
  const j = JSON.parse(lexnet(['eval-vectors', file, '--similarity', pairs, '--json']).stdout);
  assert.deepEqual([j.subwords, j.similarity.pairs, j.similarity.skipped, j.similarity.coverage], [true, 4, 0, 0.25]);
  const info = lexnet(['eval-vectors', file]);
  assert.match(info.stdout, /4 vectors of dimension 4 and subwords/);
});

test('damaged or unsupported files are refused with the reason', () => {
  const good = bytesOf(smallModel());
  const p = join(dir, 'bad.bin');
  const refused = (bytes: Uint8Array, message: RegExp) => {
    writeFileSync(p, bytes);
    assert.throws(() => readVectors(p), message);
    const r = lexnet(['similar', p, 'the']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, message);
  };
  refused(good.subarray(0, good.length - 7), /cut short/);
  refused(good.subarray(0, 200), /cut short/);
  refused(Buffer.concat([good, Buffer.from([1])]), /more data follows the output matrix/);
  const newer = Buffer.from(good); newer.writeInt32LE(13, 4);
  refused(newer, /version 13/);
  // the quantization flag sits right after the dictionary: before the input matrix's header and
  // 15 × 4 floats, the output flag and header and 4 × 4 floats
  const quant = Buffer.from(good);
  const flagAt = good.length - (1 + 16 + 15 * 4 * 4 + 1 + 16 + 4 * 4 * 4);
  assert.equal(good.readBigInt64LE(flagAt + 1), 15n);
  quant[flagAt] = 1;
  assert.equal(good[flagAt], 0);
  refused(quant, /quantized/);
  const wide = Buffer.from(good); wide.writeInt32LE(0, 8); // dim 0
  refused(wide, /dimension 0/);
  assert.throws(() => bytesOf({ ...smallModel(), dictionary: { ...smallModel().dictionary, entries: smallModel().dictionary.entries.map((e, i) => (i ? e : { ...e, word: 'a b' })) } }), /whitespace/);
  assert.throws(() => readFileSync(p) && bytesOf({ ...smallModel(), input: { ...smallModel().input, rows: 3 } }), /input matrix/);
});

test('word2vec vectors written as a fastText model (no subwords) read back as word vectors', () => {
  const wv = new WordVectors(['the', 'cat', 'él'], 3, Float32Array.from([1, 2, 3, 0.5, -1, 2, 0, 0.25, 1]));
  const p = join(dir, 'w2v.bin');
  writeFastTextModel(p, vectorsModel(wv));
  const back = readVectors(p);
  assert.equal(back.hasSubwords, false);
  assert.deepEqual(back.words, wv.words);
  assert.deepEqual(back.data, wv.data);
  assert.throws(() => mostSimilar(back, ['dog']), /not in the vocabulary/);
});

test('the browser entry reads and writes fastText models without Node', async () => {
  const { bundleForBrowser } = await import('./browser-page.js');
  const js = await bundleForBrowser(
    "import { decodeFastTextVectors, decodeFastTextModel, encodeFastTextModel, vectorsModel } from 'lexnet';\nexport { decodeFastTextVectors, decodeFastTextModel, encodeFastTextModel, vectorsModel };\n",
  );
  assert.match(js, /793712314/);
  assert.doesNotMatch(js, /\bnode:[a-z_/]+|from\s*["'](fs|os|path|crypto|worker_threads|v8)["']|require\(/);
});

test('a large matrix is written in pieces and reads back the same', () => {
  const dim = 100, bucket = 45_000;
  const m = smallModel();
  m.args = { ...m.args, dim, bucket };
  m.input = { rows: 4 + bucket, cols: dim, data: Float32Array.from({ length: (4 + bucket) * dim }, (_, k) => (k % 1009) / 1009) };
  m.output = { rows: 4, cols: dim, data: new Float32Array(4 * dim) };
  const pieces = [...encodeFastTextModel(m)];
  assert.ok(Math.max(...pieces.map((p) => p.length)) <= 1 << 24);
  const back = decodeFastTextModel(Buffer.concat(pieces));
  assert.deepEqual(back.input.data, m.input.data);
});

test('a dictionary of many words is written in a few pieces (not one write per word) and reads back the same', () => {
  const words = Array.from({ length: 20_000 }, (_, i) => `w${i}`), dim = 2;
  const m: FastTextModel = {
    args: unsupervisedArgs({ dim, bucket: 0, minn: 0, maxn: 0, minCount: 1 }),
    dictionary: { entries: words.map((word, i) => ({ word, count: 20_000 - i, type: 0 })), nwords: words.length, nlabels: 0, ntokens: 1, pruneIndex: null },
    input: { rows: words.length, cols: dim, data: Float32Array.from({ length: words.length * dim }, (_, k) => k / 7) },
    output: { rows: words.length, cols: dim, data: new Float32Array(words.length * dim) },
  };
  const pieces = [...encodeFastTextModel(m)];
  assert.ok(pieces.length < 20, `${pieces.length} pieces`);
  const back = decodeFastTextModel(Buffer.concat(pieces));
  assert.deepEqual(back.dictionary.entries.map((e) => e.word), words);
  assert.deepEqual(back.input.data, m.input.data);
});

test('words that are not UTF-8 keep their bytes: n-grams are cut from them, and they are written back as read', () => {
  const m = smallModel();
  const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9]); // "café" in Latin-1
  m.dictionary.entries[1] = { word: 'caf\uFFFD', bytes: latin1, count: 9, type: 0 };
  const bytes = bytesOf(m);
  assert.ok(bytes.includes(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0])));
  const back = decodeFastTextModel(bytes);
  assert.deepEqual(back.dictionary.entries[1], m.dictionary.entries[1]);
  assert.equal(Buffer.compare(bytesOf(back), bytes), 0);
  const { dim, minn, maxn, bucket } = m.args;
  const rows = [1, ...subwordBuckets(latin1, { minn, maxn, bucket }).map((b) => 4 + b)];
  const want = Array.from({ length: dim }, (_, j) => rows.reduce((s, r) => s + m.input.data[r * dim + j]!, 0) / rows.length);
  assert.notDeepEqual(subwordBuckets(latin1, { minn, maxn, bucket }), subwordBuckets('caf\uFFFD', { minn, maxn, bucket }));
  for (const v of [decodeFastTextVectors(bytes), decodeFastTextVectors(bytes, { wordsOnly: true })]) close(v.vector('caf\uFFFD')!, want);
});
