// The window tagger's forward and backward passes (seed 000; Collobert et al. 2011) over float32
// parameters in linear memory, with the SGD update applied in place:
//   x = [L_f[id] for each window position, for each feature table f]   (B × K)
//   h = tanh(x W + b1)                                                 (B × H)
//   s = h U + b2                                                       (B × T)
//   softmax cross-entropy over T tags, or sigmoid cross-entropy for T = 1 (one-vs-rest)
// Loss: mean over the batch + (λ/2)(‖W‖² + ‖U‖²). H must be a multiple of 4.

import { axpy, dot } from './vector';
import { sigmoid } from './sigmoid-table';

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
}

/** Scratch bytes for a batch of maxBatch windows. */
export function taggerScratchBytes(positions_: i32, width: i32, hidden: i32, tags: i32, maxBatch: i32): usize {
  const B = <usize>maxBatch;
  const k = <usize>(positions_ * width);
  return 3 * align(B * k) + 2 * align(B * <usize>hidden) + align(B * <usize>tags);
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
        const id = load<i32>(ids + (<usize>((i * positions + p) * features + f) << 2));
        const d = load<i32>(tableDims + (<usize>f << 2));
        const src = load<i32>(tablePtrs + (<usize>f << 2)) + (<usize>id * <usize>d << 2);
        memory.copy(o, src, <usize>d << 2);
        o += <usize>d << 2;
      }
    }
  }
}

/** h = tanh(X W + b1), four rows × eight columns of accumulators at a time. */
function hiddenForward(B: i32): void {
  const rowK = <usize>K << 2, rowH = <usize>H << 2;
  let i = 0;
  for (; i + 4 <= B; i += 4) {
    const x0 = X + <usize>i * rowK, x1 = x0 + rowK, x2 = x1 + rowK, x3 = x2 + rowK;
    let j = 0;
    for (; j + 8 <= H; j += 8) {
      const jo = <usize>j << 2;
      let a00 = v128.load(b1 + jo), a01 = v128.load(b1 + jo, 16);
      let a10 = a00, a11 = a01, a20 = a00, a21 = a01, a30 = a00, a31 = a01;
      let w = W + jo;
      for (let k = 0; k < K; k++) {
        const w0 = v128.load(w), w1 = v128.load(w, 16);
        const ko = <usize>k << 2;
        const s0 = f32x4.splat(load<f32>(x0 + ko)), s1 = f32x4.splat(load<f32>(x1 + ko));
        const s2 = f32x4.splat(load<f32>(x2 + ko)), s3 = f32x4.splat(load<f32>(x3 + ko));
        a00 = f32x4.add(a00, f32x4.mul(s0, w0)); a01 = f32x4.add(a01, f32x4.mul(s0, w1));
        a10 = f32x4.add(a10, f32x4.mul(s1, w0)); a11 = f32x4.add(a11, f32x4.mul(s1, w1));
        a20 = f32x4.add(a20, f32x4.mul(s2, w0)); a21 = f32x4.add(a21, f32x4.mul(s2, w1));
        a30 = f32x4.add(a30, f32x4.mul(s3, w0)); a31 = f32x4.add(a31, f32x4.mul(s3, w1));
        w += rowH;
      }
      const h0 = Hs + <usize>i * rowH + jo;
      v128.store(h0, a00); v128.store(h0, a01, 16);
      v128.store(h0 + rowH, a10); v128.store(h0 + rowH, a11, 16);
      v128.store(h0 + 2 * rowH, a20); v128.store(h0 + 2 * rowH, a21, 16);
      v128.store(h0 + 3 * rowH, a30); v128.store(h0 + 3 * rowH, a31, 16);
    }
    for (; j < H; j += 4) {
      const jo = <usize>j << 2;
      let a0 = v128.load(b1 + jo);
      let a1 = a0, a2 = a0, a3 = a0;
      let w = W + jo;
      for (let k = 0; k < K; k++) {
        const w0 = v128.load(w);
        const ko = <usize>k << 2;
        a0 = f32x4.add(a0, f32x4.mul(f32x4.splat(load<f32>(x0 + ko)), w0));
        a1 = f32x4.add(a1, f32x4.mul(f32x4.splat(load<f32>(x1 + ko)), w0));
        a2 = f32x4.add(a2, f32x4.mul(f32x4.splat(load<f32>(x2 + ko)), w0));
        a3 = f32x4.add(a3, f32x4.mul(f32x4.splat(load<f32>(x3 + ko)), w0));
        w += rowH;
      }
      const h0 = Hs + <usize>i * rowH + jo;
      v128.store(h0, a0); v128.store(h0 + rowH, a1); v128.store(h0 + 2 * rowH, a2); v128.store(h0 + 3 * rowH, a3);
    }
  }
  for (; i < B; i++) {
    const x0 = X + <usize>i * rowK;
    for (let j = 0; j < H; j += 4) {
      const jo = <usize>j << 2;
      let a0 = v128.load(b1 + jo);
      let w = W + jo;
      for (let k = 0; k < K; k++) {
        a0 = f32x4.add(a0, f32x4.mul(f32x4.splat(load<f32>(x0 + (<usize>k << 2))), v128.load(w)));
        w += rowH;
      }
      v128.store(Hs + <usize>i * rowH + jo, a0);
    }
  }
  const n = B * H;
  for (let q = 0; q < n; q++) {
    const p = Hs + (<usize>q << 2);
    store<f32>(p, fastTanh(load<f32>(p)));
  }
}

