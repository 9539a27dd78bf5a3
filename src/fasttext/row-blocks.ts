import type { RowSource } from './row-source.js';

/**
 * A float32 matrix held in several typed arrays (blocks of whole rows), so that a matrix larger
 * than one typed array may hold (fastText's 2 M buckets × 300) can still be kept in memory.
 * Blocks are allocated as rows are written, so memory follows the data read.
 */
export class RowBlocks implements RowSource {
  readonly blocks: Float32Array[] = [];
  readonly rowsPerBlock: number;

  /** `blockFloats`: the most floats one block holds (a multiple of dim is used). */
  constructor(readonly dim: number, readonly rows: number, blockFloats = 1 << 24) {
    this.rowsPerBlock = Math.max(1, Math.floor(blockFloats / dim));
  }

  /** Row `i` (a view), allocating its block when it is first asked for. */
  row(i: number): Float32Array {
    const b = Math.floor(i / this.rowsPerBlock);
    while (this.blocks.length <= b) {
      const first = this.blocks.length * this.rowsPerBlock;
      this.blocks.push(new Float32Array(Math.min(this.rowsPerBlock, this.rows - first) * this.dim));
    }
    const o = (i - b * this.rowsPerBlock) * this.dim;
    return this.blocks[b]!.subarray(o, o + this.dim);
  }

  /** Bytes held. */
  get bytes(): number {
    return this.blocks.reduce((s, b) => s + b.byteLength, 0);
  }
}
