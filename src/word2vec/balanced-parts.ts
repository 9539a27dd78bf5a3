// The threads' contiguous parts cut where the expected training work, not the count of ids, is
// equal (issue 21). The kernels' cost of a sentence, in units of one vector operation over `dim`
// floats (a dot product or an axpy), after subsampling keeps K of its words (word2vec discards
// before it forms the windows, so contexts are kept words):
//   skip-gram: Σ_kept 2·rows(w) (the centre's input, the mean of its rows, composed and its
//              gradient spread back) + pairs(K)·3·targets (a dot and two axpys per target);
//   CBOW:      Σ_kept 3·targets + (pairs(K)/K)·Σ_kept 2·rows(w) (each kept word a context of
//              about pairs(K)/K windows, its rows pooled and updated in each);
// plus a small cost per id (reading it, the subsampling draw). rows(w) is 1 without subwords, the
// word's own row and its n-gram rows with them; targets is 1 + negative (negative sampling), the
// mean Huffman code length (hierarchical softmax) or V (softmax); pairs(K) is the expected count
// of (centre, context) pairs of a sentence of K kept words with the window drawn uniformly in
// 1..window as the kernels do. Expectations are taken with each word's keep probability (E[K]
// for K). On Brown, sorted by genre, equal halves of the ids differ by ~4 % in this cost with
// subwords and ~2.5 % without, the measured difference in the two threads' CPU time.
import { Ticker } from '../train/abort.js';
import type { IdsReader } from './thread-loop.js';

/** What the cost of a corpus position depends on: the run's settings and each word's keep probability and input rows. */
export interface PartCostModel {
  model: 'skipgram' | 'cbow';
  window: number;
  /** Output vectors touched per prediction (1 + negative, the mean code length, or V). */
  targets: number;
  dim: number;
  /** Each word's probability of surviving subsampling (values ≥ 1: always kept). */
  keep: ArrayLike<number>;
  /** Each word's input rows: offsets[w + 1] − offsets[w] (subwords), or null for one row a word. */
  rowOffsets: ArrayLike<number> | null;
}

/** Expected (centre, context) pairs of a sentence of k kept words (k may be fractional: interpolated), windows uniform in 1..w. */
export function expectedPairs(k: number, w: number): number {
  if (k <= 1) return 0;
  const exact = (n: number): number => {
    // pairs of position p: Σ_r (min(r, p) + min(r, n − 1 − p)) / w
    let s = 0;
    for (let p = 0; p < n; p++) for (let r = 1; r <= w; r++) s += Math.min(r, p) + Math.min(r, n - 1 - p);
    return s / w;
  };
  if (k >= 2 * w) return k * (w + 1) - ((w + 1) * (w + 2)) / 3;
  const lo = Math.floor(k), f = k - lo;
  return f === 0 ? exact(lo) : (1 - f) * exact(lo) + f * exact(lo + 1);
}

/** Ids read at a time. */
const READ = 1 << 16;
/** Ids per bin of the cumulative cost (cuts are interpolated inside a bin). */
const BIN = 1000;

/**
 * The boundaries [0, b1, …, ids] of `threads` contiguous parts of equal expected cost, from one
 * pass over the encoded ids (int32, −1 after each sentence). One thread: [0, ids].
 */
export async function balancedParts(read: IdsReader, ids: number, threads: number, m: PartCostModel, signal?: AbortSignal): Promise<number[]> {
  if (threads <= 1 || ids === 0) return [0, ids];
  const bins = new Float64Array(Math.ceil(ids / BIN));
  const perId = 20 / m.dim; // a read and a draw, against a vector operation of dim floats
  const buf = new Int32Array(READ);
  const bytes = new Uint8Array(buf.buffer);
  const ticker = new Ticker(signal, 25, 1);
  const pairCost = 3 * m.targets;
  const rowsOf = (w: number): number => (m.rowOffsets ? m.rowOffsets[w + 1]! - m.rowOffsets[w]! : 1);
  // the current sentence: first id, expected kept words, and Σ keep·rows
  let start = 0, kept = 0, keptRows = 0;
  const spread = (from: number, to: number, amount: number): void => {
    // `amount` over ids [from, to), evenly, into the bins they fall in
    if (to <= from || amount === 0) return;
    const per = amount / (to - from);
    for (let at = from; at < to;) {
      const b = Math.floor(at / BIN), end = Math.min(to, (b + 1) * BIN);
      bins[b]! += per * (end - at);
      at = end;
    }
  };
  const endSentence = (end: number): void => {
    const pairs = expectedPairs(kept, m.window);
    const cost = m.model === 'cbow'
      ? kept * pairCost + (kept > 0 ? (pairs / kept) * 2 * keptRows : 0)
      : 2 * keptRows + pairs * pairCost;
    spread(start, end, cost);
    start = end;
    kept = 0;
    keptRows = 0;
  };
  for (let at = 0; at < ids;) {
    const n = Math.min(READ, ids - at);
    read(bytes, at, n);
    for (let i = 0; i < n; i++) {
      const w = buf[i]!;
      bins[Math.floor((at + i) / BIN)]! += perId;
      if (w < 0) {
        endSentence(at + i + 1);
        continue;
      }
      const p = Math.min(1, m.keep[w]!);
      kept += p;
      keptRows += p * rowsOf(w);
    }
    at += n;
    if (ticker.due()) await ticker.tick();
  }
  endSentence(ids);
  return cutsOf(bins, ids, threads);
}

/** The boundaries where the cumulative cost of the bins reaches t/threads of the whole, interpolated inside a bin by ids. */
export function cutsOf(bins: Float64Array, ids: number, threads: number): number[] {
  let total = 0;
  for (let b = 0; b < bins.length; b++) total += bins[b]!;
  const cuts = [0];
  let b = 0, before = 0;
  for (let t = 1; t < threads; t++) {
    const goal = (total * t) / threads;
    while (b < bins.length - 1 && before + bins[b]! < goal) before += bins[b++]!;
    const from = b * BIN, to = Math.min(ids, (b + 1) * BIN);
    const f = bins[b]! > 0 ? Math.min(1, Math.max(0, (goal - before) / bins[b]!)) : 0;
    cuts.push(Math.max(cuts[t - 1]!, Math.min(ids, Math.round(from + f * (to - from)))));
  }
  cuts.push(ids);
  return cuts;
}
