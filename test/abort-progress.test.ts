// Long calls: AbortSignal (rejects with an AbortError, nothing left behind), onProgress events, and plain inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../src/core/random.js';
import { mlpClassifier } from '../src/models/models.js';
import { fit } from '../src/train/trainer.js';
import { trainClassifier } from '../src/classify/train.js';
import { trainTagger } from '../src/tagger/train.js';
import { trainWord2vec } from '../src/word2vec/train.js';
import type { ProgressEvent } from '../src/train/progress-event.js';
import type { TaggedSentence } from '../src/text/conll.js';
import { tempDir } from './cli.js';

/** Sentences over a small vocabulary: `n` of them, `len` words each. */
function sentences(n: number, len: number, seed = 1): string[][] {
  const r = new Random(seed);
  return Array.from({ length: n }, () => Array.from({ length: len }, () => `w${Math.floor(r.next() * 50)}`));
}

function tagged(n: number): TaggedSentence[] {
  return sentences(n, 8).map((words) => ({ words, tags: words.map((w) => (Number(w.slice(1)) % 3 === 0 ? 'B-X' : 'O')), lines: words.map((_, i) => i + 1) }));
}

function examples(n: number): { text: string; label: string }[] {
  return sentences(n, 6).map((words) => ({ text: words.join(' '), label: words.some((w) => w === 'w1' || w === 'w2') ? 'pos' : 'neg' }));
}

function xy(n: number): { x: number[][]; y: number[] } {
  const r = new Random(2);
  const x = Array.from({ length: n }, () => [r.normal(), r.normal()]);
  return { x, y: x.map(([a, b]) => (a! + b! > 0 ? 1 : 0)) };
}

/** Asserts the events' fractions never decrease, several came, and the last is 1 (stage done). */
function checkEvents(events: ProgressEvent[], task: ProgressEvent['task']): void {
  assert.ok(events.length >= 3, `only ${events.length} progress events`);
  for (const e of events) {
    assert.equal(e.task, task);
    assert.ok(e.fraction >= 0 && e.fraction <= 1, `fraction ${e.fraction}`);
  }
  for (let i = 1; i < events.length; i++) assert.ok(events[i]!.fraction >= events[i - 1]!.fraction, `fraction went from ${events[i - 1]!.fraction} to ${events[i]!.fraction}`);
  assert.equal(events.at(-1)!.fraction, 1);
  assert.equal(events.at(-1)!.stage, 'done');
  assert.ok(events.some((e) => e.stage === 'training' && e.loss !== null && Number.isFinite(e.loss)), 'a training event with a loss');
}

/** Runs `start(signal)`, aborting at the first training event past 0; checks the AbortError. */
async function abortsMidRun(start: (signal: AbortSignal, onProgress: (e: ProgressEvent) => void) => Promise<unknown>, when: (e: ProgressEvent) => boolean = (e) => e.stage === 'training' && e.fraction > 0): Promise<void> {
  const controller = new AbortController();
  let seen = 0;
  await assert.rejects(start(controller.signal, (e) => { if (when(e) && !controller.signal.aborted) { seen++; controller.abort(); } }), (e: unknown) => {
    assert.ok(e instanceof DOMException, `not a DOMException: ${String(e)}`);
    assert.equal(e.name, 'AbortError');
    return true;
  });
  assert.equal(seen, 1, 'aborted once, from a progress event');
}

test('trainWord2vec takes an array of token arrays, reports progress, and aborts in training and while reading, leaving no temporary files', async () => {
  const tmpDir = tempDir();
  const events: ProgressEvent[] = [];
  const lines: string[] = [];
  const r = await trainWord2vec(sentences(2000, 12), { dim: 8, epochs: 3, minCount: 1, threads: 1, tmpDir, onProgress: (e) => events.push(e), log: (l) => lines.push(l) });
  assert.equal(r.vectors.size, 50);
  assert.equal(r.vectors.mostSimilar('w1', { topn: 3 }).length, 3);
  assert.equal(r.vectors.analogy('w1', 'w2', 'w3', { topn: 2 }).length, 2);
  checkEvents(events, 'word2vec');
  assert.ok(events.some((e) => e.stage === 'vocabulary' && e.vocabularySize === 50));
  assert.deepEqual(lines.map((l) => l.split(':')[0]!.split(' ')[0]), ['vocabulary', 'trained'], 'log fires at each stage end');
  // abort in training (2 threads: the workers are stopped)
  const big = sentences(20_000, 20);
  for (const threads of [1, 2]) {
    await abortsMidRun((signal, onProgress) => trainWord2vec(big, { dim: 16, epochs: 100, minCount: 1, threads, tmpDir, signal, onProgress }));
    assert.deepEqual(readdirSync(tmpDir), []);
  }
  // abort while the corpus is read: the pass yields to the event loop, so the abort lands there
  function* endless(): Generator<string[]> {
    for (let i = 0; i < 5_000_000; i++) yield ['a', 'b', 'c', `w${i % 1000}`];
  }
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  await abortsMidRun((signal, onProgress) => trainWord2vec({ name: 'endless', sentences: endless }, { minCount: 1, threads: 1, tmpDir, signal, onProgress }),
    (e) => e.stage === 'vocabulary' && (e.tokens ?? 0) > 0 && ticks > 0);
  clearInterval(timer);
  assert.deepEqual(readdirSync(tmpDir), []);
  await assert.rejects(trainWord2vec([['a', 'b'], 'not tokens' as unknown as string[]], { minCount: 1 }), /corpus\[1\]: expected an array of token strings/);
});

