// The window tagger's forward and backward passes (seed 000; Collobert et al. 2011) over float32
// parameters in linear memory, with the SGD update applied in place:
//   x = [L_f[id] for each window position, for each feature table f]   (B × K)
//   h = tanh(x W + b1)                                                 (B × H)
//   s = h U + b2                                                       (B × T)
//   softmax cross-entropy over T tags, or sigmoid cross-entropy for T = 1 (one-vs-rest)
// Loss: mean over the batch + (λ/2)(‖W‖² + ‖U‖²). H must be a multiple of 4.
//
// The forward pass, the output layer's backward pass and both weight gradients are one
// register-blocked kernel (outerSum4: tiles of four rows × eight columns of fused multiply-adds)
// with a different epilogue each; the input gradient is a dot-product tile (inputGradient2).
// Tiles read their four rows from "panels" (rows interleaved) so each streams one array.

import { dot, madd } from './vector';
import { tanh4 } from './tanh';

let positions: i32 = 0; // C, the window size
let features: i32 = 0; // F feature tables per position
let tablePtrs: usize = 0; // i32[F]: address of each table
let tableDims: usize = 0; // i32[F]
let tableTrain: usize = 0; // i32[F]: 0 = frozen
let K: i32 = 0; // input width = C · Σ dims
let H: i32 = 0;
let T: i32 = 0;
let W: usize = 0; // K × H
let b1: usize = 0; // H
let U: usize = 0; // H × T
let b2: usize = 0; // T
let sigmoidOutput: bool = false;
let X: usize = 0; // scratch: B × K
let Hs: usize = 0; // B × H (activations, then reused for dZ1)
let S: usize = 0; // B × T
let dX: usize = 0; // B × K
let dH: usize = 0; // B × H
let mask: usize = 0; // B × K: input dropout scale per entry (0 or 1/(1 − p))
let Ut: usize = 0; // T × H: Uᵀ, so the output layer works on rows of length H
let gUt: usize = 0; // T × H: ∂J/∂Uᵀ
let panel: usize = 0; // B × max(K, H, T): four rows at a time interleaved, so tile loops read one stream

let rng: u64 = 1;

/** Seeds this thread's dropout generator. */
export function taggerSeed(s: u64): void {
  rng = s;
}

/** This thread's dropout generator state, for checkpoints (taggerSeed restores it). */
export function taggerRngState(): u64 {
  return rng;
}

@inline
function uniform(): f32 {
  rng = rng * 25214903917 + 11;
  return <f32>((rng >> 40) & 0xffffff) / <f32>16777216;
}

export function taggerConfigure(
  positions_: i32, features_: i32, tablePtrs_: usize, tableDims_: usize, tableTrain_: usize,
  hidden: i32, tags: i32, W_: usize, b1_: usize, U_: usize, b2_: usize, sigmoidOutput_: bool, scratch: usize, maxBatch: i32,
): void {
  positions = positions_; features = features_; tablePtrs = tablePtrs_; tableDims = tableDims_; tableTrain = tableTrain_;
  let width = 0;
  for (let f = 0; f < features; f++) width += load<i32>(tableDims + (<usize>f << 2));
  K = positions * width;
  H = hidden; T = tags; W = W_; b1 = b1_; U = U_; b2 = b2_; sigmoidOutput = sigmoidOutput_;
  const B = <usize>maxBatch;
  X = scratch;
  Hs = X + align(B * <usize>K);
  S = Hs + align(B * <usize>H);
  dX = S + align(B * <usize>T);
  dH = dX + align(B * <usize>K);
  mask = dH + align(B * <usize>H);
  Ut = mask + align(B * <usize>K);
  gUt = Ut + align(<usize>T * <usize>H);
  panel = gUt + align(<usize>T * <usize>H);
}

/** Scratch bytes for a batch of maxBatch windows. */
export function taggerScratchBytes(positions_: i32, width: i32, hidden: i32, tags: i32, maxBatch: i32): usize {
  const B = <usize>maxBatch;
  const k = <usize>(positions_ * width);
  return 3 * align(B * k) + 2 * align(B * <usize>hidden) + align(B * <usize>tags) + 2 * align(<usize>tags * <usize>hidden)
    + align(B * max(max(k, <usize>hidden), <usize>tags));
}

