// word2vec training kernels: skip-gram and CBOW with the negative-sampling, hierarchical-softmax
// and full-softmax costs, over float32 vectors in (shared) linear memory. One instance per
// thread: the globals below are that thread's configuration; the vectors are shared (Hogwild).

import { axpy, dot, madd, scaleInto, zero } from './vector';
import { logSigmoid, sigmoid } from './sigmoid-table';

export const MAX_CODE_LENGTH: i32 = 40;
export const LOSS_NEGATIVE: i32 = 0;
export const LOSS_HIERARCHICAL: i32 = 1;
export const LOSS_SOFTMAX: i32 = 2;

let dim: i32 = 0;
let vocabSize: i32 = 0;
let syn0: usize = 0; // input vectors, V × dim
let syn1: usize = 0; // output vectors (negative sampling, softmax) or inner nodes (hierarchical)
let negTable: usize = 0; // i32 unigram^0.75 table
let negTableSize: u64 = 0;
let keepProb: usize = 0; // f32 per word: subsampling keep probability (word2vec's formula)
let codes: usize = 0; // u8 [V × MAX_CODE_LENGTH]
let points: usize = 0; // i32 [V × MAX_CODE_LENGTH]
let codeLens: usize = 0; // i32 [V]
let scratch: usize = 0; // this thread's: neu1, neu1e (dim each), targets (i32), scores (V), sentence
let neu1: usize = 0;
let neu1e: usize = 0;
let targets: usize = 0;
let scores: usize = 0;
let sentence: usize = 0;
let contexts: usize = 0; // i32 [2·window]: context word ids of the current centre word
let grads: usize = 0; // f32 [2·window × (negative + 1)]: G = α(label − σ(S))
let dIn: usize = 0; // f32 [2·window × dim]: input-vector updates of the current window
let winTargets: usize = 0; // i32 [2·window × (negative + 1)]: subword skip-gram, the window's targets
let winWeights: usize = 0; // f32 [2·window × (negative + 1)]: each target's weight (contexts it counts for)
let negativeShare: i32 = 1; // subword skip-gram: neighbouring contexts that share one draw of negatives
let batchNegatives: bool = true;
let negativeWeight: f32 = 1; // batched skip-gram: each negative's gradient × this (setNegativeWeight)
let skipSaturated: bool = false; // gensim's rule: no update for a pair whose score is outside (−6, 6)
const SATURATED: f32 = 6;
let window: i32 = 5;
let negative: i32 = 5;
let cbow: bool = false;
let lossKind: i32 = 0;
let subsample: bool = true;
let rng: u64 = 1;
let lossStride: u32 = 1; // trainWindowBatched measures the loss of one window in lossStride
let lossTick: u32 = 0;
let lossSum: f64 = 0;
let lossCount: f64 = 0;
// fastText's subwords (configureSubwords): syn0 then has V + bucket rows, and word w's input
// rows are subwordIds[subwordOffsets[w] .. subwordOffsets[w + 1]) (its own row, then V + bucket
// of each character n-gram), precomputed once per word as fastText's Dictionary does
let subwordsOn: bool = false;
let subwordOffsets: usize = 0; // i32 [V + 1]
let subwordIds: usize = 0; // i32 row ids
let subwordNormalize: bool = false; // each row += neu1e/|G| (the gradient); false: += neu1e (fastText's unsupervised)
// A sharded model (configureShards): the vocabulary split into `shards` blocks of rows, word w in
// block w % shards at row w / shards; this instance's syn0 holds input block inBlock, its syn1 and
// unigram table output block outBlock, and it trains only the (context, centre) pairs between them
let shards: i32 = 1;
let inBlock: i32 = 0;
let outBlock: i32 = 0;
let shardNegatives: f32 = 0; // negatives per window drawn from the output block: negative × its share of the unigram mass
let blocks: usize = 0; // i32 per sentence position: its word's block (the sentence then holds rows within blocks)
let origins: usize = 0; // i32 per sentence position: its index in the chunk
let chunkBase: u64 = 0; // the chunk's first id in the run (epoch × ids + position), and the run's seed:
let shardSalt: u64 = 0; // a window's negatives are drawn from them, the same in every memory
let keyed: u64 = 0;

/**
 * A sharded model's per-place draws: a 64-bit hash of an id's place in the run (chunkBase +
 * index) and a stream number (0: the id's subsampling, 1: its window's shrink), keyed by the
 * run's salt (splitmix64's finaliser). Every sub-step and memory then sees the same subsampled
 * sentence and the same windows, so the S block pairs of a window split one memory's window.
 */
