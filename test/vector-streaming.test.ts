import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { LexnetError } from '../src/io/errors.js';
import { readVectors, writeVectors } from '../src/io/vector-file.js';
import { keepNeededWords } from '../src/io/vector-keep.js';
import { WordVectors } from '../src/io/word-vectors.js';
import { CLI, lexnet, tempDir, writeTemp } from './cli.js';
import { readVectorsWhole } from './vector-reference.js';

const dir = tempDir();
let n = 0;
const file = (ext: string, content: string | Uint8Array): string => writeTemp(dir, `f${n++}.${ext}`, content);

/** Words and values bit for bit (-0 and 0 differ), so "the same" means the same floats. */
function same(a: WordVectors, b: WordVectors): void {
  assert.deepEqual(a.words, b.words);
  assert.equal(a.dim, b.dim);
  assert.deepEqual(new Uint32Array(a.data.buffer, a.data.byteOffset, a.data.length), new Uint32Array(b.data.buffer, b.data.byteOffset, b.data.length));
  assert.deepEqual([...a.index], [...b.index]);
}

/** The outcome of a read: the vectors, or "error" for a LexnetError (anything else is rethrown). */
function outcome(read: () => WordVectors): WordVectors | 'error' {
  try {
    return read();
  } catch (e) {
    if (e instanceof LexnetError) return 'error';
    throw e;
  }
}

/** Binary vector file bytes from parts: strings as UTF-8, numbers as little-endian float32. */
function binary(...parts: (string | number[])[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(Float32Array.from(p).buffer))));
}

// ---- identical to the whole-file reader ----

const word = fc.oneof(fc.constantFrom('the', 'café', 'naïve', '東京', '😀x', 'a', 'THE', '__proto__', 'a\tb'), fc.stringMatching(/^[a-z]{1,12}$/));
const value = fc.oneof(
  fc.float({ noNaN: true, noDefaultInfinity: true }).map((v) => ({ v, s: String(Number(v.toPrecision(9))) })),
  fc.double({ min: -10, max: 10, noNaN: true }).map((v) => ({ v, s: String(v) })), // 17 significant digits: the slow path
  fc.double({ min: -10, max: 10, noNaN: true }).map((v) => ({ v, s: v.toFixed(6) })),
  fc.double({ min: -1e30, max: 1e30, noNaN: true }).map((v) => ({ v, s: v.toExponential(4) })),
  fc.constantFrom(...['0', '-0', '+1', '.5', '5.', '007', '1e-30', '1E+3', '0x10', '-0.0', '3.4e38', '1e-46'].map((s) => ({ v: 0, s }))),
);
const rows = fc.integer({ min: 1, max: 4 }).chain((dim) => fc.array(fc.tuple(word, fc.array(value, { minLength: dim, maxLength: dim })), { minLength: 1, maxLength: 8 }).map((r) => ({ dim, r })));
const blockBytes = fc.integer({ min: 1, max: 40 });

test('text vectors read in tiny blocks give exactly what the whole-file reader gave (header or not, CRLF, blank lines, BOM, duplicates)', () => {
  fc.assert(fc.property(rows, blockBytes, fc.boolean(), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(), ({ dim, r }, block, header, eol, blank, bom) => {
    const lines = r.map(([w, vs]) => `${w} ${vs.map((x) => x.s).join(' ')}${eol}${blank ? ` \t${eol}` : ''}`);
    const text = `${bom ? '\ufeff' : ''}${header ? `${r.length} ${dim}${eol}` : ''}${lines.join('')}`;
    const p = file(['txt', 'vec'][block % 2]!, text);
    const whole = outcome(() => readVectorsWhole(p));
    const streamed = outcome(() => readVectors(p, { blockBytes: block }));
    if (whole === 'error' || streamed === 'error') assert.equal(streamed, whole);
    else same(streamed, whole);
  }), { seed: 11, numRuns: 300 });
});

test('binary vectors read in tiny blocks give exactly what the whole-file reader gave (newline after a row or not, words split across blocks)', () => {
  fc.assert(fc.property(rows, blockBytes, fc.boolean(), ({ dim, r }, block, newline) => {
    const p = file('bin', binary(`${r.length} ${dim}\n`, ...r.flatMap(([w, vs]) => [`${w} `, vs.map((x) => x.v), newline ? '\n' : ''])));
    const whole = outcome(() => readVectorsWhole(p));
    const streamed = outcome(() => readVectors(p, { blockBytes: block }));
    if (whole === 'error' || streamed === 'error') assert.equal(streamed, whole);
    else same(streamed, whole);
  }), { seed: 12, numRuns: 300 });
});

