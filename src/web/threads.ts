/** Whether this page can train with several threads, and why not when it cannot. */
export interface WebThreadSupport {
  /** Threads a training call can use here: navigator.hardwareConcurrency, or 1. */
  threads: number;
  /** The page (or worker) is cross-origin isolated: SharedArrayBuffer and shared WebAssembly memory are available. */
  isolated: boolean;
  /** Why training runs on one thread (null when several are possible). */
  reason: string | null;
}

/**
 * What the page allows: Web Workers over a shared WebAssembly memory need a cross-origin-isolated
 * page (served with `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy:
 * require-corp`); without it training runs single-threaded.
 */
export function webThreadSupport(): WebThreadSupport {
  const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  const cores = Math.max(1, g.navigator?.hardwareConcurrency ?? 1);
  if (g.crossOriginIsolated !== true || typeof SharedArrayBuffer === 'undefined') {
    return { threads: 1, isolated: false, reason: 'single thread: the page is not cross-origin isolated (it needs the COOP and COEP headers for shared memory)' };
  }
  if (typeof Worker === 'undefined') return { threads: 1, isolated: true, reason: 'single thread: Web Workers are not available here' };
  return { threads: cores, isolated: true, reason: cores === 1 ? 'single thread: the machine reports one core' : null };
}

/** Threads a training call can use in this page: navigator.hardwareConcurrency when it is cross-origin isolated, else 1. */
export function webThreads(): number {
  return webThreadSupport().threads;
}

/** The platform's default thread count (src/train/threads.ts): webThreads(). */
export function hardwareThreads(): number {
  return webThreads();
}