@inline
function placeHash(place: u64, stream: u64): u64 {
  let z = (shardSalt ^ (place * 0x9e3779b97f4a7c15 + stream * 0xd1b54a32d192ed03)) + 0x9e3779b97f4a7c15;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/** Sets this instance's model pointers and hyperparameters. */
export function configure(
  dim_: i32, vocabSize_: i32, syn0_: usize, syn1_: usize,
  negTable_: usize, negTableSize_: i32, keepProb_: usize,
  codes_: usize, points_: usize, codeLens_: usize,
  scratch_: usize, window_: i32, negative_: i32, cbow_: bool, lossKind_: i32, subsample_: bool,
): void {
  dim = dim_; vocabSize = vocabSize_; syn0 = syn0_; syn1 = syn1_;
  negTable = negTable_; negTableSize = <u64>negTableSize_; keepProb = keepProb_;
  codes = codes_; points = points_; codeLens = codeLens_;
  window = window_; negative = negative_; cbow = cbow_; lossKind = lossKind_; subsample = subsample_;
  scratch = scratch_;
  neu1 = scratch;
  neu1e = neu1 + floatsBytes(dim);
  targets = neu1e + floatsBytes(dim);
  contexts = targets + floatsBytes(negative + 1);
  grads = contexts + floatsBytes(2 * window);
  dIn = grads + floatsBytes(2 * window * (negative + 1));
  winTargets = dIn + floatsBytes(2 * window * dim);
  winWeights = winTargets + floatsBytes(2 * window * (negative + 1));
  scores = winWeights + floatsBytes(2 * window * (negative + 1));
  sentence = scores + floatsBytes(vocabSize);
}

/**
 * Trains with fastText's subword input layer (offsets 0: plain word2vec). `normalize`: each of a
 * word's rows receives the input gradient divided by |G| (the exact gradient of the mean);
 * without, the whole input gradient, as fastText's skipgram and cbow do.
 */
export function configureSubwords(offsets: usize, ids: usize, normalize: bool): void {
  subwordsOn = offsets != 0;
  subwordOffsets = offsets;
  subwordIds = ids;
  subwordNormalize = normalize;
  if (subwordsOn) memory.fill(scores, 0, <usize>vocabSize << 2); // negativeWindow's per-row sums, zero between windows
}

/**
 * Trains only the pairs of one block of a sharded model (skip-gram, negative sampling): contexts
 * in block inBlock_ of `count` blocks, centre words and negatives in block outBlock_ (the unigram
 * table then holds that block's rows). Every window with contexts in the input block draws on
 * average `negatives_` negatives from the output block (negative × the block's share of the
 * unigram mass: over the S blocks a window gets `negative` in all, from the whole distribution);
 * the centre word is a target only in the sub-epoch of its own block. The ids handed to
 * trainChunk stay the vocabulary's; `blocks_` is room for two i32 per id of a chunk (SHARD_CHUNK
 * at most); `negTable_` the output block's unigram table (of the configured size). With batched
 * negatives a window's draws come from a generator keyed by the run's `salt`, the window's place
 * in the run (setChunkBase) and the block, so that every memory draws the same negatives for it:
 * each window shares one draw per block between its contexts, as one memory shares one draw.
 */
export function configureShards(count: i32, inBlock_: i32, outBlock_: i32, negatives_: f32, blocks_: usize, negTable_: usize, salt: u64): void {
  blocks = blocks_;
  origins = blocks_ + (<usize>SHARD_CHUNK << 2);
  shardSalt = salt;
  negTable = negTable_;
  shards = count < 1 ? 1 : count;
  inBlock = inBlock_;
  outBlock = outBlock_;
  shardNegatives = negatives_;
}

/** The most ids a sharded trainChunk takes (the room configureShards' blocks_ gives). */
export const SHARD_CHUNK: i32 = 10000;

/** The run-wide index of the next chunk's first id (sharded models: keys the negatives' draws). */
export function setChunkBase(base: u64): void {
  chunkBase = base;
}

/** splitmix64: the keyed generator of a sharded window's negatives. */
@inline
function keyedNext(): u64 {
  keyed += 0x9e3779b97f4a7c15;
  let z = keyed;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/**
 * Subword skip-gram: each group of `share` neighbouring contexts of a window shares one draw of
 * negatives (1: each context draws its own, as fastText; see negativeWindow).
 */
export function setNegativeShare(share: i32): void {
  negativeShare = share < 1 ? 1 : share;
}

/** Skip-gram with negative sampling shares one draw of negatives across a window (see trainWindowBatched). */
export function setBatchNegatives(on: bool): void {
  batchNegatives = on;
}

/**
 * Batched skip-gram: every negative's gradient (a target with label 0) is multiplied by `weight`,
 * so that k negatives weighted w step as k·w negatives would on average (1: word2vec's update).
 */
export function setNegativeWeight(weight: f32): void {
  negativeWeight = weight;
}

/**
 * gensim's rule for saturated scores: a (word, target) pair whose score |uᵀv| is 6 or more makes
 * no update (word2vec.c instead saturates σ to 0 or 1 there and still updates).
 */
export function setSkipSaturated(on: bool): void {
  skipSaturated = on;
}

/**
 * The batched path measures the loss (a table lookup and a float64 sum per pair) on one window in
 * `stride` (the first of each chunk, then every stride-th, so a tiny corpus still measures one): the
 * mean stays an unbiased estimate and a non-finite score still shows.
 */
export function setLossStride(stride: u32): void {
  lossStride = stride < 1 ? 1 : stride;
}

/** Bytes of n 4-byte values, rounded up to 16 for SIMD alignment. */
@inline
function floatsBytes(n: i32): usize {
  return ((<usize>n << 2) + 15) & ~<usize>15;
}

/** Bytes of per-thread scratch that `configure` lays out before the sentence buffer. */
export function scratchBytes(dim_: i32, negative_: i32, vocabSize_: i32, window_: i32): usize {
  return 2 * floatsBytes(dim_) + floatsBytes(negative_ + 1) + floatsBytes(2 * window_)
    + floatsBytes(2 * window_ * (negative_ + 1)) + floatsBytes(2 * window_ * dim_)
    + floatsBytes(2 * window_ * (negative_ + 1)) + floatsBytes(2 * window_ * (negative_ + 1)) + floatsBytes(vocabSize_);
}

export function seed(s: u64): void { rng = s; }
/** The generator's state, for checkpoints (`seed(rngState())` continues the same sequence). */
export function rngState(): u64 { return rng; }
/** Restores the loss sums of a checkpoint. */
export function setLoss(sum: f64, count: f64): void { lossSum = sum; lossCount = count; }
export function lossTotal(): f64 { return lossSum; }
export function lossTerms(): f64 { return lossCount; }
export function resetLoss(): void { lossSum = 0; lossCount = 0; }
export function inputGradientPtr(): usize { return neu1e; }
export function contextsPtr(): usize { return contexts; }
export function targetsPtr(): usize { return targets; }

@inline
function nextRandom(): u64 {
  rng = rng * 25214903917 + 11; // word2vec.c's linear congruential generator
  return rng;
}

@inline
function row(base: usize, word: i32): usize {
  return base + (<usize>word * <usize>dim << 2);
}

/**
 * Negative sampling for input vector v (at inPtr) with targets[0] the true output word and
 * targets[1..count) negatives: J = −log σ(u_oᵀv) − Σ_k log σ(−u_kᵀv).
 * Adds −α∂J/∂v = α[(1 − σ(u_oᵀv))u_o − Σ σ(u_kᵀv)u_k] to neu1e and steps each u by −α∂J/∂u.
 */
export function negativeStep(inPtr: usize, targetsPtr: usize, count: i32, alpha: f32): void {
  for (let d = 0; d < count; d++) {
    const t = load<i32>(targetsPtr + (<usize>d << 2));
    const label: f32 = d == 0 ? 1 : 0;
    const out = row(syn1, t);
    const f = dot(inPtr, out, dim);
    lossSum -= <f64>(d == 0 ? logSigmoid(f) : logSigmoid(-f));
    if (skipSaturated && Mathf.abs(f) >= SATURATED) continue;
    const g = (label - sigmoid(f)) * alpha;
    axpy(g, out, neu1e, dim);
    axpy(g, inPtr, out, dim);
  }
  lossCount += 1;
}

/**
 * Hierarchical softmax along the Huffman path of `word`: each inner node n with code c
 * contributes −log σ((1 − 2c)·u_nᵀv).
 */
export function hierarchicalStep(inPtr: usize, word: i32, alpha: f32): void {
  const len = load<i32>(codeLens + (<usize>word << 2));
  const base = <usize>word * <usize>MAX_CODE_LENGTH;
  for (let d = 0; d < len; d++) {
    const node = load<i32>(points + ((base + <usize>d) << 2));
    const code = <f32>load<u8>(codes + base + <usize>d);
    const out = row(syn1, node);
    const f = dot(inPtr, out, dim);
    lossSum -= <f64>(code == 0 ? logSigmoid(f) : logSigmoid(-f));
    if (skipSaturated && Mathf.abs(f) >= SATURATED) continue;
    const g = (<f32>1 - code - sigmoid(f)) * alpha;
    axpy(g, out, neu1e, dim);
    axpy(g, inPtr, out, dim);
  }
  lossCount += 1;
}

/**
 * Full softmax over all V output vectors: J = −log softmax(Uv)_word, ∂J/∂v = −u_word + Σ_k P(k|v)u_k,
 * ∂J/∂u_k = (P(k|v) − δ_k,word)v.
 */
export function softmaxStep(inPtr: usize, word: i32, alpha: f32): void {
  let max: f32 = -Infinity;
  for (let k = 0; k < vocabSize; k++) {
    const s = dot(inPtr, row(syn1, k), dim);
    store<f32>(scores + (<usize>k << 2), s);
    if (s > max) max = s;
  }
  let sum: f32 = 0;
  for (let k = 0; k < vocabSize; k++) {
    const e = Mathf.exp(load<f32>(scores + (<usize>k << 2)) - max);
    store<f32>(scores + (<usize>k << 2), e);
    sum += e;
  }
  const inv: f32 = 1 / sum;
  lossSum -= Math.log(<f64>(load<f32>(scores + (<usize>word << 2)) * inv));
  for (let k = 0; k < vocabSize; k++) {
    const p = load<f32>(scores + (<usize>k << 2)) * inv;
    const g = ((k == word ? <f32>1 : <f32>0) - p) * alpha;
    const out = row(syn1, k);
    axpy(g, out, neu1e, dim);
    axpy(g, inPtr, out, dim);
  }
  lossCount += 1;
}

/** Uniform integer in [0, n) from the generator's high bits, by multiply-shift (no division). */
@inline
function randomBelow(n: u64): u64 {
  return ((nextRandom() >> 32) * n) >> 32;
}

/** targets[0] = word, then up to `negative` draws from the unigram table (draws equal to word are dropped). */
@inline
function sampleTargets(word: i32): i32 {
  store<i32>(targets, word);
  let count = 1;
  for (let d = 0; d < negative; d++) {
    const t = load<i32>(negTable + (<usize>randomBelow(negTableSize) << 2));
    if (t == word) continue;
    store<i32>(targets + (<usize>count << 2), t);
    count++;
  }
  return count;
}

/**
 * Skip-gram with negative sampling for one centre word, batched over its window (Ji et al.
 * 2016): the n context rows X and the T = 1 + k target rows Y (centre word, then the shared
 * negatives) give scores S = X Yᵀ, G = α(label − σ(S)), and the updates X += G Y, Y += Gᵀ X
 * are small matrix products that keep every row in cache.
 */
export function trainWindowBatched(n: i32, count: i32, alpha: f32): void {
  if (count == 6 && (dim & 3) == 0) trainWindowSix(n, alpha);
  else if (count <= 8 && count > 6 && (dim & 3) == 0) trainWindowEight(n, count, alpha); // --negative 6, 7
  else if (count > 8 && (dim & 3) == 0) trainWindowBlocked(n, count, alpha); // --negative 10, 15, …
  else trainWindowAny(n, count, alpha); // fewer: a negative equal to the word dropped, or a small --negative
}

/** For tests: one window with label `first` for target 0, by trainWindowAny (general) or else the register-blocked kernel for the count. */
export function trainWindowLabelled(n: i32, count: i32, alpha: f32, first: f32, general: bool): void {
  if (general || count < 6 || (dim & 3) != 0) trainWindowAny(n, count, alpha, first);
  else if (count == 6 && first == 1) trainWindowSix(n, alpha);
  else if (count > 6 && count <= 8) trainWindowEight(n, count, alpha, first);
  else trainWindowBlocked(n, count, alpha, first);
}

/** G = α(label − σ(S)) for context row x against the 6 target rows; returns nothing, fills grads row i. */
@inline
function gradsOf(i: i32, f: f32, j: i32, alpha: f32, alphaNeg: f32, measure: bool): void {
  if (measure) lossSum -= <f64>(j == 0 ? logSigmoid(f) : logSigmoid(-f));
  const label: f32 = j == 0 ? 1 : 0;
  const g: f32 = skipSaturated && Mathf.abs(f) >= SATURATED ? 0 : (label - sigmoid(f)) * (j == 0 ? alpha : alphaNeg);
  store<f32>(grads + (<usize>(i * 6 + j) << 2), g);
}

@inline
function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/**
 * trainWindowBatched for the default 1 + 5 targets, register-blocked: each context row is read
 * once per block of 4 columns while the six target rows' terms accumulate in registers, so a
 * (context, target) pair costs about one load and one multiply-add per block instead of four.
 */
function trainWindowSix(n: i32, alpha: f32): void {
  const alphaNeg = alpha * negativeWeight; // a negative's step (setNegativeWeight)
  const d = dim;
  const measure = lossStride == 1 || lossTick++ % lossStride == 0; // the first window of every chunk, then every stride-th
  const y0 = row(syn1, load<i32>(targets));
  const y1 = row(syn1, load<i32>(targets, 4));
  const y2 = row(syn1, load<i32>(targets, 8));
  const y3 = row(syn1, load<i32>(targets, 12));
  const y4 = row(syn1, load<i32>(targets, 16));
  const y5 = row(syn1, load<i32>(targets, 20));
  // S = X Yᵀ, six dot products per context row in one pass
  for (let i = 0; i < n; i++) {
    const x = row(syn0, load<i32>(contexts + (<usize>i << 2)));
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0);
    let a3 = f32x4.splat(0), a4 = f32x4.splat(0), a5 = f32x4.splat(0);
    for (let k = 0; k < d; k += 4) {
      const o = <usize>k << 2;
      const xv = v128.load(x + o);
      a0 = madd(xv, v128.load(y0 + o), a0);
      a1 = madd(xv, v128.load(y1 + o), a1);
      a2 = madd(xv, v128.load(y2 + o), a2);
      a3 = madd(xv, v128.load(y3 + o), a3);
      a4 = madd(xv, v128.load(y4 + o), a4);
      a5 = madd(xv, v128.load(y5 + o), a5);
    }
    gradsOf(i, hsum(a0), 0, alpha, alphaNeg, measure);
    gradsOf(i, hsum(a1), 1, alpha, alphaNeg, measure);
    gradsOf(i, hsum(a2), 2, alpha, alphaNeg, measure);
    gradsOf(i, hsum(a3), 3, alpha, alphaNeg, measure);
    gradsOf(i, hsum(a4), 4, alpha, alphaNeg, measure);
    gradsOf(i, hsum(a5), 5, alpha, alphaNeg, measure);
  }
  if (measure) lossCount += <f64>n;
  // dX = G Y (old Y): row i's six gradients stay in registers across the columns
  for (let i = 0; i < n; i++) {
    const gi = grads + (<usize>(i * 6) << 2);
    const g0 = v128.load32_splat(gi), g1 = v128.load32_splat(gi, 4), g2 = v128.load32_splat(gi, 8);
    const g3 = v128.load32_splat(gi, 12), g4 = v128.load32_splat(gi, 16), g5 = v128.load32_splat(gi, 20);
    const dx = dIn + (<usize>(i * d) << 2);
    for (let k = 0; k < d; k += 4) {
      const o = <usize>k << 2;
      let acc = f32x4.mul(g0, v128.load(y0 + o));
      acc = madd(g1, v128.load(y1 + o), acc);
      acc = madd(g2, v128.load(y2 + o), acc);
      acc = madd(g3, v128.load(y3 + o), acc);
      acc = madd(g4, v128.load(y4 + o), acc);
      acc = madd(g5, v128.load(y5 + o), acc);
      v128.store(dx + o, acc);
    }
  }
  // Y += Gᵀ X (old X): one context row read per block, added to the six target rows in turn
  // (a negative drawn twice is the same row: its block is stored before the next term loads it)
  for (let i = 0; i < n; i++) {
    const x = row(syn0, load<i32>(contexts + (<usize>i << 2)));
    const gi = grads + (<usize>(i * 6) << 2);
    const g0 = v128.load32_splat(gi), g1 = v128.load32_splat(gi, 4), g2 = v128.load32_splat(gi, 8);
    const g3 = v128.load32_splat(gi, 12), g4 = v128.load32_splat(gi, 16), g5 = v128.load32_splat(gi, 20);
    for (let k = 0; k < d; k += 4) {
      const o = <usize>k << 2;
      const xv = v128.load(x + o);
      v128.store(y0 + o, madd(g0, xv, v128.load(y0 + o)));
      v128.store(y1 + o, madd(g1, xv, v128.load(y1 + o)));
      v128.store(y2 + o, madd(g2, xv, v128.load(y2 + o)));
      v128.store(y3 + o, madd(g3, xv, v128.load(y3 + o)));
      v128.store(y4 + o, madd(g4, xv, v128.load(y4 + o)));
      v128.store(y5 + o, madd(g5, xv, v128.load(y5 + o)));
    }
  }
  // X += dX
  for (let i = 0; i < n; i++) {
    axpy(1, dIn + (<usize>(i * d) << 2), row(syn0, load<i32>(contexts + (<usize>i << 2))), d);
  }
}

/** Address of target j's output row, or of target `pad` for j ≥ count (a padded column of the last block). */
@inline
function targetRow(j: i32, count: i32, pad: i32): usize {
  return row(syn1, load<i32>(targets + (<usize>(j < count ? j : pad) << 2)));
}

/**
 * trainWindowBatched for any number of targets, register-blocked as trainWindowSix over blocks of
 * six targets (1 + 10 negatives: blocks of 6 and 5; 1 + 15: 6, 6 and 4), with trainWindowAny's
 * semantics: every score S = X Yᵀ with the old Y, dX = G Y with the old Y, Y += Gᵀ X with the
 * old X (each block's stores land before the next block, or the same block's next column, loads a
 * row drawn twice), then X += dX. The last block is padded to six columns with its own first
 * target, whose gradient is 0 (its scores are not used, its loss not counted, and adding 0·x
 * leaves the row as it is). `first` is the label of target 0, as in trainWindowAny.
 */
function trainWindowBlocked(n: i32, count: i32, alpha: f32, first: f32 = 1): void {
  const alphaNeg = alpha * negativeWeight; // a negative's step (setNegativeWeight)
  const d = dim;
  const measure = lossStride == 1 || lossTick++ % lossStride == 0; // the first window of every chunk, then every stride-th
  // S = X Yᵀ and G, six dot products per context row and block in one pass
  for (let b = 0; b < count; b += 6) {
    const y0 = targetRow(b, count, b), y1 = targetRow(b + 1, count, b), y2 = targetRow(b + 2, count, b);
    const y3 = targetRow(b + 3, count, b), y4 = targetRow(b + 4, count, b), y5 = targetRow(b + 5, count, b);
    const w = count - b < 6 ? count - b : 6;
    for (let i = 0; i < n; i++) {
      const x = row(syn0, load<i32>(contexts + (<usize>i << 2)));
      let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0);
      let a3 = f32x4.splat(0), a4 = f32x4.splat(0), a5 = f32x4.splat(0);
      for (let k = 0; k < d; k += 4) {
        const o = <usize>k << 2;
        const xv = v128.load(x + o);
        a0 = madd(xv, v128.load(y0 + o), a0);
        a1 = madd(xv, v128.load(y1 + o), a1);
        a2 = madd(xv, v128.load(y2 + o), a2);
        a3 = madd(xv, v128.load(y3 + o), a3);
        a4 = madd(xv, v128.load(y4 + o), a4);
        a5 = madd(xv, v128.load(y5 + o), a5);
      }
      const gi = grads + (<usize>(i * count + b) << 2);
      blockGrad(gi, 0, b, hsum(a0), w, first, alpha, alphaNeg, measure);
      blockGrad(gi, 1, b, hsum(a1), w, first, alpha, alphaNeg, measure);
      blockGrad(gi, 2, b, hsum(a2), w, first, alpha, alphaNeg, measure);
      blockGrad(gi, 3, b, hsum(a3), w, first, alpha, alphaNeg, measure);
      blockGrad(gi, 4, b, hsum(a4), w, first, alpha, alphaNeg, measure);
      blockGrad(gi, 5, b, hsum(a5), w, first, alpha, alphaNeg, measure);
    }
  }
  if (measure && first == 1) lossCount += <f64>n;
  // dX = G Y (old Y), block by block: the first block's terms initialise dX
  for (let b = 0; b < count; b += 6) {
    const w = count - b < 6 ? count - b : 6;
    const y0 = targetRow(b, count, b), y1 = targetRow(b + 1, count, b), y2 = targetRow(b + 2, count, b);
    const y3 = targetRow(b + 3, count, b), y4 = targetRow(b + 4, count, b), y5 = targetRow(b + 5, count, b);
    for (let i = 0; i < n; i++) {
      const gi = grads + (<usize>(i * count + b) << 2);
      const g0 = gradSplat(gi, 0, w), g1 = gradSplat(gi, 1, w), g2 = gradSplat(gi, 2, w);
      const g3 = gradSplat(gi, 3, w), g4 = gradSplat(gi, 4, w), g5 = gradSplat(gi, 5, w);
      const dx = dIn + (<usize>(i * d) << 2);
      if (b == 0) {
        for (let k = 0; k < d; k += 4) {
          const o = <usize>k << 2;
          let acc = f32x4.mul(g0, v128.load(y0 + o));
          acc = madd(g1, v128.load(y1 + o), acc);
          acc = madd(g2, v128.load(y2 + o), acc);
          acc = madd(g3, v128.load(y3 + o), acc);
          acc = madd(g4, v128.load(y4 + o), acc);
          acc = madd(g5, v128.load(y5 + o), acc);
          v128.store(dx + o, acc);
        }
      } else {
        for (let k = 0; k < d; k += 4) {
          const o = <usize>k << 2;
          let acc = madd(g0, v128.load(y0 + o), v128.load(dx + o));
          acc = madd(g1, v128.load(y1 + o), acc);
          acc = madd(g2, v128.load(y2 + o), acc);
          acc = madd(g3, v128.load(y3 + o), acc);
          acc = madd(g4, v128.load(y4 + o), acc);
          acc = madd(g5, v128.load(y5 + o), acc);
          v128.store(dx + o, acc);
        }
      }
    }
  }
  // Y += Gᵀ X (old X): one context row read per block of columns, added to the block's rows in turn
  for (let b = 0; b < count; b += 6) {
    const w = count - b < 6 ? count - b : 6;
    const y0 = targetRow(b, count, b), y1 = targetRow(b + 1, count, b), y2 = targetRow(b + 2, count, b);
    const y3 = targetRow(b + 3, count, b), y4 = targetRow(b + 4, count, b), y5 = targetRow(b + 5, count, b);
    for (let i = 0; i < n; i++) {
      const x = row(syn0, load<i32>(contexts + (<usize>i << 2)));
      const gi = grads + (<usize>(i * count + b) << 2);
      const g0 = gradSplat(gi, 0, w), g1 = gradSplat(gi, 1, w), g2 = gradSplat(gi, 2, w);
      const g3 = gradSplat(gi, 3, w), g4 = gradSplat(gi, 4, w), g5 = gradSplat(gi, 5, w);
      for (let k = 0; k < d; k += 4) {
        const o = <usize>k << 2;
        const xv = v128.load(x + o);
        v128.store(y0 + o, madd(g0, xv, v128.load(y0 + o)));
        v128.store(y1 + o, madd(g1, xv, v128.load(y1 + o)));
        v128.store(y2 + o, madd(g2, xv, v128.load(y2 + o)));
        v128.store(y3 + o, madd(g3, xv, v128.load(y3 + o)));
        v128.store(y4 + o, madd(g4, xv, v128.load(y4 + o)));
        v128.store(y5 + o, madd(g5, xv, v128.load(y5 + o)));
      }
    }
  }
  // X += dX
  for (let i = 0; i < n; i++) {
    axpy(1, dIn + (<usize>(i * d) << 2), row(syn0, load<i32>(contexts + (<usize>i << 2))), d);
  }
}

