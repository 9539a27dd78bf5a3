// The web edge of model files: a page has no paths; models travel as bytes (Uint8Array, Blob, Response).
import { LexnetError } from '../io/errors.js';
import type { ReadVectorsOptions, VectorFormat } from '../io/vector-format.js';
import type { WordVectors } from '../io/word-vectors.js';

function noPaths(path: string): LexnetError {
  return new LexnetError(`${path}: a path needs Node; in a browser pass the model's bytes (Uint8Array, ArrayBuffer, Blob, Response) or use toBytes()`);
}

/** Refuses: paths need Node. */
export function readFileBytes(path: string): Uint8Array {
  throw noPaths(path);
}

/** Refuses: paths need Node. */
export async function readFileBytesAsync(path: string): Promise<Uint8Array> {
  throw noPaths(path);
}

/** Refuses: paths need Node. */
export function writeFileChunks(path: string, _chunks: Iterable<Uint8Array | string>): void {
  throw noPaths(path);
}

/** Refuses: paths need Node. */
export async function readVectorFile(path: string, _options?: ReadVectorsOptions): Promise<WordVectors> {
  throw noPaths(path);
}

/** Refuses: paths need Node. */
export function writeVectorFile(path: string, _vectors: WordVectors, _format?: VectorFormat): void {
  throw noPaths(path);
}
