/**
 * Sentence-level log-likelihood (Collobert et al. 2011, section 3.3.2), in float64. For a
 * sentence of n tokens with emissions e (n × T: the network's scores f(x_t)[j]), start scores
 * a0 (T) and transition scores A (T × T, A[i·T + j] from tag i to tag j):
 *   score(y) = a0[y_0] + e_0[y_0] + Σ_{t≥1} (A[y_{t−1}, y_t] + e_t[y_t])
 *   loss = log Σ_y exp score(y) − score(gold)
 * The sum over all T^n tag paths is the forward algorithm; its gradient is the marginals from
 * forward-backward minus the gold path's indicators. crfLossAndGradient runs forward-backward
 * on probabilities rescaled at every token (Rabiner's scaling: T exponentials per token instead
 * of T²) and falls back to the exact log-space version, crfLossAndGradientLog, if a scale
 * underflows (scores thousands apart).
 */

/** log Σ_i exp(v[o + i·stride]) for i < n, stable (−∞ when every term is −∞). */
function logSumExp(v: Float64Array, o: number, n: number, stride = 1): number {
  let m = -Infinity;
  for (let i = 0; i < n; i++) m = Math.max(m, v[o + i * stride]!);
  if (m === -Infinity) return m;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(v[o + i * stride]! - m);
  return m + Math.log(s);
}

/** Where crfLossAndGradient adds its gradients (scaled). */
export interface CrfGradients {
  /** n × T: ∂loss/∂e, written (not added); must not be the emissions array itself. */
  emissions: Float64Array | Float32Array;
  /** T: ∂loss/∂a0, added to. */
  start: Float64Array;
  /** T × T: ∂loss/∂A, added to. */
  transitions: Float64Array;
}

/** Score of one tag path: a0[y_0] + e_0[y_0] + Σ_t (A[y_{t−1}, y_t] + e_t[y_t]). */
export function pathScore(e: ArrayLike<number>, n: number, T: number, start: ArrayLike<number>, A: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let t = 0; t < n; t++) s += (t === 0 ? start[y[0]!]! : A[y[t - 1]! * T + y[t]!]!) + e[t * T + y[t]!]!; // score(s, y) term by term
  return s;
}

/** The log-partition log Σ_y exp score(y), by the forward algorithm. */
export function logPartition(e: ArrayLike<number>, n: number, T: number, start: ArrayLike<number>, A: ArrayLike<number>): number {
  if (n === 0) return 0;
  return logSumExp(forward(e, n, T, start, A), (n - 1) * T, T);
}

/** α (n × T): α_t(j) = log Σ over paths ending in tag j at t of exp score. */
function forward(e: ArrayLike<number>, n: number, T: number, start: ArrayLike<number>, A: ArrayLike<number>): Float64Array {
  const alpha = new Float64Array(n * T), tmp = new Float64Array(T);
  for (let j = 0; j < T; j++) alpha[j] = start[j]! + e[j]!; // α_0(j) = a0[j] + e_0[j]
  for (let t = 1; t < n; t++) {
    for (let j = 0; j < T; j++) {
      for (let i = 0; i < T; i++) tmp[i] = alpha[(t - 1) * T + i]! + A[i * T + j]!;
      alpha[t * T + j] = e[t * T + j]! + logSumExp(tmp, 0, T); // α_t(j) = e_t[j] + logsumexp_i(α_{t−1}(i) + A[i, j])
    }
  }
  return alpha;
}

/** β (n × T): β_t(i) = log Σ over continuations from tag i at t of exp (their score after t). */
function backward(e: ArrayLike<number>, n: number, T: number, A: ArrayLike<number>): Float64Array {
  const beta = new Float64Array(n * T), tmp = new Float64Array(T);
  for (let t = n - 2; t >= 0; t--) { // β_{n−1}(i) = 0
    for (let i = 0; i < T; i++) {
      for (let j = 0; j < T; j++) tmp[j] = A[i * T + j]! + e[(t + 1) * T + j]! + beta[(t + 1) * T + j]!;
      beta[t * T + i] = logSumExp(tmp, 0, T); // β_t(i) = logsumexp_j(A[i, j] + e_{t+1}[j] + β_{t+1}(j))
    }
  }
  return beta;
}

