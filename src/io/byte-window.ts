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
  private inCarry = false;
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
      const rest = this.buf.length - this.pos;
      this.base += this.pos;
      // the source reuses its buffer: move the unread bytes to the carry before asking for more
      if (rest > 0) this.keep(rest, rest);
      else [this.buf, this.pos] = [this.carry.subarray(0, 0), 0];
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
      if (rest === 0) {
        this.buf = chunk; // read in place: it stays valid until the next chunk is asked for
        this.inCarry = false;
      } else {
        this.keep(rest, rest + chunk.length);
        chunk.copy(this.carry, rest);
        this.buf = this.carry.subarray(0, rest + chunk.length);
      }
    }
    return true;
  }

  /** Moves the `rest` unread bytes to the start of the carry, making it hold at least `size` bytes. */
  private keep(rest: number, size: number): void {
    const from = this.buf.subarray(this.pos, this.pos + rest);
    if (this.carry.length < size) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(size, 2 * this.carry.length));
      from.copy(bigger, 0);
      this.carry = bigger;
    } else if (!(this.inCarry && this.pos === 0)) {
      from.copy(this.carry, 0); // may overlap when buf is the carry: copy is a memmove
    }
    this.buf = this.carry.subarray(0, rest);
    this.pos = 0;
    this.inCarry = true;
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