test('damaged vector files: whatever the whole-file reader accepted reads the same, whatever it refused is refused', () => {
  const v = new WordVectors(['the', 'cat', 'café'], 3, Float32Array.from([0.1, -0.2, 3, 1e-3, 4, -5, 6, 7, 8]));
  writeVectors(join(dir, 's.bin'), v);
  writeVectors(join(dir, 's.txt'), v);
  const samples = [readFileSync(join(dir, 's.bin')), readFileSync(join(dir, 's.txt')), Buffer.from('the 0.1 0.2\ncat 1 2\n')];
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.constantFrom('', ' ', '\n', '\r\n', '3 2\n', '0.5', 'x', '\0', '\xff', '1e99', 'é'));
  fc.assert(fc.property(fc.nat({ max: 2 }), fc.array(edit, { maxLength: 4 }), blockBytes, fc.constantFrom('txt', 'bin'), (k, edits, block, ext) => {
    let b = samples[k]!;
    for (const [at, del, ins] of edits) {
      const i = at % (b.length + 1);
      b = Buffer.concat([b.subarray(0, i), Buffer.from(ins, 'latin1'), b.subarray(Math.min(b.length, i + del))]);
    }
    const p = file(ext, b);
    const whole = outcome(() => readVectorsWhole(p));
    const streamed = outcome(() => readVectors(p, { blockBytes: block }));
    if (whole === 'error' || streamed === 'error') assert.equal(streamed, whole);
    else same(streamed, whole);
  }), { seed: 13, numRuns: 400 });
});

// ---- gzip, standard input ----

const sample = new WordVectors(['the', 'king', 'queen', 'café'], 3, Float32Array.from([1, 0, 0, 0.9, 0.1, 0, 0.8, 0.3, 0.1, 0, 0, 1]));

test('.txt.gz, .vec.gz and .bin.gz vectors are inflated as they stream', () => {
  for (const ext of ['txt', 'vec', 'bin']) {
    const plain = join(dir, `g.${ext}`);
    writeVectors(plain, sample);
    const gz = file(`${ext}.gz`, gzipSync(readFileSync(plain)));
    same(readVectors(gz, { blockBytes: 16 }), sample);
  }
  assert.throws(() => readVectors(file('txt.gz', gzipSync('3 2\na 1 2\n'))), /\.txt\.gz:1: cut short: the header announces 3 words but the file has 1 row/);
});

test('- reads standard input through a pipe, text, binary or gzip (told by content)', () => {
  for (const ext of ['txt', 'bin']) {
    const p = join(dir, `stdin.${ext}`);
    writeVectors(p, sample);
    for (const input of [readFileSync(p), gzipSync(readFileSync(p))]) {
      const r = spawnSync(process.execPath, [CLI, 'similar', '-', 'king', '--topn', '1'], { input, encoding: 'utf8' });
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^the\t0\.99\d+\n$/);
    }
  }
  const bad = spawnSync(process.execPath, [CLI, 'similar', '-', 'king'], { input: '3 2\nthe 1 2\n', encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^lexnet: stdin:1: cut short: the header announces 3 words but the file has 1 row\n$/);
});

// ---- --limit, keep ----

test('limit reads only the first N rows: later rows may be malformed or missing', () => {
  const text = file('txt', '4 2\na 1 2\nb 3 4\nc 5 oops\n');
  assert.deepEqual(readVectors(text, { limit: 2, blockBytes: 3 }).words, ['a', 'b']);
  assert.throws(() => readVectors(text, { limit: 3 }), /:4: value 2 of "c" is not a number: "oops"/);
  const bin = file('bin', binary('4 1\n', 'a ', [1], '\n', 'b ', [2], '\n', 'c ', [NaN], '\n'));
  const v = readVectors(bin, { limit: 2, blockBytes: 5 });
  assert.deepEqual([v.words, [...v.data]], [['a', 'b'], [1, 2]]);
  assert.deepEqual(readVectors(file('txt', 'a 1\nb 2\nc x\n'), { limit: 2 }).words, ['a', 'b']); // no header (GloVe)
  // a limit beyond the rows: the whole file, checked as usual
  assert.throws(() => readVectors(file('txt', '1 1\na 1\nb 2\n'), { limit: 5 }), /:3: the header \(line 1\) announces 1 word but the file has 2 rows/);
  assert.throws(() => readVectors(text, { limit: 0 }), (e: unknown) => e instanceof LexnetError && e.option === 'limit' && e.message === 'limit must be a whole number ≥ 1, got 0');
});

test('a file claiming more rows than it has is a clear error, read whole or with a limit, plain or gzip', () => {
  assert.throws(() => readVectors(file('txt', '5 1\na 1\nb 2\n'), { limit: 3 }), /:1: cut short: the header announces 5 words but the file has 2 rows/);
  const bin = binary('5 1\n', 'a ', [1], '\n', 'b ', [2], '\n');
  assert.throws(() => readVectors(file('bin', bin), { limit: 3 }), /cut short: the first 3 vectors of 1 floats \(of 5 in the header\) take \(at least 18 bytes\) but only 14 bytes follow it/);
  assert.throws(() => readVectors(file('bin.gz', gzipSync(bin)), { blockBytes: 12 }), /\.bin\.gz: cut short: the header announces 5 vectors of 1 floats but the file ends in vector 3 \(byte 18\)/);
});

