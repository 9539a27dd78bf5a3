// fastText's supervised model trained in the kernels: the result is a FastTextClassifier whose
// predictions follow from the rows it was trained on; seeded single-thread runs are identical;
// threads, losses, multi-label lines and the label prefix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../src/core/random.js';
import { trainAndScore, trainSupervised } from '../src/fasttext/supervised-train.js';
import { buildSupervisedDictionary, encodeLines, pushWordNgrams, splitFastTextLine } from '../src/fasttext/supervised-data.js';
import { DenseRows } from '../src/fasttext/quantized-matrix.js';
import { FastTextClassifier } from '../src/fasttext/supervised-model.js';
import { hiddenOf } from '../src/fasttext/supervised-reference.js';
import { fastTextHash } from '../src/fasttext/hash.js';
import { WordVectors } from '../src/io/word-vectors.js';
import { SUPERVISED_ONLY_OPTIONS, type SupervisedOnlyOptions } from '../src/fasttext/supervised-options.js';
import type { ClassifyOptions, SupervisedOptions } from '../src/index.js';

const POS = ['good', 'great', 'fine', 'lovely', 'superb', 'nice'];
const NEG = ['bad', 'awful', 'poor', 'dull', 'boring', 'weak'];
const FILL = ['the', 'film', 'was', 'a', 'plot', 'and', 'very', 'quite'];

/** Lines of fastText's format: a sentiment word or two among filler words. */
function lines(n: number, seed: number): string[] {
  const rng = new Random(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rng.next() * a.length)]!;
  return Array.from({ length: n }, () => {
    const pos = rng.next() < 0.5;
    const words = Array.from({ length: 5 }, () => pick(FILL));
    words.splice(Math.floor(rng.next() * 5), 0, pick(pos ? POS : NEG));
    return `__label__${pos ? 'pos' : 'neg'} ${words.join(' ')}`;
  });
}

const accuracy = (c: FastTextClassifier, data: readonly string[]): number =>
  data.filter((l) => { const { words, labels } = splitFastTextLine(l, '__label__'); return c.predict(words.join(' '))[0]?.label === labels[0]; }).length / data.length;

const train = lines(600, 1), dev = lines(200, 2);

for (const loss of ['softmax', 'ns', 'hs', 'ova'] as const) {
  test(`${loss}: learns a separable task and returns a FastTextClassifier`, async () => {
    const r = await trainSupervised(train, { loss, dim: 10, epochs: 5, learningRate: 0.5, threads: 1, wordNgrams: 2, bucket: 1000 });
    assert.ok(r.classifier instanceof FastTextClassifier);
    assert.deepEqual([...r.classifier.labels].sort(), ['__label__neg', '__label__pos']);
    assert.equal(r.classifier.args.loss, { softmax: 3, ns: 2, hs: 1, ova: 4 }[loss]);
    assert.ok(accuracy(r.classifier, dev) > 0.95, `dev accuracy ${accuracy(r.classifier, dev)}`);
    const top = r.classifier.predict('a great film', { k: 2 });
    assert.equal(top[0]!.label, '__label__pos');
  });
}

test('threads: 1 with a seed gives the same model every run; another seed another model', async () => {
  const o = { dim: 8, epochs: 2, threads: 1, seed: 7, wordNgrams: 2, bucket: 500 } as const;
  const a = await trainSupervised(train, o), b = await trainSupervised(train, o), c = await trainSupervised(train, { ...o, seed: 8 });
  const bytes = (r: typeof a) => {
    const m = r.classifier as unknown as { input: DenseRows; out: DenseRows };
    return [Buffer.from(m.input.data.buffer, m.input.data.byteOffset, m.input.data.byteLength), Buffer.from(m.out.data.buffer, m.out.data.byteOffset, m.out.data.byteLength)];
  };
  assert.ok(bytes(a)[0]!.equals(bytes(b)[0]!) && bytes(a)[1]!.equals(bytes(b)[1]!), 'two seeded single-thread runs differ');
  assert.ok(!bytes(a)[1]!.equals(bytes(c)[1]!));
});

