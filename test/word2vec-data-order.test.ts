import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LexnetError, mostSimilar, textCorpus, trainWord2vec } from '../src/index.js';
import { readWord2vecCheckpoint } from '../src/word2vec/checkpoint.js';
import { defaultWord2vecOptions } from '../src/word2vec/options.js';
import { ChunkCursor, chunksPerEpoch, contiguousPart, sharedCursor } from '../src/word2vec/data-order.js';
import { CHUNK_WORDS } from '../src/word2vec/layout.js';
import { lexnet, tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';

const dir = tempDir();
const corpusPath = writeTemp(dir, 'topics.txt', topicCorpus(6000, 1)); // 54,000 ids: 6 chunks per epoch
const corpus = textCorpus(corpusPath);
const small = { dim: 8, epochs: 3, minCount: 1, sample: 0, seed: 5, quiet: true };
const bytes = (v: { data: Float32Array }): Buffer => Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength);
const topical = (v: Parameters<typeof mostSimilar>[0]): void => {
  const near = mostSimilar(v, ['bank'], [], { topn: 3 }).map((n) => n.word);
  assert.ok(near.every((w) => ['stock', 'bond', 'loan', 'cash', 'fund'].includes(w)), near.join(' '));
};

test('interleaved: the chunks claimed from the shared cursor follow the corpus, epoch after epoch', () => {
  const ids = 3 * CHUNK_WORDS + 17;
  const c = new ChunkCursor(ids, 2, 'interleaved', 1);
  assert.equal(c.end, 8);
  const claimed = Array.from({ length: 9 }, (_, k) => c.claim(k));
  assert.deepEqual(claimed.slice(0, 8).map((x) => [x!.epoch, x!.pos, x!.n]), [
    [0, 0, CHUNK_WORDS], [0, CHUNK_WORDS, CHUNK_WORDS], [0, 2 * CHUNK_WORDS, CHUNK_WORDS], [0, 3 * CHUNK_WORDS, 17],
    [1, 0, CHUNK_WORDS], [1, CHUNK_WORDS, CHUNK_WORDS], [1, 2 * CHUNK_WORDS, CHUNK_WORDS], [1, 3 * CHUNK_WORDS, 17],
  ]);
  assert.equal(claimed[8], null);
  // two threads claiming in turn: thread 0 takes chunks 0, 2, …, thread 1 chunks 1, 3, … (striped)
  assert.deepEqual([0, 2].map((k) => c.claim(k)!.pos), [0, 2 * CHUNK_WORDS]);
  // checkpoint positions round-trip; the last one is "finished"
  for (let k = 0; k <= c.end; k++) assert.equal(c.fromPosition(c.toPosition(k).epoch, c.toPosition(k).pos), k);
  assert.deepEqual(c.toPosition(99), { epoch: 2, pos: 0 });
  assert.equal(c.fromPosition(0, 5), null);
  // contiguous parts are unchanged: thread t of T trains the t-th ceil(ids / T) ids
  assert.deepEqual([0, 1].map((t) => contiguousPart(ids, 2, t)), [[0, 15009], [15009, 30017]]);
  assert.equal(sharedCursor('interleaved', 1), false, 'one thread interleaved is its one contiguous part');
  assert.equal(sharedCursor('interleaved', 2), true);
  assert.equal(sharedCursor('shuffled', 1), true);
  assert.equal(sharedCursor('contiguous', 4), false);
});

test('shuffled: every epoch trains each chunk once, in a seeded order that changes each epoch', () => {
  const ids = 40 * CHUNK_WORDS;
  const order = (seed: number, epoch: number): number[] => {
    const c = new ChunkCursor(ids, 3, 'shuffled', seed);
    return Array.from({ length: 40 }, (_, k) => c.claim(epoch * 40 + k)!.pos / CHUNK_WORDS);
  };
  const e0 = order(1, 0), e1 = order(1, 1);
  assert.deepEqual([...e0].sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i));
  assert.deepEqual([...e1].sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i));
  assert.notDeepEqual(e0, e1);
  assert.deepEqual(order(1, 0), e0);
  assert.notDeepEqual(order(2, 0), e0);
  assert.equal(chunksPerEpoch(ids + 1), 41);
});

