import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { buildVocabulary, textCorpus, type Corpus } from '../src/index.js';
import { LexnetError } from '../src/io/errors.js';
import { readText } from '../src/io/read-text.js';
import { MAX_SENTENCE_TOKENS, MAX_TOKEN_CHARS } from '../src/text/corpus.js';
import { readLines } from '../src/text/line-reader.js';
import { countAndEncode, encodeCorpus, MAX_SENTENCE } from '../src/word2vec/encode.js';
import { CLI, lexnet, tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';

/** Fixed so CI is reproducible; LEXNET_FUZZ_SEED and LEXNET_FUZZ_SCALE hunt further. */
const FUZZ_SEED = Number(process.env.LEXNET_FUZZ_SEED ?? 20261122);
const FUZZ_SCALE = Number(process.env.LEXNET_FUZZ_SCALE ?? 1);

const dir = tempDir();
const corpusText = topicCorpus(400, 5);
const corpusFile = writeTemp(dir, 'corpus.txt', corpusText);

/** Asserts a LexnetError whose message matches. */
async function rejectsWith(f: () => Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(f, (e: unknown) => {
    assert.ok(e instanceof LexnetError, `not a LexnetError: ${String(e)}`);
    assert.match(e.message, message);
    return true;
  });
}

function refuses(f: () => unknown, message: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof LexnetError, `not a LexnetError: ${String(e)}`);
    assert.match(e.message, message);
    return true;
  });
}

/** The lines readLines should give: split at \n, a \r before it dropped, no empty last line. */
function expectedLines(text: string): string[] {
  const lines = text.split('\n').map((l, i, all) => (i < all.length - 1 && l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.at(-1) === '') lines.pop();
  else if (lines.length > 0) lines[lines.length - 1] = lines.at(-1)!.replace(/\r$/, '');
  return lines;
}

/** The sentences textCorpus should give: each line's tokens, in pieces of at most 10,000. */
function expectedSentences(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '') continue;
    const words = t.split(/\s+/);
    for (let i = 0; i < words.length; i += MAX_SENTENCE_TOKENS) out.push(words.slice(i, i + MAX_SENTENCE_TOKENS));
  }
  return out;
}

const tricky = 'première ligne\r\nnaïve café 😀 日本語\n\n  spaced\t\ttabs \r\nlast line without newline é';
const blockSizes = [1, 2, 3, 4, 5, 7, 64, 1 << 20];

test('block boundaries inside a word, a line, a multi-byte character or a \\r\\n change nothing', () => {
  const path = writeTemp(dir, 'tricky.txt', tricky);
  for (const b of blockSizes) {
    assert.deepEqual([...readLines(path, b)].map(([, l]) => l), expectedLines(tricky), `block ${b}`);
    assert.deepEqual([...readLines(path, b)].map(([n]) => n), [1, 2, 3, 4, 5], `block ${b}`);
    assert.deepEqual([...textCorpus(path, { blockBytes: b }).sentences()], expectedSentences(tricky), `block ${b}`);
    assert.deepEqual([...textCorpus(path, { blockBytes: b, lowercase: true }).sentences()], expectedSentences(tricky.toLowerCase()), `block ${b}`);
  }
});

test('property: any text, any block size, lines and sentences as if read whole', () => {
  const piece = fc.constantFrom('a', 'bc', ' ', '\t', '\n', '\r\n', '\r', 'é', '😀', '語', '\u00a0', '\u2028', 'Σ', 'ΟΔΟΣ ',
    // every other white space of \s, and two look-alikes that are not (U+0085, U+180E)
    '\v', '\f', '\u1680', '\u2000', '\u200a', '\u2029', '\u202f', '\u205f', '\u3000', '\u0085', '\u180e');
  fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (pieces, block) => {
    const text = pieces.join('');
    const path = writeTemp(dir, 'prop.txt', text);
    assert.deepEqual([...readLines(path, block)].map(([, l]) => l), expectedLines(text));
    assert.deepEqual([...textCorpus(path, { blockBytes: block }).sentences()], expectedSentences(text));
    assert.deepEqual([...textCorpus(path, { blockBytes: block, lowercase: true }).sentences()], expectedSentences(text).map((s) => s.map((w) => w.toLowerCase())));
  }), { numRuns: 300 * FUZZ_SCALE, seed: FUZZ_SEED });
});