test('two threads (Hogwild workers) learn the task too', async () => {
  const r = await trainSupervised(train, { dim: 10, epochs: 5, learningRate: 0.5, threads: 2 });
  assert.equal(r.threads, 2);
  assert.ok(accuracy(r.classifier, dev) > 0.95);
});

test('predict sees the rows training encoded: words, character n-grams, word n-grams and </s>', async () => {
  const settings = { minCount: 1, minCountLabel: 0, wordNgrams: 3, bucket: 997, minn: 2, maxn: 4 };
  const r = await trainSupervised(train, { ...settings, dim: 6, epochs: 1, threads: 1 });
  const c = r.classifier;
  const parsed = train.slice(0, 5).map((l) => splitFastTextLine(l, '__label__'));
  const d = buildSupervisedDictionary(parsed, settings);
  const input = (c as unknown as { input: DenseRows }).input, output = (c as unknown as { out: DenseRows }).out;
  // an unknown word (n-grams only) and known ones
  for (const text of ['the film was zzgood', 'boring plot']) {
    const e = encodeLines([{ words: text.split(' '), labels: [] }], c.dictionary, settings);
    const h = hiddenOf({ dim: 6, input: Float64Array.from(input.data), output: new Float64Array(0) }, Array.from(e.rowIds));
    const scores = [0, 1].map((i) => h.reduce((s, x, j) => s + x * output.data[i * 6 + j]!, 0));
    const z = scores.reduce((s, x) => s + Math.exp(x), 0);
    const p = c.predict(text, { k: 2 });
    for (const { label, probability } of p) {
      const i = c.labels.indexOf(label);
      assert.ok(Math.abs(probability - Math.exp(scores[i]!) / z) < 1e-4, `${text}: ${label} ${probability} vs ${Math.exp(scores[i]!) / z}`);
    }
  }
  assert.ok(d.entries.some((x) => x.word === '</s>'));
});

test('multi-label lines: ova learns every label of a line; the label prefix is an option', async () => {
  const rng = new Random(3);
  const data = Array.from({ length: 800 }, () => {
    const a = rng.next() < 0.5, b = rng.next() < 0.5;
    const words = ['x', 'y', 'z', a ? 'apple' : 'stone', b ? 'blue' : 'green'];
    const labels = [a ? '#fruit' : '#rock', ...(b ? ['#sky'] : [])];
    return `${labels.join(' ')} ${words.join(' ')}`;
  });
  const r = await trainSupervised(data, { loss: 'ova', labelPrefix: '#', dim: 8, epochs: 10, learningRate: 0.5, threads: 1 });
  assert.deepEqual([...r.classifier.labels].sort(), ['#fruit', '#rock', '#sky']);
  const p = r.classifier.predict('x apple blue', { k: Infinity, threshold: 0.5 }).map((x) => x.label).sort();
  assert.deepEqual(p, ['#fruit', '#sky']);
  const q = r.classifier.predict('z stone green', { k: Infinity, threshold: 0.5 }).map((x) => x.label);
  assert.deepEqual(q, ['#rock']);
});

test('refusals: one label, minn above maxn', async () => {
  await assert.rejects(trainSupervised(['__label__a x y', '__label__a z'], { threads: 1 }), /only one label/);
  await assert.rejects(trainSupervised(train, { minn: 5, maxn: 3 }), /minn 5 is more than maxn 3/);
  await assert.rejects(trainSupervised(train, { loss: 'nope' as 'ns' }), /loss/);
});