/**
 * trainWindowBatched for 7 or 8 targets (1 + 6 or 7 negatives) in one register block of eight
 * columns, as trainWindowSix: each context row is read once per block of 4 floats while the eight
 * target rows' terms accumulate in registers, so 8 targets cost about 8/6 of the default's 6
 * (trainWindowBlocked would take a block of six and a padded one: 12). With 7 targets the eighth
 * column is padded with target 0's row and gradient 0 (its score unused, its loss not counted,
 * adding 0·x leaves the row as it is). trainWindowAny's semantics: scores and dX with the old Y,
 * Y += Gᵀ X with the old X (a row drawn twice: each store lands before the next term loads it),
 * then X += dX. `first` is the label of target 0.
 */
function trainWindowEight(n: i32, count: i32, alpha: f32, first: f32 = 1): void {
  const alphaNeg = alpha * negativeWeight; // a negative's step (setNegativeWeight)
  const d = dim;
  const measure = lossStride == 1 || lossTick++ % lossStride == 0; // the first window of every chunk, then every stride-th
  const y0 = targetRow(0, count, 0), y1 = targetRow(1, count, 0), y2 = targetRow(2, count, 0), y3 = targetRow(3, count, 0);
  const y4 = targetRow(4, count, 0), y5 = targetRow(5, count, 0), y6 = targetRow(6, count, 0), y7 = targetRow(7, count, 0);
  // S = X Yᵀ and G, eight dot products per context row in one pass
  for (let i = 0; i < n; i++) {
    const x = row(syn0, load<i32>(contexts + (<usize>i << 2)));
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
    let a4 = f32x4.splat(0), a5 = f32x4.splat(0), a6 = f32x4.splat(0), a7 = f32x4.splat(0);
    for (let k = 0; k < d; k += 4) {
      const o = <usize>k << 2;
      const xv = v128.load(x + o);
      a0 = madd(xv, v128.load(y0 + o), a0);
      a1 = madd(xv, v128.load(y1 + o), a1);
      a2 = madd(xv, v128.load(y2 + o), a2);
      a3 = madd(xv, v128.load(y3 + o), a3);
      a4 = madd(xv, v128.load(y4 + o), a4);
      a5 = madd(xv, v128.load(y5 + o), a5);
      a6 = madd(xv, v128.load(y6 + o), a6);
      a7 = madd(xv, v128.load(y7 + o), a7);
    }
    const gi = grads + (<usize>(i * count) << 2);
    blockGrad(gi, 0, 0, hsum(a0), count, first, alpha, alphaNeg, measure);
    blockGrad(gi, 1, 0, hsum(a1), count, first, alpha, alphaNeg, measure);
    blockGrad(gi, 2, 0, hsum(a2), count, first, alpha, alphaNeg, measure);
    blockGrad(gi, 3, 0, hsum(a3), count, first, alpha, alphaNeg, measure);
    blockGrad(gi, 4, 0, hsum(a4), count, first, alpha, alphaNeg, measure);
    blockGrad(gi, 5, 0, hsum(a5), count, first, alpha, alphaNeg, measure);
    blockGrad(gi, 6, 0, hsum(a6), count, first, alpha, alphaNeg, measure);
    blockGrad(gi, 7, 0, hsum(a7), count, first, alpha, alphaNeg, measure);
  }
  if (measure && first == 1) lossCount += <f64>n;
  // dX = G Y (old Y): row i's eight gradients stay in registers across the columns
  for (let i = 0; i < n; i++) {
    const gi = grads + (<usize>(i * count) << 2);
    const g0 = gradSplat(gi, 0, count), g1 = gradSplat(gi, 1, count), g2 = gradSplat(gi, 2, count), g3 = gradSplat(gi, 3, count);
    const g4 = gradSplat(gi, 4, count), g5 = gradSplat(gi, 5, count), g6 = gradSplat(gi, 6, count), g7 = gradSplat(gi, 7, count);
    const dx = dIn + (<usize>(i * d) << 2);
    for (let k = 0; k < d; k += 4) {
      const o = <usize>k << 2;
      let acc = f32x4.mul(g0, v128.load(y0 + o));
      acc = madd(g1, v128.load(y1 + o), acc);
      acc = madd(g2, v128.load(y2 + o), acc);
      acc = madd(g3, v128.load(y3 + o), acc);
      acc = madd(g4, v128.load(y4 + o), acc);
      acc = madd(g5, v128.load(y5 + o), acc);
      acc = madd(g6, v128.load(y6 + o), acc);
      acc = madd(g7, v128.load(y7 + o), acc);
      v128.store(dx + o, acc);
    }
  }
  // Y += Gᵀ X (old X): one context row read per block of 4 floats, added to the eight rows in turn
  for (let i = 0; i < n; i++) {
    const x = row(syn0, load<i32>(contexts + (<usize>i << 2)));
    const gi = grads + (<usize>(i * count) << 2);
    const g0 = gradSplat(gi, 0, count), g1 = gradSplat(gi, 1, count), g2 = gradSplat(gi, 2, count), g3 = gradSplat(gi, 3, count);
    const g4 = gradSplat(gi, 4, count), g5 = gradSplat(gi, 5, count), g6 = gradSplat(gi, 6, count), g7 = gradSplat(gi, 7, count);
    for (let k = 0; k < d; k += 4) {
      const o = <usize>k << 2;
      const xv = v128.load(x + o);
      v128.store(y0 + o, madd(g0, xv, v128.load(y0 + o)));
      v128.store(y1 + o, madd(g1, xv, v128.load(y1 + o)));
      v128.store(y2 + o, madd(g2, xv, v128.load(y2 + o)));
      v128.store(y3 + o, madd(g3, xv, v128.load(y3 + o)));
      v128.store(y4 + o, madd(g4, xv, v128.load(y4 + o)));
      v128.store(y5 + o, madd(g5, xv, v128.load(y5 + o)));
      v128.store(y6 + o, madd(g6, xv, v128.load(y6 + o)));
      v128.store(y7 + o, madd(g7, xv, v128.load(y7 + o)));
    }
  }
  // X += dX
  for (let i = 0; i < n; i++) {
    axpy(1, dIn + (<usize>(i * d) << 2), row(syn0, load<i32>(contexts + (<usize>i << 2))), d);
  }
}