test('a one-line corpus is cut into sentences of 10,000 tokens as it streams', () => {
  const words = Array.from({ length: 2 * MAX_SENTENCE_TOKENS + 2345 }, (_, i) => `w${i % 97}`);
  const path = writeTemp(dir, 'one-line.txt', words.join(' '));
  for (const b of [1000, 1 << 20]) {
    const sentences = [...textCorpus(path, { blockBytes: b }).sentences()];
    assert.deepEqual(sentences.map((s) => s.length), [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 2345]);
    assert.deepEqual(sentences.flat(), words);
  }
});

test('a token longer than the bound is an error naming its byte offset', () => {
  const path = writeTemp(dir, 'long-token.txt', `short words\nab ${'x'.repeat(MAX_TOKEN_CHARS + 10)}\n`);
  refuses(() => [...textCorpus(path, { blockBytes: 1 << 16 }).sentences()],
    new RegExp(`long-token.txt:2: a token of more than ${MAX_TOKEN_CHARS.toLocaleString('en-US')} characters without white space, from byte offset 15:`));
});

test('text that is not UTF-8 is an error with its line and byte offset, whatever the block size', () => {
  const bytes = Buffer.concat([Buffer.from('good line\nsecond ok\nbad '), Buffer.from([0xc3, 0x28]), Buffer.from(' here\n')]);
  const path = writeTemp(dir, 'latin.txt', bytes);
  for (const b of blockSizes) {
    refuses(() => [...readLines(path, b)], new RegExp(`${path}:3: invalid UTF-8 at byte offset 24 \\(bytes 0xC3 0x28\\): the file must be UTF-8 text`));
    refuses(() => [...textCorpus(path, { blockBytes: b }).sentences()], new RegExp(`${path}:3: invalid UTF-8 at byte offset 24`));
  }
  refuses(() => readText(path), new RegExp(`${path}:3: invalid UTF-8 at byte offset 24`));
  // a surrogate encoded in UTF-8, an overlong form, a stray continuation byte
  for (const [bad, shown] of [[[0xed, 0xa0, 0x80], '0xED 0xA0'], [[0xc0, 0xaf], '0xC0'], [[0x80], '0x80'], [[0xf4, 0x90, 0x80, 0x80], '0xF4 0x90'], [[0xe2, 0x82, 0x41], '0xE2 0x82 0x41']] as const) {
    const p = writeTemp(dir, 'bad.txt', Buffer.from([0x61, 0x20, ...bad, 0x0a]));
    for (const b of [1, 2, 1 << 20]) refuses(() => [...readLines(p, b)], new RegExp(`bad.txt:1: invalid UTF-8 at byte offset 2 \\(bytes ${shown}\\)`));
  }
  const cut = writeTemp(dir, 'cut.txt', Buffer.from([0x61, 0x0a, 0x62, 0xe2, 0x82]));
  for (const b of [1, 2, 1 << 20]) {
    refuses(() => [...readLines(cut, b)], /cut.txt:2: the text ends inside a UTF-8 character \(byte offset 3: 0xE2 0x82\)/);
    refuses(() => [...textCorpus(cut, { blockBytes: b }).sentences()], /cut.txt:2: the text ends inside a UTF-8 character/);
  }
  refuses(() => readText(cut), /cut.txt:2: the text ends inside a UTF-8 character/);
});

test('a leading byte-order mark is dropped; a NUL byte is an error naming the line', () => {
  const bom = writeTemp(dir, 'bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a b\nc\n')]));
  for (const b of [1, 2, 1 << 20]) {
    assert.deepEqual([...readLines(bom, b)].map(([, l]) => l), ['a b', 'c']);
    assert.deepEqual([...textCorpus(bom, { blockBytes: b }).sentences()], [['a', 'b'], ['c']]);
  }
  assert.equal(readText(bom), 'a b\nc\n');
  const nul = writeTemp(dir, 'nul-corpus.txt', 'a b\nc d\ne\0f\n');
  for (const b of [1, 3, 1 << 20]) refuses(() => [...textCorpus(nul, { blockBytes: b }).sentences()], /nul-corpus.txt:3: NUL byte/);
});

