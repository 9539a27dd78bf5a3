// The platform-neutral pieces the browser entry is built from, checked against Node's: the
// in-memory encoder, the inline training thread, the string corpus, the vector encoder, the
// relaxed-SIMD probe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodeVectors, encodeVectors as nodeEncodeVectors, kernelModule, LexnetError, readVectors, relaxedSimd, textCorpus, trainWord2vec, writeVectors, WordVectors, type Corpus,
} from '../src/index.js';
import { engineHasRelaxedSimd } from '../src/kernels/relaxed-probe.js';
import { stringCorpus } from '../src/text/string-corpus.js';
import { countAndEncode } from '../src/word2vec/encode.js';
import { countAndEncodeInMemory } from '../src/word2vec/encode-memory.js';
import { inlineThread } from '../src/word2vec/inline-thread.js';
import { defaultWord2vecOptions } from '../src/word2vec/options.js';
import { countTrainable } from '../src/word2vec/run-steps.js';
import { trainEncoded } from '../src/word2vec/session.js';
import { tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';

const dir = tempDir();

/** Sentences with rare words (dropped by minCount 2), an empty one, and one longer than 10,000 tokens. */
function awkwardCorpus(): Corpus {
  const long = Array.from({ length: 23_456 }, (_, i) => (i % 7 === 0 ? `rare${i}` : ['a', 'b', 'c', 'd'][i % 4]!));
  return { name: 'awkward', *sentences() { yield ['a', 'b', 'zz']; yield []; yield long; yield ['once']; yield ['c', 'd', 'a']; } };
}

test('the in-memory encoder gives the vocabulary and ids that the file encoder writes', async () => {
  for (const corpus of [awkwardCorpus(), stringCorpus(topicCorpus(300, 2))]) {
    const file = await countAndEncode(corpus, 2, { tmpDir: dir });
    try {
      const bytes = readFileSync(file.encoded.path);
      const fromFile = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      const mem = await countAndEncodeInMemory(corpus, 2, { shared: true });
      assert.deepEqual(mem.vocab.words, file.vocab.words);
      assert.deepEqual([...mem.vocab.counts], [...file.vocab.counts]);
      assert.equal(mem.words, file.encoded.words);
      assert.equal(mem.tokens, file.tokens);
      assert.equal(mem.sentences, file.sentences);
      assert.ok(mem.ids.buffer instanceof SharedArrayBuffer);
      assert.deepEqual([...mem.ids], [...fromFile]);
      assert.ok(countTrainable(mem.ids) > 0);
    } finally {
      file.encoded.remove();
    }
  }
});

test('a string corpus reads as textCorpus reads the same file', () => {
  const text = 'the cat  sat\n\n  on the\tmat \r\nend\n' + Array.from({ length: 10_003 }, (_, i) => `w${i % 5}`).join(' ') + '\nlast';
  const path = writeTemp(dir, 'same.txt', text);
  assert.deepEqual([...stringCorpus(text).sentences()], [...textCorpus(path).sentences()]);
  assert.deepEqual([...stringCorpus('A b', { lowercase: true }).sentences()], [['a', 'b']]);
});

test('one inline thread over plain memory trains the same vectors as one Node worker', async () => {
  const corpus = stringCorpus(topicCorpus(400, 5));
  for (const settings of [{ model: 'skipgram', loss: 'negative' }, { model: 'cbow', loss: 'hierarchical' }] as const) {
    const options = { dim: 12, epochs: 2, minCount: 1, sample: 1e-3, threads: 1, seed: 11, ...settings };
    const node = await trainWord2vec(corpus, options);
    const o = { ...defaultWord2vecOptions(settings.model), ...options };
    const mem = await countAndEncodeInMemory(corpus, o.minCount);
    const data = { corpus: 'text', tokens: mem.tokens, sentences: mem.sentences, ids: mem.ids.length, words: mem.words, idsHash: '' };
    const events: number[] = [];
    const inline = await trainEncoded(mem.vocab, { store: { array: mem.ids }, ids: mem.ids.length, words: mem.words }, data, o, kernelModule(false), inlineThread, {
      event: (e) => { if (e.threads !== undefined) events.push(e.threads); },
    });
    assert.deepEqual(inline.vectors.words, node.vectors.words);
    assert.deepEqual(Buffer.from(inline.vectors.data.buffer), Buffer.from(node.vectors.data.buffer), `${settings.model}/${settings.loss}`);
    assert.equal(inline.finalLoss, node.finalLoss);
    assert.equal(inline.threads, 1);
    assert.equal(node.threads, 1);
    assert.ok(events.length > 0 && events.every((t) => t === 1));
  }
});

test('an aborted inline run stops at its next chunk and rejects with an AbortError', async () => {
  const corpus = stringCorpus(topicCorpus(4000, 6));
  const o = { ...defaultWord2vecOptions('skipgram'), dim: 32, epochs: 1000, minCount: 1, sample: 0, threads: 1 };
  const mem = await countAndEncodeInMemory(corpus, 1);
  const data = { corpus: 'text', tokens: mem.tokens, sentences: mem.sentences, ids: mem.ids.length, words: mem.words, idsHash: '' };
  const controller = new AbortController();
  let training = 0;
  const run = trainEncoded(mem.vocab, { store: { array: mem.ids }, ids: mem.ids.length, words: mem.words }, data, o, kernelModule(false), inlineThread, {
    signal: controller.signal,
    event: (e) => { if (e.stage === 'training' && ++training === 1) controller.abort(); },
  });
  await assert.rejects(run, (e: Error) => e.name === 'AbortError');
  assert.ok(training >= 1, 'progress events flowed while the inline thread trained');
});

test('encodeVectors gives the bytes writeVectors writes, in both formats', () => {
  const v = new WordVectors(['été', 'b', 'c'], 3, Float32Array.from([0.1, -2.5, 1e-7, 3, 4, 5, -0, 1 / 3, 123456.789]));
  for (const format of ['text', 'binary'] as const) {
    const path = join(dir, `v.${format === 'binary' ? 'bin' : 'txt'}`);
    writeVectors(path, v, format);
    assert.deepEqual(Buffer.from(nodeEncodeVectors(v, format)), readFileSync(path), format);
  }
  assert.throws(() => nodeEncodeVectors(new WordVectors(['a b'], 1, Float32Array.from([1])), 'text'), /white space/);
});

test('the relaxed-SIMD probe agrees with Node\'s check on the kernels themselves', { skip: process.env.LEXNET_SIMD === 'plain' ? 'LEXNET_SIMD=plain' : false }, () => {
  assert.equal(engineHasRelaxedSimd(), relaxedSimd()); // relaxedSimd sets V8's flag first when it needs one
});

test('decodeVectors reads what encodeVectors writes, and what readVectors reads from the same files', () => {
  const v = new WordVectors(['été', 'b', 'c'], 3, Float32Array.from([0.1, -2.5, 1e-7, 3, 4, 5, 0, 1 / 3, 123456.789]));
  for (const format of ['text', 'binary'] as const) {
    const back = decodeVectors(nodeEncodeVectors(v, format), format);
    assert.deepEqual(back.words, v.words);
    assert.deepEqual(Buffer.from(back.data.buffer), Buffer.from(v.data.buffer), format);
  }
  const cases: [string, 'text' | 'binary', Uint8Array][] = [
    ['dup.txt', 'text', Buffer.from('3 2\na 1 2\nb 3 4\na 5 6\n')],
    ['glove.txt', 'text', Buffer.from('a 1 2\r\nb 3 4\n\n')],
    ['gensim.bin', 'binary', Buffer.concat([Buffer.from('2 1\na '), Buffer.from(Float32Array.from([1.5]).buffer), Buffer.from('b '), Buffer.from(Float32Array.from([-2]).buffer)])],
  ];
  for (const [file, format, bytes] of cases) {
    const path = writeTemp(dir, file, bytes);
    const mine = decodeVectors(bytes, format, file), theirs = readVectors(path, format);
    assert.deepEqual(mine.words, theirs.words, file);
    assert.deepEqual([...mine.data], [...theirs.data], file);
  }
  assert.throws(() => decodeVectors(Buffer.from('2 2\na 1 2\n'), 'text', 'short.txt'), /short\.txt: the header announces 2 vectors but the file has 1/);
  assert.throws(() => decodeVectors(Buffer.from('1 2\na 1 x\n'), 'text', 'bad.txt'), /bad\.txt:2: value 2 of "a" is "x", not a finite float32/);
  assert.throws(() => decodeVectors(Buffer.from('1 2\na 1 1e39\n'), 'text', 'big.txt'), /big\.txt:2: .*not a finite float32/);
  assert.throws(() => decodeVectors(Buffer.from('2 1\na \0\0\xc0\x3f\n'), 'binary', 'cut.bin'), /cut\.bin: cut short: the header announces 2 vectors/);
  assert.throws(() => decodeVectors(Buffer.from([0xff, 0xfe, 0x00]), 'text', 'u16.txt'), /u16\.txt: this file is UTF-16 \(byte-order mark FF FE\)/);
  assert.throws(() => decodeVectors(Buffer.from('1 2\nab\xff 1 2\n', 'latin1'), 'text', 'l1.txt'), /l1\.txt:2: invalid UTF-8 at byte offset 6 \(bytes 0xFF\)/);
});

test('the browser trainWord2vec refuses a file that is not UTF-8 text, or has a NUL byte, naming the line (no training on replacement characters)', async () => {
  const { trainWord2vec: trainInPage } = await import('../src/web/train-word2vec.js');
  const latin1 = new Blob([Uint8Array.from([...Buffer.from('a good line\nthen caf'), 0xe9, 0x0a])]);
  await assert.rejects(trainInPage(latin1, { minCount: 1 }), (e: unknown) => e instanceof LexnetError && /^blob:2: invalid UTF-8 at byte offset 20/.test(e.message));
  const binary = new Blob([Uint8Array.from([0x61, 0x0a, 0x62, 0x0a, 0x63, 0x00, 0x64])]);
  await assert.rejects(trainInPage(binary, { minCount: 1 }), (e: unknown) => e instanceof LexnetError && /^blob:3: NUL byte/.test(e.message));
});