@inline
function align(floats: usize): usize {
  return ((floats << 2) + 15) & ~<usize>15;
}

@inline
function f32At(base: usize, i: i32): f32 {
  return load<f32>(base + (<usize>i << 2));
}

/** Gathers the B windows' feature vectors into X. ids: B × C × F. */
function gather(ids: usize, B: i32): void {
  let o: usize = X;
  for (let i = 0; i < B; i++) {
    for (let p = 0; p < positions; p++) {
      for (let f = 0; f < features; f++) {
        const id = load<usize>(ids + (<usize>((i * positions + p) * features + f) << 2));
        const d = load<i32>(tableDims + (<usize>f << 2));
        copyRow(o, load<usize>(tablePtrs + (<usize>f << 2)) + (id * <usize>d << 2), d);
        o += <usize>d << 2;
      }
    }
  }
}

/** dst[0..n) ← src[0..n): f32x4 chunks, the last one overlapping the one before when 4 ∤ n (cheaper than memory.copy's call for rows this short). */
@inline
function copyRow(dst: usize, src: usize, n: i32): void {
  if (n < 4) {
    for (let q = 0; q < n; q++) store<f32>(dst + (<usize>q << 2), load<f32>(src + (<usize>q << 2)));
    return;
  }
  const last = <usize>(n - 4) << 2;
  for (let o: usize = 0; o < last; o += 16) v128.store(dst + o, v128.load(src + o));
  v128.store(dst + last, v128.load(src + last));
}

/** h = tanh(X W + b1) = tanh(b1 + Σ_k x[:, k]ᵀ W[k, :]): W's eight-column strips outermost, so each strip stays in L1 while every block of four rows uses it. */
function hiddenForward(B: i32): void {
  const rowK = <usize>K << 2, rowH = <usize>H << 2;
  const full = B & ~3;
  for (let i = 0; i < full; i += 4) interleaveColumns(X + <usize>i * rowK, K, panel + <usize>i * rowK);
  const none = f32x4.splat(0);
  for (let jo: usize = 0; jo < rowH; jo += 32) {
    const strip = min<usize>(32, rowH - jo);
    for (let i = 0; i < full; i += 4) {
      outerSum4(panel + <usize>i * rowK, 16, W + jo, rowH, strip, K, Hs + <usize>i * rowH + jo, rowH, Epilogue.Tanh, b1 + jo, none, none);
    }
  }
  for (let i = full; i < B; i++) outerSum1(X + <usize>i * rowK, 4, W, rowH, rowH, K, Hs + <usize>i * rowH, Epilogue.Tanh, b1, none, none);
}

/** p[4k + r] = a[r, k] for the four rows of a starting at `a` (row length n): one stream for the tile loops. */
function interleaveColumns(a: usize, n: i32, p: usize): void {
  const row = <usize>n << 2;
  for (let k = 0; k < n; k++) {
    const o = <usize>k << 2;
    store<f32>(p, load<f32>(a + o));
    store<f32>(p, load<f32>(a + row + o), 4);
    store<f32>(p, load<f32>(a + 2 * row + o), 8);
    store<f32>(p, load<f32>(a + 3 * row + o), 12);
    p += 16;
  }
}

/** panel ← the rows of a (B × H) in blocks of four rows, each block stored as groups of four rows' f32x4 chunks. */
function interleaveChunks(a: usize, B: i32): void {
  const row = <usize>H << 2;
  let p = panel;
  for (let i = 0; i + 4 <= B; i += 4) {
    const r = a + <usize>i * row;
    for (let j = 0; j < H; j += 4) {
      const o = <usize>j << 2;
      v128.store(p, v128.load(r + o));
      v128.store(p, v128.load(r + row + o), 16);
      v128.store(p, v128.load(r + 2 * row + o), 32);
      v128.store(p, v128.load(r + 3 * row + o), 48);
      p += 64;
    }
  }
}

/** Ut ← Uᵀ (T × H), so that each score is one SIMD dot product over the hidden units. */
function transposeU(): void {
  for (let k = 0; k < H; k++) {
    for (let t = 0; t < T; t++) store<f32>(Ut + (<usize>(t * H + k) << 2), f32At(U, k * T + t));
  }
}

