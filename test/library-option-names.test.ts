// Issue 13, One API: library errors name the library's options (`wordDim`, `tmpDir`, `sweepL2`),
// never a command-line flag; the CLI (cliMessage) puts the running command's flags in, word for
// word as the CLI printed them before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LexnetError } from '../src/io/errors.js';
import { cliMessage } from '../src/cli/option-flags.js';
import { temporaryFolderError } from '../src/io/temp-files.js';
import { checkSmallestModelFits } from '../src/word2vec/envelope.js';
import { planLayout, word2vecScratchBytes } from '../src/word2vec/layout.js';
import { unigramTableSize } from '../src/word2vec/unigram-table.js';
import { checkResumeData, resumeOptions, type Word2vecCheckpoint } from '../src/word2vec/checkpoint.js';
import { checkSameData, mergeSettings } from '../src/train/resume-check.js';
import { DEFAULT_TAGGER_CONFIG, TAGGER_LIMITS, TaggerModel, type TaggerConfig } from '../src/tagger/model.js';
import { Lexicon } from '../src/tagger/features.js';
import { sweepL2 } from '../src/classify/train.js';
import { loadPlotModule } from '../src/plot/render.js';
import { WordVectors } from '../src/io/word-vectors.js';
import { evaluateAnalogies } from '../src/word2vec/evaluate.js';
import { DivergenceError } from '../src/train/divergence.js';
import { Random } from '../src/core/random.js';
import { mlpClassifier } from '../src/models/models.js';
import { fit } from '../src/train/trainer.js';
import { trainClassifier } from '../src/classify/train.js';
import { trainTagger } from '../src/tagger/train.js';
import { trainSupervised } from '../src/fasttext/supervised-train.js';
import { trainWord2vec } from '../src/word2vec/train.js';
import { tempDir, writeTemp } from './cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The error `f` throws (or rejects with), which must be a LexnetError. */
async function caught(f: () => unknown): Promise<LexnetError> {
  try {
    await f();
  } catch (e) {
    assert.ok(e instanceof LexnetError, `not a LexnetError: ${String(e)}`);
    return e;
  }
  assert.fail('no error');
}

/** The library's message has no flag; the CLI's, for `command`, is `cli` (a string is compared whole). */
async function both(f: () => unknown, command: string, library: RegExp, cli: RegExp | string): Promise<void> {
  const e = await caught(f);
  assert.doesNotMatch(e.message, /--/, e.message);
  assert.match(e.message, library);
  const shown = cliMessage(e, command);
  if (typeof cli === 'string') assert.equal(shown, cli);
  else assert.match(shown, cli);
}

test('word2vec: the temporary folder, the memory envelope and the layout name options; the CLI says --tmp-dir, --dim…', async () => {
  await both(() => { throw temporaryFolderError('/x/absent', Object.assign(new Error('nope'), { code: 'ENOENT' })); }, 'word2vec',
    /set tmpDir or TMPDIR$/, 'temporary folder /x/absent: does not exist; set --tmp-dir or TMPDIR');
  await both(() => checkSmallestModelFits({ dim: 100_000, window: 1000, negative: 5, threads: 8 }), 'word2vec',
    /lower `threads`, `window`, `dim` or `negative`$/,
    /\(they grow with --dim 100000 × --window 1000 and --window × --negative 5\) = .* at most 5 threads fit at these settings; lower --threads, --window, --dim or --negative$/);
  const V = 2_000_000;
  await both(() => planLayout(1000, V, unigramTableSize(V), 4, word2vecScratchBytes(1000, 5, V, 5)), 'word2vec',
    /the largest dim \(`dim`\) for this vocabulary is about \d+; or raise `minCount` to shrink the vocabulary$/,
    /^word2vec: the model needs 2,000,000 words × dim 1000 × 2 matrices .* the largest dim \(--dim\) for this vocabulary is about \d+; or raise --min-count to shrink the vocabulary$/);
  await both(() => planLayout(10, 10, 10, 1, Number.NaN), 'word2vec', /dim, window or negative is far too large$/, /; --dim, --window or --negative is far too large$/);
});

test('word2vec: negativeWeight is refused outside skip-gram\'s batched negatives, as --negative-weight by the CLI', async () => {
  const words = [['a', 'b', 'c', 'a', 'b'], ['b', 'c', 'a']];
  for (const other of [{ batchNegatives: false }, { kind: 'cbow' as const }, { subwords: true }, { loss: 'hierarchical' as const }]) {
    await both(() => trainWord2vec(words, { negativeWeight: 1.4, minCount: 1, dim: 8, threads: 1, ...other }), 'word2vec',
      /^negativeWeight is used only by skip-gram with batched negative sampling and no subwords$/,
      'negative-weight is used only by skip-gram with batched negative sampling and no --subwords'.replace(/^/, '--'));
  }
});

