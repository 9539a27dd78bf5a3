import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DivergenceError, LexnetError, mostSimilar, textCorpus, trainWord2vec, type Corpus, type TrainWord2vecOptions } from '../src/index.js';
import { readWord2vecCheckpoint, writeWord2vecCheckpoint } from '../src/word2vec/checkpoint.js';
import { tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';
import { trainKeepingCheckpoints as keepingCheckpoints } from './checkpoint-copies.js';

const dir = tempDir();
const text = topicCorpus(3000, 1); // 24,000 tokens: 3 chunks of 10,000 ids per epoch
const corpus = textCorpus(writeTemp(dir, 'topics.txt', text));
const small = { dim: 8, epochs: 3, minCount: 1, sample: 0, threads: 1, seed: 5, quiet: true };
const bytes = (v: { data: Float32Array }): Buffer => Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength);

/** Trains with checkpoints in this file's folder, keeping a copy of every checkpoint written. */
const trainKeepingCheckpoints = (name: string, everySeconds: number, options: TrainWord2vecOptions = {}) =>
  keepingCheckpoints(corpus, dir, name, everySeconds, { ...small, ...options });

test('checkpoints are written at the end of each epoch and at the end; checkpointing does not change the vectors', async () => {
  const plain = await trainWord2vec(corpus, small);
  const { copies, result } = await trainKeepingCheckpoints('epochs.ck', 1e6);
  const ids = copies.at(-1)!.total / small.epochs;
  assert.deepEqual(copies.map((c) => [c.done, c.finished]), [[ids, false], [2 * ids, false], [3 * ids, true]]);
  assert.deepEqual(bytes(result.vectors), bytes(plain.vectors));
  const ck = readWord2vecCheckpoint(copies[0]!.file);
  assert.equal(ck.options.dim, 8);
  assert.equal(ck.words.length, 12);
  assert.deepEqual(ck.threads.map((t) => [t.epoch, t.pos]), [[0, ids]]);
});

test('with one thread, a run resumed from any checkpoint gives bit-identical vectors', async () => {
  const { copies, result } = await trainKeepingCheckpoints('often.ck', 1e-6); // a checkpoint at every chunk boundary
  assert.ok(copies.length >= 3, `${copies.length} checkpoints`);
  const mid = copies.filter((c) => !c.finished && c.done % (c.total / small.epochs) !== 0);
  assert.ok(mid.length > 0, 'some checkpoints fall inside an epoch');
  for (const c of [mid[0]!, copies[1]!, mid.at(-1)!]) {
    const resumed = await trainWord2vec(corpus, { quiet: true, resume: c.file }); // options from the checkpoint
    assert.deepEqual(bytes(resumed.vectors), bytes(result.vectors), `resumed at ${c.done}/${c.total}`);
  }
});

test('a resumed run keeps checkpointing, and resuming a finished run only returns its vectors', async () => {
  const { copies, result } = await trainKeepingCheckpoints('again.ck', 1e6);
  const later = join(dir, 'again-later.ck');
  const lines: string[] = [];
  const r = await trainWord2vec(corpus, { quiet: true, resume: copies[0]!.file, checkpoint: { path: later }, log: (l) => lines.push(l) });
  assert.deepEqual(bytes(r.vectors), bytes(result.vectors));
  assert.match(lines.join('\n'), /resuming from .*again.ck.0 at 33.3% of 3 epochs/);
  const never: Corpus = { name: 'never', sentences: () => { throw new Error('the corpus should not be read'); } };
  const done = await trainWord2vec(never, { quiet: true, resume: later });
  assert.deepEqual(bytes(done.vectors), bytes(result.vectors));
});

test('with two threads (Hogwild, not deterministic) a resumed run finishes and learns the topics', async () => {
  const { copies } = await trainKeepingCheckpoints('two.ck', 1e6, { threads: 2 });
  const r = await trainWord2vec(corpus, { quiet: true, resume: copies[0]!.file });
  assert.equal(r.vectors.size, 12);
  const near = mostSimilar(r.vectors, ['bank'], [], { topn: 3 }).map((n) => n.word);
  assert.ok(near.every((w) => ['stock', 'bond', 'loan', 'cash', 'fund'].includes(w)), near.join(' '));
});

test('resume refuses other options, saying which, and other data, saying what differs', async () => {
  const { copies } = await trainKeepingCheckpoints('refuse.ck', 1e6);
  const ck = copies[0]!.file;
  await assert.rejects(trainWord2vec(corpus, { quiet: true, resume: ck, dim: 9, window: 2, seed: 5 }),
    (e: Error) => e instanceof LexnetError && /other options: `dim` 8 \(this run: 9\), `window` 5 \(this run: 2\)/.test(e.message) && !/seed/.test(e.message) && !e.message.includes('--'));
  await assert.rejects(trainWord2vec(corpus, { quiet: true, resume: ck, batchNegatives: false }), /other options: `batchNegatives` true \(this run: false\)/);
  const more = textCorpus(writeTemp(dir, 'more.txt', `${text}cat dog zebra\n`));
  await assert.rejects(trainWord2vec(more, { quiet: true, resume: ck }), /refuse.ck.0: the checkpoint was made with other data: its vocabulary has 12 words .* this run has 13 words/);
  const lines = text.trim().split('\n');
  const shuffled = textCorpus(writeTemp(dir, 'shuffled.txt', `${[lines[1], lines[0], ...lines.slice(2)].join('\n')}\n`));
  await assert.rejects(trainWord2vec(shuffled, { quiet: true, resume: ck }), /other data: the vocabulary and counts agree, but the text differs/);
});