/** G = α(label − σ(f)) of column c of the block starting at target b, stored at gi, the loss measured; nothing for a padded column (c ≥ w). */
@inline
function blockGrad(gi: usize, c: i32, b: i32, f: f32, w: i32, first: f32, alpha: f32, alphaNeg: f32, measure: bool): void {
  if (c >= w) return;
  const label: f32 = b + c == 0 ? first : 0;
  if (measure) lossSum -= <f64>(label == 1 ? logSigmoid(f) : logSigmoid(-f));
  const g: f32 = skipSaturated && Mathf.abs(f) >= SATURATED ? 0 : (label - sigmoid(f)) * (label == 0 ? alphaNeg : alpha);
  store<f32>(gi + (<usize>c << 2), g);
}

/** Column c's gradient at gi in every lane, 0 for a padded column (c ≥ w; grads rows hold only the count real columns). */
@inline
function gradSplat(gi: usize, c: i32, w: i32): v128 {
  return c < w ? v128.load32_splat(gi + (<usize>c << 2)) : f32x4.splat(0);
}

/**
 * trainWindowBatched for any number of targets; `first` is the label of the first target (0: every
 * target a negative, a sharded window whose centre word is in another block, whose predictions
 * then add to the loss but are not counted again).
 */
function trainWindowAny(n: i32, count: i32, alpha: f32, first: f32 = 1): void {
  const alphaNeg = alpha * negativeWeight; // a negative's step (setNegativeWeight)
  const d = dim;
  const measure = lossStride == 1 || lossTick++ % lossStride == 0; // the first window of every chunk, then every stride-th
  for (let i = 0; i < n; i++) {
    const x = row(syn0, load<i32>(contexts + (<usize>i << 2)));
    for (let j = 0; j < count; j++) {
      const f = dot(x, row(syn1, load<i32>(targets + (<usize>j << 2))), d);
      const label: f32 = j == 0 ? first : 0;
      if (measure) lossSum -= <f64>(label == 1 ? logSigmoid(f) : logSigmoid(-f));
      const g: f32 = skipSaturated && Mathf.abs(f) >= SATURATED ? 0 : (label - sigmoid(f)) * (label == 0 ? alphaNeg : alpha);
      store<f32>(grads + (<usize>(i * count + j) << 2), g);
    }
  }
  if (measure && first == 1) lossCount += <f64>n;
  // dX = G Y, one target row at a time (each row read once per context, from cache); the first
  // target's term initialises dX, so it needs no clearing
  const y0 = row(syn1, load<i32>(targets));
  for (let i = 0; i < n; i++) scaleInto(load<f32>(grads + (<usize>(i * count) << 2)), y0, dIn + (<usize>(i * d) << 2), d);
  for (let j = 1; j < count; j++) {
    const y = row(syn1, load<i32>(targets + (<usize>j << 2)));
    for (let i = 0; i < n; i++) {
      const g = load<f32>(grads + (<usize>(i * count + j) << 2));
      if (g != 0) axpy(g, y, dIn + (<usize>(i * d) << 2), d); // 0: a skipped saturated pair
    }
  }
  // Y += Gᵀ X (X still holds its old values)
  for (let j = 0; j < count; j++) {
    const y = row(syn1, load<i32>(targets + (<usize>j << 2)));
    for (let i = 0; i < n; i++) {
      const g = load<f32>(grads + (<usize>(i * count + j) << 2));
      if (g != 0) axpy(g, row(syn0, load<i32>(contexts + (<usize>i << 2))), y, d);
    }
  }
  // X += dX
  for (let i = 0; i < n; i++) {
    axpy(1, dIn + (<usize>(i * d) << 2), row(syn0, load<i32>(contexts + (<usize>i << 2))), d);
  }
}