test('word2vec resume: the options and the lowercase hint are named as the library names them', async () => {
  const options = { model: 'skipgram', loss: 'negative', dim: 8, window: 5, negative: 5, minCount: 1, alpha: 0.025 };
  const c = { options, words: ['a', 'b'], counts: Float64Array.of(2, 1), data: { corpus: 'c.txt', tokens: 3, ids: 3, idsHash: 'h' } } as unknown as Word2vecCheckpoint;
  await both(() => resumeOptions('r.ck', c, { model: 'cbow', loss: 'softmax', negative: 3, alpha: 0.05 }), 'word2vec',
    /other options: `model` skipgram \(this run: cbow\), `loss` negative \(this run: softmax\), `negative` 5 \(this run: 3\), `alpha` 0.025 \(this run: 0.05\)\. .* without `resume`\.$/,
    "r.ck: the checkpoint was made with other options: --kind skipgram (this run: cbow), --loss negative (this run: softmax), --negative 5 (this run: 3), --alpha 0.025 (this run: 0.05). Leave them out to continue with the checkpoint's, or start a new run without --resume.");
  await both(() => checkResumeData('r.ck', c, ['a', 'lowercase'], [2, 1], { corpus: 'c.txt', tokens: 3, ids: 3, idsHash: 'h' } as never), 'word2vec',
    /the same `lowercase`\?\)$/, 'r.ck: the checkpoint was made with other data: word 2 of its vocabulary is "b" (count 1), in this run "lowercase" (count 1) (same corpus file, unchanged, and the same --lowercase?)');
});

