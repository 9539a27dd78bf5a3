import { LexnetError } from '../io/errors.js';

/**
 * Most bytes the float arrays of one JavaScript-side model may take while it trains: the same
 * 4 GiB a WebAssembly memory (word2vec, the tagger) can hold. A larger request would end in an
 * "Invalid typed array length" error or, worse, in the machine running out of memory.
 */
export const MAX_MODEL_BYTES = 4 * 2 ** 30;

/** `3.21 GiB`, `512.0 MiB`, `12 KiB`. */
function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * Refuses, before anything is allocated, a model of `parameters` float64 values kept in
 * `copies` arrays while training (weights, gradients, optimizer state…, listed in `copiesWhy`)
 * when they would need more than MAX_MODEL_BYTES, with the arithmetic and `advice` in the message.
 */
export function checkModelMemory(what: string, parameters: number, copies: number, copiesWhy: string, advice: string): void {
  const bytes = parameters * 8 * copies;
  if (bytes <= MAX_MODEL_BYTES && Number.isSafeInteger(parameters)) return;
  throw new LexnetError(
    `${what} has ${parameters.toLocaleString('en-US')} parameters; training keeps ${copies} arrays of them (${copiesWhy}) ` +
    `of 8 bytes each: ${formatBytes(bytes)}, more than the ${formatBytes(MAX_MODEL_BYTES)} allowed; ${advice}`,
  );
}
