import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainWord2vec, textCorpus, mostSimilar, type WordVectors } from '../src/index.js';
import { Random } from '../src/core/random.js';
import { createMemory } from '../src/kernels/memory.js';
import { rotateOutputs } from '../src/word2vec/sharded-session.js';
import { blockRows, outputRange, planShardLayout } from '../src/word2vec/shard-layout.js';
import { shardRounds, shardStep, shardSteps, type ShardPart } from '../src/word2vec/shard-schedule.js';
import { tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';

const dir = tempDir();
const corpus = textCorpus(writeTemp(dir, 'topics.txt', topicCorpus(600, 1)));
const small = { dim: 16, epochs: 3, minCount: 1, sample: 0 };

/** Sentences of 8 words, each drawn from one of `topics` topics of `size` words (words t<i>w<j>). */
function plantedCorpus(topics: number, size: number, sentences: number, seed: number): string {
  const r = new Random(seed);
  const lines: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const t = r.int(topics);
    lines.push(Array.from({ length: 8 }, () => `t${t}w${r.int(size)}`).join(' '));
  }
  return lines.join('\n') + '\n';
}
const planted = textCorpus(writeTemp(dir, 'planted.txt', plantedCorpus(6, 8, 3000, 2)));
const topicOf = (w: string): string => w.slice(0, w.indexOf('w'));

/** The share of each word's 7 nearest neighbours that are of its own topic. */
function topicPurity(v: WordVectors): number {
  let same = 0, all = 0;
  for (const w of v.words) {
    for (const n of mostSimilar(v, [w], [], { topn: 7 })) {
      all++;
      if (topicOf(n.word) === topicOf(w)) same++;
    }
  }
  return same / all;
}

for (const shards of [1, 2, 4]) {
  test(`shards ${shards}: finite vectors of the right shape, and the two topics learnt`, async () => {
    const r = await trainWord2vec(corpus, { ...small, shards, threads: 2, seed: 3 });
    assert.equal(r.vectors.size, 12);
    assert.equal(r.vectors.dim, 16);
    assert.equal(r.vectors.data.length, 12 * 16);
    assert.ok(r.vectors.data.every(Number.isFinite));
    assert.ok(Number.isFinite(r.finalLoss) && r.finalLoss > 0);
    const near = mostSimilar(r.vectors, ['cat'], [], { topn: 5 }).map((n) => n.word);
    const pets = near.filter((w) => ['dog', 'pet', 'fur', 'paw', 'tail'].includes(w)).length;
    assert.ok(pets >= 4, `shards ${shards}: neighbours of cat: ${near.join(' ')}`);
  });
}

test('planted topics: the nearest neighbours agree across 1, 2 and 4 shards', async () => {
  const purity: number[] = [];
  const neighbours: string[][] = [];
  for (const shards of [1, 2, 4]) {
    const r = await trainWord2vec(planted, { ...small, dim: 24, epochs: 5, shards, threads: 2, seed: 5 });
    assert.equal(r.vectors.size, 48);
    purity.push(topicPurity(r.vectors));
    neighbours.push(r.vectors.words.map((w) => topicOf(mostSimilar(r.vectors, [w], [], { topn: 1 })[0]!.word)));
  }
  purity.forEach((p, i) => assert.ok(p >= 0.9, `shards ${[1, 2, 4][i]}: ${(p * 100).toFixed(1)}% of neighbours in the word's topic`));
  // every word's nearest neighbour is of the same topic whatever the shards
  for (const n of neighbours.slice(1)) assert.deepEqual(n, neighbours[0]);
});

test('a seeded run with one thread per memory is reproducible; another seed differs', async () => {
  for (const threads of [1, 2]) {
    const a = await trainWord2vec(corpus, { ...small, shards: 2, threads, seed: 7 });
    const b = await trainWord2vec(corpus, { ...small, shards: 2, threads, seed: 7 });
    assert.deepEqual(Buffer.from(a.vectors.data.buffer), Buffer.from(b.vectors.data.buffer), `threads ${threads}`);
    const c = await trainWord2vec(corpus, { ...small, shards: 2, threads, seed: 8 });
    assert.notDeepEqual(Buffer.from(a.vectors.data.buffer), Buffer.from(c.vectors.data.buffer));
  }
});

test('shards 1 is the one-memory run, bit-identical', async () => {
  const a = await trainWord2vec(corpus, { ...small, threads: 1, seed: 4 });
  const b = await trainWord2vec(corpus, { ...small, shards: 1, threads: 1, seed: 4 });
  assert.deepEqual(Buffer.from(a.vectors.data.buffer), Buffer.from(b.vectors.data.buffer));
});

test('progress events and the summary count the words once per epoch', async () => {
  const events: { fraction: number; stage: string }[] = [];
  const r = await trainWord2vec(corpus, { ...small, shards: 2, threads: 2, seed: 1, onProgress: (e) => events.push(e) });
  const training = events.filter((e) => e.stage === 'training');
  assert.ok(training.length > 0);
  assert.ok(training.every((e) => e.fraction >= 0 && e.fraction <= 1));
  assert.equal(events.at(-1)!.stage, 'done');
  assert.equal(r.trainWords, 600 * 8);
  assert.ok(r.wordsPerSecond > 0 && r.history.length > 0);
});

test('an aborted sharded run rejects with the abort reason', async () => {
  const controller = new AbortController();
  const run = trainWord2vec(planted, { ...small, epochs: 50, shards: 2, threads: 2, signal: controller.signal, onProgress: (e) => { if (e.stage === 'training') controller.abort(); } });
  await assert.rejects(run, { name: 'AbortError' });
});

