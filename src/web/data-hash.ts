// The web edge of data fingerprints. A page writes no checkpoint and resumes none, so its
// fingerprints are never compared: a cheap digest (FNV-1a, 32 bits) stands in for SHA-256.

function fnv(h: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h;
}

/** A digest of a sequence of strings, each ended by a 0 byte so that boundaries count. */
export function hashStrings(parts: Iterable<string>): string {
  const utf8 = new TextEncoder();
  let h = 0x811c9dc5;
  for (const p of parts) h = fnv(h, utf8.encode(`${p}\0`));
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A digest of strings followed by the bytes of float arrays (word vectors). */
export function hashWithArrays(parts: Iterable<string>, arrays: readonly (Float32Array | Float64Array)[]): string {
  let h = Number.parseInt(hashStrings(parts), 16);
  for (const a of arrays) h = fnv(h, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return (h >>> 0).toString(16).padStart(8, '0');
}
