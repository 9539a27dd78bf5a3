// The Node host of supervised training starts its workers early (while the main thread encodes the
// lines): warmed workers take the jobs; those not used are ended and never hold the process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainSupervised } from '../src/fasttext/supervised-train.js';
import { supervisedThreadHost } from '../src/node/supervised-threads.js';

const lines = (n: number): string[] => Array.from({ length: n }, (_, i) => (i % 2 ? '__label__pos good fine film' : '__label__neg bad dull film'));

test('workers warmed and not used are ended by the release (thread 0 runs in the calling thread: no worker for it)', () => {
  assert.equal(typeof supervisedThreadHost.warm, 'function');
  const release = supervisedThreadHost.warm!(3);
  assert.equal(release(), 2);
  assert.equal(release(), 0);
  assert.equal(supervisedThreadHost.warm!(1)(), 0);
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

test('thread 0 trains in the calling thread without blocking it: progress is reported during training and an abort stops a two-thread run', async () => {
  const controller = new AbortController();
  let training = 0;
  const run = trainSupervised(lines(20000), {
    dim: 16, epochs: 1000, threads: 2, signal: controller.signal,
    onProgress: (e) => { if (e.stage === 'training' && ++training === 2) controller.abort(); },
  });
  await assert.rejects(run, (e: Error) => e.name === 'AbortError');
  assert.ok(training >= 2);
});
