/**
 * A bounded memory from words given as UTF-8 bytes (a range of a larger buffer, with their
 * fastText hash) to values, so that a caller reading bytes finds a word it met before with no
 * string made: open addressing over the hashes, the words' bytes kept in one arena and compared
 * on a hash match. When it holds `capacity` words it is cleared, as the string-keyed memory is.
 */
export class Utf8WordCache<T> {
  /** Slot → entry + 1 (0: empty); twice as many slots as entries, a power of two. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly hashes: Int32Array;
  private readonly starts: Int32Array;
  private readonly lengths: Int32Array;
  private readonly values: T[] = [];
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    let size = 2;
    while (size < 2 * capacity) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.hashes = new Int32Array(capacity);
    this.starts = new Int32Array(capacity);
    this.lengths = new Int32Array(capacity);
  }

  /** The value of the word `bytes[start, end)` whose fastText hash is `hash`, or undefined. */
  get(bytes: Uint8Array, start: number, end: number, hash: number): T | undefined {
    const len = end - start, slots = this.slots, mask = this.mask;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const e = slots[s]! - 1;
      if (e < 0) return undefined;
      if (this.hashes[e] === (hash | 0) && this.lengths[e] === len && this.same(bytes, start, len, this.starts[e]!)) return this.values[e];
    }
  }

  /** Remembers the value of a word not held (see get); clears the memory first when it is full. */
  set(bytes: Uint8Array, start: number, end: number, hash: number, value: T): void {
    if (this.count >= this.capacity) this.clear();
    const len = end - start;
    if (this.used + len > this.arena.length) {
      const grown = new Uint8Array(Math.max(2 * this.arena.length, this.used + len));
      grown.set(this.arena.subarray(0, this.used));
      this.arena = grown;
    }
    this.arena.set(bytes.subarray(start, end), this.used);
    const e = this.count++;
    this.hashes[e] = hash;
    this.starts[e] = this.used;
    this.lengths[e] = len;
    this.values[e] = value;
    this.used += len;
    let s = hash & this.mask;
    while (this.slots[s] !== 0) s = (s + 1) & this.mask;
    this.slots[s] = e + 1;
  }

  /** Forgets every word. */
  clear(): void {
    this.slots.fill(0);
    this.values.length = 0;
    this.count = 0;
    this.used = 0;
  }

  private same(bytes: Uint8Array, start: number, len: number, at: number): boolean {
    const a = this.arena;
    for (let i = 0; i < len; i++) if (a[at + i] !== bytes[start + i]) return false;
    return true;
  }
}
