/**
 * A run of zero bytes among the chunks of a file being written: a writer may leave a hole (a
 * sparse file, which reads back as zeros) instead of writing them, or write them out where it
 * cannot seek (standard output, a FIFO). fastText's input matrix of a subword run is mostly the
 * zero rows of buckets no word uses.
 */
export interface ZeroRun {
  readonly zeros: number;
}

export function isZeroRun(c: unknown): c is ZeroRun {
  return typeof c === 'object' && c !== null && !(c instanceof Uint8Array) && typeof (c as ZeroRun).zeros === 'number';
}
