import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LexnetError, textCorpus, trainWord2vec, type Corpus, type TrainWord2vecOptions } from '../src/index.js';
import { readWord2vecCheckpoint } from '../src/word2vec/checkpoint.js';
import { shardRounds } from '../src/word2vec/shard-schedule.js';
import { tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';
import { trainKeepingCheckpoints as keepingCheckpoints } from './checkpoint-copies.js';

const dir = tempDir();
const corpus = textCorpus(writeTemp(dir, 'topics.txt', topicCorpus(6000, 1))); // 54,000 ids: 3 rounds an epoch
// one thread: one worker per memory, a reproducible run
const small = { dim: 8, epochs: 2, minCount: 1, sample: 0, threads: 1, seed: 5, shards: 2 };
const bytes = (v: { data: Float32Array }): Buffer => Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength);

/** Trains with checkpoints in this file's folder, keeping a copy of every checkpoint written. */
const trainKeepingCheckpoints = (name: string, everySeconds: number, options: TrainWord2vecOptions = {}) =>
  keepingCheckpoints(corpus, dir, name, everySeconds, { ...small, ...options });

test('sharded checkpoints: at each epoch\'s end and at the end; checkpointing does not change the vectors', async () => {
  const plain = await trainWord2vec(corpus, small);
  const { copies, result } = await trainKeepingCheckpoints('epochs.ck', 1e6);
  const ids = 6000 * 9;
  assert.deepEqual(copies.map((c) => [c.done, c.total, c.finished]), [[ids, 2 * ids, false], [2 * ids, 2 * ids, true]]);
  assert.deepEqual(bytes(result.vectors), bytes(plain.vectors));
  const ck = readWord2vecCheckpoint(copies[0]!.file);
  assert.equal(ck.options.shards, 2);
  assert.equal(ck.shardStep, 3 * 2); // an epoch: 3 rounds of 2 sub-steps
  assert.equal(ck.threads.length, 2); // one worker per memory
  assert.deepEqual(ck.threads.map((t) => t.epoch), [1, 1]);
  // the vectors in the vocabulary's order: the finished checkpoint holds the result's
  const last = readWord2vecCheckpoint(copies[1]!.file);
  assert.deepEqual(Buffer.from(last.syn0.buffer), bytes(result.vectors));
});

test('sharded, one thread per memory: a run resumed from any round\'s checkpoint gives bit-identical vectors', async () => {
  assert.equal(shardRounds(6000 * 9, 12, 8, 1), 3);
  const { copies, result } = await trainKeepingCheckpoints('often.ck', 1e-6); // a checkpoint at every round's end
  assert.deepEqual(copies.map((c) => c.done), [18000, 36000, 54000, 72000, 90000, 108000]);
  for (const c of [copies[0]!, copies[2]!, copies[3]!]) {
    const resumed = await trainWord2vec(corpus, { resume: c.file }); // options (shards too) from the checkpoint
    assert.deepEqual(bytes(resumed.vectors), bytes(result.vectors), `resumed at ${c.done}/${c.total}`);
  }
  // a resumed run keeps checkpointing; resuming its finished checkpoint only returns the vectors
  const later = join(dir, 'later.ck');
  const lines: string[] = [];
  const r = await trainWord2vec(corpus, { resume: copies[1]!.file, checkpoint: { path: later }, log: (l) => lines.push(l) });
  assert.deepEqual(bytes(r.vectors), bytes(result.vectors));
  assert.match(lines.join('\n'), /resuming from .*often.ck.1 at 33.3% of 2 epochs/);
  const never: Corpus = { name: 'never', sentences: () => { throw new Error('the corpus should not be read'); } };
  assert.deepEqual(bytes((await trainWord2vec(never, { resume: later })).vectors), bytes(result.vectors));
});

test('two threads per memory (Hogwild) resume too', async () => {
  const { copies } = await trainKeepingCheckpoints('four.ck', 1e6, { threads: 4 });
  assert.equal(readWord2vecCheckpoint(copies[0]!.file).threads.length, 4);
  const r = await trainWord2vec(corpus, { resume: copies[0]!.file });
  assert.equal(r.vectors.size, 12);
  assert.ok(r.vectors.data.every(Number.isFinite));
});

test('resume refuses another number of shards, a one-memory checkpoint continued sharded, and a damaged step', async () => {
  const { copies } = await trainKeepingCheckpoints('refuse.ck', 1e6);
  const ck = copies[0]!.file;
  for (const shards of [1, 4]) {
    await assert.rejects(trainWord2vec(corpus, { resume: ck, shards }),
      (e: Error & { option?: string }) => e instanceof LexnetError && e.option === 'shards' && new RegExp(`other options: \`shards\` 2 \\(this run: ${shards}\\)`).test(e.message));
  }
  const one = join(dir, 'one.ck');
  await trainWord2vec(corpus, { ...small, shards: 1, checkpoint: { path: one } });
  assert.equal(readWord2vecCheckpoint(one).options.shards ?? 1, 1);
  await assert.rejects(trainWord2vec(corpus, { resume: one, shards: 2 }), /other options: `shards` 1 \(this run: 2\)/);
  // a step that is not a round's start
  const good = readFileSync(ck);
  const nl = good.indexOf(10, good.indexOf(10) + 1);
  const header = JSON.parse(good.subarray(good.indexOf(10) + 1, nl).toString('utf8'));
  const edit = (name: string, change: (h: Record<string, any>) => void): string => {
    const h = structuredClone(header);
    change(h);
    return writeTemp(dir, name, Buffer.concat([Buffer.from(`lexnet-word2vec-checkpoint 1\n${JSON.stringify(h)}\n`), good.subarray(nl + 1)]));
  };
  assert.throws(() => readWord2vecCheckpoint(edit('odd.ck', (h) => { h.shardStep = 3; })), /odd.ck:2: damaged checkpoint: shardStep 3 is not the start of a round of the run's 12 sub-steps/);
  assert.throws(() => readWord2vecCheckpoint(edit('nostep.ck', (h) => { delete h.shardStep; })), /nostep.ck:2: damaged checkpoint: shardStep is not a count/);
  assert.throws(() => readWord2vecCheckpoint(edit('workers.ck', (h) => { h.threads = h.threads.slice(1); })), /workers.ck:2: damaged checkpoint: not 2 thread positions/);
});

test('three shards: resumed at a round whose memories hold rotated output blocks, the same vectors', async () => {
  const { copies, result } = await trainKeepingCheckpoints('three.ck', 1e-6, { shards: 3 });
  const ck = readWord2vecCheckpoint(copies[1]!.file);
  assert.equal(ck.shardStep, 2 * 3); // round 2: memory k holds output block (k − 2) mod 3
  const resumed = await trainWord2vec(corpus, { resume: copies[1]!.file });
  assert.deepEqual(bytes(resumed.vectors), bytes(result.vectors));
});
