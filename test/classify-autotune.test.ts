// autotuneClassifier and `lexnet classify autotune`: fastText's search strategy (first trial at the
// defaults, Gaussian perturbations of the best so far, narrowing with time), trials scored on dev,
// the budget stopping a trial in progress, and the CLI's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AUTOTUNE_KINDS, AUTOTUNE_OPTIONS, autotuneClassifier, isAbortError, LexnetError, loadClassifier, Random, testClassifier, type ProgressEvent } from '../src/index.js';
import { AutotuneStrategy, gaussSigma, MINN_CHOICES, type SearchKey, type SearchPoint } from '../src/classify/autotune-strategy.js';
import { lexnet, tempDir, writeTemp } from './cli.js';
import { asFlags } from '../src/cli/classify-autotune.js';

const dir = tempDir();

function examples(n: number, seed: number): { text: string[]; label: string }[] {
  let s = seed;
  const rnd = (k: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % k;
  const words: Record<string, string[]> = { a: ['sun', 'happy', 'bright', 'warm', 'joy'], b: ['rain', 'sad', 'dark', 'cold', 'gloom'], c: ['cat', 'dog', 'bird', 'fish', 'cow'] };
  const common = ['the', 'is', 'it', 'very', 'so', 'and'];
  return Array.from({ length: n }, () => {
    const label = 'abc'[rnd(3)]!;
    return { label, text: [words[label]![rnd(5)]!, common[rnd(6)]!, common[rnd(6)]!, words['abc'[rnd(3)]!]![rnd(5)]!] };
  });
}
const train = examples(300, 3), dev = examples(80, 7);
const asLines = (d: { text: string[]; label: string }[]) => d.map((e) => `__label__${e.label} ${e.text.join(' ')}`).join('\n') + '\n';

const START: SearchPoint = { epochs: 10, learningRate: 0.2, dim: 100, wordNgrams: 2, dsub: 2, minn: 0, maxn: 0, bucket: 2_000_000, loss: 'softmax' };

test('the strategy: trial 1 at the start, then perturbations of the best of only the searched settings, within fastText\'s ranges and the declared ones', () => {
  const searched = new Set<SearchKey>(['epochs', 'learningRate', 'dim', 'wordNgrams']);
  const s = new AutotuneStrategy(START, searched, new Random(5), { wordNgrams: [1, 2], dim: [1, 10_000] });
  assert.deepEqual(s.ask(0), START);
  const seen = { epochs: new Set<number>(), wordNgrams: new Set<number>() };
  for (let i = 0; i < 300; i++) {
    const p = s.ask(i / 300);
    assert.ok(Number.isInteger(p.epochs) && p.epochs >= 1 && p.epochs <= 100, `epochs ${p.epochs}`);
    assert.ok(p.learningRate >= 0.01 && p.learningRate <= 5, `lr ${p.learningRate}`);
    assert.ok(Number.isInteger(p.dim) && p.dim >= 1 && p.dim <= 1000, `dim ${p.dim}`);
    assert.ok(p.wordNgrams === 1 || p.wordNgrams === 2, `wordNgrams ${p.wordNgrams}`);
    assert.deepEqual([p.dsub, p.minn, p.maxn, p.bucket, p.loss], [2, 0, 0, 2_000_000, 'softmax']); // not searched: as they were
    seen.epochs.add(p.epochs);
    seen.wordNgrams.add(p.wordNgrams);
  }
  assert.ok(seen.epochs.size > 10 && seen.wordNgrams.size === 2);
  // the same seed, the same trials
  const a = new AutotuneStrategy(START, searched, new Random(9)), b = new AutotuneStrategy(START, searched, new Random(9));
  for (let i = 0; i < 5; i++) assert.deepEqual(a.ask(0.1 * i), b.ask(0.1 * i));
  // perturbations are around the best: a best of 80 epochs draws larger values than a best of 2
  const around = (epochs: number) => {
    const st = new AutotuneStrategy({ ...START, epochs }, new Set<SearchKey>(['epochs']), new Random(1));
    st.ask(0);
    return Array.from({ length: 200 }, () => st.ask(0.9).epochs).sort((x, y) => x - y)[100]!;
  };
  assert.ok(around(80) > 4 * around(2), `${around(80)} vs ${around(2)}`);
});

test('the strategy: the spread narrows over the middle half of the budget; minn/maxn, bucket and loss follow fastText\'s rules', () => {
  assert.equal(gaussSigma(2.8, 2.5, 0), 2.8);
  assert.equal(gaussSigma(2.8, 2.5, 0.25), 2.8);
  assert.ok(Math.abs(gaussSigma(2.8, 2.5, 0.5) - 2.65) < 1e-12);
  assert.equal(gaussSigma(2.8, 2.5, 0.75), 2.5);
  assert.equal(gaussSigma(2.8, 2.5, 1), 2.5);
  const all = new Set<SearchKey>(['epochs', 'learningRate', 'dim', 'wordNgrams', 'dsub', 'minn', 'maxn', 'bucket', 'loss']);
  const s = new AutotuneStrategy({ ...START, loss: 'ova' }, all, new Random(3), {}, true);
  s.ask(0);
  let zero = 0;
  for (let i = 0; i < 300; i++) {
    const p = s.ask(0.5);
    assert.ok((MINN_CHOICES as readonly number[]).includes(p.minn));
    assert.equal(p.maxn, p.minn === 0 ? 0 : p.minn + 3);
    assert.ok([2, 4, 8, 16].includes(p.dsub), `dsub ${p.dsub}`);
    assert.equal(p.loss, 'softmax');
    if (p.wordNgrams <= 1 && p.maxn === 0) { assert.equal(p.bucket, 0); zero++; } else assert.ok(p.bucket >= 10_000 && p.bucket <= 10_000_000);
  }
  assert.ok(zero > 0);
});

test('autotuneClassifier: trial 1 at the defaults, each trial scored on dev, options given are fixed, the best model returned, progress per trial', async () => {
  const events: ProgressEvent[] = [];
  const r = await autotuneClassifier(train, dev, { kind: 'fasttext', duration: 4, seed: 2, dim: 16, onProgress: (e) => events.push(e) });
  assert.deepEqual(r.trials[0]!.options, { epochs: 10, learningRate: 0.2, bigrams: true });
  assert.ok(r.trials.length >= 2, `${r.trials.length} trials`);
  for (const t of r.trials) assert.ok(!('dim' in t.options));
  const done = r.trials.filter((t) => t.status === 'done');
  assert.equal(r.score, Math.max(...done.map((t) => t.score!)));
  assert.ok(r.trials.filter((t) => t.status === 'stopped').length <= 1);
  // the score is the model's dev F1 (P@1 = R@1 = F1 with one label per example)
  assert.equal(r.score, testClassifier(r.model, dev).f1);
  assert.equal((r.model.classifier as { model: { dim: number } }).model.dim, 16);
  // one event at the end of each trial, the fraction never decreasing, then done
  assert.deepEqual(events.filter((e) => e.trialScore !== undefined).map((e) => e.trial), r.trials.map((t) => t.trial));
  for (let i = 1; i < events.length; i++) assert.ok(events[i]!.fraction >= events[i - 1]!.fraction);
  assert.equal(events.at(-1)!.stage, 'done');
  assert.equal(events.at(-1)!.devScore, r.score);
  // accuracy as the metric
  const acc = await autotuneClassifier(train, dev, { kind: 'fasttext', duration: 2, metric: 'accuracy', epochs: 3 });
  assert.equal(acc.score, acc.model.devAccuracy);
  for (const t of acc.trials) assert.equal(t.options.epochs, undefined);
});

const noSupervised = AUTOTUNE_KINDS.includes('supervised') ? false : 'this build has no supervised kind (fastText\'s model in the kernels)';

test('autotuneClassifier with fastText\'s supervised model: trial 1 at its declared defaults, then fastText\'s rules for n-grams, buckets and loss; options given stay fixed', { skip: noSupervised }, async () => {
  const r = await autotuneClassifier(train, dev, { kind: 'supervised', duration: 3, threads: 1, seed: 1, dim: 20 } as Parameters<typeof autotuneClassifier>[2]);
  const declared = AUTOTUNE_OPTIONS as unknown as Record<string, { default?: unknown }>;
  const defaults = Object.fromEntries(['wordNgrams', 'minn', 'maxn', 'bucket', 'loss'].map((k) => [k, declared[k]!.default]));
  assert.deepEqual(r.trials[0]!.options, { epochs: 5, learningRate: 0.1, ...defaults });
  for (const t of r.trials.slice(1)) {
    const o = t.options as { minn: number; maxn: number; wordNgrams: number; bucket: number; loss: string };
    assert.ok(!('dim' in o) && !('bigrams' in o));
    assert.equal(o.loss, 'softmax');
    assert.equal(o.maxn, o.minn === 0 ? 0 : o.minn + 3);
    if (o.wordNgrams <= 1 && o.maxn === 0) assert.equal(o.bucket, 0);
  }
  assert.equal(r.model.classifier.kind, 'supervised');
  assert.equal(r.score, testClassifier(r.model, dev).f1);
});

test('autotuneClassifier: the budget stops the trial in progress; no finished trial is an error naming duration; the caller\'s abort rejects', async () => {
  await assert.rejects(autotuneClassifier(train, dev, { kind: 'fasttext', duration: 0.05, epochs: 100, patience: 100 }), (e: unknown) => {
    assert.ok(e instanceof LexnetError);
    assert.equal(e.option, 'duration');
    assert.match(e.message, /no trial finished within duration 0.05 s \(1 trial stopped\): give the search more time/);
    return true;
  });
  // trials whose loss diverges are skipped, as fastText skips them
  await assert.rejects(autotuneClassifier(train, dev, { kind: 'fasttext', duration: 1, learningRate: 1e9 }), (e: unknown) => {
    assert.ok(e instanceof LexnetError);
    assert.match(e.message, /no trial finished within duration 1 s \(\d+ trials diverged(, 1 trial stopped)?\); the first divergence: .*epoch 1/);
    return true;
  });
  const c = new AbortController();
  const p = autotuneClassifier(train, dev, { kind: 'fasttext', duration: 60, epochs: 100, patience: 100, signal: c.signal, onProgress: () => c.abort() });
  await assert.rejects(p, (e: unknown) => isAbortError(e));
  await assert.rejects(autotuneClassifier(train, dev, { metric: 'f1:zz' as 'f1' }), /metric f1:zz: no label "zz" in the training data \(its labels: a, b, c\)/);
  await assert.rejects(autotuneClassifier(train, dev, { metric: 'f2' as 'f1' }), /metric must be one of f1, accuracy, precisionAtK, recallAtK or f1:LABEL, got "f2"/);
  await assert.rejects(autotuneClassifier(train, dev, { duration: 0 }), /duration must be in \(0, 10000000\], got 0/);
  await assert.rejects(autotuneClassifier(train, dev, { kind: 'fasttext', wordNgrams: 2 } as Parameters<typeof autotuneClassifier>[2]), noSupervised ? /unknown option "wordNgrams"/ : /wordNgrams applies to kind supervised \(fastText's model\); this search trains kind fasttext/);
  await assert.rejects(autotuneClassifier(train, dev, { kind: 'mlp' as 'fasttext' }), /kind must be one of (\w+, )*fasttext(, \w+)*, got "mlp"/);
});

test('lexnet classify autotune writes the best model and prints its settings as flags and its dev score; --json has every trial', async () => {
  const trainFile = writeTemp(dir, 'train.txt', asLines(train)), devFile = writeTemp(dir, 'dev.txt', asLines(dev));
  const out = join(dir, 'best.model');
  const r = lexnet(['classify', 'autotune', '--train', trainFile, '--dev', devFile, '--duration', '3', '--kind', 'fasttext', '--out', out, '--dim', '16', '--quiet']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^best: trial \d+ of \d+: --kind fasttext --epochs \d+ --lr [\d.e-]+( --no-bigrams)?\ndev f1: [01]\.\d{4}.*\nmodel saved to /);
  assert.doesNotMatch(r.stdout, /trial 1:/); // per-trial lines are progress: hidden by --quiet
  assert.ok(existsSync(out));
  const model = await loadClassifier(out);
  assert.deepEqual(model.labels, ['a', 'b', 'c']);
  const j = lexnet(['classify', 'autotune', '--train', trainFile, '--dev', devFile, '--duration', '2', '--kind', 'fasttext', '--out', out, '--metric', 'accuracy', '--no-bigrams', '--json']);
  assert.equal(j.status, 0, j.stderr);
  const s = JSON.parse(j.stdout) as { metric: string; score: number; devAccuracy: number; options: Record<string, unknown>; trials: { options: Record<string, unknown> }[] };
  assert.equal(s.metric, 'accuracy');
  assert.equal(s.score, s.devAccuracy);
  assert.ok(s.trials.every((t) => t.options.bigrams === undefined));
  const bad = lexnet(['classify', 'autotune', '--train', trainFile, '--dev', devFile, '--metric', 'f2']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--metric must be one of f1, accuracy, precisionAtK, recallAtK or f1:LABEL, got "f2"/);
});

test('the best settings print as classify train flags: whole numbers in full, rates to 6 digits, a false switch as --no-', () => {
  assert.equal(asFlags({ bucket: 1_291_893, learningRate: 0.36687004906596005, wordNgrams: 2, bigrams: false, loss: 'softmax' }), '--bucket 1291893 --lr 0.36687 --word-ngrams 2 --no-bigrams --loss softmax');
});
