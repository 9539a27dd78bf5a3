// Issue 19: a checkpoint edited by hand (NaN weights, a duplicated tag, negative step counts) is
// refused before training, by the validation the model loader makes, not resumed into a model
// that lexnet's own loader refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Random } from '../src/index.js';
import { readBundle, writeBundle, type BundleArray } from '../src/io/bundle.js';
import { LexnetError } from '../src/io/errors.js';
import { trainTagger } from '../src/tagger/train.js';
import { loadTaggerCheckpoint } from '../src/tagger/checkpoint.js';
import { loadClassifierCheckpoint } from '../src/classify/checkpoint.js';
import { sweepL2, trainClassifier } from '../src/classify/train.js';
import type { TaggedSentence } from '../src/text/conll.js';
import type { LabelledData } from '../src/text/labelled.js';
import { WordVectors } from '../src/io/word-vectors.js';
import { tempDir } from './cli.js';

const dir = tempDir();
let n = 0;

/** A copy of a bundle-layout checkpoint with its header and arrays edited. */
function edited(path: string, magic: string, version: number, edit: (h: Record<string, unknown>, arrays: Map<string, BundleArray>) => void): string {
  const { header, arrays } = readBundle<Record<string, unknown>>(path, magic, version);
  delete header.arrays;
  edit(header, arrays);
  const out = join(dir, `edited${n++}.ck`);
  writeBundle(out, magic, version, header, Object.fromEntries(arrays));
  return out;
}

function isRefusal(message: RegExp): (e: unknown) => boolean {
  return (e: unknown) => {
    assert.ok(e instanceof LexnetError, `not a LexnetError: ${String(e)}`);
    assert.match(e.message, message);
    return true;
  };
}

function sentences(k: number): TaggedSentence[] {
  const r = new Random(1);
  return Array.from({ length: k }, () => ({ words: ['we', 'met', 'John', ['Lee', 'Khan'][r.int(2)]!, '.'], tags: ['O', 'O', 'B-PER', 'I-PER', 'O'], lines: [1, 2, 3, 4, 5] }));
}

test('tagger: a hand-edited checkpoint is refused before training, with what is wrong', async () => {
  const ck = join(dir, 't.ck');
  const train = sentences(10), dev = sentences(3);
  const o = { config: { hidden: 8, wordDim: 4, capsDim: 2, affixDim: 2 }, threads: 1, quiet: true };
  await trainTagger(train, dev, { ...o, epochs: 1, checkpoint: ck });
  const M = 'lexnet-tagger-checkpoint', V = 2;
  const cases: [string, RegExp][] = [
    [edited(ck, M, V, (_h, a) => { (a.get('params') as Float32Array)[3] = NaN; }), /edited\d+\.ck: damaged checkpoint: params\[3\] is NaN; weights must be finite numbers/],
    [edited(ck, M, V, (_h, a) => { (a.get('params') as Float32Array)[0] = Infinity; }), /damaged checkpoint: params\[0\] is Infinity/],
    [edited(ck, M, V, (h) => { (h.tags as string[])[1] = (h.tags as string[])[0]!; }), /edited\d+\.ck:2: damaged checkpoint: "tags" holds "\w+" twice/],
    [edited(ck, M, V, (h) => { h.steps = -5; }), /damaged checkpoint: "steps" is -5, expected a whole number ≥ 0/],
    [edited(ck, M, V, (h) => { h.epochsDone = -1; h.history = []; }), /damaged/],
    [edited(ck, M, V, (h) => { (h.words as string[])[3] = (h.words as string[])[4]!; }), /damaged checkpoint: "words\[2…\]" holds "\w+" twice/],
    [edited(ck, M, V, (h) => { (h.settings as Record<string, unknown>).hidden = 6; }), /"config\.hidden" is 6, expected a multiple of 4/],
    [edited(ck, M, V, (h) => { (h.settings as Record<string, unknown>).lr = -0.1; }), /"settings\.lr" is -0\.1/],
  ];
  for (const [path, message] of cases) {
    assert.throws(() => loadTaggerCheckpoint(path), isRefusal(message));
    await assert.rejects(trainTagger(train, dev, { ...o, epochs: 2, resume: path }), isRefusal(message));
  }
  loadTaggerCheckpoint(ck); // the unedited one still loads
});

