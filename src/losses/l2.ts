import type { Param } from '../layers/param.js';

/**
 * L2 regularization, lexnet's one convention: penalty (λ/2)·Σ‖W‖² over weight matrices
 * (biases excluded), gradient λW. Conversions: seed 003's λ'(‖W1‖² + ‖W2‖²) is λ = 2λ';
 * seed 000's C/(2m)‖W‖² is λ = C/m; scikit-learn's MLP `alpha` is λ = alpha/n_samples and
 * LogisticRegression's `C` is λ = 1/(C·n_samples) (for J = mean loss + (λ/2)‖W‖²); Ridge's
 * `alpha` is λ = alpha/n_samples (lexnet's squared error is ½(y − ŷ)²).
 */
export function l2Penalty(params: readonly Param[], lambda: number): number {
  if (lambda === 0) return 0;
  let s = 0;
  for (const p of params) {
    if (!p.regularize) continue;
    for (const w of p.value.data) s += w * w;
  }
  return 0.5 * lambda * s;
}

/** Adds λW to the gradient of every regularized parameter. */
export function addL2Gradient(params: readonly Param[], lambda: number): void {
  if (lambda === 0) return;
  for (const p of params) {
    if (!p.regularize) continue;
    const w = p.value.data, g = p.grad.data;
    for (let i = 0; i < w.length; i++) g[i]! += lambda * w[i]!;
  }
}