/** Scratch arrays, grown as needed (each thread has its own module instance). */
let scratch = new Float64Array(0);
function scratchOf(size: number): Float64Array {
  if (scratch.length < size) scratch = new Float64Array(Math.max(size, 2 * scratch.length));
  return scratch;
}

/**
 * The loss of the gold tags y (n indices in [0, T)) and its gradients times `scale`, as
 * crfLossAndGradientLog, with every quantity divided by a per-token scale so that it stays in
 * range: w_t[j] = exp(e_t[j] − max_j e_t), Â[i, j] = exp(A[i, j] − max A), and α̂_t, β̂_t the
 * forward and backward variables normalised by c_t (Rabiner 1989), so that
 * P(y_t = j) = α̂_t(j) β̂_t(j) and log Z = Σ_t (log c_t + max e_t) + max a0 + (n − 1) max A.
 */
export function crfLossAndGradient(
  e: ArrayLike<number>, n: number, T: number, start: ArrayLike<number>, A: ArrayLike<number>, y: ArrayLike<number>, g: CrfGradients, scale = 1,
): number {
  if (n === 0) return 0;
  const TT = T * T, nT = n * T;
  const buf = scratchOf(TT + 3 * nT + n);
  const expA = buf.subarray(0, TT), w = buf.subarray(TT, TT + nT), alpha = buf.subarray(TT + nT, TT + 2 * nT);
  const beta = buf.subarray(TT + 2 * nT, TT + 3 * nT), c = buf.subarray(TT + 3 * nT, TT + 3 * nT + n);
  let aMax = -Infinity, sMax = -Infinity;
  for (let q = 0; q < TT; q++) aMax = Math.max(aMax, A[q]!);
  for (let j = 0; j < T; j++) sMax = Math.max(sMax, start[j]!);
  for (let q = 0; q < TT; q++) expA[q] = Math.exp(A[q]! - aMax); // Â[i, j] = exp(A[i, j] − max A)
  let logZ = sMax + (n - 1) * aMax;
  for (let t = 0; t < n; t++) {
    let m = -Infinity;
    for (let j = 0; j < T; j++) m = Math.max(m, e[t * T + j]!);
    for (let j = 0; j < T; j++) w[t * T + j] = Math.exp(e[t * T + j]! - m); // w_t[j] = exp(e_t[j] − max e_t)
    logZ += m;
  }
  // forward: α̂_0(j) ∝ exp(a0[j] − max a0) w_0[j]; α̂_t(j) ∝ w_t[j] Σ_i α̂_{t−1}(i) Â[i, j]; each normalised by its sum c_t
  for (let t = 0; t < n; t++) {
    let sum = 0;
    for (let j = 0; j < T; j++) {
      let v: number;
      if (t === 0) v = Math.exp(start[j]! - sMax);
      else {
        v = 0;
        for (let i = 0; i < T; i++) v += alpha[(t - 1) * T + i]! * expA[i * T + j]!;
      }
      v *= w[t * T + j]!;
      alpha[t * T + j] = v;
      sum += v;
    }
    if (!(sum > 0 && sum < Infinity)) return crfLossAndGradientLog(e, n, T, start, A, y, g, scale); // underflow: exact log space
    c[t] = sum;
    logZ += Math.log(sum); // log Z = Σ_t log c_t + the maxima taken out
    for (let j = 0; j < T; j++) alpha[t * T + j]! /= sum;
  }
  // backward: β̂_{n−1}(i) = 1; β̂_t(i) = Σ_j Â[i, j] w_{t+1}[j] β̂_{t+1}(j) / c_{t+1}
  for (let i = 0; i < T; i++) beta[(n - 1) * T + i] = 1;
  for (let t = n - 2; t >= 0; t--) {
    for (let i = 0; i < T; i++) {
      let v = 0;
      for (let j = 0; j < T; j++) v += expA[i * T + j]! * w[(t + 1) * T + j]! * beta[(t + 1) * T + j]!;
      beta[t * T + i] = v / c[t + 1]!;
    }
  }
  for (let q = 0; q < nT; q++) if (!(beta[q]! < Infinity)) return crfLossAndGradientLog(e, n, T, start, A, y, g, scale);
  for (let t = 0; t < n; t++) {
    for (let j = 0; j < T; j++) {
      const p = alpha[t * T + j]! * beta[t * T + j]!; // P(y_t = j) = α̂_t(j) β̂_t(j)
      g.emissions[t * T + j] = scale * (p - (y[t] === j ? 1 : 0)); // ∂loss/∂e_t[j] = P(y_t = j) − [gold_t = j]
      if (t === 0) g.start[j]! += scale * (p - (y[0] === j ? 1 : 0));
    }
    if (t === 0) continue;
    const k = scale / c[t]!;
    for (let i = 0; i < T; i++) {
      const ai = alpha[(t - 1) * T + i]! * k;
      for (let j = 0; j < T; j++) {
        // P(y_{t−1} = i, y_t = j) = α̂_{t−1}(i) Â[i, j] w_t[j] β̂_t(j) / c_t
        g.transitions[i * T + j]! += ai * expA[i * T + j]! * w[t * T + j]! * beta[t * T + j]!;
      }
    }
    g.transitions[y[t - 1]! * T + y[t]!]! -= scale; // minus the gold transition y_{t−1} → y_t
  }
  return logZ - pathScore(e, n, T, start, A, y); // loss = log Z − score(gold)
}

