import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { LexnetError } from '../src/io/errors.js';
import { Arena, createMemory, instantiateKernels, kernelModule } from '../src/index.js';
import { planLayout, word2vecScratchBytes } from '../src/word2vec/layout.js';
import { MAX_MEMORY_BYTES } from '../src/word2vec/memory-limit.js';
import { defaultWord2vecOptions, validateWord2vecOptions, WORD2VEC_LIMITS } from '../src/word2vec/options.js';
import { unigramTableSize } from '../src/word2vec/unigram-table.js';
import { DEFAULT_TAGGER_CONFIG, MAX_BATCH, TAGGER_LIMITS, TaggerModel, taggerMemoryBytes, taggerScratchBytes } from '../src/tagger/model.js';
import { Lexicon } from '../src/tagger/features.js';
import { lexnet, tempDir, writeTemp } from './cli.js';

const probe = instantiateKernels(kernelModule(false), createMemory(1 << 16, false));

test('the scratch sizes computed in TypeScript equal the kernels\' and stay exact up to the option limits', () => {
  for (const [d, n, v, w] of [[100, 5, 1000, 5], [7, 0, 3, 1], [300, 25, 70000, 10], [WORD2VEC_LIMITS.dim, WORD2VEC_LIMITS.negative, 100000, WORD2VEC_LIMITS.window]] as const) {
    const mine = word2vecScratchBytes(d, n, v, w);
    assert.ok(mine < 2 ** 31, `${mine} bytes: the kernel's 32-bit arithmetic would wrap`);
    assert.equal(probe.scratchBytes(d, n, v, w) >>> 0, mine, `word2vec ${[d, n, v, w]}`);
  }
  for (const [c, width, h, t] of [[5, 75, 300, 9], [1, 4, 4, 1], [9, 130, 512, 45]] as const) {
    assert.equal(probe.taggerScratchBytes(c, width, h, t, MAX_BATCH) >>> 0, taggerScratchBytes(c, width, h, t, MAX_BATCH), `tagger ${[c, width, h, t]}`);
  }
});

test('planLayout refuses a word2vec model over 4 GiB with the arithmetic and the largest dim, before allocating', () => {
  const V = 2_000_000, dim = 1000;
  assert.throws(() => planLayout(dim, V, unigramTableSize(V), 4, word2vecScratchBytes(dim, 5, V, 5)), (e: unknown) => {
    assert.ok(e instanceof LexnetError);
    assert.match(e.message, /the model needs 2,000,000 words × dim 1000 × 2 matrices × 4 bytes = 14\.90 GiB, plus .* for 4 threads = .* GiB, more than the 4 GiB a WebAssembly memory can hold; the largest dim \(`dim`\) for this vocabulary is about (\d+)/);
    const largest = Number(/about (\d+)/.exec(e.message)![1]);
    assert.ok(largest > 200 && largest < 270, `largest dim ${largest}`);
    // the suggested dim really fits (the scratch shrinks with dim too)
    const plan = planLayout(largest, V, unigramTableSize(V), 4, word2vecScratchBytes(largest, 5, V, 5));
    assert.ok(plan.bytes <= MAX_MEMORY_BYTES);
    return true;
  });
  const small = planLayout(100, 1000, unigramTableSize(1000), 2, word2vecScratchBytes(100, 5, 1000, 5));
  assert.ok(small.syn1 > small.syn0 && small.bytes < 64 * 2 ** 20);
  assert.throws(() => planLayout(100, 1000, 1000, 2, -4), /scratch size overflowed/);
});

test('the arena keeps 16-byte aligned, positive offsets past 2 GiB', () => {
  const a = new Arena(2 ** 31 - 8);
  const p = a.alloc(100);
  assert.equal(p, 2 ** 31);
  assert.equal(a.alloc(1), 2 ** 31 + 112);
});