test('classifier: a hand-edited checkpoint is refused before training (fasttext and average/mlp)', async () => {
  const r = new Random(2);
  const texts = Array.from({ length: 30 }, () => [['good', 'bad'][r.int(2)]!, 'film']);
  const data: LabelledData = { name: 'd', texts, labels: texts.map((t) => (t[0] === 'good' ? 'pos' : 'neg')), lines: texts.map((_, i) => i + 1) };
  const ft = join(dir, 'c1.ck'), mlp = join(dir, 'c3.ck');
  await trainClassifier(data, data, { model: 'fasttext', dim: 4, epochs: 2, checkpoint: ft });
  const vectors = new WordVectors(['good', 'bad', 'film'], 2, Float32Array.from([1, 0, 0, 1, 0.5, 0.5]));
  await trainClassifier(data, data, { model: 'mlp', vectors, hidden: [3], epochs: 2, checkpoint: mlp });
  const M = 'lexnet-classify-checkpoint', V = 1;
  const shape = (h: Record<string, unknown>) => h.shape as { labels: string[]; vocabulary: string[] };
  const run = (h: Record<string, unknown>) => h.run as Record<string, unknown>;
  const cases: [string, RegExp, 'fasttext' | 'mlp'][] = [
    [edited(ft, M, V, (_h, a) => { (a.get('run.E') as Float64Array)[1] = NaN; }), /damaged checkpoint: run params\[0\]\[1\] is NaN/, 'fasttext'],
    [edited(ft, M, V, (h) => { shape(h).labels[1] = shape(h).labels[0]!; }), /edited\d+\.ck:2: damaged checkpoint: "labels" holds "\w+" twice/, 'fasttext'],
    [edited(ft, M, V, (h) => { shape(h).vocabulary[1] = shape(h).vocabulary[0]!; }), /damaged checkpoint: "words" holds .* twice/, 'fasttext'],
    [edited(ft, M, V, (h) => { run(h).step = -3; }), /damaged checkpoint: "run\.step" is -3, expected a whole number ≥ 0/, 'fasttext'],
    [edited(ft, M, V, (h) => { run(h).epochsDone = -1; }), /"run\.epochsDone" is -1/, 'fasttext'],
    [edited(mlp, M, V, (_h, a) => { (a.get('fit.param0') as Float64Array)[0] = -Infinity; }), /damaged checkpoint: params\[0\]\[0\] is -Infinity/, 'mlp'],
    [edited(mlp, M, V, (h) => { ((h.averaged as Record<string, Record<string, unknown>>).fit!).epoch = -2; }), /"fit\.epoch" is -2/, 'mlp'],
  ];
  for (const [path, message, model] of cases) {
    assert.throws(() => loadClassifierCheckpoint(path), isRefusal(message));
    const extra = model === 'mlp' ? { vectors, hidden: [3] } : { dim: 4 };
    await assert.rejects(trainClassifier(data, data, { model, epochs: 3, resume: path, ...extra }), isRefusal(message));
  }
  const sw = join(dir, 'c2.ck');
  await sweepL2(data, data, { model: 'fasttext', dim: 4, epochs: 1, checkpoint: sw }, [0, 0.1]);
  const sweep = (h: Record<string, unknown>) => h.sweep as { grid: number[] };
  assert.throws(() => loadClassifierCheckpoint(edited(sw, M, V, (h) => { sweep(h).grid[1] = -1; })), isRefusal(/damaged checkpoint: "sweep\.grid\[1\]" is -1/));
  loadClassifierCheckpoint(sw);
  loadClassifierCheckpoint(ft);
  loadClassifierCheckpoint(mlp);
});

test('word2vec: a hand-edited checkpoint (checksum recomputed) is refused before training', async () => {
  const { textCorpus, trainWord2vec } = await import('../src/index.js');
  const { readWord2vecCheckpoint, writeWord2vecCheckpoint } = await import('../src/word2vec/checkpoint.js');
  const { writeTemp } = await import('./cli.js');
  const words = ['cat', 'dog', 'fish', 'bird', 'cow'];
  const r = new Random(3);
  const text = Array.from({ length: 200 }, () => Array.from({ length: 8 }, () => words[r.int(5)]).join(' ')).join('\n');
  const corpus = textCorpus(writeTemp(dir, 'w2v.txt', `${text}\n`));
  const o = { dim: 4, epochs: 2, minCount: 1, sample: 0, threads: 1, seed: 5, quiet: true };
  const ck = join(dir, 'w.ck');
  await trainWord2vec(corpus, { ...o, epochs: 1, checkpoint: { path: ck, everySeconds: 1e6 } });
  const edit = (change: (c: ReturnType<typeof readWord2vecCheckpoint>) => void): string => {
    const c = readWord2vecCheckpoint(ck);
    change(c);
    const out = join(dir, `w2v-edited${n++}.ck`);
    writeWord2vecCheckpoint(out, c);
    return out;
  };
  const cases: [string, RegExp][] = [
    [edit((c) => { c.syn0[5] = NaN; }), /w2v-edited\d+\.ck: damaged checkpoint: syn0\[5\] is NaN/],
    [edit((c) => { c.syn1[0] = Infinity; }), /damaged checkpoint: syn1\[0\] is Infinity/],
    [edit((c) => { c.words[1] = c.words[0]!; }), /:2: damaged checkpoint: the word "\w+" appears twice in the vocabulary/],
    [edit((c) => { c.words[1] = 'a b'; }), /damaged checkpoint: word 2 "a b" is empty or holds white space/],
    [edit((c) => { c.counts[0] = -4; }), /damaged checkpoint: counts\[0\] is -4/],
    [edit((c) => { c.seconds = -1; }), /damaged checkpoint: seconds is negative/],
  ];
  for (const [path, message] of cases) {
    assert.throws(() => readWord2vecCheckpoint(path), isRefusal(message));
    await assert.rejects(trainWord2vec(corpus, { ...o, resume: path }), isRefusal(message));
  }
  readWord2vecCheckpoint(ck);
});
