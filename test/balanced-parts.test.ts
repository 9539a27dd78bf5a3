import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random, textCorpus, trainWord2vec } from '../src/index.js';
import { balancedParts, cutsOf, expectedPairs, type PartCostModel } from '../src/word2vec/balanced-parts.js';
import { readWord2vecCheckpoint } from '../src/word2vec/checkpoint.js';
import { contiguousPart } from '../src/word2vec/data-order.js';
import { arrayIdsReader } from '../src/word2vec/thread-loop.js';
import { lexnet, tempDir, writeTemp } from './cli.js';

const dir = tempDir();

test('expectedPairs: the (centre, context) pairs of a sentence, windows uniform in 1..w, against counting them', () => {
  const counted = (k: number, w: number): number => {
    let s = 0;
    for (let r = 1; r <= w; r++) for (let p = 0; p < k; p++) for (let q = 0; q < k; q++) if (q !== p && Math.abs(q - p) <= r) s++;
    return s / w;
  };
  for (const w of [1, 2, 5]) for (let k = 0; k <= 3 * w + 2; k++) assert.ok(Math.abs(expectedPairs(k, w) - counted(k, w)) < 1e-9, `k ${k} w ${w}`);
  assert.equal(expectedPairs(2, 5), 2);
  // fractional kept counts fall between their neighbours
  assert.ok(expectedPairs(3.5, 5) > expectedPairs(3, 5) && expectedPairs(3.5, 5) < expectedPairs(4, 5));
});

/** A corpus of ids: `n` sentences of `len` copies of word `w` each, −1 after each. */
const sentences = (n: number, len: number, w: number): number[] => Array.from({ length: n }, () => [...Array<number>(len).fill(w), -1]).flat();
const model = (over: Partial<PartCostModel> = {}): PartCostModel => ({ model: 'skipgram', window: 5, targets: 6, dim: 100, keep: [1, 1, 1], rowOffsets: null, ...over });

test('balancedParts: parts of equal expected work, not equal ids', async () => {
  // the first half of the ids: long sentences of a word always kept; the second: the same sentences of a word subsampling keeps 1 time in 5
  const ids = Int32Array.from([...sentences(300, 20, 0), ...sentences(300, 20, 1)]);
  const read = arrayIdsReader(ids);
  const keep = [1, 0.2, 1];
  const [a, cut, b] = await balancedParts(read, ids.length, 2, model({ keep }));
  assert.equal(a, 0);
  assert.equal(b, ids.length);
  // the kept words' windows are the work: the first thread's part ends well before the middle
  assert.ok(cut! < ids.length / 2 && cut! > ids.length / 4, `cut at ${cut} of ${ids.length}`);
  // the work on either side is equal (each sentence of 20 ids costs the same on its side)
  const costOf = (k: number): number => 2 * k + expectedPairs(k, 5) * 18 + 21 * (20 / 100);
  const firstSentences = cut! / 21, secondSentences = 300 - firstSentences;
  const left = firstSentences * costOf(20), right = secondSentences * costOf(20) + 300 * costOf(4);
  assert.ok(Math.abs(left - right) / (left + right) < 0.01, `${left} against ${right}`);
  // with every word kept the parts are equal ids, within a bin; one thread trains everything
  const even = await balancedParts(read, ids.length, 2, model());
  assert.ok(Math.abs(even[1]! - contiguousPart(ids.length, 2, 0)[1]) <= 21, String(even));
  assert.deepEqual(await balancedParts(read, ids.length, 1, model({ keep })), [0, ids.length]);
  // four threads: increasing boundaries
  const four = await balancedParts(read, ids.length, 4, model({ keep }));
  assert.equal(four.length, 5);
  for (let t = 0; t < 4; t++) assert.ok(four[t]! < four[t + 1]!, String(four));
});

test('balancedParts: with subwords a word of many n-gram rows weighs more; CBOW counts its context rows', async () => {
  const ids = Int32Array.from([...sentences(200, 10, 0), ...sentences(200, 10, 2)]);
  const read = arrayIdsReader(ids);
  // word 0 has 1 row, word 1 has 2, word 2 has 30
  const rowOffsets = [0, 1, 3, 33];
  for (const kind of ['skipgram', 'cbow'] as const) {
    const [, cut] = await balancedParts(read, ids.length, 2, model({ model: kind, rowOffsets }));
    assert.ok(cut! > ids.length / 2 + 100, `${kind}: cut at ${cut} of ${ids.length}`);
    const [, plain] = await balancedParts(read, ids.length, 2, model({ model: kind }));
    assert.ok(Math.abs(plain! - ids.length / 2) <= 11, `${kind} without subwords: ${plain}`);
  }
});

test('cutsOf: a cut is interpolated inside its bin, and never moves back', () => {
  assert.deepEqual(cutsOf(Float64Array.from([1, 1, 1, 1]), 4000, 2), [0, 2000, 4000]);
  assert.deepEqual(cutsOf(Float64Array.from([3, 1]), 2000, 2), [0, 667, 2000]);
  assert.deepEqual(cutsOf(Float64Array.from([0, 0]), 1500, 3), [0, 0, 0, 1500]);
});

