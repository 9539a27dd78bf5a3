import type { OptionSpec } from './declare.js';
import { WordVectors } from '../io/word-vectors.js';

/** An AbortSignal, told by its shape (a polyfill or another realm's passes too). */
function isSignal(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as AbortSignal).aborted === 'boolean' && typeof (v as AbortSignal).addEventListener === 'function';
}

/** Options every long call takes, declared once. */
export const COMMON_OPTIONS = {
  signal: {
    type: 'value', what: 'an AbortSignal', doc: 'aborting stops the run promptly; the call rejects with an AbortError',
    /** Whether the value is an AbortSignal. */
    check: isSignal,
  },
  onProgress: { type: 'function', doc: 'progress events, several a second and at each stage\'s end' },
  quiet: { type: 'boolean', doc: 'deprecated, no effect: the library never draws a progress bar' },
} as const satisfies Record<string, OptionSpec>;

/** The random seed of every model: a whole number in [0, 2³²). */
export const SEED_OPTION = { type: 'int', min: 0, max: 2 ** 32 - 1, default: 1, doc: 'random seed' } as const satisfies OptionSpec;

/** Largest worker-thread count any call accepts. */
export const MAX_THREADS = 256;
/** Largest epoch count any call accepts. */
export const MAX_EPOCHS = 100_000;

/** Word vectors given to a model (loadVectors, readVectors, or a trained model's). */
export const VECTORS_OPTION = {
  type: 'value', what: 'WordVectors (from loadVectors or readVectors)', doc: 'word vectors',
  /** Whether the value is a WordVectors. */
  check: (v: unknown) => v instanceof WordVectors,
} as const satisfies OptionSpec;
