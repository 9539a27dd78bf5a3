// autotuneClassifier({ modelSize }) and `lexnet classify autotune --model-size` (fastText's
// -autotune-modelsize): every trial's model quantized to fit (qnorm, the cut-off that fits,
// retrained), the sizes of the .ftz known exactly before quantizing, and the result a .ftz.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTOTUNE_KINDS, autotuneClassifier, encodeClassifier, LexnetError, loadFastTextClassifier, quantizeClassifier, trainSupervised, type FastTextClassifier } from '../src/index.js';
import { parseModelSize } from '../src/classify/autotune-options.js';
import { fastTextClassifierBytes } from '../src/fasttext/classifier-file.js';
import { cutoffForSize, fastTextCutoffForSize, quantizedSizes } from '../src/fasttext/quantized-size.js';
import { lexnet, tempDir } from './cli.js';

const hasFastText = spawnSync('fasttext', ['predict'], { encoding: 'utf8' }).error === undefined;
const dir = tempDir();

/** Topics (4 word sets, `labels` labels) over 300 common words: 1,500 words, enough rows to quantize. */
function corpus(lines: number, seed: number, labels = 4): { label: string; text: string[] }[] {
  let s = seed;
  const rnd = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % n;
  return Array.from({ length: lines }, () => {
    const topic = rnd(labels);
    return { label: `l${topic}`, text: Array.from({ length: 6 + rnd(6) }, () => (rnd(3) === 0 ? `t${topic % 4}_${rnd(300)}` : `w${rnd(300)}`)) };
  });
}
const asLines = (d: { label: string; text: string[] }[]) => d.map((e) => `__label__${e.label} ${e.text.join(' ')}`);
const train = corpus(2000, 1), dev = corpus(400, 2);

test('the size of the .ftz at any cut-off is known before quantizing (the file quantizeClassifier makes, to the byte)', async () => {
  for (const labels of [4, 260]) {
    const { classifier } = await trainSupervised(asLines(corpus(1500, 1, labels)), { threads: 1, wordNgrams: 2, bucket: 2000, dim: 12, epochs: 1 });
    for (const shape of [{ dsub: 2, qnorm: false, qout: false }, { dsub: 4, qnorm: true, qout: labels >= 256 }, { dsub: 5, qnorm: true, qout: false }]) {
      const sizes = quantizedSizes(classifier, shape);
      for (const cutoff of [0, 256, 700, 10 ** 6]) {
        const q = await quantizeClassifier(classifier, { ...shape, cutoff });
        assert.equal(sizes.bytes(cutoff), fastTextClassifierBytes(q), `${labels} labels, ${JSON.stringify(shape)}, cutoff ${cutoff}`);
      }
      const limit = sizes.bytes(700) + 3;
      const largest = sizes.largest(limit);
      assert.ok(sizes.bytes(largest) <= limit && sizes.bytes(largest + 1) > limit, `largest ${largest}`);
      assert.equal(sizes.largest(sizes.bytes(0)), classifier.inputMatrix.rows);
      assert.equal(sizes.largest(sizes.bytes(256) - 1), 0);
    }
  }
});

test('fastText\'s estimate of the cut-off for a size (Autotune::getCutoffForFileSize), lowered where the file would not fit', async () => {
  const { classifier } = await trainSupervised(asLines(corpus(1500, 1)), { threads: 1, wordNgrams: 2, bucket: 2000, dim: 12, epochs: 1 });
  // (200000 − 107 − 4·256·12 − (16 + 4·4·12)) / (⌈12/2⌉ + 1 + 10) = 187397 / 17
  assert.equal(fastTextCutoffForSize(classifier, 200_000, { dsub: 2, qnorm: true, qout: false }), 11_023);
  assert.equal(fastTextCutoffForSize(classifier, 1000, { dsub: 2, qnorm: true, qout: false }), 256, 'at least 256');
  const shape = { dsub: 2, qnorm: true, qout: false };
  for (const limit of [20_000, 30_000, 10 ** 6]) {
    const c = cutoffForSize(classifier, limit, shape);
    assert.ok(c > 256 && quantizedSizes(classifier, shape).bytes(c) <= limit, `${limit}: cutoff ${c}`);
    assert.ok(c <= fastTextCutoffForSize(classifier, limit, shape));
  }
  assert.equal(cutoffForSize(classifier, 12_000, shape), 0, 'too small');
});

test('model sizes read as fastText reads -autotune-modelsize', () => {
  assert.equal(parseModelSize('2M'), 2_000_000);
  assert.equal(parseModelSize('300k'), 300_000);
  assert.equal(parseModelSize('1G'), 1e9);
  assert.equal(parseModelSize('5000'), 5000);
  assert.equal(parseModelSize(5000), 5000);
  for (const bad of ['2MB', '', '1.5M', '-1', 'M', 0, 1.5]) assert.equal(parseModelSize(bad), null, String(bad));
});

