// Issue 22 (memory): `classify train --kind supervised` reads the training file's token ids into a
// kernel memory (LineMemory, 2 bytes a number while there are fewer than 65,535 distinct tokens),
// numbers the words there in place, and trains in that memory, grown to hold the model after them:
// the words are never copied. The model must be the one trained from the same lines as strings.
process.env.LEXNET_SIMD = 'plain';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../src/core/random.js';
import { tempDir, writeTemp } from './cli.js';
import { readLabelledIds } from '../src/text/labelled-ids.js';
import { surveyedNormalization } from '../src/classify/labelled-input.js';
import { trainSupervisedFile } from '../src/classify/train.js';
import { trainSupervised } from '../src/fasttext/supervised-train.js';
import type { FastTextClassifier } from '../src/fasttext/supervised-model.js';
import { LineMemory } from '../src/fasttext/line-memory.js';

/** `lines` fastText lines over a vocabulary of `vocabulary` words, two labels. */
function corpus(lines: number, vocabulary: number, seed: number, longest = 12): string[] {
  const rng = new Random(seed);
  return Array.from({ length: lines }, () => {
    const pos = rng.next() < 0.5;
    const words = Array.from({ length: 1 + Math.floor(rng.next() * longest) }, () => `w${Math.floor(rng.next() * vocabulary)}`);
    return `__label__${pos ? 'pos' : 'neg'} ${pos ? 'good' : 'bad'} ${words.join(' ')}`;
  });
}

const settings = { threads: 1, seed: 5, dim: 8, epochs: 2, wordNgrams: 2, bucket: 500 } as const;

async function bothModels(text: string[]): Promise<{ inMemory: FastTextClassifier; fromStrings: FastTextClassifier; width: number; memoryBytes: number }> {
  const path = writeTemp(tempDir(), 'train.txt', text.join('\n') + '\n');
  const ids = readLabelledIds(path, '__label__', (s) => surveyedNormalization(s, { tokenizer: 'whitespace', lowercase: false }), { shared: false });
  assert.ok(ids && ids.indexed, 'read into ids');
  const memory = ids.indexed.memory;
  assert.ok(memory instanceof LineMemory, 'the words are in a kernel memory');
  const width = ids.indexed.wordIds.BYTES_PER_ELEMENT;
  const r = await trainSupervisedFile(ids, null, { kind: 'supervised', ...settings });
  const fromStrings = (await trainSupervised(text, settings)).classifier;
  const c = r.classifier;
  assert.equal(c.kind, 'supervised');
  return { inMemory: (c as { model: FastTextClassifier }).model, fromStrings, width, memoryBytes: memory.memory.buffer.byteLength };
}

test('a file\'s words read into a kernel memory as 2-byte numbers train there, into the model trained from the same lines as strings', async () => {
  const m = await bothModels(corpus(400, 300, 1));
  assert.equal(m.width, 2);
  assert.deepEqual(m.inMemory.toBytes(), m.fromStrings.toBytes());
  const rows = m.inMemory.dictionary.nwords + settings.bucket;
  assert.ok(m.memoryBytes >= rows * settings.dim * 4, 'the model was laid out in the memory the file was read into');
});

test('past 65,534 distinct tokens the numbers are widened to 4 bytes in place, with the same model', async () => {
  const m = await bothModels(corpus(12_000, 300_000, 2, 24));
  assert.ok(m.inMemory.dictionary.nwords > 65_536);
  assert.equal(m.width, 4);
  assert.deepEqual(m.inMemory.toBytes(), m.fromStrings.toBytes());
});

test('LineMemory.widen keeps every number and turns the 2-byte line end into −1', () => {
  const lines = new LineMemory(false);
  const narrow = lines.view(5);
  narrow.set([3, 0xffff, 65534, 0, 7]);
  assert.deepEqual([...lines.widen(5)], [3, -1, 65534, 0, 7]);
  assert.equal(lines.width, 4);
  assert.deepEqual([...lines.view(5)], [3, -1, 65534, 0, 7]);
});
