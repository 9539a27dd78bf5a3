/**
 * A window over a stream of byte chunks for parsers that look at a few bytes at a time: `buf`
 * from `pos` holds the unread bytes, `abs(i)` is the position of `buf[i]` in the whole stream.
 * Bytes are copied only when a parser asks for more than what is left of the current chunk (a
 * line or a word straddling two chunks), so memory stays about one chunk plus the longest
 * such piece.
 */
export class ByteWindow {
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  /** Whether the source itself failed (a read or gzip error), as opposed to the parser. */
  failed = false;
  private base = 0;
  private carry: Buffer = Buffer.alloc(0);
  private done = false;
  private headBytes = 0;
  private readonly headStore: Buffer;

  /** `headSize`: how many bytes of the start of the stream to keep for `head` (error hints). */
  constructor(private readonly chunks: Iterator<Uint8Array>, headSize = 1 << 16) {
    this.headStore = Buffer.alloc(headSize);
  }

  /** The first bytes of the stream (up to `headSize`, as far as it has been read). */
  get head(): Buffer {
    return this.headStore.subarray(0, this.headBytes);
  }

  /** The position in the stream of `buf[i]`. */
  abs(i: number): number {
    return this.base + i;
  }

  /** Stops reading (the source closes its file even when the stream was not read to its end). */
  close(): void {
    this.done = true;
    this.chunks.return?.();
  }

  /** Bytes left in the current window. */
  get left(): number {
    return this.buf.length - this.pos;
  }

  /** Makes at least `n` unread bytes contiguous in `buf`; false when the stream ends first. */
  more(n: number): boolean {
    while (this.buf.length - this.pos < n) {
      if (this.done) return false;
      let next: IteratorResult<Uint8Array>;
      try {
        next = this.chunks.next();
      } catch (e) {
        this.failed = true;
        throw e;
      }
      if (next.done) {
        this.done = true;
        return false;
      }
      const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.length);
      if (this.headBytes < this.headStore.length) this.headBytes += chunk.copy(this.headStore, this.headBytes);
      const rest = this.buf.length - this.pos;
      this.base += this.pos;
      if (rest === 0) {
        // nothing to keep: read the chunk in place (it stays valid until the next one is asked for)
        this.buf = chunk;
      } else {
        const need = rest + chunk.length;
        if (this.carry.length < need) {
          const bigger = Buffer.allocUnsafe(Math.max(need, 2 * this.carry.length));
          this.buf.copy(bigger, 0, this.pos);
          this.carry = bigger;
        } else {
          this.buf.copy(this.carry, 0, this.pos); // may overlap when buf is the carry: copy is a memmove
        }
        chunk.copy(this.carry, rest);
        this.buf = this.carry.subarray(0, need);
      }
      this.pos = 0;
    }
    return true;
  }

  /**
   * Index in `buf` of the next `byte` at or after `pos + from`, reading on as needed; -1 when
   * the stream ends first, -2 when it is not within `max` bytes of `pos`.
   */
  find(byte: number, max: number, from = 0): number {
    for (;;) {
      const i = this.buf.indexOf(byte, this.pos + from);
      if (i >= 0) return i - this.pos <= max ? i : -2;
      from = this.buf.length - this.pos;
      if (from > max) return -2;
      if (!this.more(from + 1)) return -1;
    }
  }
}
