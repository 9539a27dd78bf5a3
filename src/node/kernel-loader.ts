// The Node edge of the kernels: files read from dist/kernels, V8's relaxed-SIMD flag, LEXNET_SIMD.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { kernelFileName } from '../kernels/build.js';
import type { WasmModule } from '../kernels/wasm-types.js';

const compiled = new Map<string, WasmModule>();

function kernelBytes(name: string): ArrayBuffer {
  const b = readFileSync(new URL(`../../kernels/${name}`, import.meta.url));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

let relaxed: boolean | null = null;

/**
 * Whether the relaxed-SIMD kernels (fused multiply-add) can run here. Node 20's V8 has relaxed
 * SIMD behind a flag, which is switched on before the first module is compiled; newer engines
 * have it on. LEXNET_SIMD=plain forces the plain-SIMD kernels.
 */
export function relaxedSimd(): boolean {
  if (relaxed === null && process.env.LEXNET_SIMD === 'plain') relaxed = false;
  if (relaxed === null) {
    const bytes = kernelBytes('kernels-single-relaxed.wasm');
    if (!WebAssembly.validate(bytes)) setFlagsFromString('--experimental-wasm-relaxed-simd');
    relaxed = WebAssembly.validate(bytes);
  }
  return relaxed;
}

/** The compiled kernel module (read from dist/kernels next to this package), synchronously. */
export function kernelModule(shared = true, fused = relaxedSimd()): WasmModule {
  const name = kernelFileName(shared, fused);
  let m = compiled.get(name);
  if (!m) {
    m = new WebAssembly.Module(kernelBytes(name));
    compiled.set(name, m);
  }
  return m;
}

/** kernelModule behind the platform-neutral, asynchronous signature (src/kernels/load.ts). */
export async function loadKernelBuild(shared: boolean, relaxed: boolean): Promise<WasmModule> {
  return kernelModule(shared, relaxed);
}
