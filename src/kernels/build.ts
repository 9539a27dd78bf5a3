/**
 * The four builds of the kernels (dist/kernels/*.wasm): shared memory (for threads) or plain,
 * and plain SIMD or relaxed SIMD (fused multiply-add).
 */
export interface KernelBuild {
  /** Imports a shared memory (workers, cross-origin-isolated pages); default true. */
  shared?: boolean;
  /** The relaxed-SIMD build; default: when the engine supports it. */
  relaxed?: boolean;
}

/** The file name of a build: kernels{,-single}{,-relaxed}.wasm. */
export function kernelFileName(shared: boolean, relaxed: boolean): string {
  return `kernels${shared ? '' : '-single'}${relaxed ? '-relaxed' : ''}.wasm`;
}