test('keep stores only the rows it accepts (checked all the same), once per word; limit counts every row', () => {
  const p = file('txt', '5 2\nthe 1 2\nof 3 4\nthe 9 9\nking 5 6\nqueen 7 8\n');
  const asked: string[] = [];
  const v = readVectors(p, { keep: (w, row) => { asked.push(`${w}@${row}`); return w !== 'of'; }, blockBytes: 4 });
  assert.deepEqual(asked, ['the@0', 'of@1', 'king@3', 'queen@4']);
  assert.deepEqual([v.words, [...v.data]], [['the', 'king', 'queen'], [1, 2, 5, 6, 7, 8]]);
  assert.deepEqual(readVectors(p, { keep: (w) => w.length > 3, limit: 4 }).words, ['king']);
  assert.throws(() => readVectors(file('bin', binary('2 1\n', 'a ', [1], 'b ', [Infinity])), { keep: (w) => w === 'a' }), /value 1 is Infinity/);
  // the training words, then the first N others
  const needed = keepNeededWords(new Set(['queen']), 1);
  assert.deepEqual(readVectors(p, { keep: needed }).words, ['the', 'queen']);
  const lower = keepNeededWords(new Set(['king']), 0, (w) => w.toLowerCase());
  assert.deepEqual(readVectors(file('txt', 'KING 1\nking 2\nqueen 3\n'), { keep: lower }).words, ['KING', 'king']);
});

test('a row is never given memory its bytes do not back: a huge dimension on a stream', () => {
  const before = process.memoryUsage().arrayBuffers;
  assert.throws(() => readVectors(file('txt.gz', gzipSync('2 900000000\na 1 2\nb 3 4\n'))), /:2: 2 values, expected 900000000/);
  assert.throws(() => readVectors(file('bin.gz', gzipSync('2 900000000\na \x01\x02\x03\x04'))), /cut short: the header announces 2 vectors of 900000000 floats but the file ends in vector 1/);
  assert.ok(process.memoryUsage().arrayBuffers - before < 16 * 2 ** 20);
});

test('the CLI: --limit on similar, analogy and eval-vectors', () => {
  const p = join(dir, 'cli.txt');
  writeVectors(p, sample);
  const broken = file('txt', `${readFileSync(p, 'utf8').replace(/^4 3/, '5 3')}junk\n`);
  const r = lexnet(['similar', broken, 'king', '--limit', '3', '--topn', '5']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split('\t')[0]), ['the', 'queen']);
  assert.equal(lexnet(['analogy', broken, 'the', 'king', 'queen', '--limit', '4']).status, 0);
  const e = lexnet(['eval-vectors', broken, '--limit', '2', '--json']);
  assert.equal(JSON.parse(e.stdout.trim()).words, 2);
  assert.match(lexnet(['similar', broken, 'king']).stderr, /no vector values after "junk"|the header/);
  assert.match(lexnet(['similar', p, 'king', '--limit', '0']).stderr, /--limit/);
});

test('tagger and classify train: --limit, and by default the training words plus the first --pretrained-words others', () => {
  const conll = file('conll', 'John B-PER\nlives O\nin O\nParis B-LOC\n\nMary B-PER\nin O\nLondon B-LOC\n\n');
  const vectors = file('txt', '7 2\nthe 1 2\nzebra 3 4\nin 5 6\napple 7 8\nparis 9 1\nkiwi 2 3\nlondon 4 oops\n');
  const out = join(dir, 't.model');
  const tagger = (...extra: string[]) => lexnet(['tagger', 'train', '--train', conll, '--vectors', vectors, '--dim', '2', '--hidden', '4', '--epochs', '1', '--threads', '1', '--out', out, ...extra]);
  assert.match(tagger().stderr, /:8: value 2 of "london" is not a number/);
  // the lexicon: <pad>, <unk>, 6 training words, and the vectors' other words kept
  assert.match(tagger('--limit', '6').stdout, /initialised 6 of 12 word vectors/);
  assert.match(tagger('--limit', '6', '--pretrained-words', '1').stdout, /initialised 3 of 9 word vectors/); // the; in, paris
  const tsv = file('tsv', 'sentence\tlabel\nin paris\tpos\nthe zebra\tneg\nin the city\tpos\n');
  const classify = (...extra: string[]) => lexnet(['classify', 'train', '--train', tsv, '--vectors', vectors, '--epochs', '1', '--json', '--out', join(dir, 'c.model'), ...extra]);
  assert.equal(classify('--limit', '6').status, 0);
  assert.match(classify('--limit', '0').stderr, /--limit/);
});

test('word2vec refuses, before reading the corpus, settings whose per-thread buffers alone pass 4 GiB', () => {
  const r = lexnet(['word2vec', '--corpus', join(dir, 'no-such-corpus.txt'), '--dim', '100000', '--window', '1000', '--threads', '8', '--out', join(dir, 'w.bin')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^lexnet: word2vec: 8 threads × [\d.]+ MiB of kernel buffers .* more than the 4 GiB a WebAssembly memory can hold before a single word vector; at most 5 threads fit at these settings; lower --threads/);
  assert.match(lexnet(['word2vec', '--corpus', join(dir, 'no-such-corpus.txt'), '--out', join(dir, 'w.bin')]).stderr, /no-such-corpus.txt: cannot read/);
});
