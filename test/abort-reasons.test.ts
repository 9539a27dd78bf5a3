// An aborted call rejects with its signal's reason, and isAbortError recognises every kind of abort.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../src/core/random.js';
import { mlpClassifier } from '../src/models/models.js';
import { fit } from '../src/train/trainer.js';
import { trainClassifier } from '../src/classify/train.js';
import { trainWord2vec } from '../src/word2vec/train.js';
import { isAbortError } from '../src/index.js';

function xy(n: number): { x: number[][]; y: number[] } {
  const r = new Random(2);
  const x = Array.from({ length: n }, () => [r.normal(), r.normal()]);
  return { x, y: x.map(([a, b]) => (a! + b! > 0 ? 1 : 0)) };
}

test("AbortSignal.timeout: the call rejects with a TimeoutError, which isAbortError recognises (the README's example)", async () => {
  const { x, y } = xy(2000);
  const signal = AbortSignal.timeout(30);
  let caught: unknown;
  try {
    await fit(mlpClassifier(2, [32], 2, 'tanh', new Random(1)), x, y, { epochs: 1_000_000, batchSize: 1, signal });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== undefined, 'the call was aborted');
  assert.equal((caught as Error).name, 'TimeoutError');
  assert.equal(caught, signal.reason, 'the rejection is the signal\'s reason');
  assert.equal(isAbortError(caught), true);
  assert.equal(isAbortError(caught, signal), true);
});

test('an already timed-out or aborted signal: rejected at once with its reason', async () => {
  const examples = [{ text: 'a b', label: 'x' }, { text: 'c d', label: 'y' }];
  const timedOut = AbortSignal.timeout(1);
  await new Promise((r) => setTimeout(r, 20));
  await assert.rejects(trainClassifier(examples, null, { signal: timedOut }), (e: unknown) => isAbortError(e) && (e as Error).name === 'TimeoutError');
  await assert.rejects(trainClassifier(examples, null, { signal: AbortSignal.abort() }), (e: unknown) => isAbortError(e));
});

test('a custom abort reason: the call rejects with it, and isAbortError(e, signal) recognises it', async () => {
  const controller = new AbortController();
  const reason = new Error('the user pressed Stop');
  controller.abort(reason);
  const { x, y } = xy(50);
  let caught: unknown;
  await fit(mlpClassifier(2, [4], 2, 'tanh', new Random(1)), x, y, { epochs: 3, signal: controller.signal }).catch((e: unknown) => { caught = e; });
  assert.equal(caught, reason);
  assert.equal(isAbortError(caught, controller.signal), true);
  assert.equal(isAbortError(new Error('something else'), controller.signal), false);
  assert.equal(isAbortError(new Error('something else')), false);
  assert.equal(isAbortError(reason, new AbortController().signal), false, 'a signal not aborted does not vouch for an error');
  assert.equal(isAbortError(null), false);
});

test("the README's cancellation example as written: trainWord2vec with AbortSignal.timeout, caught by isAbortError", async () => {
  const r = new Random(3);
  const corpus = Array.from({ length: 5000 }, () => Array.from({ length: 10 }, () => `w${Math.floor(r.next() * 500)}`));
  let rethrown: unknown = null;
  try {
    try { await trainWord2vec(corpus, { minCount: 1, epochs: 100_000, threads: 1, signal: AbortSignal.timeout(100) }); }
    catch (e) { if (!isAbortError(e)) throw e; }
  } catch (e) {
    rethrown = e;
  }
  assert.equal(rethrown, null, `the example rethrew ${String(rethrown)}`);
});
