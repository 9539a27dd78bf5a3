import { loadKernelBuild, relaxedSimd as engineRelaxedSimd } from '#platform/kernel-loader.js';
import type { KernelBuild } from './build.js';
import type { WasmModule } from './wasm-types.js';

/**
 * The compiled kernels, loaded the platform's way: in Node read from dist/kernels next to this
 * package (synchronously underneath), in a browser fetched and compiled as they stream (a
 * bundler copies the `.wasm` files as assets). Compiled once per build and cached.
 */
export function loadKernelModule(build: KernelBuild = {}): Promise<WasmModule> {
  return loadKernelBuild(build.shared ?? true, build.relaxed ?? engineRelaxedSimd());
}

/**
 * Whether the relaxed-SIMD kernels (fused multiply-add) can run in this engine (Node: after
 * switching on V8's flag where it needs one; LEXNET_SIMD=plain says no).
 */
export function relaxedSimd(): boolean {
  return engineRelaxedSimd();
}
