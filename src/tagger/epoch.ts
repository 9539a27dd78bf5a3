import { Random } from '../core/random.js';
import type { Kernels } from '../word2vec/kernels.js';
import { UNK } from './features.js';
import type { ThreadBuffers } from './model.js';

/** Training data laid out for every thread: one window of feature ids per token, and its label. */
export interface SharedTrainingData {
  /** tokens × (C·4) feature ids. */
  windows: Int32Array;
  labels: Int32Array;
  /** 1 for words seen once in training (replaced by the unknown word at random). */
  singleton: Uint8Array;
  /** This epoch's token order. */
  order: Int32Array;
  /** [0]: SGD steps taken by all threads, for the learning-rate decay. */
  steps: Int32Array;
  /** [0]: position in `order` of the next batch to claim this epoch (threads take batches as they finish, so none waits on a slower one). */
  cursor: Int32Array;
}

export interface EpochSettings {
  window: number;
  batchSize: number;
  lr: number;
  l2: number;
  unknownRate: number;
  /** Input dropout rate. */
  dropout: number;
  totalSteps: number;
}

/**
 * Trains with one kernel instance on minibatches of `order` claimed from the shared cursor until
 * the epoch's tokens run out; the learning rate decays linearly to 10% by the global step count.
 * Returns the summed loss of this thread's batches (mean batch loss × batch size). With
 * `maxBatches`, returns after that many batches (the caller calls again until the cursor passes the end).
 */
export function trainClaimedBatches(k: Kernels, memory: WebAssembly.Memory, io: ThreadBuffers, d: SharedTrainingData, s: EpochSettings, rng: Random, maxBatches = Infinity): number {
  const C4 = s.window * 4;
  const ids = new Int32Array(memory.buffer, io.ids, s.batchSize * C4);
  const y = new Int32Array(memory.buffer, io.labels, s.batchSize);
  const tokens = d.order.length;
  let lossSum = 0;
  // with maxBatches (a caller that yields between calls), no batch is claimed beyond it
  for (let b = Atomics.add(d.cursor, 0, s.batchSize), n = 1; b < tokens; b = n++ < maxBatches ? Atomics.add(d.cursor, 0, s.batchSize) : tokens) {
    const n = Math.min(s.batchSize, tokens - b);
    for (let i = 0; i < n; i++) {
      const tok = d.order[b + i]!;
      for (let q = 0; q < C4; q++) ids[i * C4 + q] = d.windows[tok * C4 + q]!; // no subarray objects: no garbage per batch
      for (let p = 0; p < C4; p += 4) if (d.singleton[ids[i * C4 + p]!] && rng.next() < s.unknownRate) ids[i * C4 + p] = UNK;
      y[i] = d.labels[tok]!;
    }
    const step = Atomics.add(d.steps, 0, 1);
    const lr = s.lr * (1 - 0.9 * Math.min(1, step / s.totalSteps));
    const loss = k.taggerTrainBatch(io.ids, io.labels, n, lr, s.l2, s.dropout);
    if (!Number.isFinite(loss)) return loss;
    lossSum += loss * n;
  }
  return lossSum;
}
