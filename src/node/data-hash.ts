// The Node edge of data fingerprints (checkpoints compare them when a run resumes): SHA-256.
import { createHash } from 'node:crypto';

/** A SHA-256 hex digest of a sequence of strings, each ended by a 0 byte so that boundaries count. */
export function hashStrings(parts: Iterable<string>): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}

/** A SHA-256 hex digest of strings followed by the bytes of float arrays (word vectors). */
export function hashWithArrays(parts: Iterable<string>, arrays: readonly (Float32Array | Float64Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  for (const a of arrays) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return h.digest('hex');
}