test('a foreign, cut or damaged checkpoint is a clear error naming the file', async () => {
  const { path } = await trainKeepingCheckpoints('good.ck', 1e6);
  const good = readFileSync(path);
  const foreign = writeTemp(dir, 'foreign.ck', '2 3\ncat 1 2 3\ndog 4 5 6\n');
  assert.throws(() => readWord2vecCheckpoint(foreign), /foreign.ck:1: not a lexnet-word2vec-checkpoint file/);
  const cut = writeTemp(dir, 'cut.ck', good.subarray(0, good.length - 10));
  assert.throws(() => readWord2vecCheckpoint(cut), /cut.ck: cut short in array/);
  const flipped = Buffer.from(good);
  flipped[flipped.length - 100]! ^= 0x40;
  assert.throws(() => readWord2vecCheckpoint(writeTemp(dir, 'flipped.ck', flipped)), /flipped.ck:2: damaged checkpoint: the arrays do not match their checksum/);
  const nl = good.indexOf(10, good.indexOf(10) + 1);
  const header = JSON.parse(good.subarray(good.indexOf(10) + 1, nl).toString('utf8'));
  const edit = (name: string, change: (h: Record<string, any>) => void): string => {
    const h = structuredClone(header);
    change(h);
    return writeTemp(dir, name, Buffer.concat([Buffer.from(`lexnet-word2vec-checkpoint 1\n${JSON.stringify(h)}\n`), good.subarray(nl + 1)]));
  };
  assert.throws(() => readWord2vecCheckpoint(edit('threads.ck', (h) => { h.threads = []; })), /threads.ck:2: damaged checkpoint: not 1 thread positions/);
  assert.throws(() => readWord2vecCheckpoint(edit('dim.ck', (h) => { h.options.dim = 7; })), /dim.ck:2: damaged checkpoint: syn0 is not 12 × 7/);
  assert.throws(() => readWord2vecCheckpoint(edit('arrays.ck', (h) => { h.arrays = 'x'; })), (e: Error) => e instanceof LexnetError && /arrays.ck/.test(e.message));
  assert.throws(() => readWord2vecCheckpoint(edit('loss.ck', (h) => { h.options.loss = 'hinge'; })), /loss.ck:2: damaged checkpoint: unknown loss/);
  await assert.rejects(trainWord2vec(corpus, { quiet: true, resume: join(dir, 'missing.ck') }), /missing.ck: cannot read \(no such file\)/);
});

test('a checkpoint that cannot be written is a clear error before training', async () => {
  const lines: string[] = [];
  await assert.rejects(trainWord2vec(corpus, { ...small, log: (l) => lines.push(l), checkpoint: { path: join(dir, 'no-such-dir', 'x.ck') } }),
    /^LexnetError: checkpoint .*x.ck: folder .*no-such-dir does not exist/);
  assert.deepEqual(lines, []);
  await assert.rejects(trainWord2vec(corpus, { ...small, checkpoint: { path: join(dir, 'y.ck'), everySeconds: 0 } }), /^LexnetError: checkpoint.everySeconds must be > 0, got 0$/);
});

test('a one-word vocabulary, or sentences of fewer than 2 words, is an error before training', async () => {
  const one: Corpus = { name: 'one.txt', *sentences() { yield ['the', 'the', 'the', 'the', 'the']; yield ['a']; } };
  await assert.rejects(trainWord2vec(one, { ...small, minCount: 5 }),
    /one.txt: the vocabulary has 1 word with count ≥ 5 \("the"\); word2vec needs at least 2/);
  const apart: Corpus = { name: 'apart.txt', *sentences() { for (let i = 0; i < 20; i++) yield [i % 2 ? 'a' : 'b', `rare${i}`]; } };
  await assert.rejects(trainWord2vec(apart, { ...small, minCount: 2 }),
    /apart.txt: no sentence has 2 or more of the 2 words with count ≥ 2, so there are no \(word, context\) pairs/);
});

test('a run whose subsampling leaves nothing to predict is an error, not a NaN loss', async () => {
  const pair: Corpus = { name: 'pair.txt', *sentences() { yield ['a', 'b']; } };
  await assert.rejects(trainWord2vec(pair, { ...small, sample: 1e-9 }), /pair.txt: training made no predictions .* smaller sample \(it was 1e-9\)/);
});

test('divergence names the epoch and the learning rate (word2vec.c\'s saturating rule goes NaN; gensim\'s skipping rule, the default, stays finite but explodes)', async () => {
  // the loss at the start: 6 targets × ln 2 (the word and the default 5 negatives; their weight does not change the loss)
  await assert.rejects(trainWord2vec(corpus, { ...small, alpha: 50 }), (e: Error) =>
    e instanceof DivergenceError && /diverged at epoch \d: the loss grew to [\d.]+e\+\d+, over 100× its value at the start \(4\.16\)\. The learningRate 50 is probably too large .*the default is 0\.025/.test(e.message));
  await assert.rejects(trainWord2vec(corpus, { ...small, alpha: 50, skipSaturated: false }), (e: Error) =>
    e instanceof DivergenceError && e.epoch === 1 && /diverged at epoch 1: the loss became (NaN|-?Infinity)\. The learningRate 50 is probably too large/.test(e.message));
});

test('checkpoint files round-trip byte for byte', async () => {
  const { path } = await trainKeepingCheckpoints('round.ck', 1e6);
  const again = join(dir, 'round2.ck');
  writeWord2vecCheckpoint(again, readWord2vecCheckpoint(path));
  assert.deepEqual(readFileSync(again), readFileSync(path));
});
