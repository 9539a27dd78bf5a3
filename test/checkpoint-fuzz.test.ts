import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Random } from '../src/index.js';
import { LexnetError } from '../src/io/errors.js';
import { loadTaggerCheckpoint } from '../src/tagger/checkpoint.js';
import { trainTagger } from '../src/tagger/train.js';
import { loadClassifierCheckpoint } from '../src/classify/checkpoint.js';
import { sweepL2, trainClassifier } from '../src/classify/train.js';
import type { TaggedSentence } from '../src/text/conll.js';
import type { LabelledData } from '../src/text/labelled.js';
import { WordVectors } from '../src/io/word-vectors.js';
import { tempDir } from './cli.js';

/** Fixed so CI is reproducible; LEXNET_FUZZ_SEED and LEXNET_FUZZ_SCALE hunt further. */
const FUZZ_SEED = Number(process.env.LEXNET_FUZZ_SEED ?? 20261122);
const FUZZ_SCALE = Number(process.env.LEXNET_FUZZ_SCALE ?? 1);

const dir = tempDir();

/** Loading either succeeds or throws a LexnetError, never another exception. */
function onlyLexnetErrors(load: () => unknown): void {
  try {
    load();
  } catch (e) {
    if (!(e instanceof LexnetError)) throw e;
  }
}

/** A checkpoint with its header's JSON changed at one place (any key but the array index) to an arbitrary JSON value. */
function mutated(bytes: Buffer, seed: number, value: unknown): Buffer {
  const first = bytes.indexOf(10), second = bytes.indexOf(10, first + 1);
  const header = JSON.parse(bytes.subarray(first + 1, second).toString('utf8'));
  const slots: [Record<string, unknown>, string][] = [];
  const walk = (o: unknown, depth: number): void => {
    if (typeof o !== 'object' || o === null || depth > 3) return;
    for (const k of Object.keys(o)) {
      if (depth === 0 && k === 'arrays') continue;
      slots.push([o as Record<string, unknown>, k]);
      walk((o as Record<string, unknown>)[k], depth + 1);
    }
  };
  walk(header, 0);
  const [o, k] = slots[seed % slots.length]!;
  o[k] = value;
  return Buffer.concat([bytes.subarray(0, first + 1), Buffer.from(JSON.stringify(header)), bytes.subarray(second)]);
}

function sentences(n: number): TaggedSentence[] {
  const r = new Random(1);
  return Array.from({ length: n }, () => ({ words: ['we', 'met', 'John', ['Lee', 'Khan'][r.int(2)]!, '.'], tags: ['O', 'O', 'B-PER', 'I-PER', 'O'], lines: [1, 2, 3, 4, 5] }));
}

test('tagger checkpoints: any byte string or damaged header loads or is a LexnetError', async () => {
  const ck = join(dir, 't.ck');
  await trainTagger(sentences(10), sentences(3), { config: { hidden: 8, wordDim: 4, capsDim: 2, affixDim: 2 }, epochs: 1, threads: 1, quiet: true, checkpoint: ck });
  const good = readFileSync(ck);
  const path = join(dir, 'fuzz.ck');
  fc.assert(fc.property(fc.nat(), fc.jsonValue(), (seed, value) => {
    writeFileSync(path, mutated(good, seed, value));
    onlyLexnetErrors(() => loadTaggerCheckpoint(path));
  }), { numRuns: 300 * FUZZ_SCALE, seed: FUZZ_SEED });
  // issue 19: whatever loads is a model the loader accepts: distinct tags, counters ≥ 0, finite weights
  fc.assert(fc.property(fc.nat(), fc.constantFrom<unknown>(-1, -0.5, 1e308, 'O', ['O', 'O'], ['O', 'B-PER', 'B-PER'], [], 3.5), (seed, value) => {
    writeFileSync(path, mutated(good, seed, value));
    try {
      const c = loadTaggerCheckpoint(path);
      assert.equal(new Set(c.tags).size, c.tags.length, 'a duplicated tag loaded');
      assert.ok(c.steps >= 0 && c.epochsDone >= 0 && c.tags.length >= 2, 'a negative counter or a single tag loaded');
      assert.ok(c.params.every(Number.isFinite));
    } catch (e) {
      if (!(e instanceof LexnetError)) throw e;
    }
  }), { numRuns: 300 * FUZZ_SCALE, seed: FUZZ_SEED });
  // any single weight set to NaN or ±Infinity is refused
  const paramsAt = good.length - 4 * loadTaggerCheckpoint(ck).params.length;
  fc.assert(fc.property(fc.nat(), fc.constantFrom(NaN, Infinity, -Infinity), (i, v) => {
    const bytes = Buffer.from(good);
    const at = paramsAt + 4 * (i % ((good.length - paramsAt) / 4));
    bytes.writeFloatLE(v, at);
    writeFileSync(path, bytes);
    try {
      loadTaggerCheckpoint(path);
      assert.fail('a non-finite weight loaded');
    } catch (e) {
      if (!(e instanceof LexnetError)) throw e;
    }
  }), { numRuns: 50 * FUZZ_SCALE, seed: FUZZ_SEED });
  fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(), (junk, cut) => {
    writeFileSync(path, Buffer.concat([good.subarray(0, cut % good.length), junk]));
    onlyLexnetErrors(() => loadTaggerCheckpoint(path));
  }), { numRuns: 200 * FUZZ_SCALE, seed: FUZZ_SEED });
});

test('classifier checkpoints (single runs, sweeps, average/mlp): damaged ones load or are a LexnetError', async () => {
  const r = new Random(2);
  const texts = Array.from({ length: 30 }, () => [['good', 'bad'][r.int(2)]!, 'film']);
  const data: LabelledData = { name: 'd', texts, labels: texts.map((t) => (t[0] === 'good' ? 'pos' : 'neg')), lines: texts.map((_, i) => i + 1) };
  const single = join(dir, 'c1.ck'), sweep = join(dir, 'c2.ck'), mlp = join(dir, 'c3.ck');
  await trainClassifier(data, data, { model: 'fasttext', dim: 4, epochs: 2, checkpoint: single });
  await sweepL2(data, data, { model: 'fasttext', dim: 4, epochs: 1, checkpoint: sweep }, [0, 0.1]);
  const vectors = new WordVectors(['good', 'bad', 'film'], 2, Float32Array.from([1, 0, 0, 1, 0.5, 0.5]));
  await trainClassifier(data, data, { model: 'mlp', vectors, hidden: [3], epochs: 2, checkpoint: mlp });
  const path = join(dir, 'fuzz.ck');
  // found by a random run: a huge optimizer-array count in the header was a RangeError, not a LexnetError
  writeFileSync(path, mutated(readFileSync(mlp), 410908036, 4497932668580144));
  onlyLexnetErrors(() => loadClassifierCheckpoint(path));
  for (const good of [readFileSync(single), readFileSync(sweep), readFileSync(mlp)]) {
    fc.assert(fc.property(fc.nat(), fc.jsonValue(), (seed, value) => {
      writeFileSync(path, mutated(good, seed, value));
      onlyLexnetErrors(() => loadClassifierCheckpoint(path));
    }), { numRuns: 300 * FUZZ_SCALE, seed: FUZZ_SEED });
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