test('sharding refuses what it does not train, naming the option', async () => {
  await assert.rejects(trainWord2vec(corpus, { ...small, shards: 2, model: 'cbow' }), { option: 'shards', message: /`shards` 2: sharding trains skip-gram with negative sampling only, not `model` "cbow"/ });
  await assert.rejects(trainWord2vec(corpus, { ...small, shards: 2, loss: 'hierarchical' }), { option: 'shards', message: /not `loss` "hierarchical"/ });
  await assert.rejects(trainWord2vec(corpus, { ...small, shards: 2, minn: 3 }), { option: 'shards', message: /not `subwords`/ });
  await assert.rejects(trainWord2vec(corpus, { ...small, shards: 13 }), { option: 'shards', message: /more shards than the 12 words/ });
  await assert.rejects(trainWord2vec(corpus, { ...small, shards: 0 }), { option: 'shards' });
});

test('blocks: word w in block w % S; a memory over 4 GiB asks for more shards', () => {
  assert.deepEqual([0, 1, 2].map((b) => blockRows(10, 3, b)), [4, 3, 3]);
  const L = planShardLayout(300, 3_000_000, 2, 1, 4096);
  assert.ok(L.bytes < 2 ** 32);
  assert.equal(L.vocabSize, 1_500_000);
  assert.throws(() => planShardLayout(300, 3_000_000, 1, 1, 4096), (e: Error & { mentions?: string[] }) => /raise shards \(`shards`, 2 at least\)/.test(e.message) && e.mentions!.includes('shards'));
});

test('rotation: memory k takes memory k + 1\'s output block (syn1), the last the first\'s', async () => {
  const L = planShardLayout(8, 30, 3, 1, 1024);
  const memories = [0, 1, 2].map(() => createMemory(L.bytes, false));
  const { at, bytes } = outputRange(L);
  memories.forEach((m, k) => new Uint32Array(m.buffer, at, bytes / 4).fill(k + 1));
  const before = new Uint32Array(memories[0]!.buffer, 0, at / 4).slice();
  await rotateOutputs(memories, L);
  assert.deepEqual(memories.map((m) => [...new Set(new Uint32Array(m.buffer, at, bytes / 4))]), [[2], [3], [1]]);
  assert.deepEqual(new Uint32Array(memories[0]!.buffer, 0, at / 4), before); // syn0 and what precedes untouched
  assert.ok(new Uint32Array(memories[0]!.buffer, at + bytes, 64).every((x) => x === 0)); // and what follows
});

test('schedule: each sub-step\'s slots cover a slice of every part of the corpus once, every memory meets every output block once a round', () => {
  const ids = 1_000_003, S = 3, slots = 2, parts = 3, epochs = 2;
  const rounds = shardRounds(ids, 5000, 100, slots);
  assert.equal(rounds, 50); // ~20,000 ids a round
  assert.equal(shardRounds(ids, 3_000_000, 300, slots), 1); // a rotation copies V·dim floats: rounds of at least V·dim / 50 ids
  const part = (inBlock: number, slot: number): ShardPart => ({ count: S, inBlock, negatives: [1, 1, 1], blocks: 0, rounds, slot, slots, parts });
  assert.equal(shardSteps(part(0, 0), epochs), epochs * rounds * S);
  const covered = new Uint8Array(ids);
  for (let g = 0; g < shardSteps(part(0, 0), epochs); g++) {
    const pieces = [0, 1].map((j) => shardStep(part(0, j), ids, g));
    const round: number = Math.floor(g / S) % rounds;
    // slot 0 reads parts 0 and 2, slot 1 part 1: the round-th of `rounds` slices of each
    assert.deepEqual(pieces.map((p) => p.ranges.length), [2, 1]);
    for (const p of pieces) {
      assert.equal(p.epoch, Math.floor(g / (rounds * S)));
      assert.equal(p.round, round);
      for (const r of p.ranges) {
        assert.equal(r.start, r.partStart + Math.floor((round * (r.partEnd - r.partStart)) / rounds));
        assert.equal(r.end, r.partStart + Math.floor(((round + 1) * (r.partEnd - r.partStart)) / rounds));
        if (g < rounds * S && g % S === 0) for (let i = r.start; i < r.end; i++) covered[i]!++;
      }
    }
    // within a round, the memories hold distinct output blocks, and each meets all of them
    const held = [0, 1, 2].map((k) => shardStep(part(k, 0), ids, g).outBlock);
    assert.deepEqual([...held].sort(), [0, 1, 2]);
  }
  assert.ok(covered.every((c) => c === 1)); // an epoch's rounds read every id once (per sub-step)
  // a round starts with the output block the last one ended with (no rotation between rounds), and starts with another block each round
  for (let g = S; g < 4 * S; g += S) assert.equal(shardStep(part(0, 0), ids, g).outBlock, shardStep(part(0, 0), ids, g - 1).outBlock);
  assert.deepEqual([0, 1, 2].map((r) => shardStep(part(0, 0), ids, r * S).outBlock), [0, 2, 1]);
  const seen = [0, 1, 2].map((t) => shardStep(part(1, 0), ids, 3 * 7 + t).outBlock);
  assert.deepEqual(seen.sort(), [0, 1, 2]);
});

test('a sharded run that diverges is refused as one memory\'s is, naming the learning rate', async () => {
  await assert.rejects(trainWord2vec(corpus, { ...small, shards: 2, threads: 2, learningRate: 1e9 }), { name: 'DivergenceError', message: /training diverged at epoch \d/ });
});
