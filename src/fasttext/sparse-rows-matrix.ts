import type { DenseMatrix } from './model-file.js';
import type { RowSource } from './row-source.js';

/**
 * A fastText matrix that is mostly zero rows, held as the rows that are not: the input matrix of
 * a subword run is (words + bucket) × dim, but only the words' rows and the buckets some word's
 * n-grams hash to are ever trained (85 k of 2 M buckets on Brown). It is a DenseMatrix: `data`
 * lays the whole matrix out the first time it is asked for (and from then on is the matrix, which
 * the caller may change). Until then a writer takes the stored rows as they are (`storedRows`),
 * without laying out, scanning or checking gigabytes of zeros.
 */
export class SparseRowsMatrix implements DenseMatrix, RowSource {
  private full: Float32Array | null = null;
  /** Stored row k (in `stored`) is matrix row at[k]; order lists the k by ascending row. */
  private readonly order: Int32Array;
  private slotOf: Int32Array | null = null;

  /**
   * `stored` holds at.length rows of `cols` floats; stored row k is row at[k] of the matrix
   * (distinct rows, any order). Every other row is zero.
   */
  constructor(readonly rows: number, readonly cols: number, private readonly stored: Float32Array, private readonly at: Int32Array) {
    this.order = Int32Array.from(at.keys()).sort((a, b) => at[a]! - at[b]!);
  }

  /** The whole row-major matrix (laid out on first use; the same array afterwards). */
  get data(): Float32Array {
    if (!this.full) {
      const { cols } = this, full = new Float32Array(this.rows * cols);
      for (let k = 0; k < this.at.length; k++) full.set(this.stored.subarray(k * cols, (k + 1) * cols), this.at[k]! * cols);
      this.full = full;
    }
    return this.full;
  }

  /** Row i (a view; zeros for a row that is not stored). */
  row(i: number): Float32Array {
    if (this.full) return this.full.subarray(i * this.cols, (i + 1) * this.cols);
    if (!this.slotOf) {
      this.slotOf = new Int32Array(this.rows).fill(-1);
      this.at.forEach((r, k) => { this.slotOf![r] = k; });
    }
    const k = this.slotOf[i]!;
    return k < 0 ? new Float32Array(this.cols) : this.stored.subarray(k * this.cols, (k + 1) * this.cols);
  }

  /**
   * The stored rows by ascending row index ([row, its floats]), or null once `data` was handed
   * out (the matrix may have been changed there; read it whole).
   */
  storedRows(): StoredRows | null {
    if (this.full) return null;
    const { order, at, stored, cols } = this;
    return {
      count: order.length,
      index: (n) => at[order[n]!]!,
      floats: (n) => stored.subarray(order[n]! * cols, (order[n]! + 1) * cols),
      copyRow: (n, into, offset) => {
        for (let j = 0, from = order[n]! * cols; j < cols; j++) into[offset + j] = stored[from + j]!;
      },
    };
  }
}

/** A SparseRowsMatrix's stored rows by ascending row index. */
export interface StoredRows {
  count: number;
  /** The matrix row of the n-th stored row. */
  index(n: number): number;
  /** Its floats (a view). */
  floats(n: number): Float32Array;
  /** Copies its floats to into[offset …]. */
  copyRow(n: number, into: Float32Array, offset: number): void;
}
