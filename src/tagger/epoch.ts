import { Random } from '../core/random.js';
import type { Kernels } from '../kernels/kernels.js';
import type { WasmMemory } from '../kernels/wasm-types.js';
import { UNK } from './features.js';
import type { ThreadBuffers } from './model.js';

/** Training data laid out for every thread: one window of feature ids per token, and its label. */
export interface SharedTrainingData {
  /** tokens × (C·F) feature ids. */
  windows: Int32Array;
  /** sentences + 1: where each sentence's tokens start (the crf decoder trains on whole sentences). */
  sentenceStarts: Int32Array;
  labels: Int32Array;
  /** 1 for words seen once in training (replaced by the unknown word at random). */
  singleton: Uint8Array;
  /** This epoch's token order (window decoder) or sentence order (crf). */
  order: Int32Array;
  /** [0]: SGD steps (window decoder) or sentences (crf) done by all threads, for the learning-rate decay. */
  steps: Int32Array;
  /** [0]: position in `order` of the next batch to claim this epoch (threads take batches as they finish, so none waits on a slower one). */
  cursor: Int32Array;
}

export interface EpochSettings {
  window: number;
  /** Feature ids per token (the word's is first). */
  features: number;
  decoder: 'window' | 'crf';
  batchSize: number;
  lr: number;
  l2: number;
  unknownRate: number;
  /** Probability of replacing any word by the unknown word (word dropout), so the other features learn to do without it. */
  wordDropout: number;
  /** Input dropout rate. */
  dropout: number;
  /** Steps (window decoder) or sentences (crf) over the whole run. */
  totalSteps: number;
}

/**
 * Copies token `tok`'s window to ids[o…], replacing words seen once by the unknown word with
 * probability unknownRate and any word with probability wordDropout.
 */
export function copyWindow(d: SharedTrainingData, s: EpochSettings, tok: number, ids: Int32Array, o: number, rng: Random): void {
  const CF = s.window * s.features;
  for (let q = 0; q < CF; q++) ids[o + q] = d.windows[tok * CF + q]!; // no subarray objects: no garbage per batch
  for (let p = o; p < o + CF; p += s.features) {
    if ((d.singleton[ids[p]!] && rng.next() < s.unknownRate) || (s.wordDropout > 0 && rng.next() < s.wordDropout)) ids[p] = UNK;
  }
}

/**
 * Trains with one kernel instance on minibatches of `order` claimed from the shared cursor until
 * the epoch's tokens run out; the learning rate decays linearly to 10% by the global step count.
 * Returns the summed loss of this thread's batches (mean batch loss × batch size). With
 * `maxBatches`, returns after that many batches (the caller calls again until the cursor passes the end).
 */
export function trainClaimedBatches(k: Kernels, memory: WasmMemory, io: ThreadBuffers, d: SharedTrainingData, s: EpochSettings, rng: Random, maxBatches = Infinity): number {
  const CF = s.window * s.features;
  const ids = new Int32Array(memory.buffer, io.ids, s.batchSize * CF);
  const y = new Int32Array(memory.buffer, io.labels, s.batchSize);
  const tokens = d.order.length;
  let lossSum = 0;
  // with maxBatches (a caller that yields between calls), no batch is claimed beyond it
  for (let b = Atomics.add(d.cursor, 0, s.batchSize), n = 1; b < tokens; b = n++ < maxBatches ? Atomics.add(d.cursor, 0, s.batchSize) : tokens) {
    const n = Math.min(s.batchSize, tokens - b);
    for (let i = 0; i < n; i++) {
      const tok = d.order[b + i]!;
      copyWindow(d, s, tok, ids, i * CF, rng);
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