test('validateWord2vecOptions names the option and its range', () => {
  const o = defaultWord2vecOptions();
  assert.doesNotThrow(() => validateWord2vecOptions(o));
  // the library names its options as the API does, in the message and in `option` (no CLI flags)
  const names = (option: string, message: RegExp) => (e: unknown): boolean => e instanceof LexnetError && e.option === option && message.test(e.message);
  assert.throws(() => validateWord2vecOptions({ ...o, window: 1e6 }), names('window', /^window must be a whole number in \[1, 1000\], got 1000000$/));
  assert.throws(() => validateWord2vecOptions({ ...o, negative: 0 }), names('negative', /^negative must be ≥ 1 with loss "negative"$/));
  assert.throws(() => validateWord2vecOptions({ ...o, alpha: -1 }), names('learningRate', /^learningRate must be > 0, got -1$/));
  assert.throws(() => validateWord2vecOptions({ ...o, threads: 1000 }), names('threads', /^threads must be a whole number in \[1, 256\]/));
  assert.throws(() => validateWord2vecOptions({ ...o, minCount: 0 }), names('minCount', /^minCount must be a whole number/));
});

test('the tagger refuses a model over 4 GiB with the arithmetic and the largest hidden size, before allocating', () => {
  const words = new Lexicon();
  for (let i = 0; i < 1000; i++) words.add(`w${i}`);
  const affixes = new Lexicon();
  const config = { ...DEFAULT_TAGGER_CONFIG, window: TAGGER_LIMITS.window, wordDim: 2000, hidden: 20_000, shapeDim: 0, decoder: "window" as const };
  assert.throws(() => new TaggerModel(config, words, affixes, affixes, ['O', 'B-PER'], 3), (e: unknown) => {
    assert.ok(e instanceof LexnetError);
    assert.match(e.message, /^tagger: the model needs embeddings \(words 1,002 × 2000 \+ caps 6 × 5 \+ prefixes 2 × 10 \+ suffixes 2 × 10\) × 4 bytes = .*, W \(window 99 × width 2025 × hidden 20000\) and U × 4 bytes = 14\.94 GiB, and 4 × .* of per-thread buffers \(batch 256\) = .* GiB, more than the 4 GiB a WebAssembly memory can hold; the largest hidden \(`hidden`\) that fits with these settings is (\d+)$/);
    const hidden = Number(/is (\d+)$/.exec(e.message)![1]);
    assert.equal(hidden % 4, 0);
    const fits = (h: number) => taggerMemoryBytes({ window: 99, width: 2025, hidden: h, tags: 2, threads: 4, tables: [{ name: 'w', rows: 1002, dim: 2000 }, { name: 'c', rows: 6, dim: 5 }, { name: 'p', rows: 2, dim: 10 }, { name: 's', rows: 2, dim: 10 }] }).total <= MAX_MEMORY_BYTES;
    assert.ok(fits(hidden) && !fits(hidden + 4), `hidden ${hidden}`);
    return true;
  });
  assert.throws(() => new TaggerModel({ ...config, hidden: 400_000 }, words, affixes, affixes, ['O']), /: hidden must be a whole number in \[1, 100000\], got 400000/);
});

test('the CLI refuses oversized models quickly with the memory arithmetic (exit 1, no internal error)', () => {
  const dir = tempDir();
  const words = Array.from({ length: 6000 }, (_, i) => `w${i}`);
  const corpus = writeTemp(dir, 'many.txt', Array.from({ length: 60 }, (_, i) => words.slice(i * 100, i * 100 + 100).join(' ')).join('\n') + '\n');
  const w = lexnet(['word2vec', '--corpus', corpus, '--min-count', '1', '--dim', '100000', '--threads', '1', '--out', join(dir, 'v.bin'), '--quiet']);
  assert.equal(w.status, 1, w.stderr);
  assert.match(w.stderr, /^lexnet: word2vec: the model needs 6,000 words × dim 100000 × 2 matrices × 4 bytes = 4\.47 GiB, .* more than the 4 GiB a WebAssembly memory can hold; the largest dim \(--dim\) for this vocabulary is about \d+/);
  const conll = writeTemp(dir, 'tiny.conll', 'John B-PER\nruns O\n\nMary B-PER\nsleeps O\n');
  const t = lexnet(['tagger', 'train', '--train', conll, '--window', '99', '--dim', '10000', '--hidden', '100000', '--threads', '1', '--out', join(dir, 't.model')]);
  assert.equal(t.status, 1, t.stderr);
  assert.match(t.stderr, /^lexnet: tagger: the model needs .* more than the 4 GiB a WebAssembly memory can hold; the largest hidden \(--hidden\) that fits with these settings is \d+/);
});
