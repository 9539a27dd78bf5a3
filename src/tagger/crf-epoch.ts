import type { Random } from '../core/random.js';
import type { Kernels } from '../kernels/kernels.js';
import type { WasmMemory } from '../kernels/wasm-types.js';
import { crfLossAndGradient, type CrfGradients } from './crf.js';
import { copyWindow, type EpochSettings, type SharedTrainingData } from './epoch.js';
import { MAX_BATCH, type ThreadBuffers } from './model.js';

/** Where the crf decoder's start scores (T) and transitions (T × T) live in the model memory. */
export interface CrfLayout {
  tags: number;
  start: number;
  transitions: number;
}

/**
 * The crf decoder's epoch: whole sentences claimed from the shared cursor, packed into batches
 * of at most batchSize tokens (a longer sentence makes a batch of its own; beyond MAX_BATCH
 * tokens it is trained as pieces of MAX_BATCH). Per batch: the kernel's forward pass gives the
 * emissions, crf.ts the sentence-level loss and ∂loss/∂emissions (divided by the batch's tokens,
 * as the window decoder's mean), and the kernel's backward pass takes it through the network
 * into the embeddings; the start and transition scores take their SGD step here. The learning
 * rate decays linearly to 10% by the sentences done. Returns the summed sentence losses.
 */
export function trainClaimedSentences(k: Kernels, memory: WasmMemory, io: ThreadBuffers, d: SharedTrainingData, s: EpochSettings, c: CrfLayout, rng: Random, maxSentences = Infinity): number {
  const CF = s.window * s.features, T = c.tags;
  const ids = new Int32Array(memory.buffer, io.ids, MAX_BATCH * CF);
  const gold = new Int32Array(memory.buffer, io.labels, MAX_BATCH);
  const scores = new Float32Array(memory.buffer, io.out, MAX_BATCH * T);
  const start = new Float32Array(memory.buffer, c.start, T), A = new Float32Array(memory.buffer, c.transitions, T * T);
  const emissions = new Float64Array(MAX_BATCH * T); // the scores in float64; their gradient is written over `scores`
  const g: CrfGradients = { emissions: scores, start: new Float64Array(T), transitions: new Float64Array(T * T) };
  const pieces: number[] = []; // [first token, length] of each sentence (piece) in the batch
  const limit = Math.min(s.batchSize, MAX_BATCH);
  let n = 0, lossSum = 0, sentencesInBatch = 0;
  const flush = (): boolean => {
    if (n === 0) return true;
    const done = Atomics.add(d.steps, 0, sentencesInBatch);
    const lr = s.lr * (1 - 0.9 * Math.min(1, done / s.totalSteps));
    k.taggerTrainForward(io.ids, n, s.dropout, io.out);
    for (let q = 0; q < n * T; q++) emissions[q] = scores[q]!;
    g.start.fill(0);
    g.transitions.fill(0);
    for (let p = 0, o = 0; p < pieces.length; p += 2) {
      const len = pieces[p + 1]!;
      const e = emissions.subarray(o * T, (o + len) * T);
      lossSum += crfLossAndGradient(e, len, T, start, A, gold.subarray(o, o + len), { ...g, emissions: scores.subarray(o * T, (o + len) * T) }, 1 / n);
      o += len;
    }
    if (!Number.isFinite(lossSum)) return false;
    for (let j = 0; j < T; j++) start[j] = start[j]! - lr * g.start[j]!; // a0 ← a0 − lr ∂J/∂a0
    for (let q = 0; q < T * T; q++) A[q] = A[q]! - lr * g.transitions[q]!; // A ← A − lr ∂J/∂A
    k.taggerTrainBackward(io.ids, n, io.out, lr, s.l2, s.dropout);
    n = 0;
    sentencesInBatch = 0;
    pieces.length = 0;
    return true;
  };
  const sentences = d.order.length;
  // with maxSentences (a caller that yields between calls), no sentence is claimed beyond it
  for (let b = Atomics.add(d.cursor, 0, 1), m = 1; b < sentences; b = m++ < maxSentences ? Atomics.add(d.cursor, 0, 1) : sentences) {
    const sentence = d.order[b]!;
    const from = d.sentenceStarts[sentence]!, to = d.sentenceStarts[sentence + 1]!;
    for (let first = from; first < to; first += MAX_BATCH) {
      const len = Math.min(MAX_BATCH, to - first);
      if (n + len > limit && !flush()) return NaN;
      for (let t = 0; t < len; t++) {
        copyWindow(d, s, first + t, ids, (n + t) * CF, rng);
        gold[n + t] = d.labels[first + t]!;
      }
      pieces.push(first, len);
      n += len;
      if (first === from) sentencesInBatch++;
    }
  }
  return flush() ? lossSum : NaN;
}
