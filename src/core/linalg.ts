import { Matrix } from './matrix.js';

function assertShape(ok: boolean, what: string, a: Matrix, b: Matrix): void {
  if (!ok) throw new RangeError(`${what}: shapes ${a.rows}×${a.cols} and ${b.rows}×${b.cols} do not match`);
}

/** C = A B (A is n×k, B is k×m). i-k-j loop order keeps the inner loop contiguous. */
export function matmul(a: Matrix, b: Matrix, out = new Matrix(a.rows, b.cols)): Matrix {
  assertShape(a.cols === b.rows, 'matmul', a, b);
  const { rows: n, cols: k } = a;
  const m = b.cols;
  const A = a.data, B = b.data, C = out.data;
  C.fill(0);
  for (let i = 0; i < n; i++) {
    const ci = i * m;
    for (let p = 0; p < k; p++) {
      const aip = A[i * k + p]!;
      if (aip === 0) continue;
      const bp = p * m;
      for (let j = 0; j < m; j++) C[ci + j]! += aip * B[bp + j]!;
    }
  }
  return out;
}

/** C = Aᵀ B (A is k×n, B is k×m): the weight gradient `dW = xᵀ dz`. */
export function matmulTransA(a: Matrix, b: Matrix, out = new Matrix(a.cols, b.cols)): Matrix {
  assertShape(a.rows === b.rows, 'matmulTransA', a, b);
  const k = a.rows, n = a.cols, m = b.cols;
  const A = a.data, B = b.data, C = out.data;
  C.fill(0);
  for (let p = 0; p < k; p++) {
    for (let i = 0; i < n; i++) {
      const api = A[p * n + i]!;
      if (api === 0) continue;
      const ci = i * m, bp = p * m;
      for (let j = 0; j < m; j++) C[ci + j]! += api * B[bp + j]!;
    }
  }
  return out;
}

/** C = A Bᵀ (A is n×k, B is m×k): the input gradient `dx = dz Wᵀ`. */
export function matmulTransB(a: Matrix, b: Matrix, out = new Matrix(a.rows, b.rows)): Matrix {
  assertShape(a.cols === b.cols, 'matmulTransB', a, b);
  const n = a.rows, k = a.cols, m = b.rows;
  const A = a.data, B = b.data, C = out.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[i * k + p]! * B[j * k + p]!;
      C[i * m + j] = s;
    }
  }
  return out;
}

/** Adds the 1×m row vector b to every row of A, in place. */
export function addRowInPlace(a: Matrix, b: Matrix): Matrix {
  if (b.rows !== 1 || b.cols !== a.cols) assertShape(false, 'addRow', a, b);
  const m = a.cols;
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < m; j++) a.data[i * m + j]! += b.data[j]!;
  return a;
}

/** Column sums as a 1×m row: the bias gradient `db = Σ_rows dz`. */
export function sumRows(a: Matrix, out = new Matrix(1, a.cols)): Matrix {
  out.data.fill(0);
  const m = a.cols;
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < m; j++) out.data[j]! += a.data[i * m + j]!;
  return out;
}

/** Elementwise map into a new matrix. */
export function map(a: Matrix, f: (v: number) => number): Matrix {
  const out = new Matrix(a.rows, a.cols);
  for (let i = 0; i < a.data.length; i++) out.data[i] = f(a.data[i]!);
  return out;
}

/** Elementwise product into a new matrix. */
export function hadamard(a: Matrix, b: Matrix): Matrix {
  assertShape(a.rows === b.rows && a.cols === b.cols, 'hadamard', a, b);
  const out = new Matrix(a.rows, a.cols);
  for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i]! * b.data[i]!;
  return out;
}

/** Dot product of two vectors. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** y += alpha x */
export function axpy(alpha: number, x: ArrayLike<number>, y: Float64Array | Float32Array): void {
  for (let i = 0; i < y.length; i++) y[i]! += alpha * x[i]!;
}

/** Column of the largest value in row i. */
export function argmaxRow(a: Matrix, i: number): number {
  let best = 0;
  let bv = -Infinity;
  for (let j = 0; j < a.cols; j++) {
    const v = a.data[i * a.cols + j]!;
    if (v > bv) { bv = v; best = j; }
  }
  return best;
}