test('tagger: its limits name config fields; the CLI says --window, --dim, --shape-dim…', async () => {
  const words = new Lexicon(), affixes = new Lexicon();
  const model = (c: Partial<TaggerConfig>, workers = 0) => () => new TaggerModel({ ...DEFAULT_TAGGER_CONFIG, ...c }, words, affixes, affixes, ['O', 'B-PER'], workers);
  const cmd = 'tagger train';
  await both(model({ window: 4 }), cmd, /^window must be odd, got 4$/, '--window must be odd, got 4');
  await both(model({ hidden: 30 }), cmd, /^hidden must be a multiple of 4/, '--hidden must be a multiple of 4 (SIMD lanes), got 30');
  await both(model({ decoder: 'beam' as never }), cmd, /^decoder must be one of/, '--decoder must be one of window, crf, got beam');
  await both(model({ shapeDim: -1 }), cmd, /^shapeDim must be/, `--shape-dim must be a whole number in [0, ${TAGGER_LIMITS.dim}], got -1`);
  await both(model({ decoder: 'crf', output: 'sigmoid' }), cmd, /^decoder crf needs output softmax/, '--decoder crf needs --output softmax (sentence-level decoding works on all the tags)');
  await both(model({ wordDim: 0 }), cmd, /^wordDim must be/, `--dim must be a whole number in [1, ${TAGGER_LIMITS.dim}], got 0`);
  await both(model({ capsDim: 0 }), cmd, /^capsDim must be/, `--caps-dim must be a whole number in [1, ${TAGGER_LIMITS.dim}], got 0`);
  await both(model({ affixDim: 0 }), cmd, /^affixDim must be/, `--affix-dim must be a whole number in [1, ${TAGGER_LIMITS.dim}], got 0`);
  const big = { window: TAGGER_LIMITS.window, wordDim: 2000, shapeDim: 0, decoder: 'window' as const };
  await both(model({ ...big, hidden: 20_000 }), cmd, /the largest hidden \(`hidden`\) that fits/, /W \(window 99 × width 2025 × hidden 20000\) .* the largest hidden \(--hidden\) that fits with these settings is \d+$/);
  await both(model({ ...big, wordDim: TAGGER_LIMITS.dim, hidden: 4 }, 16), cmd, /lower dim \(`wordDim`\), window \(`window`\) or threads \(`threads`\)$/,
    /W \(window 99 × .*; lower dim \(--dim\), window \(--window\) or threads \(--threads\)$/);
  const vectors = new WordVectors(['a', 'b'], 3, new Float32Array(6));
  await both(() => new TaggerModel({ ...DEFAULT_TAGGER_CONFIG, wordDim: 8 }, words, affixes, affixes, ['O'], 0).loadVectors(vectors), cmd,
    /\(set wordDim 3\)$/, "the vectors have dimension 3 but the tagger's word embeddings have 8 (set --dim 3)");
});

test('analogies: the search restriction is restrict in the library, --restrict in eval-vectors', async () => {
  const questions = writeTemp(tempDir(), 'q.txt', ': s\nx y z w\n');
  const vectors = new WordVectors(['a', 'b'], 2, Float32Array.of(1, 0, 0, 1));
  await both(() => evaluateAnalogies(vectors, questions, { restrict: 2 }), 'eval-vectors', /words searched \(`restrict`\), so/,
    `${questions}: none of the 1 questions has all four words among the 2 words searched (--restrict), so there is no accuracy to report`);
});

test('resume refusals name settings as the options do; the CLI prints its flags, or the name when it has none', async () => {
  const saved = { wordDim: 8, unknownRate: 0.1, entityType: 'PER', lr: 0.1, model: 'fasttext', bigrams: true, patience: 5 };
  const refuse = (given: Partial<typeof saved>) => () => mergeSettings('r.ck', saved, given, ['wordDim', 'unknownRate', 'entityType', 'lr', 'model', 'bigrams', 'patience']);
  const tail = "(leave the option out to keep the checkpoint's value, or train afresh without --resume)";
  await both(refuse({ wordDim: 9 }), 'tagger train', /^r.ck: cannot resume: the checkpoint was made with wordDim 8, this run asks for wordDim 9 .* without `resume`\)$/, `r.ck: cannot resume: the checkpoint was made with --dim 8, this run asks for --dim 9 ${tail}`);
  await both(refuse({ entityType: 'LOC' }), 'tagger train', /entityType PER/, `r.ck: cannot resume: the checkpoint was made with --entity PER, this run asks for --entity LOC ${tail}`);
  await both(refuse({ unknownRate: 0.2 }), 'tagger train', /unknownRate 0.1/, `r.ck: cannot resume: the checkpoint was made with unknownRate 0.1, this run asks for unknownRate 0.2 ${tail}`);
  await both(refuse({ lr: 0.2 }), 'tagger train', /made with lr 0.1/, `r.ck: cannot resume: the checkpoint was made with --lr 0.1, this run asks for --lr 0.2 ${tail}`);
  await both(refuse({ model: 'mlp' }), 'classify train', /made with model fasttext/, `r.ck: cannot resume: the checkpoint was made with --kind fasttext, this run asks for --kind mlp ${tail}`);
  await both(refuse({ bigrams: false }), 'classify train', /made with bigrams on/, `r.ck: cannot resume: the checkpoint was made with bigrams (--no-bigrams) on, this run asks for bigrams (--no-bigrams) off ${tail}`);
  await both(refuse({ patience: 3 }), 'classify train', /made with patience 5/, `r.ck: cannot resume: the checkpoint was made with patience 5, this run asks for patience 3 ${tail}`);
  // fingerprints keep their stored ids (--train…); messages name the data without dashes
  const data = (train: string | null, dev: string | null) => [{ option: '--train', hash: train }, { option: '--dev', hash: dev }];
  await both(() => checkSameData('/runs/train/r.ck', data('a', 'b'), data('c', 'b')), 'tagger train', /other train data/, '/runs/train/r.ck: cannot resume: the checkpoint was made with other --train data (their contents differ)');
  await both(() => checkSameData('r.ck', data('a', 'b'), data('a', null)), 'classify train', /made with dev, and/, 'r.ck: cannot resume: the checkpoint was made with --dev, and this run gives none');
});

test('classify: an l2 sweep is sweepL2 in the library and --l2 sweep on the command line', async () => {
  const examples = [{ text: 'good fine', label: 'pos' }, { text: 'bad awful', label: 'neg' }];
  await both(() => sweepL2(examples, examples, { model: 'average', checkpoint: '/nonexistent/ck' }), 'classify train',
    /^`sweepL2` with `kind` average cannot be checkpointed/,
    '--l2 sweep with --kind average cannot be checkpointed (--checkpoint and --resume work with single runs of every kind, and with sweeps of --kind fasttext)');
  await both(() => sweepL2(examples, examples, { epochs: 1, quiet: true }, []), 'classify train', /^`sweepL2`: the grid/, '--l2 sweep: the grid of λ values is empty');
});