test('trainTagger reports progress within epochs and aborts promptly (1 and 2 threads)', async () => {
  const train = tagged(400), dev = tagged(50);
  const config = { hidden: 8, wordDim: 4, capsDim: 2, affixDim: 2 };
  const events: ProgressEvent[] = [];
  const r = await trainTagger(train, dev, { config, epochs: 3, threads: 1, batchSize: 4, onProgress: (e) => events.push(e) });
  checkEvents(events, 'tagger');
  assert.deepEqual(r.tag(['w3', 'w4']).length, 2, 'the result tags');
  assert.equal(r.tag('w3 w1 w6').length, 3);
  for (const threads of [1, 2]) {
    await abortsMidRun((signal, onProgress) => trainTagger(tagged(3000), null, { config, epochs: 200, threads, batchSize: 1, signal, onProgress }));
  }
});

test('trainClassifier takes {text, label} arrays, predicts labels with probabilities, reports progress and aborts', async () => {
  const events: ProgressEvent[] = [];
  const data = examples(300);
  const r = await trainClassifier(data, examples(60), { dim: 8, epochs: 4, onProgress: (e) => events.push(e) });
  checkEvents(events, 'classifier');
  const p = r.predict('w1 w5 w9');
  assert.ok(p.label === 'pos' || p.label === 'neg');
  assert.ok(Math.abs(p.probabilities.pos! + p.probabilities.neg! - 1) < 1e-9);
  assert.equal(r.predictBatch(['w1', ['w2', 'w3']]).length, 2);
  await abortsMidRun((signal, onProgress) => trainClassifier(examples(5000), null, { dim: 16, epochs: 1000, signal, onProgress }));
  await assert.rejects(trainClassifier([{ text: 'a', label: 'x' }, { text: 3 } as never], null), /train\[1\]: expected \{ text/);
});

test('fit takes number[][] and class labels, reports progress and aborts', async () => {
  const { x, y } = xy(400);
  const events: ProgressEvent[] = [];
  const net = mlpClassifier(2, [8], 2, 'tanh', new Random(1));
  const res = await fit(net, x, y, { epochs: 5, onProgress: (e) => events.push(e) });
  assert.equal(res.history.length, 5);
  checkEvents(events, 'fit');
  await abortsMidRun((signal, onProgress) => fit(mlpClassifier(2, [64], 2, 'tanh', new Random(1)), xy(5000).x, xy(5000).y, { epochs: 10_000, batchSize: 1, signal, onProgress }));
  // an abort before the call starts rejects at once
  await assert.rejects(fit(net, x, y, { signal: AbortSignal.abort() }), { name: 'AbortError' });
});

test("import 'lexnet' does not load cli-progress (the library never draws a bar)", () => {
  const index = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../src/index.js');
  const bar = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../src/cli/progress-bar.js');
  const probe = (module: string): string => spawnSync(process.execPath, ['--input-type=module', '-e',
    `import { createRequire } from 'node:module'; await import(${JSON.stringify(module)}); const r = createRequire(import.meta.url); console.log(Object.keys(r.cache).some((k) => k.includes('cli-progress')))`], { encoding: 'utf8' }).stdout.trim();
  assert.equal(probe(bar), 'true', 'the probe sees cli-progress when it is loaded');
  assert.equal(probe(index), 'false');
});

test('library errors name options as the API does; the CLI puts its flags in', async () => {
  const { LexnetError } = await import('../src/io/errors.js');
  const { cliMessage, flagOf } = await import('../src/cli/option-flags.js');
  assert.equal(flagOf('minCount', 'word2vec'), '--min-count');
  assert.equal(flagOf('learningRate', 'word2vec'), '--alpha');
  assert.equal(flagOf('learningRate', 'tagger train'), '--lr');
  assert.equal(flagOf('wordDim', 'tagger train'), '--dim');
  const e = new LexnetError('model average needs vectors: its features are averaged word embeddings', { option: 'vectors', mentions: ['model'] });
  assert.equal(cliMessage(e, 'classify train'), '--kind average needs --vectors: its features are averaged word embeddings');
  assert.equal(cliMessage(new LexnetError('negative must be ≥ 1 with loss "negative"', { option: 'negative' }), 'word2vec'), '--negative must be ≥ 1 with loss "negative"');
  // the library's own messages carry no flags
  await assert.rejects(trainClassifier(examples(20), null, { model: 'average' }), (err: unknown) =>
    err instanceof LexnetError && err.option === 'vectors' && !err.message.includes('--'));
  await assert.rejects(trainWord2vec([['a', 'b']], { dim: 0 }), (err: unknown) => err instanceof LexnetError && err.option === 'dim' && err.message === 'dim must be a whole number in [1, 100000], got 0');
});