test('gzip is inflated as it streams; a corrupt or cut gzip stream is a clear error', () => {
  const text = `${tricky}\n${topicCorpus(300, 3)}`;
  const gz = writeTemp(dir, 'text.txt.gz', gzipSync(text));
  for (const b of [1, 7, 100, 1 << 20]) {
    assert.deepEqual([...readLines(gz, b)].map(([, l]) => l), expectedLines(text), `block ${b}`);
    assert.deepEqual([...textCorpus(gz, { blockBytes: b }).sentences()], expectedSentences(text), `block ${b}`);
  }
  assert.equal(readText(gz), text);
  // two gzip members, as `cat a.gz b.gz` makes
  const two = writeTemp(dir, 'two.gz', Buffer.concat([gzipSync('one\n'), gzipSync('two\n')]));
  assert.deepEqual([...readLines(two, 5)].map(([, l]) => l), ['one', 'two']);
  // gzip's magic bytes are enough, whatever the name
  const named = writeTemp(dir, 'compressed.txt', gzipSync('x y\n'));
  assert.deepEqual([...textCorpus(named).sentences()], [['x', 'y']]);
  const whole = gzipSync(text);
  const cut = writeTemp(dir, 'cut.txt.gz', whole.subarray(0, whole.length >> 1));
  for (const b of [1 << 10, 1 << 20]) refuses(() => [...readLines(cut, b)], new RegExp(`cut.txt.gz: the gzip stream is cut short \\(it ends after ${whole.length >> 1} compressed bytes`));
  const corrupt = Buffer.from(whole);
  for (let i = 20; i < 60; i++) corrupt[i] = 0xff;
  const bad = writeTemp(dir, 'corrupt.txt.gz', corrupt);
  refuses(() => [...readLines(bad)], /corrupt.txt.gz: not a valid gzip stream near compressed byte \d+/);
  refuses(() => [...textCorpus(writeTemp(dir, 'plain.gz', 'not gzip at all\n')).sentences()], /plain.gz: not a valid gzip stream/);
});

test('counting and encoding in one pass gives the vocabulary and file of two passes', async () => {
  const long = Array.from({ length: 2 * MAX_SENTENCE + 17 }, (_, i) => (i % 5 === 0 ? `rare${i}` : `w${i % 13}`));
  const corpus: Corpus = {
    name: 'mixed',
    *sentences() {
      yield ['a', 'b', 'rare-1', 'a'];
      yield [];
      yield long;
      yield ['rare-2'];
      yield ['b', 'c', 'a', 'c'];
    },
  };
  const tmp = tempDir();
  for (const minCount of [1, 2]) {
    const two = buildVocabulary(corpus, minCount);
    const before = encodeCorpus(corpus, two.vocab, { tmpDir: tmp });
    const one = await countAndEncode(corpus, minCount, { tmpDir: tmp });
    assert.deepEqual(one.vocab.words, two.vocab.words);
    assert.deepEqual([...one.vocab.counts], [...two.vocab.counts]);
    assert.deepEqual([one.tokens, one.sentences], [two.tokens, two.sentences]);
    assert.deepEqual([one.encoded.ids, one.encoded.words], [before.ids, before.words]);
    assert.deepEqual(readFileSync(one.encoded.path), readFileSync(before.path));
    one.encoded.remove();
    before.remove();
  }
  await rejectsWith(() => countAndEncode({ name: 'empty', *sentences() { yield []; } }, 1, { tmpDir: tmp }), /empty: the corpus is empty/);
  await rejectsWith(() => countAndEncode(corpus, 10_000, { tmpDir: tmp }), /mixed: no word occurs at least 10000 times/);
  assert.deepEqual(readdir(tmp), []);
});

test('one pass: a full disk while the corpus is read is a clear error and leaves nothing behind', async () => {
  const tmp = tempDir();
  const write = (): number => {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };
  const corpus = textCorpus(corpusFile);
  await rejectsWith(() => countAndEncode(corpus, 1, { tmpDir: tmp, write }), new RegExp(`^temporary folder ${tmp}: no space left on device: the encoded corpus needs about .* read so far, then as much again while they are renumbered\\); free some space or choose another folder with tmpDir or TMPDIR$`));
  assert.deepEqual(readdir(tmp), []);
});

