import type { Ticker } from '../train/abort.js';

/**
 * A parser over a ByteWindow: a generator that yields when it waits for bytes (`pending`) and,
 * between rows, to offer a turn of the event loop; it returns what it parsed.
 */
export type WindowParser<T> = Generator<void, T, void>;

/**
 * A window over a stream of byte chunks for parsers that look at a few bytes at a time: `buf`
 * from `pos` holds the unread bytes, `abs(i)` is the position of `buf[i]` in the whole stream.
 * Bytes are copied only when a parser asks for more than what is left of the current chunk (a
 * line or a word straddling two chunks), so memory stays about one chunk plus the longest
 * such piece. The source is a synchronous iterator (`runToEnd` drives the parser) or an
 * asynchronous one (`runInTurns`: the parser yields while a chunk is read, and the event loop runs).
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
  private readonly async: boolean;
  /** The next chunk of an asynchronous source, once `fill` has read it. */
  private ready: IteratorResult<Uint8Array> | null = null;
  /** Whether a parser waits for `fill` (an asynchronous source between two chunks). */
  pending = false;

  /** `headSize`: how many bytes of the start of the stream to keep for `head` (error hints). */
  constructor(private readonly chunks: Iterator<Uint8Array> | AsyncIterator<Uint8Array>, headSize = 1 << 16) {
    this.headStore = Buffer.alloc(headSize);
    this.async = Symbol.asyncIterator in chunks;
  }

  /** Reads the next chunk of an asynchronous source (the parser waits for it: `pending`). */
  async fill(): Promise<void> {
    try {
      this.ready = await (this.chunks as AsyncIterator<Uint8Array>).next();
    } catch (e) {
      this.failed = true;
      throw e;
    } finally {
      this.pending = false;
    }
  }

  /** The first bytes of the stream (up to `headSize`, as far as it has been read). */
  get head(): Buffer {
    return this.headStore.subarray(0, this.headBytes);
  }

  /** The position in the stream of `buf[i]`. */
  abs(i: number): number {
    return this.base + i;
  }

  /** Stops reading (the source closes its file even when the stream was not read to its end; await it for an asynchronous source). */
  close(): Promise<unknown> | void {
    this.done = true;
    return this.chunks.return?.() as Promise<unknown> | void;
  }

  /** Bytes left in the current window. */
  get left(): number {
    return this.buf.length - this.pos;
  }

  /** Makes at least `n` unread bytes contiguous in `buf`; false when the stream ends first. */
  *need(n: number): Generator<void, boolean, void> {
    while (this.buf.length - this.pos < n) {
      if (this.done) return false;
      const rest = this.buf.length - this.pos;
      this.base += this.pos;
      // the source reuses its buffer: move the unread bytes to the carry before asking for more
      if (rest > 0) this.keep(rest, rest);
      else [this.buf, this.pos] = [this.carry.subarray(0, 0), 0];
      let next: IteratorResult<Uint8Array>;
      if (this.async) {
        while (this.ready === null) {
          this.pending = true;
          yield; // the driver reads the chunk (fill)
        }
        next = this.ready;
        this.ready = null;
      } else {
        try {
          next = (this.chunks as Iterator<Uint8Array>).next();
        } catch (e) {
          this.failed = true;
          throw e;
        }
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

  /** `need` for a reader over a synchronous source that does not yield (the fastText model reader). */
  more(n: number): boolean {
    this.requireSync();
    return runToEnd(this.need(n));
  }

  /** `seek` for a reader over a synchronous source that does not yield. */
  find(byte: number, max: number, from = 0): number {
    this.requireSync();
    return runToEnd(this.seek(byte, max, from));
  }

  private requireSync(): void {
    if (this.async) throw new Error('ByteWindow: more/find need a synchronous source (use need/seek in a parser)');
  }

  /**
   * Index in `buf` of the next `byte` at or after `pos + from`, reading on as needed; -1 when
   * the stream ends first, -2 when it is not within `max` bytes of `pos`.
   */
  *seek(byte: number, max: number, from = 0): Generator<void, number, void> {
    for (;;) {
      const i = this.buf.indexOf(byte, this.pos + from);
      if (i >= 0) return i - this.pos <= max ? i : -2;
      from = this.buf.length - this.pos;
      if (from > max) return -2;
      if (!(yield* this.need(from + 1))) return -1;
    }
  }
}

/** Runs a parser over a window with a synchronous source to its end (its yields are turns not taken). */
export function runToEnd<T>(parser: WindowParser<T>): T {
  for (;;) {
    const r = parser.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs a parser over a window with an asynchronous source: chunks are read while the event loop
 * runs, and the parsing gives the event loop a turn whenever the ticker says one is due.
 */
export async function runInTurns<T>(parser: WindowParser<T>, w: ByteWindow, ticker: Ticker): Promise<T> {
  try {
    for (;;) {
      const r = parser.next();
      if (r.done) return r.value;
      if (w.pending) await w.fill();
      else if (ticker.due()) await ticker.tick();
    }
  } finally {
    parser.return(undefined as never);
  }
}