/** Brown-like: a first half of long sentences of rare words, a second of short sentences of frequent words (subsampled hard). */
function unevenCorpus(): string {
  const r = new Random(3);
  const rare = Array.from({ length: 300 }, (_, i) => `rare${i}`);
  const lines: string[] = [];
  for (let i = 0; i < 1500; i++) lines.push(Array.from({ length: 24 }, () => rare[r.int(rare.length)]).join(' '));
  for (let i = 0; i < 6000; i++) lines.push(Array.from({ length: 6 }, () => ['the', 'of', 'and', 'a'][r.int(4)]).join(' '));
  return lines.join('\n') + '\n';
}

test('dataOrder balanced: the threads\' parts are cut by work, kept in checkpoints and resumed; one thread is contiguous bit for bit', async () => {
  const path = writeTemp(dir, 'uneven.txt', unevenCorpus());
  const corpus = textCorpus(path);
  const small = { dim: 8, epochs: 2, minCount: 1, sample: 1e-3, seed: 5, quiet: true, model: 'skipgram' as const, negative: 5 };
  const ck = join(dir, 'balanced.ck'), files: string[] = [];
  const r = await trainWord2vec(corpus, {
    ...small, threads: 2, dataOrder: 'balanced',
    checkpoint: { path: ck, everySeconds: 1e-6, onWrite: () => { const f = `${ck}.${files.length}`; copyFileSync(ck, f); files.push(f); } },
  });
  assert.equal(r.threadSeconds?.length, 2);
  assert.ok(r.threadSeconds!.every((s) => s > 0));
  // the parts are equal work: the threads made about as many predictions (the equal ids of contiguous do not)
  const [p0, p1] = r.threadLossTerms!;
  assert.ok(Math.abs(p0! - p1!) / (p0! + p1!) < 0.05, `${p0} against ${p1}`);
  const c = readWord2vecCheckpoint(files[0]!);
  const ids = c.data.ids;
  assert.equal(c.options.dataOrder, 'balanced');
  assert.equal(c.parts?.length, 3);
  // the long sentences of rare words are most of the work: the first part is well short of half the ids
  assert.ok(c.parts![1]! < 0.4 * ids, `${c.parts} of ${ids}`);
  for (const f of files) {
    const k = readWord2vecCheckpoint(f);
    assert.deepEqual(k.parts, c.parts);
    k.threads.forEach((p, t) => assert.ok(p.epoch >= small.epochs || (p.pos >= c.parts![t]! && p.pos <= c.parts![t + 1]!), `${f}: thread ${t} at ${p.pos}`));
  }
  const mid = files[Math.floor(files.length / 2)]!;
  const resumed = await trainWord2vec(corpus, { quiet: true, resume: mid });
  assert.equal(resumed.vectors.size, r.vectors.size);
  // a damaged part list is refused, naming the file
  const good = readFileSync(mid);
  const nl = good.indexOf(10, good.indexOf(10) + 1);
  const h = JSON.parse(good.subarray(good.indexOf(10) + 1, nl).toString('utf8'));
  h.parts = [0, ids + 5, ids];
  const bad = writeTemp(dir, 'bad-parts.ck', Buffer.concat([good.subarray(0, good.indexOf(10) + 1), Buffer.from(`${JSON.stringify(h)}\n`), good.subarray(nl + 1)]));
  assert.throws(() => readWord2vecCheckpoint(bad), /bad-parts.ck:2: damaged checkpoint: parts is not 3 increasing boundaries from 0 to the corpus's \d+ ids/);
  // a checkpoint without parts (written before they were kept) plans them again: balanced by work, contiguous by ids
  delete h.parts;
  const unplanned = writeTemp(dir, 'no-parts.ck', Buffer.concat([good.subarray(0, good.indexOf(10) + 1), Buffer.from(`${JSON.stringify(h)}\n`), good.subarray(nl + 1)]));
  assert.equal(readWord2vecCheckpoint(unplanned).parts, undefined);
  assert.equal((await trainWord2vec(corpus, { quiet: true, resume: unplanned })).vectors.size, r.vectors.size);
  // contiguous keeps word2vec.c's equal parts
  const eq = join(dir, 'contiguous.ck');
  const equalIds = await trainWord2vec(corpus, { ...small, threads: 2, dataOrder: 'contiguous', checkpoint: { path: eq } });
  const [q0, q1] = equalIds.threadLossTerms!;
  assert.ok(q0! > 3 * q1!, `contiguous: ${q0} against ${q1}`);
  assert.deepEqual(readWord2vecCheckpoint(eq).parts, [0, contiguousPart(ids, 2, 0)[1], ids]);
  // one thread: balanced, contiguous and interleaved are the same run
  const bytes = (v: { data: Float32Array }): Buffer => Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength);
  const one = await trainWord2vec(corpus, { ...small, threads: 1, dataOrder: 'balanced' });
  assert.deepEqual(bytes(one.vectors), bytes((await trainWord2vec(corpus, { ...small, threads: 1, dataOrder: 'contiguous' })).vectors));
});

test('the CLI takes --data-order balanced and reports each thread\'s seconds with --json', () => {
  const path = writeTemp(dir, 'uneven-cli.txt', unevenCorpus());
  const r = lexnet(['word2vec', '--corpus', path, '--out', join(dir, 'cli.bin'), '--min-count', '1', '--dim', '8', '--epochs', '1', '--threads', '2', '--data-order', 'balanced', '--subwords', '--bucket', '1000', '--show', '', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.threadSeconds.length, 2);
  assert.ok(out.threadLossTerms.every((n: number) => n > 0));
});
