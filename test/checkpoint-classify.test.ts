import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../src/index.js';
import { LexnetError } from '../src/io/errors.js';
import { cliMessage } from '../src/cli/option-flags.js';
import { DivergenceError } from '../src/train/divergence.js';
import { sweepL2, trainClassifier } from '../src/classify/train.js';
import { saveClassifier } from '../src/classify/model-file.js';
import type { LabelledData } from '../src/text/labelled.js';
import { WordVectors } from '../src/io/word-vectors.js';
import { Matrix, fit, mlpClassifier, oneHot } from '../src/index.js';
import type { FitState } from '../src/train/trainer.js';
import { lexnet, tempDir, writeTemp } from './cli.js';
import { checkpointHeader, killWhenCheckpointed } from './checkpoint-helpers.js';

const dir = tempDir();

/** Short "reviews": filler words with one positive or negative word, sometimes a misleading second one. */
function reviews(n: number, seed: number): { texts: string[][]; labels: string[] } {
  const r = new Random(seed);
  const pos = ['good', 'great', 'fine', 'nice', 'lovely'], neg = ['bad', 'awful', 'poor', 'sad', 'dull'];
  const filler = ['the', 'a', 'movie', 'film', 'was', 'is', 'very', 'plot', 'acting', 'and', 'it', 'cast'];
  const texts: string[][] = [], labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = r.next() < 0.5;
    const w = Array.from({ length: 8 }, () => filler[r.int(filler.length)]!);
    w.splice(r.int(8), 0, (p ? pos : neg)[r.int(5)]!);
    if (r.next() < 0.2) w.push((p ? neg : pos)[r.int(5)]!);
    texts.push(w);
    labels.push(p ? 'pos' : 'neg');
  }
  return { texts, labels };
}

function tsv(name: string, n: number, seed: number): string {
  const { texts, labels } = reviews(n, seed);
  return writeTemp(dir, name, ['sentence\tlabel', ...texts.map((t, i) => `${t.join(' ')}\t${labels[i]}`)].join('\n') + '\n');
}

function data(name: string, n: number, seed: number): LabelledData {
  const { texts, labels } = reviews(n, seed);
  return { name, texts, labels, lines: texts.map((_, i) => i + 2) };
}

const long = tsv('long.tsv', 1500, 1);
const train = tsv('train.tsv', 300, 1);
const dev = tsv('dev.tsv', 100, 2);
const opts = ['--dim', '16', '--seed', '3'];