test('word n-gram buckets: the 32-bit-halves product equals fastText\'s unsigned 64-bit arithmetic', () => {
  const rng = new Random(9);
  for (const bucket of [997, 100_000, 2_000_000, 2 ** 26, 2 ** 31 - 1]) {
    for (let t = 0; t < 300; t++) {
      const hashes = Array.from({ length: 6 }, () => (rng.next() * 2 ** 32) | 0);
      const got: number[] = [];
      pushWordNgrams(hashes, 4, bucket, 0, got);
      const want: number[] = [];
      for (let i = 0; i < hashes.length; i++) {
        let h = BigInt.asUintN(64, BigInt(hashes[i]!));
        for (let j = i + 1; j < hashes.length && j < i + 4; j++) {
          h = BigInt.asUintN(64, h * 116049371n + BigInt.asUintN(64, BigInt(hashes[j]!)));
          want.push(Number(h % BigInt(bucket)));
        }
      }
      assert.deepEqual(got, want, `bucket ${bucket}, hashes ${hashes}`);
    }
  }
});

test('encoded lines: each line\'s word n-gram rows are fastText\'s unsigned 64-bit buckets of its words\' hashes (</s> last), for 2 … 4 words and small and large buckets', () => {
  const rng = new Random(11);
  const word = (): string => Array.from({ length: 1 + Math.floor(rng.next() * 6) }, () => 'abcdefghé'[Math.floor(rng.next() * 9)]).join('');
  const text = Array.from({ length: 60 }, (_, i) => `__label__${i % 3} ${Array.from({ length: Math.floor(rng.next() * 7) }, word).join(' ')}`);
  const lines = text.map((l) => splitFastTextLine(l, '__label__'));
  for (const wordNgrams of [2, 3, 4]) {
    for (const bucket of [997, 2_000_000, 2 ** 31 - 1]) {
      const s = { minCount: 1, minCountLabel: 1, wordNgrams, bucket, minn: 0, maxn: 0 };
      const d = buildSupervisedDictionary(lines, s);
      const e = encodeLines(lines, d, s);
      lines.forEach((line, i) => {
        const hashes = [...line.words, '</s>'].map((w) => fastTextHash(new TextEncoder().encode(w)) | 0);
        const want: number[] = [];
        for (let a = 0; a < hashes.length; a++) {
          let h = BigInt.asUintN(64, BigInt(hashes[a]!));
          for (let b = a + 1; b < hashes.length && b < a + wordNgrams; b++) {
            h = BigInt.asUintN(64, h * 116049371n + BigInt.asUintN(64, BigInt(hashes[b]!)));
            want.push(d.nwords + Number(h % BigInt(bucket)));
          }
        }
        const got = [...e.rowIds.subarray(e.rowOffsets[i]! + hashes.length, e.rowOffsets[i + 1]!)];
        assert.deepEqual(got, want, `wordNgrams ${wordNgrams}, bucket ${bucket}, line ${i}`);
      });
    }
  }
});

test('the kernels\' precision at 1 (train and dev) is what FastTextClassifier.predict gives, for every loss (with workers: counted by them once all have trained)', async () => {
  const noisy = [...lines(300, 5).map((l, i) => (i % 4 === 0 ? l.replace(/__label__(pos|neg)/, (_m, x: string) => `__label__${x === 'pos' ? 'neg' : 'pos'}`) : l)), '__label__pos', 'no label here'];
  const parse = (d: readonly string[]) => d.map((l) => splitFastTextLine(l, '__label__'));
  // (ova on several threads can leave two labels exactly tied on a line, a tie the kernel and predict break differently: left out)
  for (const [loss, threads] of [['softmax', 1], ['ns', 1], ['hs', 1], ['ova', 1], ['softmax', 2], ['softmax', 3], ['hs', 2]] as const) {
    const r = await trainAndScore(noisy, { loss, dim: 6, epochs: 2, threads, wordNgrams: 2, bucket: 300 }, [parse(dev)]);
    const p1 = (d: readonly string[]) => parse(d).filter(({ words, labels }) => labels.includes(r.classifier.predict(words.join(' '))[0]?.label ?? '')).length / d.length;
    assert.equal(r.precisions[0], p1(noisy), `${loss}: train`);
    assert.equal(r.precisions[1], p1(dev), `${loss}: dev`);
    // and each dev line's top label, as the kernels found it, is predict's
    assert.deepEqual([...r.topLabels[0]!].map((t) => r.classifier.labels[t]), parse(dev).map(({ words }) => r.classifier.predict(words.join(' '))[0]?.label), `${loss}: dev top labels`);
  }
});