test('autotuneClassifier with modelSize: every scored trial quantized to fit, the result a quantized model within the size', { skip: AUTOTUNE_KINDS.includes('supervised') ? false : 'no supervised kind' }, async () => {
  const limit = 150_000;
  const r = await autotuneClassifier(train, dev, { kind: 'supervised', duration: 3, modelSize: '150k', threads: 1 });
  assert.ok(r.quantize, 'the best trial\'s quantization');
  const model = (r.model.classifier as { model: FastTextClassifier }).model;
  assert.ok(model.quantized);
  assert.equal(model.toBytes().length, r.quantize.bytes);
  assert.ok(r.quantize.bytes <= limit, `${r.quantize.bytes} bytes`);
  assert.equal(r.quantize.qnorm, true);
  for (const t of r.trials) {
    assert.equal('dsub' in t.options, false, 'dsub is the quantizer\'s, not a trial option');
    if (t.status === 'done') assert.ok(t.quantize && t.quantize.bytes <= limit && t.score !== null, `trial ${t.trial}`);
  }
  // the dev accuracy is the quantized model's (one gold label per line: f1 at k = 1 is the accuracy)
  const right = dev.filter((e) => r.model.predict(e.text).label === e.label).length / dev.length;
  assert.ok(Math.abs(r.model.devAccuracy! - right) < 1e-12 && Math.abs(r.score - right) < 1e-12, `${r.model.devAccuracy} ${r.score} ${right}`);
  assert.ok(r.model.predict(['t1_5', 'w3']).label.length > 0);
  // a lexnet classifier file cannot hold it: the error says to save the .ftz
  assert.throws(() => encodeClassifier(r.model), /a quantized fastText model is saved as fastText's \.ftz/);
});

test('autotuneClassifier modelSize refusals: too small for any trial, the wrong kind, dsub alone, not a size', async () => {
  await assert.rejects(autotuneClassifier(train, dev, { kind: 'supervised', duration: 1, modelSize: 1000, threads: 1 }), (e: unknown) => {
    assert.ok(e instanceof LexnetError);
    assert.equal(e.option, 'modelSize');
    assert.match(e.message, /^autotuneClassifier: no trial's quantized model fits modelSize 1,000 bytes \(\d+ of \d+ trials? too large even at a cut-off of 256 rows\): raise modelSize$/);
    return true;
  });
  if (AUTOTUNE_KINDS.includes('fasttext')) await assert.rejects(autotuneClassifier(train, dev, { kind: 'fasttext', duration: 1, modelSize: '2M' }), /^LexnetError: modelSize quantizes fastText's model: it needs kind supervised$/);
  await assert.rejects(autotuneClassifier(train, dev, { kind: 'supervised', duration: 1, dsub: 4 }), /dsub applies to modelSize/);
  await assert.rejects(autotuneClassifier(train, dev, { kind: 'supervised', duration: 1, modelSize: '2MB' }), /modelSize must be a size in bytes: a whole number, or a string such as 2M/);
});

test('lexnet classify autotune --model-size writes a .ftz within the size, which lexnet and fastText read and predict alike', async () => {
  const trainFile = join(dir, 'train.txt'), devFile = join(dir, 'dev.txt'), out = join(dir, 'best.ftz');
  writeFileSync(trainFile, asLines(train).join('\n') + '\n');
  writeFileSync(devFile, asLines(dev).join('\n') + '\n');
  const r = lexnet(['classify', 'autotune', '--train', trainFile, '--dev', devFile, '--kind', 'supervised', '--duration', '3', '--model-size', '150k', '--threads', '1', '--out', out, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.equal(summary.out, out);
  assert.equal(statSync(out).size, summary.quantize.bytes);
  assert.ok(statSync(out).size <= 150_000);
  const model = await loadFastTextClassifier(out);
  assert.ok(model.quantized);
  if (hasFastText) {
    const theirs = spawnSync('fasttext', ['predict', out, devFile], { encoding: 'utf8' });
    assert.equal(theirs.status, 0, theirs.stderr);
    assert.deepEqual(theirs.stdout.trimEnd().split('\n'), readFileSync(devFile, 'utf8').trimEnd().split('\n').map((l) => model.predict(l)[0]!.label));
  }
  const text = lexnet(['classify', 'autotune', '--train', trainFile, '--dev', devFile, '--kind', 'supervised', '--duration', '2', '--model-size', '150k', '--threads', '1', '--out', join(dir, 'b.ftz')]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /quantized: --dsub \d+ --qnorm( --cutoff \d+ --retrain)? \([\d,]+ bytes, at most 150k\)/);
  const refused: [string[], RegExp, number][] = [
    [['--model-size', '2MB'], /^lexnet: --model-size must be a size in bytes/, 2],
    [['--model-size', '2M', '--out', join(dir, 'x.model')], /^lexnet: --model-size writes a quantized fastText model \(\.ftz\): name --out FILE\.ftz, not /, 2],
    [['--dsub', '4', '--out', join(dir, 'x.model')], /^lexnet: --dsub applies to --model-size/, 1],
    [['--model-size', '1k', '--out', join(dir, 'x.ftz')], /^lexnet: autotuneClassifier: no trial's quantized model fits --model-size 1,000 bytes .*: raise --model-size\n/, 1],
  ];
  for (const [flags, pattern, status] of refused) {
    const x = lexnet(['classify', 'autotune', '--train', trainFile, '--dev', devFile, '--kind', 'supervised', '--duration', '1', '--threads', '1', ...flags]);
    assert.equal(x.status, status, `${flags.join(' ')}: ${x.stderr}`);
    assert.match(x.stderr, pattern);
    if (flags[1] === '1k') assert.match(x.stdout, /^ {2}trial 1: its quantized model does not fit --model-size$/m);
  }
  assert.equal(existsSync(join(dir, 'x.model')) || existsSync(join(dir, 'x.ftz')), false);
});