/** One update of input vector inPtr towards predicting `word`, by the configured cost. */
@inline
function step(inPtr: usize, word: i32, alpha: f32): void {
  if (lossKind == LOSS_NEGATIVE) {
    const count = sampleTargets(word);
    negativeStep(inPtr, targets, count, alpha);
  } else if (lossKind == LOSS_HIERARCHICAL) {
    hierarchicalStep(inPtr, word, alpha);
  } else {
    softmaxStep(inPtr, word, alpha);
  }
}

/** Adds word w's input rows to the vector at `into`, in order (four rows per pass over `into`); returns how many (|G_w|). */
@inline
function addRowsOf(w: i32, into: usize): i32 {
  const start = load<i32>(subwordOffsets + (<usize>w << 2));
  const end = load<i32>(subwordOffsets + (<usize>w << 2), 4);
  let i = start;
  if ((dim & 3) == 0) {
    for (; i + 4 <= end; i += 4) {
      const p = subwordIds + (<usize>i << 2);
      const r0 = row(syn0, load<i32>(p)), r1 = row(syn0, load<i32>(p, 4)), r2 = row(syn0, load<i32>(p, 8)), r3 = row(syn0, load<i32>(p, 12));
      for (let k = 0; k < dim; k += 4) {
        const o = <usize>k << 2;
        let acc = f32x4.add(v128.load(into + o), v128.load(r0 + o));
        acc = f32x4.add(acc, v128.load(r1 + o));
        acc = f32x4.add(acc, v128.load(r2 + o));
        v128.store(into + o, f32x4.add(acc, v128.load(r3 + o)));
      }
    }
  }
  for (; i < end; i++) axpy(1, row(syn0, load<i32>(subwordIds + (<usize>i << 2))), into, dim);
  return end - start;
}

