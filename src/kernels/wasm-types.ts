/**
 * The WebAssembly objects that lexnet's public signatures mention, typed structurally so that the
 * published declarations compile without TypeScript's DOM library (which declares the
 * `WebAssembly` namespace; Node projects often leave it out, and @types/node does not declare it).
 */

/** A compiled WebAssembly module (`WebAssembly.Module`), opaque. */
export type WasmModule = object;

/** A WebAssembly linear memory (`WebAssembly.Memory`, which types a shared memory's buffer as ArrayBuffer too). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  /** Grows the memory by delta 64 KiB pages; returns the old size in pages. */
  grow(delta: number): number;
}
