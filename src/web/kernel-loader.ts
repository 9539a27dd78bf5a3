// The web edge of the kernels: fetched and compiled as they stream. Each URL is written out as
// `new URL('…', import.meta.url)` so that bundlers (Vite, webpack, Rollup plugins) copy the file.
import { engineHasRelaxedSimd } from '../kernels/relaxed-probe.js';
import type { WasmModule } from '../kernels/wasm-types.js';

let relaxed: boolean | null = null;

/** Whether the relaxed-SIMD kernels (fused multiply-add) can run in this engine. */
export function relaxedSimd(): boolean {
  relaxed ??= engineHasRelaxedSimd();
  return relaxed;
}

function kernelUrl(shared: boolean, fused: boolean): URL {
  if (shared) return fused ? new URL('../../kernels/kernels-relaxed.wasm', import.meta.url) : new URL('../../kernels/kernels.wasm', import.meta.url);
  return fused ? new URL('../../kernels/kernels-single-relaxed.wasm', import.meta.url) : new URL('../../kernels/kernels-single.wasm', import.meta.url);
}

const compiled = new Map<string, Promise<WasmModule>>();
const ready = new Map<string, WasmModule>();

/** The compiled build, fetched once (compileStreaming; a server without the application/wasm type still works). */
export function loadKernelBuild(shared: boolean, fused: boolean): Promise<WasmModule> {
  const url = kernelUrl(shared, fused);
  let m = compiled.get(url.href);
  if (!m) {
    m = compile(url);
    compiled.set(url.href, m);
    m.then((module) => ready.set(url.href, module), () => {});
    m.catch(() => compiled.delete(url.href)); // a failed fetch may be retried
  }
  return m;
}

async function compile(url: URL): Promise<WasmModule> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load the lexnet kernels from ${url.href}: HTTP ${response.status}`);
  if (typeof WebAssembly.compileStreaming === 'function' && response.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * A build that `loadKernelBuild` has compiled, synchronously (the tagger builds its model in a
 * constructor; its async entry points, trainTagger and loadTagger, load the build first).
 */
export function kernelModule(shared = true, fused = relaxedSimd()): WasmModule {
  const m = ready.get(kernelUrl(shared, fused).href);
  if (!m) throw new Error('the lexnet kernels are not loaded yet: await loadKernelModule() first (trainTagger and loadTagger do)');
  return m;
}
