/**
 * Pull-style access to a model file's bytes, the same for a file streamed from disk (Node) and
 * for bytes in memory (a browser): fixed-size pieces and NUL-terminated strings.
 */
export interface ByteReader {
  /** The next `n` bytes, contiguous (valid until the next call), or null when the input ends first. */
  take(n: number): Uint8Array | null;
  /** The bytes before the next NUL (the NUL is consumed); null when the input ends first, 'long' past `max` bytes. */
  takeString(max: number): Uint8Array | null | 'long';
  /** Bytes consumed so far. */
  readonly offset: number;
  /** The input's size in bytes, when known before it is read. */
  readonly size: number | null;
  /** Whether no byte is left. */
  atEnd(): boolean;
}

/** A ByteReader over bytes in memory. */
export class MemoryReader implements ByteReader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}
  get size(): number {
    return this.bytes.length;
  }
  take(n: number): Uint8Array | null {
    if (this.offset + n > this.bytes.length) return null;
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  takeString(max: number): Uint8Array | null | 'long' {
    const end = this.bytes.indexOf(0, this.offset);
    if (end < 0) return null;
    if (end - this.offset > max) return 'long';
    const out = this.bytes.subarray(this.offset, end);
    this.offset = end + 1;
    return out;
  }
  atEnd(): boolean {
    return this.offset >= this.bytes.length;
  }
}