test('one thread: interleaved is bit-identical to contiguous (skip-gram and CBOW); shuffled is another order', async () => {
  for (const model of ['skipgram', 'cbow'] as const) {
    const a = await trainWord2vec(corpus, { ...small, model, threads: 1, dataOrder: 'contiguous' });
    const b = await trainWord2vec(corpus, { ...small, model, threads: 1, dataOrder: 'interleaved' });
    assert.deepEqual(bytes(b.vectors), bytes(a.vectors), model);
  }
  const c = await trainWord2vec(corpus, { ...small, threads: 1, dataOrder: 'shuffled' });
  const d = await trainWord2vec(corpus, { ...small, threads: 1, dataOrder: 'shuffled' });
  assert.deepEqual(bytes(c.vectors), bytes(d.vectors), 'seeded');
  assert.notDeepEqual(bytes(c.vectors), bytes((await trainWord2vec(corpus, { ...small, threads: 1 })).vectors));
  topical(c.vectors);
});

/** Trains with a checkpoint every chunk boundary, keeping a copy of each. */
async function checkpointed(name: string, options: object): Promise<string[]> {
  const path = join(dir, name), files: string[] = [];
  await trainWord2vec(corpus, {
    ...small, ...options,
    checkpoint: { path, everySeconds: 1e-6, onWrite: () => { const f = `${path}.${files.length}`; copyFileSync(path, f); files.push(f); } },
  });
  return files;
}

for (const dataOrder of ['interleaved', 'shuffled'] as const) {
  test(`two threads, ${dataOrder}: every checkpoint holds one chunk boundary for all threads, and a run resumes from it`, async () => {
    const files = await checkpointed(`${dataOrder}.ck`, { threads: 2, dataOrder });
    assert.ok(files.length >= 3, `${files.length} checkpoints`);
    const ids = readWord2vecCheckpoint(files[0]!).data.ids;
    for (const f of files) {
      const ck = readWord2vecCheckpoint(f);
      assert.equal(ck.options.dataOrder, dataOrder);
      const [a, b] = ck.threads;
      assert.deepEqual([a!.epoch, a!.pos], [b!.epoch, b!.pos], f);
      assert.equal(a!.pos % CHUNK_WORDS, 0);
      // the progress counter agrees with the cursor: every chunk before it is trained
      const cursor = new ChunkCursor(ids, small.epochs, dataOrder, small.seed);
      let trained = 0;
      for (let k = 0; k < cursor.fromPosition(a!.epoch, a!.pos)!; k++) trained += cursor.claim(k)!.n;
      assert.equal(ck.done, trained, f);
    }
    const mid = files[Math.floor(files.length / 2)]!;
    const r = await trainWord2vec(corpus, { quiet: true, resume: mid });
    topical(r.vectors);
    await assert.rejects(trainWord2vec(corpus, { quiet: true, resume: mid, dataOrder: 'contiguous' }),
      (e: Error) => e instanceof LexnetError && new RegExp(`other options: \`dataOrder\` ${dataOrder} \\(this run: contiguous\\)`).test(e.message));
  });
}

/** The checkpoint with its JSON header changed. */
function edited(file: string, name: string, change: (h: Record<string, any>) => void): string {
  const good = readFileSync(file);
  const nl = good.indexOf(10, good.indexOf(10) + 1);
  const h = JSON.parse(good.subarray(good.indexOf(10) + 1, nl).toString('utf8'));
  change(h);
  return writeTemp(dir, name, Buffer.concat([good.subarray(0, good.indexOf(10) + 1), Buffer.from(`${JSON.stringify(h)}\n`), good.subarray(nl + 1)]));
}

