// Issue 22: the supervised trainer keeps only each line's word numbers; the kernels make a line's
// input rows as it is trained (classifierLineRows): the word's rows, its character n-grams, `</s>`,
// then fastText's hashed word n-grams. They must be the rows planEncoding writes, in the same order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../src/core/random.js';
import { buildSupervisedDictionary, encodeLines, indexLines, planWords, splitFastTextLine } from '../src/fasttext/supervised-data.js';
import { instantiateKernels } from '../src/kernels/kernels.js';
import { loadKernelModule } from '../src/kernels/load.js';
import { Arena, createMemory } from '../src/kernels/memory.js';

/** Lines of random short words (some rare), labels 0 … 2, some lines empty. */
function randomLines(n: number, seed: number, letters = 'abcdefghé'): string[] {
  const rng = new Random(seed);
  const word = (): string => Array.from({ length: 1 + Math.floor(rng.next() * 6) }, () => letters[Math.floor(rng.next() * letters.length)]).join('');
  return Array.from({ length: n }, (_, i) => `__label__${i % 3} ${Array.from({ length: Math.floor(rng.next() * 9) }, word).join(' ')}`);
}

/** Every line's rows as the kernels make them from planWords' tables, and as encodeLines writes them. */
async function bothRows(text: readonly string[], s: { minCount: number; minCountLabel: number; wordNgrams: number; bucket: number; minn: number; maxn: number }) {
  const lines = text.map((l) => splitFastTextLine(l, '__label__'));
  const d = buildSupervisedDictionary(lines, s);
  const want = encodeLines(lines, d, s);
  const p = planWords(indexLines(lines), d, s);
  const a = new Arena();
  const at = {
    words: a.alloc(Math.max(4, p.words * p.wordBytes)), wordOffsets: a.alloc(4 * (p.lines + 1)), labelIds: a.alloc(4 * Math.max(1, p.labels)), labelOffsets: a.alloc(4 * (p.lines + 1)), tokens: a.alloc(4 * p.lines),
    partStart: a.alloc(4 * p.partStart.length), partRows: a.alloc(4 * Math.max(1, p.partRows.length)), hashes: a.alloc(4 * p.hashes.length), lineRows: a.alloc(4 * Math.max(1, p.maxRows)),
  };
  const memory = createMemory(a.size, false), buf = memory.buffer;
  const k = instantiateKernels(await loadKernelModule({ shared: false }), memory);
  const tokens = new Int32Array(buf, at.tokens, p.lines);
  p.write({
    words: p.wordBytes === 2 ? new Uint16Array(buf, at.words, p.words) : new Int32Array(buf, at.words, p.words), wordOffsets: new Int32Array(buf, at.wordOffsets, p.lines + 1),
    labelIds: new Int32Array(buf, at.labelIds, p.labels), labelOffsets: new Int32Array(buf, at.labelOffsets, p.lines + 1), tokens,
  });
  new Int32Array(buf, at.partStart, p.partStart.length).set(p.partStart);
  new Int32Array(buf, at.partRows, p.partRows.length).set(p.partRows);
  new Int32Array(buf, at.hashes, p.hashes.length).set(p.hashes);
  k.classifierWords(at.partStart, at.partRows, at.hashes, p.eos, p.wordBytes, s.wordNgrams, s.bucket, d.nwords, at.lineRows);
  const offsets = new Int32Array(buf, at.wordOffsets, p.lines + 1);
  const got: number[][] = [];
  for (let i = 0; i < p.lines; i++) {
    const n = k.classifierLineRows(at.words, offsets[i]!, offsets[i + 1]!);
    got.push([...new Int32Array(buf, at.lineRows, n)]);
  }
  const expected = Array.from({ length: want.tokens.length }, (_, i) => [...want.rowIds.subarray(want.rowOffsets[i]!, want.rowOffsets[i + 1]!)]);
  assert.equal(p.maxRows, Math.max(...expected.map((r) => r.length)));
  assert.deepEqual([...tokens], [...want.tokens]);
  assert.deepEqual([...new Int32Array(buf, at.labelIds, p.labels)], [...want.labelIds]);
  assert.equal(p.totalTokens, [...want.tokens].reduce((x, y) => x + y, 0));
  return { got, expected, wordBytes: p.wordBytes };
}

test('the kernels make each line\'s rows from its word numbers as planEncoding writes them: word n-grams of 2 … 4 words, small and large buckets, character n-grams, words below minCount', async () => {
  const text = randomLines(80, 11);
  for (const wordNgrams of [1, 2, 3, 4]) {
    for (const bucket of [997, 2_000_000, 2 ** 31 - 1]) {
      for (const [minn, maxn, minCount] of [[0, 0, 1], [2, 4, 1], [0, 0, 3], [3, 3, 2]] as const) {
        const r = await bothRows(text, { minCount, minCountLabel: 1, wordNgrams, bucket, minn, maxn });
        assert.equal(r.wordBytes, 2);
        assert.deepEqual(r.got, r.expected, `wordNgrams ${wordNgrams}, bucket ${bucket}, minn ${minn}, maxn ${maxn}, minCount ${minCount}`);
      }
    }
  }
});

test('more than 65,536 distinct words are kept as 4-byte word numbers, with the same rows', async () => {
  const text = Array.from({ length: 700 }, (_, i) => `__label__${i % 2} ${Array.from({ length: 100 }, (_, j) => `w${i * 100 + j}`).join(' ')} w${i}`);
  const r = await bothRows(text, { minCount: 1, minCountLabel: 1, wordNgrams: 3, bucket: 5003, minn: 0, maxn: 0 });
  assert.equal(r.wordBytes, 4);
  assert.deepEqual(r.got, r.expected);
});
