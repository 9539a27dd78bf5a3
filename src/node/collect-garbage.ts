// A full garbage collection on demand, in Node: V8's `gc` taken from a fresh context with
// --expose-gc switched on only while it is taken (no `gc` global appears anywhere else).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null = null;

/**
 * Collects the garbage now: what a reader left (its buffers, its growth copies) is returned to the
 * system before a large memory is touched, instead of at a collection that may come long after
 * (supervised training's main thread is idle while it trains: none comes). A few ms a call.
 */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    try {
      gc = runInNewContext('gc') as () => void;
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  }
  gc();
}