/**
 * The loss of the gold tags y (n indices in [0, T)) and its gradients times `scale`, in log space:
 *   ∂loss/∂e_t[j] = P(y_t = j) − [gold_t = j], ∂loss/∂a0[j] = P(y_0 = j) − [gold_0 = j],
 *   ∂loss/∂A[i, j] = Σ_t P(y_{t−1} = i, y_t = j) − #gold transitions i → j.
 * Returns the (unscaled) loss.
 */
export function crfLossAndGradientLog(
  e: ArrayLike<number>, n: number, T: number, start: ArrayLike<number>, A: ArrayLike<number>, y: ArrayLike<number>, g: CrfGradients, scale = 1,
): number {
  if (n === 0) return 0;
  const alpha = forward(e, n, T, start, A), beta = backward(e, n, T, A);
  const logZ = logSumExp(alpha, (n - 1) * T, T); // log Z = logsumexp_j α_{n−1}(j)
  for (let t = 0; t < n; t++) {
    for (let j = 0; j < T; j++) {
      const p = Math.exp(alpha[t * T + j]! + beta[t * T + j]! - logZ); // P(y_t = j) = exp(α_t(j) + β_t(j) − log Z)
      g.emissions[t * T + j] = scale * (p - (y[t] === j ? 1 : 0)); // ∂loss/∂e_t[j] = P(y_t = j) − [gold_t = j]
      if (t === 0) g.start[j]! += scale * (p - (y[0] === j ? 1 : 0));
    }
    if (t === 0) continue;
    for (let i = 0; i < T; i++) {
      const ai = alpha[(t - 1) * T + i]!;
      for (let j = 0; j < T; j++) {
        // P(y_{t−1} = i, y_t = j) = exp(α_{t−1}(i) + A[i, j] + e_t[j] + β_t(j) − log Z)
        g.transitions[i * T + j]! += scale * Math.exp(ai + A[i * T + j]! + e[t * T + j]! + beta[t * T + j]! - logZ);
      }
    }
    g.transitions[y[t - 1]! * T + y[t]!]! -= scale; // minus the gold transition y_{t−1} → y_t
  }
  return logZ - pathScore(e, n, T, start, A, y); // loss = log Z − score(gold)
}