/** Adds scale·neu1e to each of word w's input rows (a repeated n-gram once per occurrence; four rows per pass over neu1e). */
@inline
function spreadOverRowsOf(w: i32, scale: f32): void {
  const start = load<i32>(subwordOffsets + (<usize>w << 2));
  const end = load<i32>(subwordOffsets + (<usize>w << 2), 4);
  let i = start;
  if ((dim & 3) == 0) {
    const s = f32x4.splat(scale);
    for (; i + 4 <= end; i += 4) {
      const p = subwordIds + (<usize>i << 2);
      const r0 = row(syn0, load<i32>(p)), r1 = row(syn0, load<i32>(p, 4)), r2 = row(syn0, load<i32>(p, 8)), r3 = row(syn0, load<i32>(p, 12));
      for (let k = 0; k < dim; k += 4) {
        const o = <usize>k << 2;
        const e = v128.load(neu1e + o);
        // each row stored before the next loads (a row twice in G gets both updates)
        v128.store(r0 + o, madd(s, e, v128.load(r0 + o)));
        v128.store(r1 + o, madd(s, e, v128.load(r1 + o)));
        v128.store(r2 + o, madd(s, e, v128.load(r2 + o)));
        v128.store(r3 + o, madd(s, e, v128.load(r3 + o)));
      }
    }
  }
  for (; i < end; i++) axpy(scale, neu1e, row(syn0, load<i32>(subwordIds + (<usize>i << 2))), dim);
}

/** The next position's centre word (−1: none), whose rows subwordSkipgramWindow reads ahead. */
let nextWord: i32 = -1;
/** Where the rows read ahead are summed (kept, so the reads are not optimized away). */
let touched: f32 = 0;

/**
 * Reads one value of each 64-byte line of word w's input rows: the lines are on their way into the
 * cache while this position's window is trained, so composing the next centre's mean waits less.
 * Changes nothing.
 */
@inline
function touchRowsOf(w: i32): void {
  const start = load<i32>(subwordOffsets + (<usize>w << 2));
  const end = load<i32>(subwordOffsets + (<usize>w << 2), 4);
  const bytes = <usize>dim << 2;
  let sum: f32 = 0;
  for (let i = start; i < end; i++) {
    const r = row(syn0, load<i32>(subwordIds + (<usize>i << 2)));
    for (let o: usize = 0; o < bytes; o += 64) sum += load<f32>(r + o);
  }
  touched += sum;
}

/**
 * Skip-gram with subwords for one position, as fastText's skipgram with the centre word's rows
 * as the input: h = (1/|G|) Σ_{g ∈ G} z_g over the centre word's rows G is composed once, the n
 * context words in `contexts` are predicted from it, and the summed input gradient of the window,
 * −α Σ_o ∂J_o/∂h, is added to each z_g once (÷|G| when normalizing). fastText recomputes h and
 * updates the rows after every context pair; here the whole window is one step of the window's
 * loss J = Σ_o cost(h, o) (reference-models.ts subwordSkipgram): |G| row reads and writes per
 * position instead of per pair. With negative sampling each context draws its own negatives
 * (fastText's), every score is taken before any output row moves (the exact window gradient),
 * the 1 + 5 targets of a context are register-blocked as in trainWindowSix, and the loss is
 * measured on one window in lossStride, as there.
 */
export function subwordSkipgramWindow(word: i32, n: i32, alpha: f32): void {
  zero(neu1, dim);
  const g = addRowsOf(word, neu1);
  if (g == 0) return;
  const inv: f32 = <f32>1 / <f32>g;
  scaleInto(inv, neu1, neu1, dim);
  zero(neu1e, dim);
  if (nextWord >= 0) touchRowsOf(nextWord);
  if (lossKind == LOSS_NEGATIVE) negativeWindow(n, alpha);
  else {
    for (let i = 0; i < n; i++) {
      const c = load<i32>(contexts + (<usize>i << 2));
      if (lossKind == LOSS_HIERARCHICAL) hierarchicalStep(neu1, c, alpha);
      else softmaxStep(neu1, c, alpha);
    }
  }
  spreadOverRowsOf(word, subwordNormalize ? inv : 1);
}

/**
 * Negative sampling for h (neu1) in one window: the targets are the n context words (label 1),
 * then the negatives: each group of `negativeShare` neighbouring contexts draws `negative` of
 * them (fastText's per-context draws when 1), and a draw counts once for each context of its
 * group it is not the word of (its weight; a draw equal to every one is dropped). As h is the
 * same for every context, a negative shared by m contexts is one row with m times the gradient.
 * Every score is taken with the old output rows first, then one fused pass adds G Y to neu1e and
 * G h to Y (each row read once more, from cache). A row met again in the window (a negative drawn
 * twice, a context word that is also a negative) is read there with the earlier occurrences'
 * updates G_a h already in it, so neu1e gains G_b Σ_a G_a h too much; that is c h with
 * c = Σ_b G_b Σ_{a before b} G_a, summed per row in `scores` (zero between windows) and taken off
 * at the end: neu1e = Σ G Y (old Y), the exact window gradient.
 */
