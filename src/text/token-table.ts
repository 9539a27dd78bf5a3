/** FNV-1a's 32-bit offset basis and prime (token-ids.ts hashes with them as it scans). */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/**
 * Token ids keyed by the token's UTF-8 bytes: an open-addressing hash table that counts a
 * corpus without making a string per token (one string per distinct word). Ids are given in
 * order of first appearance, as a Map filled while reading would give them.
 */
export class TokenTable {
  /** The distinct tokens, by id. */
  readonly words: string[] = [];
  /** Occurrences of each id (the first `size` entries are used). */
  counts: Float64Array = new Float64Array(1 << 12);
  private keys = new Uint8Array(1 << 16);
  private keysUsed = 0;
  private starts = new Int32Array(1 << 12);
  private lengths = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 12);
  /** Slots hold id + 1 (0: empty); the size is a power of two kept at most half full. */
  private slots = new Int32Array(1 << 13);
  private readonly decoder = new TextDecoder('utf-8');

  /** Distinct tokens so far. */
  get size(): number {
    return this.words.length;
  }

  /** FNV-1a over bytes [start, end) (token-ids.ts computes the same as it scans). */
  static hash(bytes: Uint8Array, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
    return h;
  }

  /** The id of the token in bytes [start, end) with the given hash (TokenTable.hash), added if new; counts one occurrence. */
  add(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const slot = this.slots[s]!;
      if (slot === 0) {
        const id = this.insert(bytes, start, end, hash);
        this.slots[s] = id + 1;
        if (2 * this.words.length > this.slots.length) this.rehash();
        this.counts[id]!++;
        return id;
      }
      const id = slot - 1;
      if (this.hashes[id] === hash && this.lengths[id] === len && this.sameBytes(id, bytes, start, len)) {
        this.counts[id]!++;
        return id;
      }
    }
  }

  private sameBytes(id: number, bytes: Uint8Array, start: number, len: number): boolean {
    const keys = this.keys;
    const at = this.starts[id]!;
    for (let i = 0; i < len; i++) if (keys[at + i] !== bytes[start + i]) return false;
    return true;
  }

  private insert(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const id = this.words.length;
    const len = end - start;
    if (id === this.starts.length) {
      this.starts = grown(this.starts);
      this.lengths = grown(this.lengths);
      this.hashes = grown(this.hashes);
      const counts = new Float64Array(2 * this.counts.length);
      counts.set(this.counts);
      this.counts = counts;
    }
    if (this.keysUsed + len > this.keys.length) {
      const keys = new Uint8Array(Math.max(2 * this.keys.length, this.keysUsed + len));
      keys.set(this.keys.subarray(0, this.keysUsed));
      this.keys = keys;
    }
    this.keys.set(bytes.subarray(start, end), this.keysUsed);
    this.starts[id] = this.keysUsed;
    this.lengths[id] = len;
    this.hashes[id] = hash;
    this.keysUsed += len;
    this.words.push(this.decoder.decode(bytes.subarray(start, end)));
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(2 * this.slots.length);
    const mask = slots.length - 1;
    for (let id = 0; id < this.words.length; id++) {
      let s = this.hashes[id]! & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = id + 1;
    }
    this.slots = slots;
  }
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}
