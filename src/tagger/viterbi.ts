/**
 * Viterbi decoding: the tag path of highest score(y) = a0[y_0] + e_0[y_0] + Σ_t (A[y_{t−1}, y_t]
 * + e_t[y_t]) (see crf.ts), in float64. Ties go to the lower tag index.
 */
export function viterbi(e: ArrayLike<number>, n: number, T: number, start: ArrayLike<number>, A: ArrayLike<number>): Int32Array {
  const path = new Int32Array(n);
  if (n === 0) return path;
  let delta = new Float64Array(T), next = new Float64Array(T);
  const back = new Int32Array(n * T);
  for (let j = 0; j < T; j++) delta[j] = start[j]! + e[j]!; // δ_0(j) = a0[j] + e_0[j]
  for (let t = 1; t < n; t++) {
    for (let j = 0; j < T; j++) {
      let best = 0, bestScore = -Infinity;
      for (let i = 0; i < T; i++) {
        const s = delta[i]! + A[i * T + j]!;
        if (s > bestScore) { bestScore = s; best = i; }
      }
      next[j] = bestScore + e[t * T + j]!; // δ_t(j) = e_t[j] + max_i(δ_{t−1}(i) + A[i, j])
      back[t * T + j] = best; // ψ_t(j) = argmax_i(δ_{t−1}(i) + A[i, j])
    }
    [delta, next] = [next, delta];
  }
  let last = 0;
  for (let j = 1; j < T; j++) if (delta[j]! > delta[last]!) last = j;
  path[n - 1] = last;
  for (let t = n - 1; t > 0; t--) path[t - 1] = back[t * T + path[t]!]!; // y_{t−1} = ψ_t(y_t)
  return path;
}
