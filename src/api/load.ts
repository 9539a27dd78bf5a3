import { validateOptions } from '../options/declare.js';
import { READ_VECTORS_OPTIONS } from '../io/vector-format.js';
import { readVectorFile } from '#platform/model-files.js';
import { Classifier } from '../classify/classifier-object.js';
import { decodeClassifierSteps } from '../classify/model-file.js';
import { stepsInTurns, Ticker } from '../train/abort.js';
import { LexnetError } from '../io/errors.js';
import { sourceBytes, type ModelSource } from '../io/model-source.js';
import { decodeVectors } from '../io/vector-decode.js';
import { looksLikeTextRow, type ReadVectorsOptions, type VectorFormat } from '../io/vector-format.js';
import type { WordVectors } from '../io/word-vectors.js';

export type { ModelSource } from '../io/model-source.js';

/**
 * Loads a classifier saved by `classifier.save`, `toBytes`, `lexnet classify train` or saveClassifier,
 * ready to `predict`: from a path (Node) or the file's bytes (`Uint8Array`, `ArrayBuffer`, `Blob`, `Response`).
 */
export async function loadClassifier(source: ModelSource): Promise<Classifier> {
  const { bytes, name } = await sourceBytes(source, 'loadClassifier');
  return new Classifier(await stepsInTurns(decodeClassifierSteps(bytes, name), new Ticker(undefined))); // decoded with turns of the event loop
}

/**
 * Loads word vectors, ready for `mostSimilar` and `analogy`: from a path (Node; word2vec binary
 * or text, GloVe, fastText .vec or .bin with subwords; .gz too; read asynchronously and parsed in slices, so the
 * event loop keeps running; `limit` and `keep` apply; readVectors is the synchronous twin) or a file's bytes
 * (`Uint8Array`, `ArrayBuffer`, `Blob`, `Response`; text or binary as `format` says, else told by the content).
 */
export async function loadVectors(source: ModelSource, options: ReadVectorsOptions = {}): Promise<WordVectors> {
  validateOptions(READ_VECTORS_OPTIONS, options, 'loadVectors');
  if (typeof source === 'string') return readVectorFile(source, options);
  const { bytes, name } = await sourceBytes(source, 'loadVectors');
  if (options.limit !== undefined || options.keep !== undefined) {
    throw new LexnetError('limit and keep apply when loadVectors reads a path; bytes are decoded whole', { option: options.limit !== undefined ? 'limit' : 'keep' });
  }
  return decodeVectors(bytes, options.format ?? guessFormat(bytes), name);
}

/** Text when the row after the header line reads as one (`looksLikeTextRow`, as Node's reader tells standard input), else binary. */
function guessFormat(bytes: Uint8Array): VectorFormat {
  const nl = bytes.indexOf(10);
  if (nl < 0) return 'text';
  const dim = Number(new TextDecoder().decode(bytes.subarray(0, nl)).trim().split(/\s+/)[1]);
  return looksLikeTextRow(bytes, nl + 1, Number.isSafeInteger(dim) && dim > 0 ? dim : null) ? 'text' : 'binary';
}
