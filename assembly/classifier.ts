// fastText's supervised model (`fasttext supervised`): the hidden vector is the mean of a line's
// input rows (words, their character n-grams, hashed word n-grams), the output layer one of
// fastText's losses (src/loss.cc): softmax, negative sampling over labels, hierarchical softmax
// over a Huffman tree of the labels, one-vs-all. One instance per thread; the matrices are shared
// (Hogwild). Every update is fastText's: the output rows first, the hidden gradient then added to
// each input row divided by the number of rows (`Model::update` with a supervised model).

import { axpy, dot, scaleInto, zero } from './vector';
import { sigmoid } from './sigmoid-table';

export const SUP_SOFTMAX: i32 = 0;
export const SUP_NEGATIVE: i32 = 1;
export const SUP_HIERARCHICAL: i32 = 2;
export const SUP_ONE_VS_ALL: i32 = 3;
/** Longest Huffman code (src/word2vec/huffman.ts lays the codes out with this stride). */
const CODE_STRIDE: i32 = 40;

let dim: i32 = 0;
let nlabels: i32 = 0;
let input: usize = 0; // (nwords + bucket) × dim
let output: usize = 0; // nlabels × dim (hs: nlabels − 1 inner nodes used)
let lossKind: i32 = 0;
let neg: i32 = 5;
let cumulative: usize = 0; // f32 [nlabels]: Σ √count of labels 0..i, normalised to end at 1 (ns)
let codes: usize = 0; // u8 [nlabels × 40] (hs)
let points: usize = 0; // i32 [nlabels × 40]
let codeLens: usize = 0; // i32 [nlabels]
let hidden: usize = 0; // scratch: f32 [dim]
let grad: usize = 0; // f32 [dim]
let scores: usize = 0; // f32 [nlabels]
let drawn: usize = 0; // i32 [neg]: the last example's negatives (for tests)
let nodeLogs: usize = 0; // f32 [nlabels]: log σ of each inner node's score (hs prediction)
let rng: u64 = 1;
let lossSum: f64 = 0;
let lossCount: f64 = 0;

@inline
function floatsBytes(n: i32): usize {
  return ((<usize>n << 2) + 15) & ~<usize>15;
}

/** Bytes of one thread's scratch (hidden, gradient, label scores, drawn negatives). */
export function classifierScratchBytes(dim_: i32, nlabels_: i32, neg_: i32): usize {
  return 2 * floatsBytes(dim_) + 2 * floatsBytes(nlabels_) + floatsBytes(neg_);
}

/** Sets this instance's model pointers and loss. */
export function classifierConfigure(
  dim_: i32, nlabels_: i32, input_: usize, output_: usize, lossKind_: i32, neg_: i32,
  cumulative_: usize, codes_: usize, points_: usize, codeLens_: usize, scratch: usize,
): void {
  dim = dim_; nlabels = nlabels_; input = input_; output = output_; lossKind = lossKind_; neg = neg_;
  cumulative = cumulative_; codes = codes_; points = points_; codeLens = codeLens_;
  hidden = scratch;
  grad = hidden + floatsBytes(dim);
  scores = grad + floatsBytes(dim);
  drawn = scores + floatsBytes(nlabels);
  nodeLogs = drawn + floatsBytes(neg);
}

export function classifierSeed(s: u64): void { rng = s; }
export function classifierRngState(): u64 { return rng; }
export function classifierLossTotal(): f64 { return lossSum; }
export function classifierLossTerms(): f64 { return lossCount; }
export function classifierResetLoss(): void { lossSum = 0; lossCount = 0; }
export function classifierHiddenPtr(): usize { return hidden; }
export function classifierDrawnPtr(): usize { return drawn; }

/** xorshift64*'s next value. */
@inline
function nextRandom(): u64 {
  let x = rng;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  rng = x;
  return x * 0x2545f4914f6cdd1d;
}

/** A uniform float in [0, 1) (24 bits). */
@inline
function uniform(): f32 {
  return <f32>(nextRandom() >> 40) * (<f32>1 / <f32>16777216);
}

