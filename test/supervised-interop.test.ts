// A model trainSupervised trains, written as a fastText `.bin` (the dense writer of
// fasttext/model-file.ts), is read by fastText 0.9.2, which predicts the same labels and
// probabilities: the dictionary, `</s>`, word and character n-gram rows are fastText's.
// Skipped with a message when Debian's `fasttext` is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../src/core/random.js';
import { encodeFastTextModel } from '../src/fasttext/model-file.js';
import type { DenseRows } from '../src/fasttext/quantized-matrix.js';
import { trainSupervised } from '../src/fasttext/supervised-train.js';
import { lexnet, tempDir } from './cli.js';

const hasFastText = spawnSync('fasttext', ['predict'], { encoding: 'utf8' }).error === undefined;
const skip = hasFastText ? false : 'the fasttext tool is not installed (apt-get install fasttext)';
const dir = tempDir();

const WORDS = ['sun', 'rain', 'snow', 'wind', 'cloud', 'storm', 'fog', 'hail', 'the', 'a', 'day', 'was', 'very', 'cold', 'warm', 'grey', 'über', 'café'];
function corpus(n: number, seed: number): string[] {
  const rng = new Random(seed);
  return Array.from({ length: n }, () => {
    const words = Array.from({ length: 3 + Math.floor(rng.next() * 6) }, () => WORDS[Math.floor(rng.next() * WORDS.length)]!);
    const labels = ['__label__' + words[0]!.length % 4, ...(rng.next() < 0.3 ? ['__label__x'] : [])];
    return `${labels.join(' ')} ${words.join(' ')}`;
  });
}

// (two threads: the matrices are then views of a shared memory, written as they are)
for (const [loss, threads] of [['softmax', 1], ['ns', 1], ['hs', 1], ['ova', 1], ['softmax', 2]] as const) {
  test(`${loss}, ${threads} thread${threads > 1 ? 's' : ''}: fastText reads the model lexnet trained and predicts what lexnet predicts`, { skip }, async () => {
    const r = await trainSupervised(corpus(500, 1), { loss, dim: 12, epochs: 3, learningRate: 0.3, wordNgrams: 3, bucket: 5003, minn: 2, maxn: 4, threads });
    const c = r.classifier as unknown as { input: DenseRows; out: DenseRows };
    const bin = join(dir, `${loss}-${threads}.bin`), text = join(dir, `${loss}-${threads}.txt`);
    const chunks = [...encodeFastTextModel({ args: r.classifier.args, dictionary: r.classifier.dictionary, input: c.input, output: c.out })];
    writeFileSync(bin, Buffer.concat(chunks));
    const lines = [...corpus(40, 2).map((l) => l.replace(/__label__\S+ /g, '')), 'unseen wordz only', 'über café fog'];
    writeFileSync(text, lines.join('\n') + '\n');
    const out = spawnSync('fasttext', ['predict-prob', bin, text, '3'], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    const theirs = out.stdout.split('\n').slice(0, -1);
    assert.equal(theirs.length, lines.length);
    lines.forEach((line, i) => {
      const parts = theirs[i]!.split(' ');
      const ours = r.classifier.predict(line, { k: 3 });
      assert.deepEqual(ours.map((p) => p.label), parts.filter((_, j) => j % 2 === 0), `line ${i + 1}: ${line}`);
      ours.forEach((p, j) => assert.ok(Math.abs(p.probability - Number(parts[2 * j + 1])) < 1e-4, `line ${i + 1}: ${p.label} ${p.probability} vs ${parts[2 * j + 1]}`));
    });
  });
}

test('classify train --kind supervised --out MODEL.bin writes fastText\'s .bin: fastText and lexnet predict the same labels from it', { skip }, () => {
  const train = join(dir, 'cli-train.txt'), bin = join(dir, 'cli.bin'), text = join(dir, 'cli-test.txt');
  writeFileSync(train, corpus(400, 3).join('\n') + '\n');
  writeFileSync(text, corpus(30, 4).map((l) => l.replace(/__label__\S+ /g, '')).join('\n') + '\n');
  const t = lexnet(['classify', 'train', '--kind', 'supervised', '--train', train, '--out', bin, '--threads', '1', '--word-ngrams', '2', '--bucket', '2003', '--quiet']);
  assert.equal(t.status, 0, t.stderr);
  const theirs = spawnSync('fasttext', ['predict-prob', bin, text, '2'], { encoding: 'utf8' });
  assert.equal(theirs.status, 0, theirs.stderr);
  const ours = lexnet(['classify', 'predict', '--model', bin, '--data', text, '-k', '2', '--probabilities']);
  assert.equal(ours.status, 0, ours.stderr);
  assert.equal(ours.stdout, theirs.stdout);
});
