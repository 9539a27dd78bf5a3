import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../src/index.js';
import { LexnetError } from '../src/io/errors.js';
import { DivergenceError } from '../src/train/divergence.js';
import { trainTagger } from '../src/tagger/train.js';
import { saveTagger } from '../src/tagger/model-file.js';
import type { TaggedSentence } from '../src/text/conll.js';
import { lexnet, tempDir, writeTemp } from './cli.js';
import { toyConll } from './toy-conll.js';
import { checkpointHeader, killWhenCheckpointed } from './checkpoint-helpers.js';

const dir = tempDir();

function toySentences(n: number, seed: number): TaggedSentence[] {
  const lines = toyConll(n, seed).split('\n').slice(2);
  const out: TaggedSentence[] = [];
  let cur: TaggedSentence = { words: [], tags: [], lines: [] };
  lines.forEach((l, i) => {
    if (l === '') { if (cur.words.length) out.push(cur); cur = { words: [], tags: [], lines: [] }; return; }
    const c = l.split(' ');
    cur.words.push(c[0]!); cur.tags.push(c.at(-1)!); cur.lines!.push(i + 3);
  });
  return out;
}

const long = writeTemp(dir, 'long.txt', toyConll(300, 1));
const train = writeTemp(dir, 'train.txt', toyConll(60, 1));
const dev = writeTemp(dir, 'dev.txt', toyConll(30, 2));
const small = ['--hidden', '16', '--dim', '8', '--threads', '1', '--seed', '1', '--quiet'];

test('Random.getState/setState continues the same stream, normals included', () => {
  const a = new Random(42);
  for (let i = 0; i < 5; i++) a.next();
  a.normal(); // leaves a spare normal
  const b = new Random(7).setState(JSON.parse(JSON.stringify(a.getState())));
  for (let i = 0; i < 20; i++) assert.equal(b.normal(), a.normal());
  for (let i = 0; i < 20; i++) assert.equal(b.nextUint32(), a.nextUint32());
  assert.throws(() => new Random().setState({ s: [1, 2, 3] as unknown as [number, number, number, number], spareNormal: null }), RangeError);
});

test('tagger train killed with SIGKILL and resumed gives the same model file as an uninterrupted run', async () => {
  const full = join(dir, 'full.model');
  let r = lexnet(['tagger', 'train', '--train', long, '--epochs', '30', ...small, '--out', full]);
  assert.equal(r.status, 0, r.stderr);
  const ck = join(dir, 'run.ck'), resumed = join(dir, 'resumed.model');
  const killed = await killWhenCheckpointed(['tagger', 'train', '--train', long, '--epochs', '30', ...small, '--checkpoint', ck, '--out', resumed], ck, (h) => (h.epochsDone as number) >= 1);
  assert.ok(killed, 'the run was still going when killed');
  const h = checkpointHeader(ck);
  assert.equal(h.finished, false);
  assert.ok((h.epochsDone as number) >= 1 && (h.epochsDone as number) < 30);
  assert.equal(existsSync(resumed), false);
  // resume without repeating the options: they come from the checkpoint; it keeps checkpointing to ck
  r = lexnet(['tagger', 'train', '--train', long, '--resume', ck, '--out', resumed]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /epoch 30:/);
  assert.doesNotMatch(r.stdout, /epoch 1:/);
  assert.ok(readFileSync(resumed).equals(readFileSync(full)), 'resumed model differs from the uninterrupted one');
  assert.equal(checkpointHeader(ck).finished, true);
  // resuming a finished run only saves the model
  const again = join(dir, 'again.model');
  r = lexnet(['tagger', 'train', '--train', long, '--resume', ck, '--out', again, '--quiet']);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /epoch \d+:/);
  assert.ok(readFileSync(again).equals(readFileSync(full)));
});

test('with a dev set, the resumed run keeps the best epoch found before the interruption', async () => {
  const t = toySentences(60, 3), d = toySentences(20, 4);
  const o = { config: { hidden: 16, wordDim: 8 }, epochs: 5, dropout: 0.5, threads: 1, seed: 3, patience: 10, quiet: true };
  const full = await trainTagger(t, d, o);
  const ck = join(dir, 'dev.ck');
  await assert.rejects(trainTagger(t, d, { ...o, checkpoint: ck, onEpoch: (e) => { if (e.epoch === 3) throw new Error('crash'); } }), /crash/);
  assert.equal(checkpointHeader(ck).epochsDone, 2);
  const res = await trainTagger(t, d, { resume: ck, quiet: true });
  assert.equal(res.bestEpoch, full.bestEpoch);
  assert.deepEqual(res.history.map((e) => e.devScore), full.history.map((e) => e.devScore));
  const a = join(dir, 'a.model'), b = join(dir, 'b.model');
  saveTagger(a, full.model);
  saveTagger(b, res.model);
  assert.ok(readFileSync(a).equals(readFileSync(b)));
});

test('two threads resume too (Hogwild: same epochs and settings, not bit-identical)', async () => {
  const t = toySentences(60, 5);
  const o = { config: { hidden: 16, wordDim: 8 }, epochs: 3, threads: 2, seed: 1, quiet: true };
  const ck = join(dir, 'threads.ck');
  await assert.rejects(trainTagger(t, null, { ...o, checkpoint: ck, onEpoch: (e) => { if (e.epoch === 2) throw new Error('crash'); } }), /crash/);
  const res = await trainTagger(t, null, { resume: ck, quiet: true });
  assert.deepEqual(res.history.map((e) => e.epoch), [1, 2, 3]);
  assert.ok(res.history.every((e) => Number.isFinite(e.loss)));
});

