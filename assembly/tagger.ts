// The window tagger's forward and backward passes (seed 000; Collobert et al. 2011) over float32
// parameters in linear memory, with the SGD update applied in place:
//   x = [L_f[id] for each window position, for each feature table f]   (B × K)
//   h = tanh(x W + b1)                                                 (B × H)
//   s = h U + b2                                                       (B × T)
//   softmax cross-entropy over T tags, or sigmoid cross-entropy for T = 1 (one-vs-rest)
// Loss: mean over the batch + (λ/2)(‖W‖² + ‖U‖²). H must be a multiple of 4.
//
// Hot loops are register-blocked tiles of four rows with fused multiply-adds (madd), reading
// operands from "panels" (four rows interleaved) so each tile streams one array.

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
let panel: usize = 0; // B × max(K, H): four rows at a time interleaved, so tile loops read one stream

let rng: u64 = 1;

/** Seeds this thread's dropout generator. */
export function taggerSeed(s: u64): void {
  rng = s;
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
    + align(B * <usize>max(k, <usize>hidden));
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

/** h = tanh(X W + b1): W's column strips outermost, tiles of four rows × eight columns, tanh applied as each tile is stored. */
function hiddenForward(B: i32): void {
  const rowK = <usize>K << 2, rowH = <usize>H << 2;
  const full = B & ~3;
  for (let i = 0; i < full; i += 4) interleaveColumns(X + <usize>i * rowK, K, panel + <usize>i * rowK);
  // a strip W[:, j..j+8] (K × 8) stays in L1 while every block of four rows uses it
  let j = 0;
  for (; j + 8 <= H; j += 8) {
    const jo = <usize>j << 2;
    const c0 = v128.load(b1 + jo), c1 = v128.load(b1 + jo, 16);
    for (let i = 0; i < full; i += 4) {
      let a00 = c0, a01 = c1, a10 = c0, a11 = c1, a20 = c0, a21 = c1, a30 = c0, a31 = c1;
      let w = W + jo, x = panel + <usize>i * rowK;
      for (let k = 0; k < K; k++) {
        const w0 = v128.load(w), w1 = v128.load(w, 16);
        const s0 = v128.load32_splat(x), s1 = v128.load32_splat(x, 4);
        const s2 = v128.load32_splat(x, 8), s3 = v128.load32_splat(x, 12);
        a00 = madd(s0, w0, a00); a01 = madd(s0, w1, a01);
        a10 = madd(s1, w0, a10); a11 = madd(s1, w1, a11);
        a20 = madd(s2, w0, a20); a21 = madd(s2, w1, a21);
        a30 = madd(s3, w0, a30); a31 = madd(s3, w1, a31);
        w += rowH;
        x += 16;
      }
      const h0 = Hs + <usize>i * rowH + jo;
      v128.store(h0, tanh4(a00)); v128.store(h0, tanh4(a01), 16);
      v128.store(h0 + rowH, tanh4(a10)); v128.store(h0 + rowH, tanh4(a11), 16);
      v128.store(h0 + 2 * rowH, tanh4(a20)); v128.store(h0 + 2 * rowH, tanh4(a21), 16);
      v128.store(h0 + 3 * rowH, tanh4(a30)); v128.store(h0 + 3 * rowH, tanh4(a31), 16);
    }
  }
  for (; j < H; j += 4) {
    const jo = <usize>j << 2;
    for (let i = 0; i < full; i += 4) {
      let a0 = v128.load(b1 + jo);
      let a1 = a0, a2 = a0, a3 = a0;
      let w = W + jo, x = panel + <usize>i * rowK;
      for (let k = 0; k < K; k++) {
        const w0 = v128.load(w);
        a0 = madd(v128.load32_splat(x), w0, a0);
        a1 = madd(v128.load32_splat(x, 4), w0, a1);
        a2 = madd(v128.load32_splat(x, 8), w0, a2);
        a3 = madd(v128.load32_splat(x, 12), w0, a3);
        w += rowH;
        x += 16;
      }
      const h0 = Hs + <usize>i * rowH + jo;
      v128.store(h0, tanh4(a0)); v128.store(h0 + rowH, tanh4(a1)); v128.store(h0 + 2 * rowH, tanh4(a2)); v128.store(h0 + 3 * rowH, tanh4(a3));
    }
  }
  for (let i = full; i < B; i++) {
    const x0 = X + <usize>i * rowK;
    for (let j = 0; j < H; j += 4) {
      const jo = <usize>j << 2;
      let a0 = v128.load(b1 + jo);
      let w = W + jo;
      for (let k = 0; k < K; k++) {
        a0 = madd(v128.load32_splat(x0 + (<usize>k << 2)), v128.load(w), a0);
        w += rowH;
      }
      v128.store(Hs + <usize>i * rowH + jo, tanh4(a0));
    }
  }
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
  const loss = outputDelta(labels, B);
  outputBackward(B, lr, l2);
  hiddenBackward(B, lr, l2);
  scatter(ids, B, lr, dropout > 0);
  return loss;
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
  // dH = dS Uᵀ: tiles of four rows × eight hidden units, summing over the tags
  for (let i = 0; i < full; i += 4) {
    const s0 = S + <usize>i * rowT, h0 = Hs + <usize>i * rowH, dh0 = dH + <usize>i * rowH;
    let jo: usize = 0;
    for (; jo + 32 <= rowH; jo += 32) {
      let a00 = f32x4.splat(0), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00, a30 = a00, a31 = a00;
      let u = Ut + jo, s = s0;
      for (let t = 0; t < T; t++) {
        const u0 = v128.load(u), u1 = v128.load(u, 16);
        const d0 = v128.load32_splat(s), d1 = v128.load32_splat(s + rowT), d2 = v128.load32_splat(s + 2 * rowT), d3 = v128.load32_splat(s + 3 * rowT);
        a00 = madd(d0, u0, a00); a01 = madd(d0, u1, a01);
        a10 = madd(d1, u0, a10); a11 = madd(d1, u1, a11);
        a20 = madd(d2, u0, a20); a21 = madd(d2, u1, a21);
        a30 = madd(d3, u0, a30); a31 = madd(d3, u1, a31);
        u += rowH;
        s += 4;
      }
      const o = jo;
      tanhBackward(dh0 + o, h0 + o, a00); tanhBackward(dh0 + o + 16, h0 + o + 16, a01);
      tanhBackward(dh0 + rowH + o, h0 + rowH + o, a10); tanhBackward(dh0 + rowH + o + 16, h0 + rowH + o + 16, a11);
      tanhBackward(dh0 + 2 * rowH + o, h0 + 2 * rowH + o, a20); tanhBackward(dh0 + 2 * rowH + o + 16, h0 + 2 * rowH + o + 16, a21);
      tanhBackward(dh0 + 3 * rowH + o, h0 + 3 * rowH + o, a30); tanhBackward(dh0 + 3 * rowH + o + 16, h0 + 3 * rowH + o + 16, a31);
    }
    for (; jo < rowH; jo += 16) {
      for (let r: usize = 0; r < 4; r++) tanhBackward(dh0 + r * rowH + jo, h0 + r * rowH + jo, tagSum(s0 + r * rowT, Ut + jo, rowH));
    }
  }
  for (let i = full; i < B; i++) {
    const s = S + <usize>i * rowT, h = Hs + <usize>i * rowH, dh = dH + <usize>i * rowH;
    for (let jo: usize = 0; jo < rowH; jo += 16) tanhBackward(dh + jo, h + jo, tagSum(s, Ut + jo, rowH));
  }
  // ∂J/∂Uᵀ = dSᵀ H, four tags at a time
  const zero = f32x4.splat(0);
  let t = 0;
  for (; t + 4 <= T; t += 4) outerSum4(S + (<usize>t << 2), rowT, Hs, rowH, rowH, B, gUt + <usize>t * rowH, rowH, false, zero, zero);
  for (; t < T; t++) outerSum1(S + (<usize>t << 2), rowT, Hs, rowH, rowH, B, gUt + <usize>t * rowH, false, zero, zero);
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

/** Σ_t dS[i, t] Uᵀ[t, j..j+4] for one row's scores s and the column chunk at u (Uᵀ row stride rowH). */
@inline
function tagSum(s: usize, u: usize, rowH: usize): v128 {
  let a = f32x4.splat(0);
  for (let t = 0; t < T; t++) {
    a = madd(v128.load32_splat(s + (<usize>t << 2)), v128.load(u), a);
    u += rowH;
  }
  return a;
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
  outerSum4(X + (<usize>k << 2), <usize>K << 2, dH, rowH, rowH, B, W + <usize>k * rowH, rowH, true, f32x4.splat(-lr), f32x4.splat(1 - lr * l2));
}

/** W[k, :] ← W − lr(Σ_i x[i,k] dZ1[i, :] + λW). */
function updateRows1(B: i32, k: i32, lr: f32, l2: f32): void {
  const rowH = <usize>H << 2;
  outerSum1(X + (<usize>k << 2), <usize>K << 2, dH, rowH, rowH, B, W + <usize>k * rowH, true, f32x4.splat(-lr), f32x4.splat(1 - lr * l2));
}

/**
 * Σ_i a[i, 0..3]ᵀ b[i, :] over the B rows: four columns of a (rows aStride bytes apart) against
 * `bytes` of each row of b (bStride apart), in tiles of four rows × eight columns. The four result
 * rows (outStride apart) are stored at out or, with sgd, applied to it as an SGD step. Both
 * ∂J/∂W = xᵀ dz1 and ∂J/∂U = hᵀ dz2 (seed) are sums of this form.
 */
@inline
function outerSum4(a: usize, aStride: usize, b: usize, bStride: usize, bytes: usize, B: i32, out: usize, outStride: usize, sgd: bool, negLr: v128, decay: v128): void {
  const o0 = out, o1 = o0 + outStride, o2 = o1 + outStride, o3 = o2 + outStride;
  let jo: usize = 0;
  for (; jo + 32 <= bytes; jo += 32) {
    let g00 = f32x4.splat(0), g01 = g00, g10 = g00, g11 = g00, g20 = g00, g21 = g00, g30 = g00, g31 = g00;
    let x = a, d = b + jo;
    for (let i = 0; i < B; i++) {
      const d0 = v128.load(d), d1 = v128.load(d, 16);
      const s0 = v128.load32_splat(x), s1 = v128.load32_splat(x, 4), s2 = v128.load32_splat(x, 8), s3 = v128.load32_splat(x, 12);
      g00 = madd(s0, d0, g00); g01 = madd(s0, d1, g01);
      g10 = madd(s1, d0, g10); g11 = madd(s1, d1, g11);
      g20 = madd(s2, d0, g20); g21 = madd(s2, d1, g21);
      g30 = madd(s3, d0, g30); g31 = madd(s3, d1, g31);
      x += aStride;
      d += bStride;
    }
    put(o0 + jo, g00, sgd, negLr, decay); put(o0 + jo + 16, g01, sgd, negLr, decay);
    put(o1 + jo, g10, sgd, negLr, decay); put(o1 + jo + 16, g11, sgd, negLr, decay);
    put(o2 + jo, g20, sgd, negLr, decay); put(o2 + jo + 16, g21, sgd, negLr, decay);
    put(o3 + jo, g30, sgd, negLr, decay); put(o3 + jo + 16, g31, sgd, negLr, decay);
  }
  for (; jo < bytes; jo += 16) {
    let g0 = f32x4.splat(0), g1 = g0, g2 = g0, g3 = g0;
    let x = a, d = b + jo;
    for (let i = 0; i < B; i++) {
      const d0 = v128.load(d);
      g0 = madd(v128.load32_splat(x), d0, g0);
      g1 = madd(v128.load32_splat(x, 4), d0, g1);
      g2 = madd(v128.load32_splat(x, 8), d0, g2);
      g3 = madd(v128.load32_splat(x, 12), d0, g3);
      x += aStride;
      d += bStride;
    }
    put(o0 + jo, g0, sgd, negLr, decay); put(o1 + jo, g1, sgd, negLr, decay); put(o2 + jo, g2, sgd, negLr, decay); put(o3 + jo, g3, sgd, negLr, decay);
  }
}

/** Σ_i a[i, 0] b[i, :]: outerSum4 for a single column of a. */
@inline
function outerSum1(a: usize, aStride: usize, b: usize, bStride: usize, bytes: usize, B: i32, out: usize, sgd: bool, negLr: v128, decay: v128): void {
  for (let jo: usize = 0; jo < bytes; jo += 16) {
    let g = f32x4.splat(0);
    let x = a, d = b + jo;
    for (let i = 0; i < B; i++) {
      g = madd(v128.load32_splat(x), v128.load(d), g);
      x += aStride;
      d += bStride;
    }
    put(out + jo, g, sgd, negLr, decay);
  }
}

/** out ← g, or with sgd the step out ← out − lr(g + λ·out). */
@inline
function put(p: usize, g: v128, sgd: bool, negLr: v128, decay: v128): void {
  if (sgd) step(p, g, negLr, decay);
  else v128.store(p, g);
}

/** w ← w − lr(g + λw) = (1 − lr·λ)w − lr·g on four floats; decay = 1 − lr·λ, negLr = −lr. */
@inline
function step(p: usize, g: v128, negLr: v128, decay: v128): void {
  v128.store(p, madd(negLr, g, f32x4.mul(decay, v128.load(p))));
}