test('plots: a missing t-SNE package points library users to pcaWordMap and the CLI to --method pca', async () => {
  const missing = () => loadPlotModule(() => Promise.reject(Object.assign(new Error('gone'), { code: 'ERR_MODULE_NOT_FOUND' })), 'need it (or use `pcaWordMap`)', { mentions: ['pcaWordMap'] });
  await both(missing, 'plot vectors', /use `pcaWordMap`/, 'need it (or use --method pca)');
});

/** The library's source files (src/ outside src/cli), with their paths. */
function librarySources(dir = join(root, 'src')): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'cli' ? [] : librarySources(path);
    return d.name.endsWith('.ts') ? [{ path, text: readFileSync(path, 'utf8') }] : [];
  });
}

test('no string in the library quotes a command-line flag (comments aside)', () => {
  // allowed: the V8 flag that enables relaxed SIMD, and the stored ids of data fingerprints
  const allowed = [/setFlagsFromString\('--experimental-wasm-relaxed-simd'\)/, /option: '--(train|dev|vectors)'/, /d\.option === '--vectors'/];
  const found: string[] = [];
  for (const { path, text } of librarySources()) {
    text.split('\n').forEach((line, i) => {
      const code = line.replace(/^\s*(\/\/|\*|\/\*\*?).*$/, '').replace(/\s\/\/ .*$/, '');
      if (/['"`(\s]--[a-z]/.test(code) && !allowed.some((a) => a.test(code))) found.push(`${relative(root, path)}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(found, []);
});

test('a divergence names the rate as the option, learningRate, in every library call; the CLI says its flag (--alpha in word2vec, --lr elsewhere), the same words otherwise', async () => {
  const r = new Random(3);
  const words = Array.from({ length: 300 }, () => Array.from({ length: 8 }, () => `w${Math.floor(Math.pow(r.next(), 2) * 60)}`));
  const examples = words.map((w) => ({ text: w.join(' '), label: w.includes('w1') ? 'a' : 'b' }));
  const tagged = words.slice(0, 100).map((w) => ({ words: w, tags: w.map((x) => (Number(x.slice(1)) % 3 === 0 ? 'B-X' : 'O')) }));
  const x = Array.from({ length: 200 }, () => [r.normal(), r.normal()]), y = x.map(([a, b]) => (a! + b! > 0 ? 1 : 0));
  const runs: [string, string, () => Promise<unknown>, RegExp][] = [
    ['word2vec', '--alpha', () => trainWord2vec(words, { learningRate: 1000, minCount: 1, dim: 16, threads: 1, epochs: 2, sample: 0, quiet: true }), /The learningRate 1000 is probably too large for this data; try a smaller learningRate \(250 or less; the default is 0\.025\)/],
    ['classify train', '--lr', () => trainClassifier(examples, null, { epochs: 3, learningRate: 10 }), /The learningRate 10 is probably too large for this data; try a smaller learningRate \(2\.5 or less/],
    ['classify train', '--lr', () => trainClassifier(examples, null, { epochs: 3, lr: 10 }), /The learningRate 10 is probably too large/], // the old name given, the option named
    ['tagger train', '--lr', () => trainTagger(tagged, null, { epochs: 3, threads: 1, learningRate: 10 }), /The learningRate 10 is probably too large for this data; try a smaller learningRate \(2\.5 or less/],
    ['fit', '--lr', () => fit(mlpClassifier(2, [16], 2, 'relu', new Random(1)), x, y, { epochs: 5, learningRate: 1000, optimizer: 'adam' }), /The learningRate 1000 is probably too large/],
    ['classify train', '--lr', () => trainSupervised(examples.map((e) => `__label__${e.label} ${e.text}`), { learningRate: 1e30, dim: 4, threads: 1 }), /the learningRate 1e\+30 is probably too large for this data; try a smaller learningRate \(2\.5e\+29 or less\)$/],
  ];
  for (const [command, flag, run, library] of runs) {
    const e = await caught(run);
    assert.equal(e.option, 'learningRate', `${command}: ${e.message}`);
    assert.doesNotMatch(e.message, /\b(alpha|lr)\b|learning rate|--/, e.message);
    assert.match(e.message, library);
    assert.equal(cliMessage(e, command), e.message.split('learningRate').join(flag));
  }
  // L-BFGS has no rate: no option is blamed
  assert.equal(new DivergenceError({ epoch: 0, loss: NaN, rate: NaN, optimizer: 'lbfgs' }).option, undefined);
});