/** A uniform integer in [0, n). */
@inline
function below(n: i32): i32 {
  return <i32>((nextRandom() >> 33) % <u64>n);
}

@inline
function row(base: usize, i: i32): usize {
  return base + (<usize>i * <usize>dim << 2);
}

/** log p, p kept from 0 (log 0 = −∞ would end the loss sum), NaN kept (a diverged run must show). */
@inline
function clampedLog(p: f32): f64 {
  return Math.log(<f64>(p > <f32>1e-30 || isNaN(p) ? p : <f32>1e-30));
}

/**
 * fastText's `binaryLogistic`: s = σ(u_iᵀh), J = −log s (positive) or −log(1 − s), and with
 * α = lr(label − s): grad += α u_i (before u_i moves), u_i += α h.
 */
@inline
function binaryLogistic(i: i32, positive: bool, lr: f32): f64 {
  const u = row(output, i);
  const s = sigmoid(dot(hidden, u, dim));
  const label: f32 = positive ? 1 : 0;
  const alpha = lr * (label - s);
  axpy(alpha, u, grad, dim); // −lr ∂J/∂h = lr(y − σ(uᵀh))u
  axpy(alpha, hidden, u, dim); // −lr ∂J/∂u = lr(y − σ(uᵀh))h
  return -clampedLog(positive ? s : <f32>1 - s);
}

/** A label drawn by √count (fastText's negative table), other than `target`. */
@inline
function negativeLabel(target: i32): i32 {
  let label = target;
  while (label == target) {
    const u = uniform();
    let lo = 0, hi = nlabels - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (load<f32>(cumulative + (<usize>mid << 2)) > u) hi = mid;
      else lo = mid + 1;
    }
    label = lo;
  }
  return label;
}

/** softmax: p = softmax(Uh), J = −log p_t; −lr ∂J/∂u_i = lr(δ_it − p_i)h, −lr ∂J/∂h = Σ lr(δ_it − p_i)u_i. */
function softmaxLoss(target: i32, lr: f32): f64 {
  let max: f32 = -Infinity;
  for (let i = 0; i < nlabels; i++) {
    const s = dot(hidden, row(output, i), dim);
    store<f32>(scores + (<usize>i << 2), s);
    if (s > max) max = s;
  }
  let z: f32 = 0;
  for (let i = 0; i < nlabels; i++) {
    const e = Mathf.exp(load<f32>(scores + (<usize>i << 2)) - max);
    store<f32>(scores + (<usize>i << 2), e);
    z += e;
  }
  for (let i = 0; i < nlabels; i++) {
    const p = load<f32>(scores + (<usize>i << 2)) / z;
    store<f32>(scores + (<usize>i << 2), p);
    const alpha = lr * ((i == target ? <f32>1 : <f32>0) - p);
    const u = row(output, i);
    axpy(alpha, u, grad, dim);
    axpy(alpha, hidden, u, dim);
  }
  return -clampedLog(load<f32>(scores + (<usize>target << 2)));
}

/**
 * One example: `rows` (n int32 input row ids), `labels` (m gold label ids) at learning rate lr.
 * softmax, ns and hs train on one gold label drawn uniformly (fastText's `targetIndex`); ova on all.
 * Returns the example's loss.
 */
