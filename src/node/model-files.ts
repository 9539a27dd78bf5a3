// The Node edge of model files: a path is read and written (atomically) on disk.
import { writeFileAtomic } from '../io/atomic-write.js';
import { readBytes } from '../io/read-text.js';

/** A whole file's bytes. */
export function readFileBytes(path: string): Uint8Array {
  return readBytes(path);
}

/** Writes chunks to a file atomically (a failed write leaves no partial file). */
export function writeFileChunks(path: string, chunks: Iterable<Uint8Array | string>): void {
  writeFileAtomic(path, chunks);
}

export { readVectors as readVectorFile } from '../io/vector-file.js';
