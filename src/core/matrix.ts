/**
 * Dense row-major matrix of float64 values. Batches are stored in rows, following the
 * seeds' row-vector convention `z = xW + b` (x is N×D, W is D×H, b is 1×H).
 */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new RangeError(`Matrix: invalid shape ${rows}×${cols}`);
    }
    if (data && data.length !== rows * cols) {
      throw new RangeError(`Matrix: ${data.length} values do not fill a ${rows}×${cols} matrix`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  /** Builds a matrix from nested arrays; every row must have the same length. */
  static fromArray(rows: ArrayLike<ArrayLike<number>>): Matrix {
    const r = rows.length;
    const c = r === 0 ? 0 : rows[0]!.length;
    const m = new Matrix(r, c);
    for (let i = 0; i < r; i++) {
      const row = rows[i]!;
      if (row.length !== c) throw new RangeError(`Matrix.fromArray: row ${i} has ${row.length} values, expected ${c}`);
      for (let j = 0; j < c; j++) m.data[i * c + j] = row[j]!;
    }
    return m;
  }

  /** A rows × cols matrix of zeros. */
  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  /** A 1×n row vector. */
  static row(values: ArrayLike<number>): Matrix {
    return new Matrix(1, values.length, Float64Array.from(values));
  }

  /** The rows as plain arrays. */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.rowView(i)));
    return out;
  }

  /** The entry at row i, column j. */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }

  /** Sets the entry at row i, column j. */
  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }

  /** A view (no copy) of row i. */
  rowView(i: number): Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** The rows at the given indices, copied into a new matrix. */
  selectRows(indices: ArrayLike<number>): Matrix {
    const out = new Matrix(indices.length, this.cols);
    for (let k = 0; k < indices.length; k++) out.data.set(this.rowView(indices[k]!), k * this.cols);
    return out;
  }

  /** A copy with its own data. */
  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /** Sets every entry to v; returns this matrix. */
  fill(v: number): this {
    this.data.fill(v);
    return this;
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }
}

/** Anything the public functions accept as a matrix: a Matrix or nested arrays. */
export type MatrixLike = Matrix | ArrayLike<ArrayLike<number>>;

/** A Matrix as is, or nested arrays as a Matrix. */
export function asMatrix(m: MatrixLike): Matrix {
  return m instanceof Matrix ? m : Matrix.fromArray(m);
}
