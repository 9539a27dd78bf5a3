import { hardwareThreads } from '#platform/threads.js';

/** Most worker threads a training call accepts. */
export const MAX_THREADS = 256;

/**
 * The default number of training threads: every core of the machine (at most MAX_THREADS); in
 * a browser, every core when the page is cross-origin isolated, else 1.
 */
export function defaultThreads(): number {
  return Math.max(1, Math.min(hardwareThreads(), MAX_THREADS));
}