/** s = h U + b2: S[i,t] = b2[t] + h_i · Uᵀ_t. */
function outputForward(B: i32): void {
  transposeU();
  for (let i = 0; i < B; i++) {
    const h = Hs + (<usize>(i * H) << 2), s = S + (<usize>(i * T) << 2);
    for (let t = 0; t < T; t++) store<f32>(s + (<usize>t << 2), f32At(b2, t) + dot(h, Ut + (<usize>(t * H) << 2), H));
  }
}

/** Scores of B windows (softmax probabilities, or σ for one output) into out (B × T). */
export function taggerPredict(ids: usize, B: i32, out: usize): void {
  gather(ids, B);
  hiddenForward(B);
  outputForward(B);
  for (let i = 0; i < B; i++) {
    const s = S + (<usize>(i * T) << 2), o = out + (<usize>(i * T) << 2);
    if (sigmoidOutput) {
      store<f32>(o, <f32>(1.0 / (1.0 + Math.exp(-<f64>f32At(s, 0)))));
      continue;
    }
    let max: f32 = -Infinity;
    for (let t = 0; t < T; t++) max = Mathf.max(max, f32At(s, t));
    let sum: f32 = 0;
    for (let t = 0; t < T; t++) { const e = Mathf.exp(f32At(s, t) - max); store<f32>(o + (<usize>t << 2), e); sum += e; }
    for (let t = 0; t < T; t++) store<f32>(o + (<usize>t << 2), f32At(o, t) / sum);
  }
}

/**
 * One SGD step on a batch of B windows with gold labels (tag index; for the sigmoid output,
 * 0 or 1). Returns the batch's mean loss (without the L2 term). Every parameter is updated in
 * place: θ ← θ − lr·∂J/∂θ, with ∂J/∂L scattered into the rows that built each window.
 */
export function taggerTrainBatch(ids: usize, labels: usize, B: i32, lr: f32, l2: f32, dropout: f32): f64 {
  trainForward(ids, B, dropout);
  const loss = outputDelta(labels, B);
  trainBackward(ids, B, lr, l2, dropout);
  return loss;
}

/**
 * The forward half of a step whose output gradient is computed outside (sentence-level
 * decoding): gathers B windows with input dropout and writes their scores s = hU + b2 to out
 * (B × T). taggerTrainBackward must follow with the same ids, B and dropout.
 */
export function taggerTrainForward(ids: usize, B: i32, dropout: f32, out: usize): void {
  trainForward(ids, B, dropout);
  memory.copy(out, S, <usize>(B * T) << 2);
}

/** The backward half: ∂J/∂s (B × T, already divided by the batch size) from dS, then every update as in taggerTrainBatch. */
export function taggerTrainBackward(ids: usize, B: i32, dS: usize, lr: f32, l2: f32, dropout: f32): void {
  memory.copy(S, dS, <usize>(B * T) << 2);
  trainBackward(ids, B, lr, l2, dropout);
}

/** Raw scores s = hU + b2 of B windows into out (B × T): the emissions of sentence-level decoding. */
export function taggerScores(ids: usize, B: i32, out: usize): void {
  gather(ids, B);
  hiddenForward(B);
  outputForward(B);
  memory.copy(out, S, <usize>(B * T) << 2);
}

function trainForward(ids: usize, B: i32, dropout: f32): void {
  gather(ids, B);
  if (dropout > 0) {
    // inverted dropout on the input window: x ← x·m, m ∈ {0, 1/(1 − p)}; the same m scales ∂J/∂x
    const keep: f32 = <f32>1 / (<f32>1 - dropout);
    const n = B * K;
    for (let q = 0; q < n; q++) {
      const m: f32 = uniform() < dropout ? 0 : keep;
      store<f32>(mask + (<usize>q << 2), m);
      store<f32>(X + (<usize>q << 2), load<f32>(X + (<usize>q << 2)) * m);
    }
  }
  hiddenForward(B);
  outputForward(B);
}

