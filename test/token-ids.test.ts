import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { textCorpus } from '../src/text/corpus.js';
import { MAX_SENTENCE_TOKENS } from '../src/text/corpus-limits.js';
import { ByteScanUnsupported, tokenIdBlocks } from '../src/text/token-ids.js';
import { TokenTable } from '../src/text/token-table.js';
import { LexnetError } from '../src/io/errors.js';
import { tempDir } from './cli.js';
import { countAndEncode } from '../src/word2vec/encode.js';

/** The sentences the byte scan gives, as words. */
function scanned(path: string, lowercase: boolean, block: number): string[][] {
  const table = new TokenTable();
  const out: string[][] = [];
  let s: string[] = [];
  for (const b of tokenIdBlocks(path, lowercase, table, block)) {
    for (const id of b.ids) {
      if (id < 0) { out.push(s); s = []; } else s.push(table.words[id]!);
    }
  }
  assert.equal(s.length, 0, 'every sentence ends with a mark');
  return out;
}

const strings = (path: string, lowercase: boolean, block: number): string[][] => [...textCorpus(path, { lowercase, blockBytes: block }).sentences()];

// letters in both cases, non-ASCII letters (2-, 3- and 4-byte; İ lower-cases to two characters),
// every white space of JavaScript's \s in UTF-8, and U+0085, which is not white space
const piece = fc.constantFrom('a', 'B', 'the', 'The', 'ÉTÉ', 'straße', 'İ', 'Σ', '中文', '😀', 'x\u0085y', ' ', '  ', '\t', '\n', '\r\n', '\u00a0',
  '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u000b', '\u000c');

test('the byte scan gives the tokens, sentences and ids of the string tokenizer, on any text and block size', () => {
  const dir = tempDir();
  let k = 0;
  fc.assert(fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), fc.boolean(), (pieces, block, lowercase, gz) => {
    const text = pieces.join('');
    const path = join(dir, `t${k++}.txt${gz ? '.gz' : ''}`);
    writeFileSync(path, gz ? gzipSync(text) : text);
    assert.deepEqual(scanned(path, lowercase, block), strings(path, lowercase, block));
  }), { numRuns: 400 });
});

test('the byte scan counts each word and numbers them in order of first appearance', () => {
  const path = join(tempDir(), 'c.txt');
  writeFileSync(path, 'b a b\nc b\n\nA\n');
  const table = new TokenTable();
  const ids: number[] = [];
  for (const b of tokenIdBlocks(path, true, table, 3)) ids.push(...b.ids); // each block's ids are valid until the next
  assert.deepEqual(table.words, ['b', 'a', 'c']);
  assert.deepEqual([...table.counts.subarray(0, 3)], [3, 2, 1]);
  assert.deepEqual(ids, [0, 1, 0, -1, 2, 0, -1, 1, -1]);
});

test('the byte scan cuts a line of more than 10,000 tokens as the string tokenizer does, and grows its table past thousands of words', () => {
  const path = join(tempDir(), 'long.txt');
  const words = Array.from({ length: 2 * MAX_SENTENCE_TOKENS + 7 }, (_, i) => `w${i % 5000}`);
  writeFileSync(path, words.join(' ') + '\nshort line\n');
  assert.deepEqual(scanned(path, false, 4096), strings(path, false, 4096));
});

test('the byte scan leaves to the string tokenizer what it reports with a line (NUL, not UTF-8, a character cut by the end)', () => {
  const dir = tempDir();
  const nul = join(dir, 'nul.txt');
  writeFileSync(nul, 'a b\nc\0d\n');
  assert.throws(() => scanned(nul, false, 4), ByteScanUnsupported);
  const latin1 = join(dir, 'latin1.txt');
  writeFileSync(latin1, Buffer.from([0x61, 0x0a, 0x62, 0xe9, 0x0a]));
  assert.throws(() => scanned(latin1, false, 2), ByteScanUnsupported);
  assert.throws(() => strings(latin1, false, 2), (e: unknown) => e instanceof LexnetError && /:2: invalid UTF-8/.test(e.message));
  const cut = join(dir, 'cut.txt');
  writeFileSync(cut, Buffer.from([0x61, 0x20, 0xc3]));
  assert.throws(() => scanned(cut, false, 2), ByteScanUnsupported);
});

test('word2vec counting through the byte scan gives the vocabulary and encoded file of the string path; what the scan leaves to it is still reported', async () => {
  const dir = tempDir();
  const path = join(dir, 'mixed.txt');
  const line = 'The cat SAT on the mat ; straße ÉTÉ été the\u00a0cat\u3000sat\r\n';
  writeFileSync(path, line.repeat(50) + 'rare words once\n\n' + line);
  for (const lowercase of [false, true]) {
    const viaBytes = await countAndEncode(textCorpus(path, { lowercase, blockBytes: 7 }), 2);
    const plain = textCorpus(path, { lowercase, blockBytes: 7 });
    const viaStrings = await countAndEncode({ name: plain.name, sentences: () => plain.sentences() }, 2);
    try {
      assert.deepEqual(viaBytes.vocab.words, viaStrings.vocab.words);
      assert.deepEqual([...viaBytes.vocab.counts], [...viaStrings.vocab.counts]);
      assert.deepEqual([viaBytes.tokens, viaBytes.sentences], [viaStrings.tokens, viaStrings.sentences]);
      assert.deepEqual(readFileSync(viaBytes.encoded.path), readFileSync(viaStrings.encoded.path));
    } finally {
      viaBytes.encoded.remove();
      viaStrings.encoded.remove();
    }
  }
  const nul = join(dir, 'nul.txt');
  writeFileSync(nul, 'a b\na\0b\n');
  await assert.rejects(countAndEncode(textCorpus(nul), 1), (e: unknown) => e instanceof LexnetError && /nul\.txt:2: NUL byte/.test(e.message));
});