export function classifierExample(rows: usize, n: i32, labels: usize, m: i32, lr: f32): f64 {
  if (n == 0 || m == 0) return 0;
  zero(hidden, dim);
  for (let r = 0; r < n; r++) axpy(1, row(input, load<i32>(rows + (<usize>r << 2))), hidden, dim);
  scaleInto(<f32>1 / <f32>n, hidden, hidden, dim); // h = (1/n) Σ_r x_r
  zero(grad, dim);
  let loss: f64 = 0;
  if (lossKind == SUP_ONE_VS_ALL) {
    // J = Σ_i −log σ(±u_iᵀh), + for every gold label
    for (let i = 0; i < nlabels; i++) {
      let gold = false;
      for (let k = 0; k < m; k++) if (load<i32>(labels + (<usize>k << 2)) == i) { gold = true; break; }
      loss += binaryLogistic(i, gold, lr);
    }
  } else {
    const target = load<i32>(labels + (<usize>(m == 1 ? 0 : below(m)) << 2));
    if (lossKind == SUP_SOFTMAX) {
      loss = softmaxLoss(target, lr);
    } else if (lossKind == SUP_NEGATIVE) {
      // J = −log σ(u_tᵀh) − Σ_k log σ(−u_kᵀh) over neg labels drawn by √count
      loss = binaryLogistic(target, true, lr);
      for (let k = 0; k < neg; k++) {
        const l = negativeLabel(target);
        store<i32>(drawn + (<usize>k << 2), l);
        loss += binaryLogistic(l, false, lr);
      }
    } else {
      // J = Σ_d −log σ((2c_d − 1) u_{p_d}ᵀh) along the label's Huffman path (fastText's branch sign)
      const len = load<i32>(codeLens + (<usize>target << 2));
      const base = <usize>target * <usize>CODE_STRIDE;
      for (let d = 0; d < len; d++) {
        const node = load<i32>(points + ((base + <usize>d) << 2));
        loss += binaryLogistic(node, load<u8>(codes + base + <usize>d) != 0, lr);
      }
    }
  }
  // each row of the mean receives (1/n)·(−lr ∂J/∂h): ∂h/∂x_r = 1/n (a row listed twice, twice)
  scaleInto(<f32>1 / <f32>n, grad, grad, dim);
  for (let r = 0; r < n; r++) axpy(1, grad, row(input, load<i32>(rows + (<usize>r << 2))), dim);
  lossSum += loss;
  lossCount += 1;
  return loss;
}

/** fastText's learning rate after `done` of `total` tokens: lr0 · (1 − done / total), never below 0. */
@inline
function decayedRate(lr0: f32, done: f64, total: f64): f32 {
  const progress = done / total;
  return lr0 * <f32>(progress < 1 ? 1 - progress : 0);
}

/** Whether line e's labels (labelIds[labelOffsets[e] … labelOffsets[e + 1])) include `label`. */
@inline
function hasLabel(labelIds: usize, labelOffsets: usize, e: i32, label: i32): bool {
  const l1 = load<i32>(labelOffsets + (<usize>(e + 1) << 2));
  for (let k = load<i32>(labelOffsets + (<usize>e << 2)); k < l1; k++) {
    if (load<i32>(labelIds + (<usize>k << 2)) == label) return true;
  }
  return false;
}

/**
 * Examples [from, to) of the encoded data (CSR: row ids with offsets, label ids with offsets,
 * and each line's token count), the learning rate decaying linearly from lr0 by tokens processed
 * as fastText's (`lr · (1 − done / total)`, done starting at `done0`). Returns the tokens processed.
 */
export function classifierTrain(
  rowIds: usize, rowOffsets: usize, labelIds: usize, labelOffsets: usize, tokens: usize,
  from: i32, to: i32, lr0: f32, done0: f64, total: f64,
): f64 {
  let done = done0;
  for (let e = from; e < to; e++) {
    const lr = decayedRate(lr0, done, total);
    const r0 = load<i32>(rowOffsets + (<usize>e << 2)), r1 = load<i32>(rowOffsets + (<usize>(e + 1) << 2));
    const l0 = load<i32>(labelOffsets + (<usize>e << 2)), l1 = load<i32>(labelOffsets + (<usize>(e + 1) << 2));
    classifierExample(rowIds + (<usize>r0 << 2), r1 - r0, labelIds + (<usize>l0 << 2), l1 - l0, lr);
    done += <f64>load<i32>(tokens + (<usize>e << 2));
  }
  return done - done0;
}

/** Fills rows [from, to) of a matrix with uniform values in [−a, a) from this instance's generator. */
export function classifierUniformRows(base: usize, from: i32, to: i32, a: f32): void {
  const end = row(base, to);
  for (let p = row(base, from); p < end; p += 4) store<f32>(p, (<f32>2 * uniform() - <f32>1) * a);
}

