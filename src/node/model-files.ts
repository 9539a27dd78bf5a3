// The Node edge of model files: a path is read and written (atomically) on disk.
import { writeFileAtomic } from '../io/atomic-write.js';
import { refuseCompressedName } from '../io/compressed-name.js';
import { readBytes, readAllBytes } from '../io/read-text.js';

/** A whole file's bytes. */
export function readFileBytes(path: string): Uint8Array {
  return readBytes(path);
}

/** A whole file's bytes, read without holding the event loop. */
export async function readFileBytesAsync(path: string): Promise<Uint8Array> {
  return readAllBytes(path);
}

/** Writes a model file atomically (a failed write leaves no partial file); a compressed name is refused (models are written uncompressed). */
export function writeFileChunks(path: string, chunks: Iterable<Uint8Array | string>): void {
  refuseCompressedName(path);
  writeFileAtomic(path, chunks);
}

export { readVectorsInTurns as readVectorFile, writeVectors as writeVectorFile } from '../io/vector-file.js';