test('classify train killed with SIGKILL and resumed gives the same model file as an uninterrupted run', async () => {
  const full = join(dir, 'full.model');
  let r = lexnet(['classify', 'train', '--train', long, '--dev', dev, '--epochs', '20', ...opts, '--out', full]);
  assert.equal(r.status, 0, r.stderr);
  const ck = join(dir, 'run.ck'), resumed = join(dir, 'resumed.model');
  const killed = await killWhenCheckpointed(['classify', 'train', '--train', long, '--dev', dev, '--epochs', '20', ...opts, '--checkpoint', ck, '--out', resumed], ck,
    (h) => ((h.run as { epochsDone: number }).epochsDone >= 1));
  assert.ok(killed, 'the run was still going when killed');
  const run = checkpointHeader(ck).run as { epochsDone: number; finished: boolean };
  assert.equal(run.finished, false);
  assert.ok(run.epochsDone >= 1 && run.epochsDone < 20);
  assert.equal(existsSync(resumed), false);
  r = lexnet(['classify', 'train', '--train', long, '--dev', dev, '--resume', ck, '--out', resumed]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(readFileSync(resumed).equals(readFileSync(full)), 'resumed model differs from the uninterrupted one');
  assert.equal((checkpointHeader(ck).run as { finished: boolean }).finished, true);
  const again = join(dir, 'again.model');
  r = lexnet(['classify', 'train', '--train', long, '--dev', dev, '--resume', ck, '--out', again]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(readFileSync(again).equals(readFileSync(full)));
});

test('an interrupted --l2 sweep resumes, skipping the finished points, to the same model', async () => {
  const t = data('t', 200, 4), d = data('d', 60, 5);
  const o = { model: 'fasttext' as const, dim: 8, epochs: 3, seed: 2, dropout: 0.3 };
  const grid = [0, 1e-4, 1e-2, 1];
  const full = await sweepL2(t, d, o, grid);
  const ck = join(dir, 'sweep.ck');
  // crash in the second epoch of the third point: the checkpoint holds two points and one epoch of the third
  let epochs = 0;
  await assert.rejects(() => sweepL2(t, d, { ...o, checkpoint: ck, onEpoch: () => { if (++epochs === 8) throw new Error('crash'); } }, grid), /crash/);
  const h = checkpointHeader(ck) as { sweep: { points: { l2: number }[] }; run: { l2: number; epochsDone: number } };
  assert.deepEqual(h.sweep.points.map((p) => p.l2), [0, 1e-4]);
  assert.deepEqual([h.run.l2, h.run.epochsDone], [1e-2, 1]);
  await assert.rejects(() => trainClassifier(t, d, { resume: ck }), (e: unknown) => e instanceof LexnetError && /of an l2 sweep; resume it with `sweepL2`$/.test(e.message)
    && cliMessage(e, 'classify train').endsWith('sweep.ck: cannot resume: this is the checkpoint of an --l2 sweep; resume it with --l2 sweep'));
  const seen: number[] = [];
  epochs = 0;
  const res = await sweepL2(t, d, { resume: ck, checkpoint: ck, onEpoch: () => { epochs++; } }, grid, (p) => seen.push(p.l2));
  assert.deepEqual(seen, grid, 'every point is reported, the saved ones first');
  assert.equal(epochs, 2 + 3, 'only the unfinished epochs are trained');
  assert.deepEqual(res.points, full.points);
  assert.equal(res.bestL2, full.bestL2);
  const a = join(dir, 'sa.model'), b = join(dir, 'sb.model');
  saveClassifier(a, full.best.classifier);
  saveClassifier(b, res.best.classifier);
  assert.ok(readFileSync(a).equals(readFileSync(b)));
});

test('average and mlp runs (trained by fit with Adam) resume to the same model, early stopping included', async () => {
  const t = data('t.tsv', 200, 10), d = data('d.tsv', 60, 11);
  const words = [...new Set(t.texts.flat())];
  const r = new Random(5);
  const vectors = new WordVectors(words, 6, Float32Array.from({ length: words.length * 6 }, () => r.normal()));
  for (const model of ['average', 'mlp'] as const) {
    const o = { model, vectors, epochs: 12, seed: 3, hidden: [8], lr: 0.01, patience: 3 };
    const full = await trainClassifier(t, d, o);
    const ck = join(dir, `${model}.ck`);
    await assert.rejects(() => trainClassifier(t, d, { ...o, checkpoint: ck, onEpoch: (e) => { if (e.epoch === 4) throw new Error('crash'); } }), /crash/);
    const res = await trainClassifier(t, d, { resume: ck, checkpoint: ck, vectors });
    assert.equal(res.bestEpoch, full.bestEpoch);
    assert.deepEqual(res.history, full.history);
    const a = join(dir, `${model}-a.model`), b = join(dir, `${model}-b.model`);
    saveClassifier(a, full.classifier);
    saveClassifier(b, res.classifier);
    assert.ok(readFileSync(a).equals(readFileSync(b)), model);
    await assert.rejects(() => trainClassifier(t, d, { resume: ck }), /was made with vectors, and this run gives none/);
    await assert.rejects(() => trainClassifier(t, d, { resume: ck, vectors, lr: 0.1 }), /made with lr 0.01, this run asks for lr 0.1/);
  }
});

test('fit continues from onState\'s state as if never stopped, for every optimizer', async () => {
  const r = new Random(1);
  const x = Matrix.fromArray(Array.from({ length: 40 }, () => [r.normal(), r.normal()]));
  const target = oneHot(Int32Array.from({ length: 40 }, (_, i) => (x.get(i, 0) + x.get(i, 1) > 0 ? 1 : 0)), 2);
  for (const optimizer of ['sgd', 'momentum', 'adam'] as const) {
    const o = { epochs: 6, optimizer, learningRate: 0.05, batchSize: 8, quiet: true, seed: 2 };
    const a = mlpClassifier(2, [4], 2, 'tanh', new Random(4));
    await fit(a, x, target, o);
    const b = mlpClassifier(2, [4], 2, 'tanh', new Random(4));
    let saved: FitState | null = null;
    await fit(b, x, target, { ...o, onState: (s) => { if (s.epoch === 3) saved = s; } });
    const c = mlpClassifier(2, [4], 2, 'tanh', new Random(99));
    await fit(c, x, target, { ...o, resume: saved! });
    assert.deepEqual(c.params().map((p) => Array.from(p.value.data)), a.params().map((p) => Array.from(p.value.data)), optimizer);
  }
});

test('resume refuses other data, other options and the wrong kind of run, naming them', async () => {
  const ck = join(dir, 'refuse.ck');
  const t = data('t.tsv', 100, 7), d = data('d.tsv', 30, 8);
  await trainClassifier(t, d, { model: 'fasttext', dim: 8, epochs: 2, checkpoint: ck });
  const refused = async (tr: LabelledData, dv: LabelledData | null, o: object, re: RegExp): Promise<void> => {
    await assert.rejects(() => trainClassifier(tr, dv, { resume: ck, ...o }), (e: unknown) => e instanceof LexnetError && re.test(e.message), String(re));
  };
  await refused(data('t.tsv', 100, 9), d, {}, /refuse.ck: cannot resume: the checkpoint was made with other train data/);
  await refused(t, data('d.tsv', 30, 9), {}, /made with other dev data/);
  await refused(t, null, {}, /made with dev, and this run gives none/);
  await refused(t, d, { bigrams: false }, /made with bigrams on, this run asks for bigrams off/);
  await refused(t, d, { hidden: [8] }, /made with hidden \(none\), this run asks for hidden 8/);
  await assert.rejects(() => sweepL2(t, d, { resume: ck }), (e: unknown) => e instanceof LexnetError && /not of an l2 sweep; resume it without `sweepL2`$/.test(e.message)
    && cliMessage(e, 'classify train').endsWith('cannot resume: this is the checkpoint of a single run, not of an --l2 sweep; resume it without --l2 sweep'));
  assert.equal((await trainClassifier(t, d, { resume: ck, dim: 8, epochs: 2, seed: 1 })).history.length, 2, 'the same settings given again are fine');
  // on the command line: options given are compared, the others come from the checkpoint
  let r = lexnet(['classify', 'train', '--train', train, '--dev', dev, '--epochs', '2', ...opts, '--checkpoint', join(dir, 'cli.ck'), '--out', join(dir, 'r.model')]);
  assert.equal(r.status, 0, r.stderr);
  r = lexnet(['classify', 'train', '--train', train, '--dev', dev, '--resume', join(dir, 'cli.ck'), '--lr', '0.5', '--kind', 'fasttext', '--out', join(dir, 'r2.model')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /made with --lr 0.2, this run asks for --lr 0.5/);
  r = lexnet(['classify', 'train', '--train', train, '--dev', dev, '--resume', join(dir, 'cli.ck'), '--kind', 'average', '--out', join(dir, 'r2.model')]);
  assert.match(r.stderr, /made with --kind fasttext, this run asks for --kind average/);
  assert.equal(existsSync(join(dir, 'r2.model')), false);
  r = lexnet(['classify', 'train', '--train', train, '--dev', dev, '--kind', 'average', '--l2', 'sweep', '--checkpoint', join(dir, 'avg.ck'), '--out', join(dir, 'r2.model')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--l2 sweep with --kind average cannot be checkpointed/);
});

test('a damaged or foreign checkpoint, or an unwritable one, is a clear error', () => {
  const ck = join(dir, 'good.ck');
  let r = lexnet(['classify', 'train', '--train', train, '--epochs', '1', ...opts, '--checkpoint', ck, '--out', join(dir, 'g.model')]);
  assert.equal(r.status, 0, r.stderr);
  const bytes = readFileSync(ck);
  r = lexnet(['classify', 'train', '--train', train, '--resume', writeTemp(dir, 'cut.ck', bytes.subarray(0, bytes.length - 3)), '--out', join(dir, 'g2.model')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cut.ck: cut short in array "run.b"/);
  r = lexnet(['classify', 'train', '--train', train, '--resume', join(dir, 'g.model'), '--out', join(dir, 'g2.model')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /g.model:1: not a lexnet-classify-checkpoint file/);
  const text = bytes.toString('latin1'), at = text.lastIndexOf('"dim":16'); // the model shape's, after the settings'
  const broken = writeTemp(dir, 'broken.ck', Buffer.from(`${text.slice(0, at)}"dim":17${text.slice(at + 8)}`, 'latin1'));
  r = lexnet(['classify', 'train', '--train', train, '--resume', broken, '--out', join(dir, 'g2.model')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /broken.ck: a damaged classifier checkpoint/);
  r = lexnet(['classify', 'train', '--train', train, '--checkpoint', join(dir, 'nope', 'x.ck'), '--out', join(dir, 'g2.model')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--checkpoint \S*nope\/x.ck: .*nope/);
  r = lexnet(['classify', 'train', '--train', train, '--checkpoint', join(dir, 'g2.model'), '--out', join(dir, 'g2.model')]);
  assert.equal(r.status, 2); // a usage error
  assert.match(r.stderr, /--checkpoint and --out both name .*g2.model/);
  assert.equal(existsSync(join(dir, 'g2.model')), false);
});

test('an empty dev set and a diverging run are clear errors naming the cause', async () => {
  const t = data('t.tsv', 100, 6);
  await assert.rejects(() => trainClassifier(t, { name: 'empty.tsv', texts: [], labels: [], lines: [] }, { model: 'fasttext' }),
    (e: unknown) => e instanceof LexnetError && /^empty.tsv: no examples$/.test(e.message));
  let epochs = 0;
  await assert.rejects(() => trainClassifier(t, null, { model: 'fasttext', dim: 8, lr: 1e300, epochs: 3, onEpoch: () => { epochs++; } }),
    (e: unknown) => e instanceof DivergenceError && /diverged at epoch 1: .*learningRate 1e\+300 is probably too large/.test(e.message));
  assert.equal(epochs, 0, 'stopped within the first epoch');
  await assert.rejects(() => trainClassifier(t, null, { model: 'fasttext', dim: 8, l2: -1e6, lr: 0.5, epochs: 3 }), // refused before training
    (e: unknown) => e instanceof LexnetError && e.option === 'l2' && e.message === 'l2 must be ≥ 0, got -1000000');
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