/**
 * The most probable label of an example (n input rows at `rows`), −1 without rows: the largest
 * score (softmax, ns, ova: σ and softmax keep the order), or with hs the leaf of the most probable
 * path (Σ log σ(±u_pᵀh) along each label's path, the inner nodes' scores computed once).
 */
export function classifierTopLabel(rows: usize, n: i32): i32 {
  if (n == 0) return -1;
  zero(hidden, dim);
  for (let r = 0; r < n; r++) axpy(1, row(input, load<i32>(rows + (<usize>r << 2))), hidden, dim);
  scaleInto(<f32>1 / <f32>n, hidden, hidden, dim);
  const nodes = lossKind == SUP_HIERARCHICAL ? nlabels - 1 : nlabels;
  for (let i = 0; i < nodes; i++) {
    const x = dot(hidden, row(output, i), dim);
    store<f32>(scores + (<usize>i << 2), x);
    // log σ(x), once per inner node (log σ(−x) = log σ(x) − x)
    if (lossKind == SUP_HIERARCHICAL) store<f32>(nodeLogs + (<usize>i << 2), <f32>(x >= 0 ? -Math.log1p(Math.exp(-<f64>x)) : <f64>x - Math.log1p(Math.exp(<f64>x))));
  }
  let best = 0;
  let bestScore: f64 = -Infinity;
  for (let l = 0; l < nlabels; l++) {
    let s: f64 = 0;
    if (lossKind == SUP_HIERARCHICAL) {
      const len = load<i32>(codeLens + (<usize>l << 2));
      const base = <usize>l * <usize>CODE_STRIDE;
      for (let d = 0; d < len; d++) {
        const node = <usize>load<i32>(points + ((base + <usize>d) << 2)) << 2;
        const logSig = <f64>load<f32>(nodeLogs + node);
        s += load<u8>(codes + base + <usize>d) != 0 ? logSig : logSig - <f64>load<f32>(scores + node); // log σ(±x)
      }
    } else {
      s = <f64>load<f32>(scores + (<usize>l << 2));
    }
    if (s > bestScore) { bestScore = s; best = l; }
  }
  return best;
}

/**
 * How many of lines [from, to) have their most probable label among their gold labels (precision
 * at 1, times the lines); each line's most probable label (−1 without rows) stored at tops[e] unless tops is 0.
 */
export function classifierCorrect(rowIds: usize, rowOffsets: usize, labelIds: usize, labelOffsets: usize, from: i32, to: i32, tops: usize): i32 {
  let correct = 0;
  for (let e = from; e < to; e++) {
    const r0 = load<i32>(rowOffsets + (<usize>e << 2)), r1 = load<i32>(rowOffsets + (<usize>(e + 1) << 2));
    const top = classifierTopLabel(rowIds + (<usize>r0 << 2), r1 - r0);
    if (tops) store<i32>(tops + (<usize>e << 2), top);
    if (top >= 0 && hasLabel(labelIds, labelOffsets, e, top)) correct++;
  }
  return correct;
}

// Lines given as word numbers, the rows of each line made here as planEncoding makes them
// (src/fasttext/supervised-data.ts): each word's rows (its own, its character n-grams') from a
// table, the end-of-line word after the line's words, then the word n-grams of 2 … wordNgrams
// words hashed as fastText's `addWordNgrams` (h ← h·116049371 + hash, unsigned 64-bit, each hash
// an int32 sign-extended; row nwords + h mod bucket). Only the word numbers are kept in memory.

let wordBytes: i32 = 4; // bytes of a word number: 2 (u16) or 4 (i32)
let partStart: usize = 0; // i32 [words + 1]: word w's rows are partRows[partStart[w] … partStart[w + 1])
let partRows: usize = 0; // i32
let wordHashes: usize = 0; // i32 [words]: fastText's hash of each word
let eosWord: i32 = 0; // the number of `</s>`
let ngramWords: i32 = 1; // wordNgrams
let ngramBucket: u64 = 0;
let ngramBase: i32 = 0; // nwords: the first bucket row
let lineRows: usize = 0; // scratch: i32 [the most rows a line makes]