function readdir(p: string): string[] {
  return spawnSync('ls', ['-A', p], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
}

// the command line ------------------------------------------------------------------------------

const w2v = ['--threads', '1', '--seed', '1', '--dim', '8', '--epochs', '1', '--min-count', '1', '--quiet', '--show', ''];

function vectorsFrom(corpus: string, name: string, input?: string | Buffer): Buffer {
  const out = join(dir, name);
  const r = spawnSync(process.execPath, [CLI, 'word2vec', '--corpus', corpus, ...w2v, '--out', out], { input, env: { ...process.env, LEXNET_DEBUG: '' } });
  assert.equal(r.status, 0, r.stderr.toString());
  return readFileSync(out);
}

test('word2vec --corpus - (a pipe) and .gz corpora give exactly the vectors of the file', () => {
  const fromFile = vectorsFrom(corpusFile, 'file.bin');
  assert.deepEqual(vectorsFrom('-', 'stdin.bin', corpusText), fromFile);
  assert.deepEqual(vectorsFrom('-', 'stdin-gz.bin', gzipSync(corpusText)), fromFile);
  assert.deepEqual(vectorsFrom(writeTemp(dir, 'corpus.txt.gz', gzipSync(corpusText)), 'gz.bin'), fromFile);
});

test('word2vec --corpus FIFO reads it once and gives the vectors of the file', async () => {
  const fifo = join(tempDir(), 'corpus.fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const out = join(dir, 'fifo.bin');
  const child = spawn(process.execPath, [CLI, 'word2vec', '--corpus', fifo, ...w2v, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const ended = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  writeFileSync(fifo, corpusText); // blocks until word2vec opens the FIFO
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await ended;
  clearTimeout(timer);
  assert.equal(code, 0, stderr);
  assert.deepEqual(readFileSync(out), vectorsFrom(corpusFile, 'file2.bin'));
});

test('an empty or one-word standard input never trains with exit status 0', () => {
  let r = lexnet(['word2vec', '--corpus', '-', ...w2v, '--out', join(dir, 'empty.bin')], '');
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'lexnet: stdin: the corpus is empty (no tokens)\n');
  r = lexnet(['word2vec', '--corpus', '-', ...w2v, '--out', join(dir, 'empty.bin')], 'cat cat cat\n');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /stdin: the vocabulary has 1 word/);
});

test('- given to two inputs is a clear error, not an empty second input', () => {
  let r = lexnet(['word2vec', '--corpus', `-,conll:-`, ...w2v, '--out', join(dir, 'twice.bin')], corpusText);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^lexnet: corpus -,conll:-: - \(standard input\) is named twice; it can be read only once\n$/);
  r = lexnet(['classify', 'train', '--train', '-', '--dev', '-', '--out', join(dir, 'twice.model')], '__label__a x\n');
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'lexnet: --train and --dev both name - (standard input), which can be read only once: give all but one of them as files\n');
  r = lexnet(['fit', '--train', '-', '--test', '-', '--epochs', '1', '--quiet'], '1,2,0\n3,4,1\n5,6,0\n7,8,1\n');
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'lexnet: - (standard input) is given to two inputs; it can be read only once: give the others as files\n');
});

const labelled = Array.from({ length: 40 }, (_, i) => (i % 2 ? '__label__pos good great fine film' : '__label__neg bad awful poor film')).join('\n') + '\n';

test('classify reads - as fastText lines, TSV or (predict) plain lines, each read once', () => {
  const model = join(dir, 'stdin.model');
  let r = lexnet(['classify', 'train', '--train', '-', '--epochs', '30', '--out', model, '--json'], labelled);
  assert.equal(r.status, 0, r.stderr);
  const tsv = `sentence\tlabel\n${labelled.trim().split('\n').map((l) => { const [lab, ...w] = l.split(' '); return `${w.join(' ')}\t${lab!.slice(9)}`; }).join('\n')}\n`;
  r = lexnet(['classify', 'train', '--train', '-', '--epochs', '30', '--out', join(dir, 'tsv.model'), '--json'], tsv);
  assert.equal(r.status, 0, r.stderr);
  r = lexnet(['classify', 'eval', '--model', model, '--data', '-', '--json'], tsv);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).accuracy, 1);
  r = lexnet(['classify', 'predict', '--model', model, '--data', '-'], 'good great film\n\nawful poor film\n');
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.split('\n'); // one label per input line, the empty one included
  assert.equal(out.length, 4);
  // labels as the fastText training lines wrote them
  assert.deepEqual([out[0], out[2], out[3]], ['__label__pos', '__label__neg', '']);
  r = lexnet(['classify', 'predict', '--model', model, '--data', '-'], '__label__pos good great\n__label__neg awful bad\n');
  assert.equal(r.stdout, '__label__pos\n__label__neg\n');
  const gz = spawnSync(process.execPath, [CLI, 'classify', 'predict', '--model', model, '--data', '-'], { input: gzipSync('good great film\nawful poor film\n'), encoding: 'utf8' });
  assert.equal(gz.stdout, '__label__pos\n__label__neg\n', gz.stderr);
});

test('fit reads a table from - (and gzip)', () => {
  const rows = Array.from({ length: 60 }, (_, i) => `${i % 2 ? 1 : -1},${(i % 7) / 7},${i % 2}`).join('\n') + '\n';
  let r = lexnet(['fit', '--train', '-', '--kind', 'logistic', '--epochs', '5', '--json'], rows);
  assert.equal(r.status, 0, r.stderr);
  const a = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  r = lexnet(['fit', '--train', writeTemp(dir, 'rows.csv.gz', gzipSync(rows)), '--kind', 'logistic', '--epochs', '5', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim().split('\n').at(-1)!), a);
});
