import type { Network } from '../models/network.js';
import type { Standardizer } from '../io/standardizer.js';
import type { WordVectors } from '../io/word-vectors.js';
import { predictedClasses } from '../train/metrics.js';
import { averageVectors } from './averaged-features.js';
import { ngramIds, type BagOfNgrams } from './bag-of-ngrams.js';

/** The sentence classifier kinds: average, fasttext, mlp. */
export type ClassifierKind = 'average' | 'fasttext' | 'mlp';
/** Every ClassifierKind. */
export const CLASSIFIER_KINDS: readonly ClassifierKind[] = ['average', 'fasttext', 'mlp'];

/** A trained sentence classifier of one of the three kinds, with what it needs to read raw text. */
export type SentenceClassifier =
  | { kind: 'average' | 'mlp'; labels: string[]; vectors: WordVectors; scaler: Standardizer; net: Network; hidden: number[] }
  | { kind: 'fasttext'; labels: string[]; model: BagOfNgrams; index: Map<string, number>; bigrams: boolean };

/** Predicted class index of each text. */
export function predictIndices(c: SentenceClassifier, texts: readonly (readonly string[])[]): Int32Array {
  if (c.kind === 'fasttext') {
    return Int32Array.from(texts, (t) => {
      const p = c.model.probabilities(ngramIds(t, c.bigrams, c.index));
      let best = 0;
      for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
      return best;
    });
  }
  if (texts.length === 0) return new Int32Array(0);
  return predictedClasses(c.net.predict(c.scaler.transform(averageVectors(c.vectors, texts).x)));
}

/** Gold labels as class indices; labels the classifier never saw map to −1 (always wrong). */
export function labelIndices(c: { labels: readonly string[] }, labels: readonly string[]): Int32Array {
  const index = new Map(c.labels.map((l, i) => [l, i]));
  return Int32Array.from(labels, (l) => index.get(l) ?? -1);
}