/** fastText's multiplier in word n-gram hashes. */
const NGRAM_MULTIPLIER: u64 = 116049371;

/** Sets this instance's word tables (for classifierTrainWords and classifierCorrectWords) and its line scratch. */
export function classifierWords(
  partStart_: usize, partRows_: usize, hashes_: usize, eos_: i32, wordBytes_: i32,
  wordNgrams_: i32, bucket_: i32, nwords_: i32, lineRows_: usize,
): void {
  partStart = partStart_; partRows = partRows_; wordHashes = hashes_; eosWord = eos_; wordBytes = wordBytes_;
  ngramWords = wordNgrams_; ngramBucket = <u64>bucket_; ngramBase = nwords_; lineRows = lineRows_;
}

@inline
function wordAt(words: usize, i: i32): i32 {
  return wordBytes == 2 ? <i32>load<u16>(words + (<usize>i << 1)) : load<i32>(words + (<usize>i << 2));
}

@inline
function hashOf(w: i32): u64 {
  return <u64><i64>load<i32>(wordHashes + (<usize>w << 2)); // sign-extended, as fastText's uint64_t h = int32
}

/** The rows of the line of words [from, to) (then `</s>`) into lineRows; how many. */
export function classifierLineRows(words: usize, from: i32, to: i32): i32 {
  let n = 0;
  for (let w = from; w <= to; w++) {
    const p = w < to ? wordAt(words, w) : eosWord;
    const s1 = load<i32>(partStart + (<usize>(p + 1) << 2));
    for (let k = load<i32>(partStart + (<usize>p << 2)); k < s1; k++) {
      store<i32>(lineRows + (<usize>n << 2), load<i32>(partRows + (<usize>k << 2)));
      n++;
    }
  }
  if (ngramWords > 1 && ngramBucket > 0) {
    for (let i = from; i <= to; i++) {
      let h = hashOf(i < to ? wordAt(words, i) : eosWord);
      for (let j = i + 1; j <= to && j < i + ngramWords; j++) {
        h = h * NGRAM_MULTIPLIER + hashOf(j < to ? wordAt(words, j) : eosWord);
        store<i32>(lineRows + (<usize>n << 2), ngramBase + <i32>(h % ngramBucket));
        n++;
      }
    }
  }
  return n;
}

/** classifierTrain on lines of word numbers (line e's words are words[wordOffsets[e] … wordOffsets[e + 1]), `</s>` implied). */
export function classifierTrainWords(
  words: usize, wordOffsets: usize, labelIds: usize, labelOffsets: usize, tokens: usize,
  from: i32, to: i32, lr0: f32, done0: f64, total: f64,
): f64 {
  let done = done0;
  for (let e = from; e < to; e++) {
    const lr = decayedRate(lr0, done, total);
    const n = classifierLineRows(words, load<i32>(wordOffsets + (<usize>e << 2)), load<i32>(wordOffsets + (<usize>(e + 1) << 2)));
    const l0 = load<i32>(labelOffsets + (<usize>e << 2)), l1 = load<i32>(labelOffsets + (<usize>(e + 1) << 2));
    classifierExample(lineRows, n, labelIds + (<usize>l0 << 2), l1 - l0, lr);
    done += <f64>load<i32>(tokens + (<usize>e << 2));
  }
  return done - done0;
}

/** classifierCorrect on lines of word numbers. */
export function classifierCorrectWords(words: usize, wordOffsets: usize, labelIds: usize, labelOffsets: usize, from: i32, to: i32, tops: usize): i32 {
  let correct = 0;
  for (let e = from; e < to; e++) {
    const n = classifierLineRows(words, load<i32>(wordOffsets + (<usize>e << 2)), load<i32>(wordOffsets + (<usize>(e + 1) << 2)));
    const top = classifierTopLabel(lineRows, n);
    if (tops) store<i32>(tops + (<usize>e << 2), top);
    if (top >= 0 && hasLabel(labelIds, labelOffsets, e, top)) correct++;
  }
  return correct;
}