function trainBackward(ids: usize, B: i32, lr: f32, l2: f32, dropout: f32): void {
  outputBackward(B, lr, l2);
  hiddenBackward(B, lr, l2);
  scatter(ids, B, lr, dropout > 0);
}

/** dS = (ŷ − y)/B written over S (seed: ∂J/∂s = ŷ − y); returns the batch's mean loss. */
function outputDelta(labels: usize, B: i32): f64 {
  const invB: f32 = <f32>1 / <f32>B;
  let loss: f64 = 0;
  for (let i = 0; i < B; i++) {
    const s = S + (<usize>(i * T) << 2);
    const y = load<i32>(labels + (<usize>i << 2));
    if (sigmoidOutput) {
      const z = <f64>f32At(s, 0);
      const p = 1.0 / (1.0 + Math.exp(-z));
      loss -= y ? (z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z))) : (z >= 0 ? -z - Math.log1p(Math.exp(-z)) : -Math.log1p(Math.exp(z)));
      store<f32>(s, <f32>(p - <f64>y) * invB);
      continue;
    }
    let max: f32 = -Infinity;
    for (let t = 0; t < T; t++) max = Mathf.max(max, f32At(s, t));
    let sum: f32 = 0;
    for (let t = 0; t < T; t++) { const e = Mathf.exp(f32At(s, t) - max); store<f32>(s + (<usize>t << 2), e); sum += e; }
    loss -= Math.log(<f64>(f32At(s, y) / sum));
    for (let t = 0; t < T; t++) {
      const p = f32At(s, t) / sum;
      store<f32>(s + (<usize>t << 2), (p - (t == y ? <f32>1 : <f32>0)) * invB);
    }
  }
  return loss / <f64>B;
}

/** Scatters ∂J/∂x (times the dropout mask) into the embedding rows that built each window; repeated rows receive every contribution. */
function scatter(ids: usize, B: i32, lr: f32, masked: bool): void {
  const vlr = f32x4.splat(-lr);
  let o: usize = 0; // byte offset of the current entry in the B × K matrix dX
  for (let i = 0; i < B; i++) {
    for (let p = 0; p < positions; p++) {
      for (let f = 0; f < features; f++) {
        const d = load<i32>(tableDims + (<usize>f << 2));
        if (load<i32>(tableTrain + (<usize>f << 2)) != 0) {
          const id = load<usize>(ids + (<usize>((i * positions + p) * features + f) << 2));
          const row = load<usize>(tablePtrs + (<usize>f << 2)) + (id * <usize>d << 2);
          if (masked) {
            for (let q = 0; q < d; q++) {
              const e = o + (<usize>q << 2);
              const a = row + (<usize>q << 2);
              store<f32>(a, load<f32>(a) - lr * load<f32>(dX + e) * load<f32>(mask + e));
            }
          } else {
            let q = 0;
            for (; q + 4 <= d; q += 4) {
              const a = row + (<usize>q << 2);
              v128.store(a, madd(vlr, v128.load(dX + o + (<usize>q << 2)), v128.load(a)));
            }
            for (; q < d; q++) {
              const a = row + (<usize>q << 2);
              store<f32>(a, load<f32>(a) - lr * load<f32>(dX + o + (<usize>q << 2)));
            }
          }
        }
        o += <usize>d << 2;
      }
    }
  }
}

/**
 * dH = dS Uᵀ ∘ (1 − h²) (seed: ∂J/∂z1 = dS Uᵀ times tanh′ written in h) with the old U; then
 * U ← U − lr(hᵀ dS + λU) and b2 ← b2 − lr Σ dS.
 */
