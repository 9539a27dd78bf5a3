// A WebAssembly memory that a training file's numbers are read into (from RESERVED_BYTES on), grown
// as they come: supervised training then grows the same memory to its whole layout and trains
// there, the lines' word numbers where the reader left them (never copied, never held twice).
import { RESERVED_BYTES } from '../kernels/memory.js';
import type { WasmMemory } from '../kernels/wasm-types.js';

const PAGE = 65536;
/** WebAssembly's 4 GiB, in pages (the kernels' declared maximum). */
const MAX_PAGES = 65536;

/** Word or token numbers in a kernel memory: 2 bytes each while every number is below 65,535 (65,535 then marks a line's end), else 4 (−1). */
export type NumberArray = Uint16Array | Int32Array;

/** A growable kernel memory whose start holds one array of numbers (see the file comment). */
export class LineMemory {
  /** The memory (shared between threads when made so). */
  readonly memory: WasmMemory;
  readonly shared: boolean;
  private bytes: 2 | 4 = 2;

  constructor(shared: boolean) {
    this.shared = shared;
    this.memory = new WebAssembly.Memory({ initial: 2, maximum: MAX_PAGES, shared }) as WasmMemory;
  }

  /** Bytes of a number now (2, or 4 once `widen` was called). */
  get width(): 2 | 4 {
    return this.bytes;
  }

  /** The array's first n numbers, the memory grown to hold them (the numbers it held kept). */
  view(n: number): NumberArray {
    if (!this.reserve(RESERVED_BYTES + n * this.bytes)) throw new RangeError(`${n} numbers do not fit in WebAssembly's 4 GiB`);
    return this.bytes === 2 ? new Uint16Array(this.memory.buffer, RESERVED_BYTES, n) : new Int32Array(this.memory.buffer, RESERVED_BYTES, n);
  }

  /** Makes the array's first n numbers 4 bytes wide (in place, from the last; 65,535 becomes −1); returns them. */
  widen(n: number): Int32Array {
    if (this.bytes === 4) return this.view(n) as Int32Array;
    if (!this.reserve(RESERVED_BYTES + 4 * n)) throw new RangeError(`${n} numbers do not fit in WebAssembly's 4 GiB`);
    const narrow = new Uint16Array(this.memory.buffer, RESERVED_BYTES, n), wide = new Int32Array(this.memory.buffer, RESERVED_BYTES, n);
    for (let i = n - 1; i >= 0; i--) { const x = narrow[i]!; wide[i] = x === 0xffff ? -1 : x; } // (writes only where read already)
    this.bytes = 4;
    return wide;
  }

  /** Grows the memory to at least `bytes` (false when WebAssembly's 4 GiB cannot hold them). */
  reserve(bytes: number): boolean {
    const pages = Math.ceil(bytes / PAGE) + 1, now = this.memory.buffer.byteLength / PAGE;
    if (pages > MAX_PAGES) return false;
    if (pages > now) this.memory.grow(Math.max(pages - now, Math.min(MAX_PAGES - now, Math.ceil(now / 4)))); // a quarter more at least: few grows
    return true;
  }
}
