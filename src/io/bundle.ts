import { writeFileAtomic } from './atomic-write.js';
import { bundleChunks, decodeBundle, type BundleArray } from './bundle-codec.js';
import { refuseCompressedName } from './compressed-name.js';
import { readBytes } from './read-text.js';

export { checkArrays, checkFinite, refuseNonFinite, type BundleArray } from './bundle-codec.js';

/**
 * A model file: `MAGIC VERSION\n`, one JSON line (the caller's header plus each array's
 * name, type and length), then the arrays' bytes little-endian, back to back. Written atomically.
 */
export function writeBundle(path: string, magic: string, version: number, header: object, arrays: Record<string, BundleArray>): void {
  refuseCompressedName(path);
  writeFileAtomic(path, bundleChunks(magic, version, header, arrays));
}

/** Reads a model file written by `writeBundle` (see `decodeBundle` for the checks). */
export function readBundle<H>(path: string, magic: string, version: number): { header: H; arrays: Map<string, BundleArray> } {
  return decodeBundle<H>(path, readBytes(path), magic, version);
}
