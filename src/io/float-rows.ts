/**
 * A float32 matrix filled row by row while a vector file is read. It is either allocated whole
 * up front (when the file's size vouches for the header) or grown geometrically, never beyond
 * twice what the rows written so far need, so a header announcing huge sizes allocates nothing
 * the data does not back.
 */
export class FloatRows {
  data: Float32Array;
  rows = 0;

  /** `initialRows` rows are allocated now; the matrix never holds more than `maxRows`. */
  constructor(readonly dim: number, readonly maxRows: number, initialRows: number) {
    this.data = new Float32Array(Math.min(initialRows, maxRows) * dim);
  }

  /**
   * The bytes [at, at + length) of the matrix, a view. (A view of the whole buffer would not do:
   * a Uint8Array holds at most 2³² bytes, a Float32Array 2³² floats, and a model may pass 4 GiB.)
   */
  bytesAt(at: number, length: number): Uint8Array {
    return new Uint8Array(this.data.buffer, at, length);
  }

  /** The bits of the floats [at, at + length), a view. */
  bitsAt(at: number, length: number): Uint32Array {
    return new Uint32Array(this.data.buffer, at * 4, length);
  }

  /** Makes room for `floats` values in all (call it only once the input backs them). */
  ensure(floats: number): void {
    if (floats <= this.data.length) return;
    const most = this.maxRows * this.dim;
    const size = Math.min(most, Math.max(floats, 2 * this.data.length, 1 << 16));
    const grown = new Float32Array(size);
    grown.set(this.data);
    this.data = grown;
  }

  /** The rows written, without spare capacity (a view when little would be wasted, else a copy). */
  matrix(): Float32Array {
    const n = this.rows * this.dim;
    if (n === this.data.length) return this.data;
    return n >= this.data.length - Math.floor(this.data.length / 16) ? this.data.subarray(0, n) : this.data.slice(0, n);
  }
}
