import { Classifier } from '../classify/classifier-object.js';
import { loadClassifier as loadClassifierRecord } from '../classify/model-file.js';
import type { WordVectors } from '../io/word-vectors.js';
import { readVectorsInTurns, type ReadVectorsOptions } from '../io/vector-file.js';
import { loadTagger as loadTaggerModel } from '../tagger/model-file.js';
import { Tagger } from '../tagger/tagger-object.js';

/** Loads a classifier saved by `lexnet classify train` or saveClassifier, ready to `predict`. */
export async function loadClassifier(path: string): Promise<Classifier> {
  return new Classifier(loadClassifierRecord(path));
}

/** Loads a tagger saved by `lexnet tagger train` or saveTagger, ready to `tag`. */
export async function loadTagger(path: string): Promise<Tagger> {
  return new Tagger(loadTaggerModel(path));
}

/**
 * Loads word vectors (word2vec binary or text, GloVe, fastText .vec or .bin with subwords; .gz
 * too), ready for `mostSimilar` and `analogy`. The file is read asynchronously and parsed in
 * slices: the event loop keeps running (readVectors is the synchronous twin).
 */
export async function loadVectors(path: string, options: ReadVectorsOptions = {}): Promise<WordVectors> {
  return readVectorsInTurns(path, options);
}