function outputBackward(B: i32, lr: f32, l2: f32): void {
  const rowH = <usize>H << 2, rowT = <usize>T << 2;
  const full = B & ~3;
  // dH = dS Uᵀ ∘ (1 − h²), four rows of dS at a time (interleaved into the panel)
  const none = f32x4.splat(0);
  for (let i = 0; i < full; i += 4) {
    interleaveColumns(S + <usize>i * rowT, T, panel + <usize>i * rowT);
    outerSum4(panel + <usize>i * rowT, 16, Ut, rowH, rowH, T, dH + <usize>i * rowH, rowH, Epilogue.TanhBackward, Hs + <usize>i * rowH, none, none);
  }
  for (let i = full; i < B; i++) outerSum1(S + <usize>i * rowT, 4, Ut, rowH, rowH, T, dH + <usize>i * rowH, Epilogue.TanhBackward, Hs + <usize>i * rowH, none, none);
  // ∂J/∂Uᵀ = dSᵀ H, four tags at a time
  let t = 0;
  for (; t + 4 <= T; t += 4) outerSum4(S + (<usize>t << 2), rowT, Hs, rowH, rowH, B, gUt + <usize>t * rowH, rowH, Epilogue.Store, 0, none, none);
  for (; t < T; t++) outerSum1(S + (<usize>t << 2), rowT, Hs, rowH, rowH, B, gUt + <usize>t * rowH, Epilogue.Store, 0, none, none);
  for (let k = 0; k < H; k++) {
    for (let t = 0; t < T; t++) {
      const u = U + (<usize>(k * T + t) << 2);
      store<f32>(u, load<f32>(u) - lr * (f32At(gUt, t * H + k) + l2 * load<f32>(u)));
    }
  }
  for (let t = 0; t < T; t++) {
    let gb: f32 = 0;
    for (let i = 0; i < B; i++) gb += f32At(S + (<usize>(i * T) << 2), t);
    store<f32>(b2 + (<usize>t << 2), f32At(b2, t) - lr * gb);
  }
}

/** dh ← a ∘ (1 − h²) on four lanes (seed: tanh′ written in terms of its output h). */
@inline
function tanhBackward(dh: usize, h: usize, a: v128): void {
  const hv = v128.load(h);
  v128.store(dh, f32x4.mul(a, f32x4.sub(f32x4.splat(1), f32x4.mul(hv, hv))));
}

/**
 * The hidden layer's backward pass and update, four rows of W at a time so each row is read once
 * while it is in cache: dX[:, k] = dZ1 W[k, :]ᵀ with the old W (seed: ∂J/∂x = Wᵀ dz1, in column
 * form), then W[k, :] ← W − lr(Σ_i x[i,k] dZ1[i, :] + λW); b1 ← b1 − lr Σ dZ1.
 */
function hiddenBackward(B: i32, lr: f32, l2: f32): void {
  interleaveChunks(dH, B);
  let k = 0;
  for (; k + 2 <= K; k += 2) {
    inputGradient2(B, k);
    if (k + 4 <= K) {
      inputGradient2(B, k + 2);
      updateRows4(B, k, lr, l2);
      k += 2;
    } else {
      updateRows1(B, k, lr, l2);
      updateRows1(B, k + 1, lr, l2);
    }
  }
  for (; k < K; k++) {
    inputGradient1(B, k);
    updateRows1(B, k, lr, l2);
  }
  const rowH = <usize>H << 2;
  const negLr = f32x4.splat(-lr);
  for (let jo: usize = 0; jo < rowH; jo += 16) {
    let gb = f32x4.splat(0);
    for (let i = 0; i < B; i++) gb = f32x4.add(gb, v128.load(dH + <usize>i * rowH + jo));
    v128.store(b1 + jo, madd(negLr, gb, v128.load(b1 + jo)));
  }
}

