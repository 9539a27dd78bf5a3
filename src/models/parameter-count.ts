/**
 * Number of parameters of a fully connected network with layer sizes [D0, D1, …, DL]:
 * Σ (D_{i} + 1)·D_{i+1}; for one hidden layer that is (Dx + 1)H + (H + 1)Dy (seed 002, 2.d).
 */
export function parameterCount(sizes: readonly number[]): number {
  let n = 0;
  for (let i = 0; i + 1 < sizes.length; i++) n += (sizes[i]! + 1) * sizes[i + 1]!;
  return n;
}
