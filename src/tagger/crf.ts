/**
 * Sentence-level log-likelihood (Collobert et al. 2011, section 3.3.2), in float64. For a
 * sentence of n tokens with emissions e (n × T: the network's scores f(x_t)[j]), start scores
 * a0 (T) and transition scores A (T × T, A[i·T + j] from tag i to tag j):
 *   score(y) = a0[y_0] + e_0[y_0] + Σ_{t≥1} (A[y_{t−1}, y_t] + e_t[y_t])
 *   loss = log Σ_y exp score(y) − score(gold)
 * The sum over all T^n tag paths is the forward algorithm in log space; its gradient is the
 * marginals from forward-backward minus the gold path's indicators.
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

/**
 * The loss of the gold tags y (n indices in [0, T)) and its gradients times `scale`:
 *   ∂loss/∂e_t[j] = P(y_t = j) − [gold_t = j], ∂loss/∂a0[j] = P(y_0 = j) − [gold_0 = j],
 *   ∂loss/∂A[i, j] = Σ_t P(y_{t−1} = i, y_t = j) − #gold transitions i → j.
 * Returns the (unscaled) loss.
 */
export function crfLossAndGradient(
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