@inline
function hsum(v: v128): f32 {
  const p = f32x4.add(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(p, 0) + f32x4.extract_lane(p, 1);
}

/** dX[i, k] and dX[i, k+1] for every row i: tiles of four rows × two columns, dot products over the hidden units. */
function inputGradient2(B: i32, k: i32): void {
  const rowH = <usize>H << 2, rowK = <usize>K << 2;
  const w0 = W + <usize>k * rowH, w1 = w0 + rowH;
  const ko = <usize>k << 2;
  let i = 0;
  let z = panel;
  for (; i + 4 <= B; i += 4) {
    let a00 = f32x4.splat(0), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00, a30 = a00, a31 = a00;
    let p0 = w0, p1 = w1;
    for (let j = 0; j < H; j += 4) {
      const u0 = v128.load(p0), u1 = v128.load(p1);
      const d0 = v128.load(z), d1 = v128.load(z, 16), d2 = v128.load(z, 32), d3 = v128.load(z, 48);
      p0 += 16;
      p1 += 16;
      z += 64;
      a00 = madd(d0, u0, a00); a01 = madd(d0, u1, a01);
      a10 = madd(d1, u0, a10); a11 = madd(d1, u1, a11);
      a20 = madd(d2, u0, a20); a21 = madd(d2, u1, a21);
      a30 = madd(d3, u0, a30); a31 = madd(d3, u1, a31);
    }
    const x = dX + <usize>i * rowK + ko;
    store<f32>(x, hsum(a00)); store<f32>(x, hsum(a01), 4);
    store<f32>(x + rowK, hsum(a10)); store<f32>(x + rowK, hsum(a11), 4);
    store<f32>(x + 2 * rowK, hsum(a20)); store<f32>(x + 2 * rowK, hsum(a21), 4);
    store<f32>(x + 3 * rowK, hsum(a30)); store<f32>(x + 3 * rowK, hsum(a31), 4);
  }
  for (; i < B; i++) {
    const zr = dH + <usize>i * rowH;
    const x = dX + <usize>i * rowK + ko;
    store<f32>(x, dot(zr, w0, H));
    store<f32>(x, dot(zr, w1, H), 4);
  }
}

/** dX[i, k] for every row i. */
function inputGradient1(B: i32, k: i32): void {
  const rowH = <usize>H << 2, rowK = <usize>K << 2;
  const w = W + <usize>k * rowH, ko = <usize>k << 2;
  for (let i = 0; i < B; i++) store<f32>(dX + <usize>i * rowK + ko, dot(dH + <usize>i * rowH, w, H));
}

/** W[k..k+3, :] ← W − lr(Σ_i x[i,k..k+3]ᵀ dZ1[i, :] + λW) (seed: ∂J/∂W = xᵀ dz1). */
function updateRows4(B: i32, k: i32, lr: f32, l2: f32): void {
  const rowH = <usize>H << 2;
  outerSum4(X + (<usize>k << 2), <usize>K << 2, dH, rowH, rowH, B, W + <usize>k * rowH, rowH, Epilogue.Step, 0, f32x4.splat(-lr), f32x4.splat(1 - lr * l2));
}

/** W[k, :] ← W − lr(Σ_i x[i,k] dZ1[i, :] + λW). */
function updateRows1(B: i32, k: i32, lr: f32, l2: f32): void {
  const rowH = <usize>H << 2;
  outerSum1(X + (<usize>k << 2), <usize>K << 2, dH, rowH, rowH, B, W + <usize>k * rowH, Epilogue.Step, 0, f32x4.splat(-lr), f32x4.splat(1 - lr * l2));
}

/** What an outer-product sum does with each finished f32x4 of its result (see outerSum4). */
const enum Epilogue {
  /** out ← g */
  Store,
  /** out ← out − lr(g + λ·out): the SGD step */
  Step,
  /** out ← tanh(aux[j] + g): the hidden layer, aux = b1 (added first, as the accumulator's start) */
  Tanh,
  /** out ← g ∘ (1 − h²) with h at the same place in the rows from aux: tanh′ in terms of its output (seed) */
  TanhBackward,
}

/**
 * Σ_i a[i, 0..3]ᵀ b[i, :] over n rows: four columns of a (four adjacent floats per row, rows aStride
 * bytes apart) against `bytes` of each row of b (rows bStride apart), in register tiles of four rows
 * × eight columns. Every product of the tagger has this form (seed: h = xW, dz1 = dz2 Uᵀ,
 * ∂J/∂W = xᵀ dz1, ∂J/∂U = hᵀ dz2; the first two read a from a four-row panel). The four result rows
 * (outStride apart) go to out through the epilogue e, which is a constant at every call, so each
 * inlined copy keeps only its own.
 */
@inline
function outerSum4(a: usize, aStride: usize, b: usize, bStride: usize, bytes: usize, n: i32, out: usize, outStride: usize, e: Epilogue, aux: usize, negLr: v128, decay: v128): void {
  const o1 = outStride, o2 = 2 * outStride, o3 = 3 * outStride;
  let jo: usize = 0;
  for (; jo + 32 <= bytes; jo += 32) {
    const c0 = start(e, aux + jo), c1 = start(e, aux + jo + 16);
    let g00 = c0, g01 = c1, g10 = c0, g11 = c1, g20 = c0, g21 = c1, g30 = c0, g31 = c1;
    let x = a, d = b + jo;
    for (let i = 0; i < n; i++) {
      const d0 = v128.load(d), d1 = v128.load(d, 16);
      const s0 = v128.load32_splat(x), s1 = v128.load32_splat(x, 4), s2 = v128.load32_splat(x, 8), s3 = v128.load32_splat(x, 12);
      g00 = madd(s0, d0, g00); g01 = madd(s0, d1, g01);
      g10 = madd(s1, d0, g10); g11 = madd(s1, d1, g11);
      g20 = madd(s2, d0, g20); g21 = madd(s2, d1, g21);
      g30 = madd(s3, d0, g30); g31 = madd(s3, d1, g31);
      x += aStride;
      d += bStride;
    }
    const q = jo + 16;
    finish(e, out, aux, jo, g00, negLr, decay); finish(e, out, aux, q, g01, negLr, decay);
    finish(e, out, aux, o1 + jo, g10, negLr, decay); finish(e, out, aux, o1 + q, g11, negLr, decay);
    finish(e, out, aux, o2 + jo, g20, negLr, decay); finish(e, out, aux, o2 + q, g21, negLr, decay);
    finish(e, out, aux, o3 + jo, g30, negLr, decay); finish(e, out, aux, o3 + q, g31, negLr, decay);
  }
  for (; jo < bytes; jo += 16) {
    let g0 = start(e, aux + jo), g1 = g0, g2 = g0, g3 = g0;
    let x = a, d = b + jo;
    for (let i = 0; i < n; i++) {
      const d0 = v128.load(d);
      g0 = madd(v128.load32_splat(x), d0, g0);
      g1 = madd(v128.load32_splat(x, 4), d0, g1);
      g2 = madd(v128.load32_splat(x, 8), d0, g2);
      g3 = madd(v128.load32_splat(x, 12), d0, g3);
      x += aStride;
      d += bStride;
    }
    finish(e, out, aux, jo, g0, negLr, decay); finish(e, out, aux, o1 + jo, g1, negLr, decay);
    finish(e, out, aux, o2 + jo, g2, negLr, decay); finish(e, out, aux, o3 + jo, g3, negLr, decay);
  }
}

/** Σ_i a[i, 0] b[i, :]: outerSum4 for a single column of a (one result row). */
@inline
function outerSum1(a: usize, aStride: usize, b: usize, bStride: usize, bytes: usize, n: i32, out: usize, e: Epilogue, aux: usize, negLr: v128, decay: v128): void {
  for (let jo: usize = 0; jo < bytes; jo += 16) {
    let g = start(e, aux + jo);
    let x = a, d = b + jo;
    for (let i = 0; i < n; i++) {
      g = madd(v128.load32_splat(x), v128.load(d), g);
      x += aStride;
      d += bStride;
    }
    finish(e, out, aux, jo, g, negLr, decay);
  }
}

/** An outer-product sum's starting accumulator: the bias for the hidden layer, else zero. */
@inline
function start(e: Epilogue, bias: usize): v128 {
  return e == Epilogue.Tanh ? v128.load(bias) : f32x4.splat(0);
}

/** Applies epilogue e to the finished f32x4 g at byte offset o of the result (and of aux's rows, for TanhBackward). */
@inline
function finish(e: Epilogue, out: usize, aux: usize, o: usize, g: v128, negLr: v128, decay: v128): void {
  if (e == Epilogue.Store) v128.store(out + o, g);
  else if (e == Epilogue.Step) step(out + o, g, negLr, decay);
  else if (e == Epilogue.Tanh) v128.store(out + o, tanh4(g));
  else tanhBackward(out + o, aux + o, g);
}

/** w ← w − lr(g + λw) = (1 − lr·λ)w − lr·g on four floats; decay = 1 − lr·λ, negLr = −lr. */
@inline
function step(p: usize, g: v128, negLr: v128, decay: v128): void {
  v128.store(p, madd(negLr, g, f32x4.mul(decay, v128.load(p))));
}