/** tanh z = 2σ(2z) − 1 from the interpolated sigmoid table; 1 − 2/(e^{2z} + 1) where the table saturates. */
@inline
function fastTanh(z: f32): f32 {
  if (Mathf.abs(z) < 3.9) return 2 * sigmoid(2 * z) - 1;
  return 1 - 2 / (Mathf.exp(2 * z) + 1);
}

/** s = h U + b2, one SIMD axpy over the T scores per hidden unit. */
function outputForward(B: i32): void {
  for (let i = 0; i < B; i++) {
    const s = S + (<usize>(i * T) << 2);
    memory.copy(s, b2, <usize>T << 2);
    const h = Hs + (<usize>(i * H) << 2);
    for (let k = 0; k < H; k++) axpy(f32At(h, k), U + (<usize>(k * T) << 2), s, T);
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
  const invB: f32 = <f32>1 / <f32>B;
  let loss: f64 = 0;
  // dS = (ŷ − y)/B, written over S
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
      store<f32>(s + (<usize>t << 2), (p - (t == y ? <f32>1 : <f32>0)) * invB); // (ŷ − y)/B
    }
  }
  // dH = dS Uᵀ, then dZ1 = dH ∘ (1 − h²)
  for (let i = 0; i < B; i++) {
    const s = S + (<usize>(i * T) << 2);
    const h = Hs + (<usize>(i * H) << 2), dh = dH + (<usize>(i * H) << 2);
    for (let k = 0; k < H; k++) {
      const hv = f32At(h, k);
      store<f32>(dh + (<usize>k << 2), dot(s, U + (<usize>(k * T) << 2), T) * (1 - hv * hv));
    }
  }
  // U ← U − lr(hᵀ dS + λU), accumulating each row's gradient in the (now free) first row of dX
  const g = dX;
  for (let k = 0; k < H; k++) {
    const u = U + (<usize>(k * T) << 2);
    memory.fill(g, 0, <usize>T << 2);
    for (let i = 0; i < B; i++) axpy(f32At(Hs + (<usize>(i * H) << 2), k), S + (<usize>(i * T) << 2), g, T);
    for (let t = 0; t < T; t++) store<f32>(u + (<usize>t << 2), f32At(u, t) - lr * (f32At(g, t) + l2 * f32At(u, t)));
  }
  // b2 ← b2 − lr Σ dS
  for (let t = 0; t < T; t++) {
    let gb: f32 = 0;
    for (let i = 0; i < B; i++) gb += f32At(S + (<usize>(i * T) << 2), t);
    store<f32>(b2 + (<usize>t << 2), f32At(b2, t) - lr * gb);
  }
  // per row k of W: dX[:, k] = dZ1 W[k,:]ᵀ (old W), then W[k,:] ← W[k,:] − lr(Σ_i x[i,k] dZ1[i,:] + λW[k,:])
  const rowH = <usize>H << 2, rowK = <usize>K << 2;
  const vlr = f32x4.splat(lr), vl2 = f32x4.splat(l2);
  for (let k = 0; k < K; k++) {
    const w = W + <usize>k * rowH;
    const ko = <usize>k << 2;
    for (let i = 0; i < B; i++) store<f32>(dX + <usize>i * rowK + ko, dot(dH + <usize>i * rowH, w, H));
    let j = 0;
    for (; j + 16 <= H; j += 16) {
      const jo = <usize>j << 2;
      let g0 = f32x4.splat(0), g1 = g0, g2 = g0, g3 = g0;
      let x = X + ko, dz = dH + jo;
      for (let i = 0; i < B; i++) {
        const sx = f32x4.splat(load<f32>(x));
        g0 = f32x4.add(g0, f32x4.mul(sx, v128.load(dz)));
        g1 = f32x4.add(g1, f32x4.mul(sx, v128.load(dz, 16)));
        g2 = f32x4.add(g2, f32x4.mul(sx, v128.load(dz, 32)));
        g3 = f32x4.add(g3, f32x4.mul(sx, v128.load(dz, 48)));
        x += rowK;
        dz += rowH;
      }
      const p = w + jo;
      v128.store(p, f32x4.sub(v128.load(p), f32x4.mul(vlr, f32x4.add(g0, f32x4.mul(vl2, v128.load(p))))));
      v128.store(p, f32x4.sub(v128.load(p, 16), f32x4.mul(vlr, f32x4.add(g1, f32x4.mul(vl2, v128.load(p, 16))))), 16);
      v128.store(p, f32x4.sub(v128.load(p, 32), f32x4.mul(vlr, f32x4.add(g2, f32x4.mul(vl2, v128.load(p, 32))))), 32);
      v128.store(p, f32x4.sub(v128.load(p, 48), f32x4.mul(vlr, f32x4.add(g3, f32x4.mul(vl2, v128.load(p, 48))))), 48);
    }
    for (; j < H; j += 4) {
      const jo = <usize>j << 2;
      let g0 = f32x4.splat(0);
      for (let i = 0; i < B; i++) {
        g0 = f32x4.add(g0, f32x4.mul(f32x4.splat(load<f32>(X + <usize>i * rowK + ko)), v128.load(dH + <usize>i * rowH + jo)));
      }
      const p = w + jo;
      v128.store(p, f32x4.sub(v128.load(p), f32x4.mul(vlr, f32x4.add(g0, f32x4.mul(vl2, v128.load(p))))));
    }
  }
  for (let j = 0; j < H; j++) {
    let gb: f32 = 0;
    for (let i = 0; i < B; i++) gb += f32At(dH + <usize>i * rowH, j);
    store<f32>(b1 + (<usize>j << 2), f32At(b1, j) - lr * gb);
  }
  if (dropout > 0) {
    const n = B * K;
    for (let q = 0; q < n; q++) store<f32>(dX + (<usize>q << 2), load<f32>(dX + (<usize>q << 2)) * load<f32>(mask + (<usize>q << 2)));
  }
  // scatter ∂J/∂x into the embedding rows (repeated rows receive every contribution)
  let o: usize = dX;
  for (let i = 0; i < B; i++) {
    for (let p = 0; p < positions; p++) {
      for (let f = 0; f < features; f++) {
        const d = load<i32>(tableDims + (<usize>f << 2));
        if (load<i32>(tableTrain + (<usize>f << 2)) != 0) {
          const id = load<i32>(ids + (<usize>((i * positions + p) * features + f) << 2));
          const dst = load<i32>(tablePtrs + (<usize>f << 2)) + (<usize>id * <usize>d << 2);
          for (let q = 0; q < d; q++) {
            const a = dst + (<usize>q << 2);
            store<f32>(a, load<f32>(a) - lr * load<f32>(o + (<usize>q << 2)));
          }
        }
        o += <usize>d << 2;
      }
    }
  }
  return loss / <f64>B;
}