function negativeWindow(n: i32, alpha: f32): void {
  const d = dim, h = neu1;
  const measure = lossStride == 1 || lossTick++ % lossStride == 0; // as trainWindowBatched: one window in lossStride
  for (let i = 0; i < n; i++) {
    store<i32>(winTargets + (<usize>i << 2), load<i32>(contexts + (<usize>i << 2)));
    store<f32>(winWeights + (<usize>i << 2), 1);
  }
  let T = n;
  for (let g = 0; g < n; g += negativeShare) {
    const end = g + negativeShare < n ? g + negativeShare : n;
    for (let k = 0; k < negative; k++) {
      const w = load<i32>(negTable + (<usize>randomBelow(negTableSize) << 2));
      let m = 0;
      for (let i = g; i < end; i++) if (load<i32>(contexts + (<usize>i << 2)) != w) m++;
      if (m == 0) continue;
      store<i32>(winTargets + (<usize>T << 2), w);
      store<f32>(winWeights + (<usize>T << 2), <f32>m);
      T++;
    }
  }
  // G = weight · α(label − σ(hᵀy)) with the old rows, six targets at a time
  const blocked = (d & 3) == 0;
  let j = 0;
  if (blocked) {
    for (; j + 6 <= T; j += 6) {
      const t = winTargets + (<usize>j << 2);
      const y0 = row(syn1, load<i32>(t)), y1 = row(syn1, load<i32>(t, 4)), y2 = row(syn1, load<i32>(t, 8));
      const y3 = row(syn1, load<i32>(t, 12)), y4 = row(syn1, load<i32>(t, 16)), y5 = row(syn1, load<i32>(t, 20));
      let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0);
      let a3 = f32x4.splat(0), a4 = f32x4.splat(0), a5 = f32x4.splat(0);
      for (let k = 0; k < d; k += 4) {
        const o = <usize>k << 2;
        const xv = v128.load(h + o);
        a0 = madd(xv, v128.load(y0 + o), a0);
        a1 = madd(xv, v128.load(y1 + o), a1);
        a2 = madd(xv, v128.load(y2 + o), a2);
        a3 = madd(xv, v128.load(y3 + o), a3);
        a4 = madd(xv, v128.load(y4 + o), a4);
        a5 = madd(xv, v128.load(y5 + o), a5);
      }
      targetGrad(j, n, hsum(a0), alpha, measure);
      targetGrad(j + 1, n, hsum(a1), alpha, measure);
      targetGrad(j + 2, n, hsum(a2), alpha, measure);
      targetGrad(j + 3, n, hsum(a3), alpha, measure);
      targetGrad(j + 4, n, hsum(a4), alpha, measure);
      targetGrad(j + 5, n, hsum(a5), alpha, measure);
    }
  }
  for (; j < T; j++) targetGrad(j, n, dot(h, row(syn1, load<i32>(winTargets + (<usize>j << 2))), d), alpha, measure);
  if (measure) lossCount += <f64>n;
  // the rows met twice: c = Σ_b G_b Σ_{a before b} G_a, in the order the fused pass visits them
  let c: f32 = 0;
  for (let j = 0; j < T; j++) {
    const p = scores + (<usize>load<i32>(winTargets + (<usize>j << 2)) << 2);
    const gj = load<f32>(grads + (<usize>j << 2)), before = load<f32>(p);
    c += gj * before;
    store<f32>(p, before + gj);
  }
  for (let j = 0; j < T; j++) store<f32>(scores + (<usize>load<i32>(winTargets + (<usize>j << 2)) << 2), 0);
  // neu1e += G Y and Y += G h, fused (a row drawn twice is stored before its next term loads it)
  j = 0;
  if (blocked) {
    for (; j + 6 <= T; j += 6) {
      const t = winTargets + (<usize>j << 2), gi = grads + (<usize>j << 2);
      const y0 = row(syn1, load<i32>(t)), y1 = row(syn1, load<i32>(t, 4)), y2 = row(syn1, load<i32>(t, 8));
      const y3 = row(syn1, load<i32>(t, 12)), y4 = row(syn1, load<i32>(t, 16)), y5 = row(syn1, load<i32>(t, 20));
      const g0 = v128.load32_splat(gi), g1 = v128.load32_splat(gi, 4), g2 = v128.load32_splat(gi, 8);
      const g3 = v128.load32_splat(gi, 12), g4 = v128.load32_splat(gi, 16), g5 = v128.load32_splat(gi, 20);
      for (let k = 0; k < d; k += 4) {
        const o = <usize>k << 2;
        const xv = v128.load(h + o);
        let v = v128.load(y0 + o);
        let acc = madd(g0, v, v128.load(neu1e + o));
        v128.store(y0 + o, madd(g0, xv, v));
        v = v128.load(y1 + o);
        acc = madd(g1, v, acc);
        v128.store(y1 + o, madd(g1, xv, v));
        v = v128.load(y2 + o);
        acc = madd(g2, v, acc);
        v128.store(y2 + o, madd(g2, xv, v));
        v = v128.load(y3 + o);
        acc = madd(g3, v, acc);
        v128.store(y3 + o, madd(g3, xv, v));
        v = v128.load(y4 + o);
        acc = madd(g4, v, acc);
        v128.store(y4 + o, madd(g4, xv, v));
        v = v128.load(y5 + o);
        acc = madd(g5, v, acc);
        v128.store(y5 + o, madd(g5, xv, v));
        v128.store(neu1e + o, acc);
      }
    }
  }
  for (; j < T; j++) {
    const gj = load<f32>(grads + (<usize>j << 2));
    if (gj != 0) axpyBoth(gj, h, row(syn1, load<i32>(winTargets + (<usize>j << 2))), d);
  }
  if (c != 0) axpy(-c, h, neu1e, d);
}

/** G of window target j (the first n are the context words, label 1) times its weight, 0 for a skipped saturated pair; the loss measured. */
@inline
function targetGrad(j: i32, n: i32, f: f32, alpha: f32, measure: bool): void {
  const positive = j < n, weight = load<f32>(winWeights + (<usize>j << 2));
  if (measure) lossSum -= <f64>(weight * (positive ? logSigmoid(f) : logSigmoid(-f)));
  const label: f32 = positive ? 1 : 0;
  const g: f32 = skipSaturated && Mathf.abs(f) >= SATURATED ? 0 : (label - sigmoid(f)) * alpha * weight;
  store<f32>(grads + (<usize>j << 2), g);
}

/** neu1e += g y and then y += g x, in one pass over y (row y at `y`, x at `x`). */
@inline
function axpyBoth(g: f32, x: usize, y: usize, n: i32): void {
  const vg = f32x4.splat(g);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    const v = v128.load(y + o);
    v128.store(neu1e + o, madd(vg, v, v128.load(neu1e + o)));
    v128.store(y + o, madd(vg, v128.load(x + o), v));
  }
  for (; k < n; k++) {
    const o = <usize>k << 2;
    const v = load<f32>(y + o);
    store<f32>(neu1e + o, load<f32>(neu1e + o) + g * v);
    store<f32>(y + o, v + g * load<f32>(x + o));
  }
}

/**
 * CBOW with subwords, as fastText's cbow: the rows of the n context words in `contexts` pooled
 * into one bag B, h = (1/|B|) Σ_{g ∈ B} z_g, one step towards the centre word, then each
 * occurrence of a row in B += neu1e/|B| (subwordCbow's gradient) or, fastText's rule, += neu1e.
 */
export function subwordCbowStep(n: i32, word: i32, alpha: f32): void {
  zero(neu1, dim);
  let total = 0;
  for (let i = 0; i < n; i++) total += addRowsOf(load<i32>(contexts + (<usize>i << 2)), neu1);
  if (total == 0) return;
  const inv: f32 = <f32>1 / <f32>total;
  scaleInto(inv, neu1, neu1, dim);
  zero(neu1e, dim);
  step(neu1, word, alpha);
  const scale: f32 = subwordNormalize ? inv : 1;
  for (let i = 0; i < n; i++) spreadOverRowsOf(load<i32>(contexts + (<usize>i << 2)), scale);
}

