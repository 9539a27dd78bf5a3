/** A matrix's rows, one at a time: held in memory (RowBlocks) or read from a file when asked for. */
export interface RowSource {
  /** Row `i` (dim floats); do not keep it past the next call (a file-backed source may reuse it). */
  row(i: number): Float32Array;
}