test('a checkpoint written before dataOrder existed resumes as it was made: each thread in its contiguous part', async () => {
  const files = await checkpointed('old.ck', { threads: 2, dataOrder: 'contiguous' });
  const inside = files.map((f) => readWord2vecCheckpoint(f)).findIndex((ck) => ck.threads.every((t) => t.epoch < small.epochs) && ck.threads[1]!.pos > ck.threads[0]!.pos && ck.done > 0);
  assert.ok(inside >= 0);
  const old = edited(files[inside]!, 'old-format.ck', (h) => { delete h.options.dataOrder; });
  const ck = readWord2vecCheckpoint(old);
  assert.equal(ck.options.dataOrder, 'contiguous');
  const r = await trainWord2vec(corpus, { quiet: true, resume: old });
  topical(r.vectors);
  await assert.rejects(trainWord2vec(corpus, { quiet: true, resume: old, dataOrder: 'interleaved' }), /other options: `dataOrder` contiguous \(this run: interleaved\)/);
  assert.throws(() => readWord2vecCheckpoint(edited(old, 'order.ck', (h) => { h.options.dataOrder = 'random'; })), /order.ck:2: damaged checkpoint: unknown dataOrder/);
  // its contiguous positions read as a shared cursor would be damage, and are refused as such
  const mixed = edited(old, 'mixed.ck', (h) => { h.options.dataOrder = 'interleaved'; });
  await assert.rejects(trainWord2vec(corpus, { quiet: true, resume: mixed }),
    /mixed.ck: damaged checkpoint: with dataOrder interleaved every thread resumes from one chunk boundary, but the threads are at \(epoch:id\) \d:\d+, \d:\d+/);
});

test('dataOrder is checked by the library and the CLI with the same words', async () => {
  await assert.rejects(trainWord2vec(corpus, { ...small, dataOrder: 'striped' as never }), /^LexnetError: dataOrder must be one of interleaved, contiguous, balanced, shuffled, got "striped"$/);
  const bad = lexnet(['word2vec', '--corpus', corpusPath, '--out', join(dir, 'v.bin'), '--data-order', 'striped', '--quiet']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--data-order must be one of interleaved, contiguous, balanced, shuffled, got "striped"/);
  const ok = lexnet(['word2vec', '--corpus', corpusPath, '--out', join(dir, 'v.bin'), '--min-count', '1', '--dim', '8', '--epochs', '1', '--threads', '2', '--data-order', 'interleaved', '--show', 'bank', '--quiet']);
  assert.equal(ok.status, 0, ok.stderr);
});

test('the CLI resumes with the checkpoint\'s --data-order unless given, and refuses another', () => {
  const ck = join(dir, 'cli.ck'), out = join(dir, 'cli.bin');
  const base = ['word2vec', '--corpus', corpusPath, '--out', out, '--min-count', '1', '--dim', '8', '--epochs', '2', '--show', '', '--quiet'];
  const first = lexnet([...base, '--threads', '2', '--data-order', 'interleaved', '--checkpoint', ck]);
  assert.equal(first.status, 0, first.stderr);
  assert.equal(readWord2vecCheckpoint(ck).options.dataOrder, 'interleaved');
  const again = lexnet(['word2vec', '--resume', ck, '--quiet', '--show', '']);
  assert.equal(again.status, 0, again.stderr);
  const other = lexnet(['word2vec', '--resume', ck, '--data-order', 'contiguous', '--quiet']);
  assert.equal(other.status, 1, other.stderr);
  assert.match(other.stderr, /cli.ck: the checkpoint was made with other options: --data-order interleaved \(this run: contiguous\)/);
});

test('a sharded run refuses a data order other than contiguous (it has its own schedule)', async () => {
  await assert.rejects(trainWord2vec(corpus, { ...small, threads: 2, shards: 2, dataOrder: 'interleaved' }),
    (e: Error) => e instanceof LexnetError && /^`shards` 2: a sharded run follows its own schedule of the corpus .*not `dataOrder` "interleaved"; leave out `shards` or `dataOrder`$/.test(e.message));
});

