// The Node host of supervised training starts its workers early (while the main thread encodes the
// lines): warmed workers take the jobs; those not used are ended and never hold the process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainSupervised } from '../src/fasttext/supervised-train.js';
import { supervisedThreadHost } from '../src/node/supervised-threads.js';

const lines = (n: number): string[] => Array.from({ length: n }, (_, i) => (i % 2 ? '__label__pos good fine film' : '__label__neg bad dull film'));

test('workers warmed and not used are ended by the release', () => {
  assert.equal(typeof supervisedThreadHost.warm, 'function');
  const release = supervisedThreadHost.warm!(2);
  assert.equal(release(), 2);
  assert.equal(release(), 0);
});

test('workers warmed ahead take the jobs of a two-thread training', async () => {
  const release = supervisedThreadHost.warm!(2);
  const r = await trainSupervised(lines(200), { dim: 8, epochs: 5, learningRate: 0.5, threads: 2 });
  assert.equal(release(), 0); // both were given a job (the first idle ones are taken first)
  assert.equal(r.threads, 2);
  assert.deepEqual(r.classifier.predict('good fine', { k: 1 }).map((p) => p.label), ['__label__pos']);
});

test('a training refused after its workers were warmed ends them (the test process exits)', async () => {
  await assert.rejects(trainSupervised(['__label__a x y', '__label__a z'], { threads: 2 }), /only one label/);
});
