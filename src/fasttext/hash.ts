import { FNV_OFFSET, FNV_PRIME } from '../text/token-table.js';

/**
 * fastText's `Dictionary::hash`: 32-bit FNV-1a over UTF-8 bytes, each byte sign-extended
 * (C++ `int8_t`) before the xor, so bytes ≥ 0x80 flip the upper 24 bits too. Unsigned result.
 */
export function fastTextHash(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ ((bytes[i]! << 24) >> 24), FNV_PRIME);
  return h >>> 0;
}

const encoder = new TextEncoder();

/** fastText's hash of a string (its UTF-8 bytes). */
export function fastTextHashString(text: string): number {
  return fastTextHash(encoder.encode(text));
}