test('the defaults by model: skip-gram with batched negatives, no subwords and one memory takes 5 negatives weighted 1.6, interleaved; the others 5 unweighted, balanced (contiguous with shards); library and CLI alike', async () => {
  const pick = (o: { negative: number; dataOrder: string; negativeWeight: number }) => [o.negative, o.dataOrder, o.negativeWeight];
  assert.deepEqual(pick(defaultWord2vecOptions()), [5, 'interleaved', 1.6]);
  assert.deepEqual(pick(defaultWord2vecOptions('cbow')), [5, 'balanced', 1]);
  assert.deepEqual(pick(defaultWord2vecOptions('skipgram', true)), [5, 'balanced', 1]);
  assert.deepEqual(pick(defaultWord2vecOptions('skipgram', false, { batchNegatives: false })), [5, 'balanced', 1]);
  assert.deepEqual(pick(defaultWord2vecOptions('skipgram', false, { loss: 'hierarchical' })), [5, 'balanced', 1]);
  assert.deepEqual(pick(defaultWord2vecOptions('skipgram', false, { shards: 2 })), [5, 'contiguous', 1]);
  // the weight is the default only at the default count: 7 negatives asked for are 7 unweighted
  assert.deepEqual(pick(defaultWord2vecOptions('skipgram', false, { negative: 7 })).slice(1), ['interleaved', 1]);
  assert.deepEqual(pick(defaultWord2vecOptions('skipgram', false, { negative: 5 })).slice(1), ['interleaved', 1.6]);
  // what a run records in its checkpoint: the library's, then the CLI's, with and without the flags
  const recorded = async (name: string, options: Record<string, unknown>) => {
    const ck = join(dir, name);
    await trainWord2vec(corpus, { ...small, epochs: 1, threads: 2, checkpoint: { path: ck }, ...options });
    return pick(readWord2vecCheckpoint(ck).options);
  };
  assert.deepEqual(await recorded('d-skip.ck', {}), [5, 'interleaved', 1.6]);
  assert.deepEqual(await recorded('d-cbow.ck', { model: 'cbow' }), [5, 'balanced', 1]);
  assert.deepEqual(await recorded('d-pair.ck', { batchNegatives: false }), [5, 'balanced', 1]);
  assert.deepEqual(await recorded('d-given.ck', { negative: 5, dataOrder: 'contiguous' }), [5, 'contiguous', 1.6]);
  assert.deepEqual(await recorded('d-old.ck', { negative: 7, negativeWeight: 1 }), [7, 'interleaved', 1]); // session 9's default
  assert.deepEqual(await recorded('d-seven.ck', { negative: 7 }), [7, 'interleaved', 1]); // the same without the weight
  const cli = (name: string, flags: string[]) => {
    const ck = join(dir, name);
    const r = lexnet(['word2vec', '--corpus', corpusPath, '--out', join(dir, 'd.bin'), '--min-count', '1', '--dim', '8', '--epochs', '1', '--threads', '2', '--show', '', '--quiet', '--checkpoint', ck, ...flags]);
    assert.equal(r.status, 0, r.stderr);
    return pick(readWord2vecCheckpoint(ck).options);
  };
  assert.deepEqual(cli('c-skip.ck', []), [5, 'interleaved', 1.6]);
  assert.deepEqual(cli('c-cbow.ck', ['--kind', 'cbow']), [5, 'balanced', 1]);
  assert.deepEqual(cli('c-given.ck', ['--negative', '5', '--data-order', 'contiguous']), [5, 'contiguous', 1.6]);
  assert.deepEqual(cli('c-old.ck', ['--negative', '7', '--negative-weight', '1']), [7, 'interleaved', 1]);
  assert.deepEqual(cli('c-seven.ck', ['--negative', '7']), [7, 'interleaved', 1]);
  // a sharded run is contiguous by default (no refusal when --data-order is left out)
  const sharded = lexnet(['word2vec', '--corpus', corpusPath, '--out', join(dir, 's.bin'), '--min-count', '1', '--dim', '8', '--epochs', '1', '--threads', '2', '--shards', '2', '--show', '', '--quiet']);
  assert.equal(sharded.status, 0, sharded.stderr);
});