/** trainSentence with subwords: the same windows (and random draws), each word its rows' mean; skip-gram one step per position (subwordSkipgramWindow). */
function trainSentenceSubwords(len: i32, alpha: f32): void {
  for (let p = 0; p < len; p++) {
    const word = load<i32>(sentence + (<usize>p << 2));
    const b = <i32>randomBelow(<u64>window); // dynamic window: shrink by b
    if (cbow) {
      const n = gatherContexts(p, b, len);
      if (n > 0) subwordCbowStep(n, word, alpha);
    } else {
      const n = gatherContexts(p, b, len);
      nextWord = p + 1 < len ? load<i32>(sentence + (<usize>(p + 1) << 2)) : -1;
      if (n > 0) subwordSkipgramWindow(word, n, alpha);
      nextWord = -1;
    }
  }
}

/** Copies the ids of position p's context (window shrunk by b, inside the sentence) to `contexts`; returns how many. */
@inline
function gatherContexts(p: i32, b: i32, len: i32): i32 {
  let n = 0;
  for (let a = b; a < 2 * window + 1 - b; a++) {
    if (a == window) continue;
    const c = p - window + a;
    if (c < 0 || c >= len) continue;
    store<i32>(contexts + (<usize>n << 2), load<i32>(sentence + (<usize>c << 2)));
    n++;
  }
  return n;
}

/**
 * trainSentence for one block pair of a sharded model (skip-gram with negative sampling): each
 * window's context words of the input block (rows local to the blocks) against the centre word
 * when it is in the output block, and negatives drawn from the output block's unigram table.
 */
function trainSentenceSharded(len: i32, alpha: f32): void {
  const whole = <i32>shardNegatives, part = shardNegatives - <f32>whole;
  for (let p = 0; p < len; p++) {
    // dynamic window: shrink by b, drawn from the window's place (the same in every sub-step)
    const b = <i32>(((placeHash(chunkBase + <u64>load<i32>(origins + (<usize>p << 2)), 1) >> 32) * <u64>window) >> 32);
    let n = 0;
    for (let a = b; a < 2 * window + 1 - b; a++) {
      if (a == window) continue;
      const c = p - window + a;
      if (c < 0 || c >= len) continue;
      if (load<i32>(blocks + (<usize>c << 2)) != inBlock) continue;
      store<i32>(contexts + (<usize>n << 2), load<i32>(sentence + (<usize>c << 2)));
      n++;
    }
    if (n == 0) continue;
    const centre = load<i32>(blocks + (<usize>p << 2)) == outBlock ? load<i32>(sentence + (<usize>p << 2)) : -1;
    // one draw of negatives per window (per pair without batchNegatives), whole + Bernoulli(part) of
    // them; a window's draw is keyed by its place in the run, so every memory makes the same one
    const pairs = batchNegatives ? 1 : n;
    if (batchNegatives) keyed = shardSalt ^ ((chunkBase + <u64>load<i32>(origins + (<usize>p << 2))) * <u64>shards + <u64>outBlock) * 0xd1342543de82ef95;
    for (let i = 0; i < pairs; i++) {
      let m = whole;
      const u: u64 = batchNegatives ? keyedNext() : nextRandom();
      if (part > 0 && <f32>((u >> 16) & 0xffff) / <f32>65536 < part) m++;
      const count = sampleBlockTargets(centre, m, batchNegatives);
      if (count == 0) continue;
      if (batchNegatives) {
        trainWindowAny(n, count, alpha, centre >= 0 ? 1 : 0);
      } else {
        store<i32>(contexts, load<i32>(contexts + (<usize>i << 2)));
        trainWindowAny(1, count, alpha, centre >= 0 ? 1 : 0);
      }
    }
  }
}

/** targets[0] = word when it is one (≥ 0), then up to m draws from the block's unigram table (draws equal to word dropped); returns how many. */
@inline
function sampleBlockTargets(word: i32, m: i32, keyedDraws: bool): i32 {
  let count = 0;
  if (word >= 0) {
    store<i32>(targets, word);
    count = 1;
  }
  for (let d = 0; d < m; d++) {
    const slot = keyedDraws ? ((keyedNext() >> 32) * negTableSize) >> 32 : randomBelow(negTableSize);
    const t = load<i32>(negTable + (<usize>slot << 2));
    if (t == word) continue;
    store<i32>(targets + (<usize>count << 2), t);
    count++;
  }
  return count;
}

function trainSentence(len: i32, alpha: f32): void {
  if (shards > 1) {
    trainSentenceSharded(len, alpha);
    return;
  }
  if (subwordsOn) {
    trainSentenceSubwords(len, alpha);
    return;
  }
  for (let p = 0; p < len; p++) {
    const word = load<i32>(sentence + (<usize>p << 2));
    const b = <i32>randomBelow(<u64>window); // dynamic window: shrink by b
    if (cbow) {
      zero(neu1, dim);
      zero(neu1e, dim);
      let cw = 0;
      for (let a = b; a < 2 * window + 1 - b; a++) {
        if (a == window) continue;
        const c = p - window + a;
        if (c < 0 || c >= len) continue;
        axpy(1, row(syn0, load<i32>(sentence + (<usize>c << 2))), neu1, dim);
        cw++;
      }
      if (cw == 0) continue;
      scaleInto(<f32>1 / <f32>cw, neu1, neu1, dim); // r̂ = mean of the context vectors
      step(neu1, word, alpha);
      for (let a = b; a < 2 * window + 1 - b; a++) {
        if (a == window) continue;
        const c = p - window + a;
        if (c < 0 || c >= len) continue;
        axpy(1, neu1e, row(syn0, load<i32>(sentence + (<usize>c << 2))), dim);
      }
    } else if (batchNegatives && lossKind == LOSS_NEGATIVE && (dim & 3) == 0) {
      const n = gatherContexts(p, b, len);
      if (n > 0) trainWindowBatched(n, sampleTargets(word), alpha);
    } else {
      for (let a = b; a < 2 * window + 1 - b; a++) {
        if (a == window) continue;
        const c = p - window + a;
        if (c < 0 || c >= len) continue;
        const l1 = row(syn0, load<i32>(sentence + (<usize>c << 2)));
        zero(neu1e, dim);
        step(l1, word, alpha);
        axpy(1, neu1e, l1, dim);
      }
    }
  }
}

/**
 * Trains on n word ids at idsPtr (−1 ends a sentence): subsamples frequent words, then runs
 * every sentence through the model at learning rate alpha. Returns the words kept.
 */
export function trainChunk(idsPtr: usize, n: i32, alpha: f32): i32 {
  lossTick = 0; // loss windows counted from each chunk's start, so a resumed run measures the same ones
  let len = 0;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const w = load<i32>(idsPtr + (<usize>i << 2));
    if (w < 0) {
      trainSentence(len, alpha);
      len = 0;
      continue;
    }
    if (subsample) {
      const keep = load<f32>(keepProb + (<usize>w << 2));
      // sharded: drawn from the id's place, so that every sub-step keeps the same words
      const u = shards > 1 ? placeHash(chunkBase + <u64>i, 0) : nextRandom();
      if (keep < <f32>(u & 0xffff) / <f32>65536) continue;
    }
    if (shards > 1) {
      // a word's block and its row in the block, worked out once per position rather than per window
      const q = w / shards;
      store<i32>(sentence + (<usize>len << 2), q);
      store<i32>(blocks + (<usize>len << 2), w - q * shards);
      store<i32>(origins + (<usize>len << 2), i);
    } else store<i32>(sentence + (<usize>len << 2), w);
    len++;
    kept++;
  }
  trainSentence(len, alpha);
  return kept;
}
