// The Node platform's garbage collection on demand (supervised training calls it before its model's
// rows are touched: the reader's garbage is returned first; issue 22, memory no more than fastText's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { collectGarbage } from '../src/node/collect-garbage.js';
import { supervisedThreadHost } from '../src/node/supervised-threads.js';

test('collectGarbage frees a dropped buffer at once, and leaves no gc global behind', () => {
  let big: ArrayBuffer | null = new ArrayBuffer(64 << 20);
  new Uint8Array(big).fill(1);
  const before = process.memoryUsage().arrayBuffers;
  big = null;
  collectGarbage();
  assert.ok(process.memoryUsage().arrayBuffers <= before - (60 << 20), `${before} → ${process.memoryUsage().arrayBuffers}`);
  assert.equal(runInNewContext('typeof gc'), 'undefined');
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined');
  collectGarbage(); // (again: the function kept)
});

test('the Node host of supervised training offers it', () => {
  assert.equal(supervisedThreadHost.collectGarbage, collectGarbage);
});
