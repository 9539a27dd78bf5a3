// The long calls let the event loop run: turns of the loop (setImmediate callbacks) happen while
// they load, set up and evaluate, not only between training steps. Counts of turns, no timings:
// each test's work is long enough (hundreds of milliseconds) that a call that yields takes many turns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Random } from '../src/core/random.js';
import { loadVectors } from '../src/api/load.js';
import { readVectors, writeVectors } from '../src/io/vector-file.js';
import { WordVectors } from '../src/io/word-vectors.js';
import { vectorsModel, writeFastTextModel } from '../src/index.js';
import { trainClassifier } from '../src/classify/train.js';
import { trainTagger } from '../src/tagger/train.js';
import { Ticker } from '../src/train/abort.js';
import { fit } from '../src/train/trainer.js';
import { buildNetwork } from '../src/models/model-spec.js';
import { Matrix } from '../src/core/matrix.js';
import type { TaggedSentence } from '../src/text/conll.js';
import { tempDir } from './cli.js';

/** Counts turns of the event loop (one setImmediate callback per turn) until stopped. */
function turnCounter(): { readonly turns: number; stop(): void } {
  let turns = 0, on = true;
  const loop = (): void => {
    turns++;
    if (on) setImmediate(loop);
  };
  setImmediate(loop);
  return { get turns() { return turns; }, stop() { on = false; } };
}

function words(n: number, len: number, vocabulary: number, seed: number): string[][] {
  const r = new Random(seed);
  return Array.from({ length: n }, () => Array.from({ length: len }, () => `w${Math.floor(r.next() * vocabulary)}`));
}

test('loadVectors reads asynchronously: the event loop runs while a file loads, and the vectors are readVectors\'s', async () => {
  const dir = tempDir();
  const r = new Random(1);
  const v = new WordVectors(Array.from({ length: 3000 }, (_, i) => `word${i}`), 20, Float32Array.from({ length: 60_000 }, () => r.next() - 0.5));
  for (const name of ['v.txt', 'v.bin']) {
    const file = join(dir, name);
    writeVectors(file, v);
    const counter = turnCounter();
    const loaded = await loadVectors(file, { blockBytes: 1 << 12 }).finally(() => counter.stop()); // about 100 reads
    assert.ok(counter.turns >= 20, `${name}: ${counter.turns} turns of the event loop while loading`);
    const same = readVectors(file);
    assert.deepEqual(loaded.words, same.words);
    assert.deepEqual(loaded.data, same.data);
  }
});

test('loadVectors reads a fastText model as readVectors does', async () => {
  const wv = new WordVectors(['the', 'cat', 'él'], 3, Float32Array.from([1, 2, 3, 0.5, -1, 2, 0, 0.25, 1]));
  const p = join(tempDir(), 'model.bin');
  writeFastTextModel(p, vectorsModel(wv));
  const back = await loadVectors(p);
  assert.deepEqual(back.words, wv.words);
  assert.deepEqual(back.data, wv.data);
});

test('loadVectors gives readVectors\'s errors, and closes the file', async () => {
  const dir = tempDir();
  const file = join(dir, 'bad.txt');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, '3 2\na 1 2\nb 1 x\nc 1 2\n');
  const sync = (() => { try { readVectors(file); } catch (e) { return (e as Error).message; } return null; })();
  assert.ok(sync);
  await assert.rejects(loadVectors(file, { blockBytes: 3 }), (e: Error) => e.message === sync);
  await assert.rejects(loadVectors(join(dir, 'missing.txt')), /cannot read/);
});

test('trainClassifier lets the event loop run while it scores a large dev set', async () => {
  // 40 training texts and one epoch: almost all the work is scoring 100,000 dev texts (twice: the epoch, the result)
  const train = words(40, 8, 30, 1).map((t, i) => ({ text: t.join(' '), label: i % 2 ? 'a' : 'b' }));
  const dev = words(100_000, 12, 30, 2).map((t, i) => ({ text: t.join(' '), label: i % 2 ? 'a' : 'b' }));
  const counter = turnCounter();
  await trainClassifier(train, dev, { epochs: 1, dim: 100 }).finally(() => counter.stop());
  assert.ok(counter.turns >= 8, `${counter.turns} turns of the event loop`);
});

test('trainTagger lets the event loop run while it tags the dev set', async () => {
  const tag = (s: string[]): TaggedSentence => ({ words: s, tags: s.map((w) => (w.endsWith('1') ? 'B-X' : 'O')), lines: s.map((_, i) => i + 1) });
  const train = words(20, 8, 30, 3).map(tag), dev = words(6000, 15, 30, 4).map(tag);
  const counter = turnCounter();
  await trainTagger(train, dev, { epochs: 1, threads: 1 }).finally(() => counter.stop());
  assert.ok(counter.turns >= 8, `${counter.turns} turns of the event loop`);
});

test('fit with lbfgs lets the event loop run between its iterations', async () => {
  const r = new Random(5);
  const x = new Matrix(4000, 40, Float64Array.from({ length: 160_000 }, () => r.next() - 0.5));
  const y = Array.from({ length: 4000 }, (_, i) => (Math.floor(r.next() * 2 + 2 * x.data[i * 40]!) + 3) % 3);
  const net = buildNetwork({ kind: 'softmax', inputs: 40, outputs: 3, hidden: [], activation: 'relu', loss: 'cross-entropy' }, new Random(1));
  const counter = turnCounter();
  const res = await fit(net, x, y, { optimizer: 'lbfgs', epochs: 150, gradientTolerance: 0, l2: 1e-6 }).finally(() => counter.stop());
  assert.ok(res.history.length > 20);
  assert.ok(counter.turns >= 4, `${counter.turns} turns of the event loop in ${res.history.length} iterations`);
});

test('fit lets the event loop run while it measures the starting loss on a large training set', async () => {
  const r = new Random(6);
  const x = new Matrix(30_000, 60, Float64Array.from({ length: 1_800_000 }, () => r.next() - 0.5));
  const y = Array.from({ length: 30_000 }, (_, i) => (x.data[i * 60]! > 0 ? 1 : 0));
  const net = buildNetwork({ kind: 'mlp', inputs: 60, outputs: 2, hidden: [200], activation: 'relu', loss: 'cross-entropy' }, new Random(1));
  const counter = turnCounter();
  let before: number | null = null; // turns before the first progress event (the first training steps)
  await fit(net, x, y, { epochs: 1, onProgress: () => { before ??= counter.turns; } }).finally(() => counter.stop());
  assert.ok(before !== null && before >= 3, `${before} turns of the event loop before training began`);
});

test('Ticker.copies and setAll copy exactly, giving the event loop turns when they are due', async () => {
  const r = new Random(2);
  const a = Float64Array.from({ length: (1 << 20) * 2 + 5 }, () => r.next()), b = Float32Array.from({ length: 7 }, () => r.next());
  const ticker = new Ticker(undefined, 0); // every slice is due
  const counter = turnCounter();
  let ca: Float64Array, cb: Float32Array;
  try {
    [ca, cb] = [(await ticker.copies([a]))[0]!, (await ticker.copies([b]))[0]!];
  } finally {
    counter.stop();
  }
  assert.ok(ca instanceof Float64Array && cb instanceof Float32Array);
  assert.deepEqual(ca, a);
  assert.deepEqual(cb, b);
  assert.notEqual(ca, a);
  assert.ok(counter.turns >= 3, `${counter.turns} turns`);
  const target = new Float64Array(a.length);
  await ticker.setAll([target], [a]);
  assert.deepEqual(target, a);
});
