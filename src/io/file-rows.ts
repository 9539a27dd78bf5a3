import { closeSync, openSync, readSync } from 'node:fs';
import type { RowSource } from '../fasttext/row-source.js';
import { LexnetError } from './errors.js';
import { describeFsError } from './read-text.js';

/** Closes the files of sources that are no longer used. */
const closer = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/**
 * Rows of float32 read from a file when asked for (fastText's bucket rows when memory is short):
 * the file stays open while the source is in use; each row costs one read.
 */
export class FileRows implements RowSource {
  private fd: number | null = null;
  private readonly out: Float32Array;
  private readonly bytes: Uint8Array;

  constructor(readonly path: string, readonly offset: number, readonly rows: number, readonly dim: number) {
    this.out = new Float32Array(dim);
    this.bytes = new Uint8Array(this.out.buffer);
  }

  row(i: number): Float32Array {
    if (!(i >= 0 && i < this.rows)) throw new RangeError(`row ${i} of ${this.rows}`);
    try {
      if (this.fd === null) {
        this.fd = openSync(this.path, 'r');
        closer.register(this, this.fd);
      }
      const n = readSync(this.fd, this.bytes, 0, this.bytes.length, this.offset + i * this.bytes.length);
      if (n !== this.bytes.length) throw new LexnetError(`${this.path}: the file changed while in use (row ${i} of the buckets is cut short)`);
    } catch (e) {
      if (e instanceof LexnetError) throw e;
      throw new LexnetError(`${this.path}: cannot read (${describeFsError(e)})`);
    }
    return this.out;
  }
}
