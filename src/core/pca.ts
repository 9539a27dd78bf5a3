import { LexnetError } from '../io/errors.js';

/** The result of {@link pca}: projected rows, components and their variances. */
export interface PcaResult {
  /** n × k coordinates of the rows on the components, row-major. */
  projected: Float64Array;
  /** k × d unit components (principal directions), row-major, by decreasing variance. */
  components: Float64Array;
  /** The variance along each component (eigenvalues of the covariance, divisor n − 1). */
  variances: number[];
  /** Each component's share of the total variance. */
  explainedRatio: number[];
}

/**
 * Principal component analysis of `n` rows of `d` numbers (row-major): centres the rows, forms
 * the d × d covariance and finds its top `k` eigenvectors by orthogonal (subspace) iteration
 * with a Rayleigh–Ritz step. Each component's sign is fixed so that its largest entry is
 * positive, so the answer does not depend on the starting vectors.
 */
export function pca(data: ArrayLike<number>, n: number, d: number, k = 2, o: { maxIterations?: number; tolerance?: number } = {}): PcaResult {
  if (!(Number.isInteger(n) && Number.isInteger(d) && n >= 1 && d >= 1) || data.length !== n * d) {
    throw new LexnetError(`pca: expected ${n} rows of ${d} numbers, got ${data.length} numbers`);
  }
  if (!(Number.isInteger(k) && k >= 1 && k <= d)) throw new LexnetError(`pca: the number of components must be an integer from 1 to ${d}, got ${k}`);
  const maxIterations = o.maxIterations ?? 2000, tolerance = o.tolerance ?? 1e-10;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += data[i * d + j]! / n;
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) x[i * d + j] = data[i * d + j]! - mean[j]!;
  // covariance C = XᵀX / (n − 1), symmetric: fill the upper triangle and mirror it
  const c = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let a = 0; a < d; a++) {
      const xa = x[row + a]!;
      if (xa === 0) continue;
      for (let b = a; b < d; b++) c[a * d + b]! += xa * x[row + b]!;
    }
  }
  const div = Math.max(n - 1, 1);
  let trace = 0;
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) { c[a * d + b]! /= div; c[b * d + a] = c[a * d + b]!; }
    trace += c[a * d + a]!;
  }
  const { vectors, values } = topEigen(c, d, k, maxIterations, tolerance);
  const projected = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < k; m++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[i * d + j]! * vectors[m * d + j]!;
      projected[i * k + m] = s;
    }
  }
  return { projected, components: vectors, variances: values, explainedRatio: values.map((v) => (trace > 0 ? v / trace : 0)) };
}

/** The top k eigenpairs of the symmetric d × d matrix `c`, by orthogonal iteration and a Rayleigh–Ritz rotation. */
function topEigen(c: Float64Array, d: number, k: number, maxIterations: number, tolerance: number): { vectors: Float64Array; values: number[] } {
  // deterministic start: a spread of unit-ish vectors that is not orthogonal to any direction in general
  let q = new Float64Array(k * d);
  for (let m = 0; m < k; m++) for (let j = 0; j < d; j++) q[m * d + j] = Math.cos(1 + 0.7 * j + 1.3 * m * (j + 1)) + (j === m ? 1 : 0);
  orthonormalize(q, k, d);
  const z = new Float64Array(k * d);
  for (let it = 0; it < maxIterations; it++) {
    multiply(c, q, z, k, d);
    orthonormalize(z, k, d);
    // converged when the subspace no longer moves: |QᵀZ| ≈ I up to signs
    let moved = 0;
    for (let m = 0; m < k; m++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += q[m * d + j]! * z[m * d + j]!;
      moved = Math.max(moved, 1 - Math.abs(s));
    }
    q.set(z);
    if (moved < tolerance) break;
  }
  // Rayleigh–Ritz: eigenvectors of the small k × k matrix QᵀCQ rotate Q onto the eigenvectors
  multiply(c, q, z, k, d);
  const h = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += q[a * d + j]! * z[b * d + j]!;
    h[a * k + b] = s;
  }
  const small = jacobiEigen(h, k);
  const order = small.values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const vectors = new Float64Array(k * d);
  order.forEach(([, col], m) => {
    for (let a = 0; a < k; a++) {
      const w = small.vectors[a * k + col]!;
      for (let j = 0; j < d; j++) vectors[m * d + j]! += w * q[a * d + j]!;
    }
    // sign: the entry of largest magnitude is positive
    let big = 0;
    for (let j = 0; j < d; j++) if (Math.abs(vectors[m * d + j]!) > Math.abs(big)) big = vectors[m * d + j]!;
    if (big < 0) for (let j = 0; j < d; j++) vectors[m * d + j] = -vectors[m * d + j]!;
  });
  q = vectors;
  return { vectors: q, values: order.map(([v]) => Math.max(v, 0)) };
}

/** out[m] = C q[m] for each of the k rows of q. */
function multiply(c: Float64Array, q: Float64Array, out: Float64Array, k: number, d: number): void {
  for (let m = 0; m < k; m++) {
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let b = 0; b < d; b++) s += c[a * d + b]! * q[m * d + b]!;
      out[m * d + a] = s;
    }
  }
}

/** Modified Gram–Schmidt on the k rows of q (a row that vanishes is replaced by a unit axis). */
function orthonormalize(q: Float64Array, k: number, d: number): void {
  for (let m = 0; m < k; m++) {
    for (let attempt = 0; attempt <= d; attempt++) {
      for (let p = 0; p < m; p++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += q[m * d + j]! * q[p * d + j]!;
        for (let j = 0; j < d; j++) q[m * d + j]! -= s * q[p * d + j]!;
      }
      let norm = 0;
      for (let j = 0; j < d; j++) norm += q[m * d + j]! ** 2;
      norm = Math.sqrt(norm);
      if (norm > 1e-300) {
        for (let j = 0; j < d; j++) q[m * d + j]! /= norm;
        break;
      }
      for (let j = 0; j < d; j++) q[m * d + j] = j === (m + attempt) % d ? 1 : 0;
    }
  }
}

/** All eigenpairs of a small symmetric matrix by cyclic Jacobi rotations; vectors are the columns. */
export function jacobiEigen(matrix: ArrayLike<number>, k: number): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let r = p + 1; r < k; r++) off += a[p * k + r]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < k; p++) {
      for (let r = p + 1; r < k; r++) {
        const apr = a[p * k + r]!;
        if (Math.abs(apr) < 1e-300) continue;
        const theta = (a[r * k + r]! - a[p * k + p]!) / (2 * apr);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cs = 1 / Math.sqrt(t * t + 1), sn = t * cs;
        for (let i = 0; i < k; i++) {
          const aip = a[i * k + p]!, air = a[i * k + r]!;
          a[i * k + p] = cs * aip - sn * air;
          a[i * k + r] = sn * aip + cs * air;
        }
        for (let i = 0; i < k; i++) {
          const api = a[p * k + i]!, ari = a[r * k + i]!;
          a[p * k + i] = cs * api - sn * ari;
          a[r * k + i] = sn * api + cs * ari;
        }
        for (let i = 0; i < k; i++) {
          const vip = v[i * k + p]!, vir = v[i * k + r]!;
          v[i * k + p] = cs * vip - sn * vir;
          v[i * k + r] = sn * vip + cs * vir;
        }
      }
    }
  }
  return { values: Array.from({ length: k }, (_, i) => a[i * k + i]!), vectors: v };
}
