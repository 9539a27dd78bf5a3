import { availableParallelism } from 'node:os';

/** Most worker threads a training call accepts. */
export const MAX_THREADS = 256;

/** The default number of training threads: every core of the machine (at most MAX_THREADS). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_THREADS));
}