test('resume refuses other data and other options, naming them', async () => {
  const ck = join(dir, 'refuse.ck');
  const t = toySentences(30, 7), d = toySentences(10, 8);
  const o = { config: { hidden: 16, wordDim: 8 }, epochs: 2, threads: 1, quiet: true };
  await trainTagger(t, d, { ...o, checkpoint: ck });
  const refused = (tr: TaggedSentence[], dv: TaggedSentence[] | null, extra: object, re: RegExp) =>
    assert.rejects(trainTagger(tr, dv, { resume: ck, quiet: true, ...extra }), (e: unknown) => e instanceof LexnetError && re.test(e.message), String(re));
  await refused(toySentences(30, 9), d, {}, /refuse.ck: cannot resume: the checkpoint was made with other train data/);
  await refused(t, toySentences(10, 9), {}, /made with other dev data/);
  await refused(t, null, {}, /made with dev, and this run gives none/);
  await refused(t, d, { config: { hidden: 64 } }, /made with hidden 16, this run asks for hidden 64/);
  await refused(t, d, { threads: 2 }, /made with threads 1, this run asks for threads 2/);
  await refused(t, d, { config: { output: 'sigmoid', entityType: 'PER' } }, /made with output softmax, this run asks for output sigmoid/);
  assert.equal((await trainTagger(t, d, { ...o, resume: ck })).history.length, 2, 'the same settings given again are fine');
  // on the command line: options given are compared, the others come from the checkpoint
  const cli = join(dir, 'cli.ck');
  let r = lexnet(['tagger', 'train', '--train', train, '--dev', dev, '--epochs', '1', ...small, '--checkpoint', cli, '--out', join(dir, 'r.model')]);
  assert.equal(r.status, 0, r.stderr);
  r = lexnet(['tagger', 'train', '--train', train, '--dev', dev, '--resume', cli, '--lr', '0.05', '--hidden', '16', '--out', join(dir, 'r2.model')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /made with --lr 0.1, this run asks for --lr 0.05/);
  assert.equal(existsSync(join(dir, 'r2.model')), false);
});

test('a damaged or foreign checkpoint is a clear error', () => {
  const ck = join(dir, 'good.ck');
  let r = lexnet(['tagger', 'train', '--train', train, '--epochs', '1', ...small, '--checkpoint', ck, '--out', join(dir, 'g.model')]);
  assert.equal(r.status, 0, r.stderr);
  const bytes = readFileSync(ck);
  const cut = writeTemp(dir, 'cut.ck', bytes.subarray(0, bytes.length - 7));
  r = lexnet(['tagger', 'train', '--train', train, '--resume', cut, '--out', join(dir, 'g2.model')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cut.ck: cut short in array "params"/);
  r = lexnet(['tagger', 'train', '--train', train, '--resume', join(dir, 'g.model'), '--out', join(dir, 'g2.model')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /g.model:1: not a lexnet-tagger-checkpoint file/);
  const text = bytes.toString('latin1');
  const broken = writeTemp(dir, 'broken.ck', Buffer.from(text.replace('"epochsDone":1', '"epochsDone":"x"'), 'latin1'));
  r = lexnet(['tagger', 'train', '--train', train, '--resume', broken, '--out', join(dir, 'g2.model')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /broken.ck: a damaged tagger checkpoint/);
  r = lexnet(['tagger', 'train', '--train', train, '--resume', join(dir, 'missing.ck'), '--out', join(dir, 'g2.model')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /missing.ck/);
  assert.equal(existsSync(join(dir, 'g2.model')), false);
});

test('--checkpoint in a folder that does not exist fails before training', () => {
  const r = lexnet(['tagger', 'train', '--train', train, '--epochs', '1', ...small, '--checkpoint', join(dir, 'nope', 'x.ck'), '--out', join(dir, 'n.model')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--checkpoint \S*nope\/x.ck: .*nope/);
  assert.doesNotMatch(r.stdout, /epoch 1/);
  assert.equal(existsSync(join(dir, 'n.model')), false);
  const same = lexnet(['tagger', 'train', '--train', train, '--epochs', '1', ...small, '--checkpoint', join(dir, 'n.model'), '--out', join(dir, 'n.model')]);
  assert.equal(same.status, 2); // a usage error
  assert.match(same.stderr, /--checkpoint and --out both name .*n.model/);
});

test('an empty dev set and a diverging run are clear errors naming the cause', async () => {
  const t = toySentences(20, 6);
  await assert.rejects(trainTagger(t, [], { quiet: true }), (e: unknown) => e instanceof LexnetError && /dev: no examples/.test(e.message));
  await assert.rejects(trainTagger(t, null, { config: { hidden: 16, wordDim: 8 }, lr: 1e30, epochs: 2, threads: 1, quiet: true }),
    (e: unknown) => e instanceof DivergenceError && /diverged at epoch 1: .*learningRate 1e\+30 is probably too large/.test(e.message));
  await assert.rejects(trainTagger(t, null, { config: { hidden: 16, wordDim: 8 }, l2: -1e3, lr: 0.5, epochs: 5, threads: 1, quiet: true }), // refused before training
    (e: unknown) => e instanceof LexnetError && e.option === 'l2' && e.message === 'l2 must be ≥ 0, got -1000');
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
