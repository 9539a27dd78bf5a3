import type { WasmMemory } from './wasm-types.js';

/** Bytes the kernels keep for themselves at the start of memory (their data segment, stack). */
export const RESERVED_BYTES = 64 * 1024;
const PAGE = 65536;

/** A memory of at least `bytes`, shared between threads when `shared`. */
export function createMemory(bytes: number, shared = true): WasmMemory {
  const pages = Math.ceil(bytes / PAGE) + 1;
  if (pages > 65536) throw new RangeError(`the model needs ${(bytes / 2 ** 30).toFixed(1)} GiB, more than WebAssembly's 4 GiB`);
  return new WebAssembly.Memory({ initial: pages, maximum: pages, shared });
}

/** Lays arrays out in linear memory, 16-byte aligned for SIMD loads. */
export class Arena {
  private top: number;

  constructor(start = RESERVED_BYTES) {
    this.top = start;
  }

  /** Reserves `bytes` at the next 16-byte boundary and returns its offset. */
  alloc(bytes: number): number {
    const at = Math.ceil(this.top / 16) * 16; // not `& ~15`: offsets pass 2³¹ in a memory over 2 GiB
    this.top = at + bytes;
    return at;
  }

  /** Bytes laid out so far (the end of the last array). */
  get size(): number {
    return this.top;
  }
}
