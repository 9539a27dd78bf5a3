import { readVectorFile } from '#platform/model-files.js';
import { Classifier } from '../classify/classifier-object.js';
import { decodeClassifier } from '../classify/model-file.js';
import { LexnetError } from '../io/errors.js';
import { sourceBytes, type ModelSource } from '../io/model-source.js';
import { decodeVectors } from '../io/vector-decode.js';
import type { ReadVectorsOptions, VectorFormat } from '../io/vector-format.js';
import type { WordVectors } from '../io/word-vectors.js';

export type { ModelSource } from '../io/model-source.js';

/**
 * Loads a classifier saved by `classifier.save`, `toBytes`, `lexnet classify train` or saveClassifier,
 * ready to `predict`: from a path (Node) or the file's bytes (`Uint8Array`, `ArrayBuffer`, `Blob`, `Response`).
 */
export async function loadClassifier(source: ModelSource): Promise<Classifier> {
  const { bytes, name } = await sourceBytes(source, 'loadClassifier');
  return new Classifier(decodeClassifier(bytes, name));
}

/**
 * Loads word vectors, ready for `mostSimilar` and `analogy`: from a path (Node; word2vec binary
 * or text, GloVe, fastText .vec; .gz too; streamed, with `limit` and `keep`) or a file's bytes
 * (`Uint8Array`, `ArrayBuffer`, `Blob`, `Response`; text or binary as `format` says, else told by the content).
 */
export async function loadVectors(source: ModelSource, options: ReadVectorsOptions = {}): Promise<WordVectors> {
  if (typeof source === 'string') return readVectorFile(source, options);
  const { bytes, name } = await sourceBytes(source, 'loadVectors');
  if (options.limit !== undefined || options.keep !== undefined) {
    throw new LexnetError('limit and keep apply when loadVectors reads a path; bytes are decoded whole', { option: options.limit !== undefined ? 'limit' : 'keep' });
  }
  return decodeVectors(bytes, options.format ?? guessFormat(bytes), name);
}

/** Binary when the first row's bytes after its word are not all the characters of numbers in text. */
function guessFormat(bytes: Uint8Array): VectorFormat {
  const nl = bytes.indexOf(10);
  if (nl < 0) return 'text';
  const space = bytes.indexOf(32, nl + 1);
  if (space < 0) return 'text';
  const dim = Number(new TextDecoder().decode(bytes.subarray(0, nl)).trim().split(/\s+/)[1]);
  const n = Math.min(Number.isSafeInteger(dim) && dim > 0 ? 4 * dim : 64, 256, bytes.length - space - 1);
  for (let i = space + 1; i < space + 1 + n; i++) {
    const b = bytes[i]!;
    const textual = (b >= 48 && b <= 57) || b === 32 || b === 10 || b === 13 || b === 43 || b === 45 || b === 46 || b === 101 || b === 69
      || b === 105 || b === 110 || b === 102 || b === 97 || b === 73 || b === 78 || b === 70 || b === 65 || b === 116 || b === 121;
    if (!textual) return 'binary';
  }
  return 'text';
}