test('an aborted run rejects with the signal\'s reason, and progress events come as the tokens go', async () => {
  const big = Array.from({ length: 40 }, () => train).flat();
  const controller = new AbortController();
  const events: number[] = [];
  const run = trainSupervised(big, {
    dim: 50, epochs: 50, threads: 2, signal: controller.signal,
    onProgress: (e) => { events.push(e.fraction); if (events.length === 2) controller.abort(new Error('enough')); },
  });
  await assert.rejects(run, /enough/);
  assert.ok(events.length >= 2 && events.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= events[i - 1]!)));
});

test('pretrained vectors: the rows of the words they hold start from them, dim defaults to theirs', async () => {
  const vectors = new WordVectors(['film', 'good', 'absent'], 3, Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]));
  const r = await trainSupervised(train, { vectors, epochs: 1, learningRate: 1e-9, threads: 1 });
  const c = r.classifier as unknown as { input: DenseRows; args: { dim: number } };
  assert.equal(c.args.dim, 3);
  const row = (w: string) => Array.from(c.input.data.subarray(r.classifier.dictionary.entries.findIndex((e) => e.word === w) * 3).subarray(0, 3));
  row('film').forEach((x, j) => assert.ok(Math.abs(x - [1, 2, 3][j]!) < 1e-5));
  row('good').forEach((x, j) => assert.ok(Math.abs(x - [4, 5, 6][j]!) < 1e-5));
  assert.ok(row('the').every((x) => Math.abs(x) <= 1 / 3));
});

test('a diverging run is refused naming the learning rate', async () => {
  await assert.rejects(trainSupervised(train, { learningRate: 1e30, dim: 4, threads: 2 }), (e: Error & { option?: string }) => e.option === 'learningRate' && /diverged/.test(e.message));
});

test('with workers, each fills its share of the input rows before training: every row starts uniform in [−1/dim, 1/dim]', async () => {
  const r = await trainSupervised(train, { dim: 4, epochs: 1, learningRate: 1e-9, threads: 2, wordNgrams: 2, bucket: 20_000 });
  const data = (r.classifier as unknown as { input: DenseRows }).input.data;
  assert.equal(data.length, (r.classifier.dictionary.nwords + 20_000) * 4);
  assert.ok(data.every((x) => x !== 0 && Math.abs(x) <= 0.25), 'a row left unfilled or out of range');
  const half = data.length / 2;
  assert.ok(Math.abs(data.subarray(0, half).reduce((s, x) => s + x, 0)) < 0.01 * half && Math.abs(data.subarray(half).reduce((s, x) => s + x, 0)) < 0.01 * half);
});

test('fastText\'s own settings are declared once: trainSupervised\'s and trainClassifier\'s options both take SupervisedOnlyOptions, named as SUPERVISED_ONLY_OPTIONS', () => {
  // exactly the interface's keys (the compiler refuses a missing or an extra one)
  const names: Record<keyof SupervisedOnlyOptions, true> = {
    loss: true, wordNgrams: true, bucket: true, minn: true, maxn: true, minCount: true, minCountLabel: true, neg: true, threads: true, labelPrefix: true,
  };
  assert.deepEqual(Object.keys(names).sort(), Object.keys(SUPERVISED_ONLY_OPTIONS).sort());
  // one interface, inherited by both option types (a redeclared member of another type would not compile here)
  type Inherits<T> = { [K in keyof SupervisedOnlyOptions]-?: SupervisedOnlyOptions[K] extends T[K & keyof T] ? T[K & keyof T] extends SupervisedOnlyOptions[K] ? true : never : never };
  const both: [Inherits<SupervisedOptions>, Inherits<ClassifyOptions>] = [names, names];
  assert.equal(both.length, 2);
});
