import type { Network } from '../models/network.js';
import type { TextNormalization } from '../text/tokenize.js';
import type { Standardizer } from '../io/standardizer.js';
import type { WordVectors } from '../io/word-vectors.js';
import { predictedClasses } from '../train/metrics.js';
import { averageVectors } from './averaged-features.js';
import { ngramIds, type BagOfNgrams } from './bag-of-ngrams.js';
import type { FastTextClassifier } from '../fasttext/supervised-model.js';

/**
 * The sentence classifier kinds: average, fasttext (lexnet's bag of n-grams in float64), mlp,
 * supervised (fastText's supervised model, trained in the WebAssembly kernels).
 */
export type ClassifierKind = 'average' | 'fasttext' | 'mlp' | 'supervised';
/** Every ClassifierKind. */
export const CLASSIFIER_KINDS: readonly ClassifierKind[] = ['average', 'fasttext', 'mlp', 'supervised'];

/**
 * A trained sentence classifier of one of the three kinds, with what it needs to read raw text.
 * `labels` are the label names; `labelPrefix` is how the training data wrote a label before its
 * name (`__label__` in fastText's format), for printing predictions as the data writes them.
 */
export type SentenceClassifier = { labels: string[]; labelPrefix?: string; /** How a string is split at prediction (absent: white space, as files before the tokenizer). */ text?: TextNormalization } & (
  | { kind: 'average' | 'mlp'; vectors: WordVectors; scaler: Standardizer; net: Network; hidden: number[] }
  | { kind: 'fasttext'; model: BagOfNgrams; index: Map<string, number>; bigrams: boolean }
  /** fastText's model; `labels` are its labels without the prefix it stores them with (`model.labels`: `__label__pos`). */
  | { kind: 'supervised'; model: FastTextClassifier });

/** Each label's probability (in the order of `c.labels`) from fastText's model: its `predict` for every label. */
export function supervisedProbabilities(model: FastTextClassifier, tokens: readonly string[]): Float64Array {
  const p = new Float64Array(model.labels.length);
  const at = new Map(model.labels.map((l, i) => [l, i]));
  for (const { label, probability } of model.predict(tokens.join(' '), { k: Infinity })) p[at.get(label)!] = probability;
  return p;
}

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return best;
}

/** Each label as the training data wrote it (`__label__pos`, or `pos` from a TSV). */
export function writtenLabels(c: { labels: readonly string[]; labelPrefix?: string }): string[] {
  return c.labels.map((l) => `${c.labelPrefix ?? ''}${l}`);
}

/** Class probabilities of each text, one row per text in the order of `c.labels`. */
export function predictProbabilities(c: SentenceClassifier, texts: readonly (readonly string[])[]): Float64Array[] {
  if (c.kind === 'fasttext') return texts.map((t) => Float64Array.from(c.model.probabilities(ngramIds(t, c.bigrams, c.index))));
  if (c.kind === 'supervised') return texts.map((t) => supervisedProbabilities(c.model, t));
  if (texts.length === 0) return [];
  const p = c.net.predict(c.scaler.transform(averageVectors(c.vectors, texts).x));
  return texts.map((_, i) => Float64Array.from({ length: p.cols }, (_, k) => p.get(i, k)));
}

/** Predicted class index of each text. */
export function predictIndices(c: SentenceClassifier, texts: readonly (readonly string[])[]): Int32Array {
  if (c.kind === 'fasttext') return Int32Array.from(texts, (t) => argmax(c.model.probabilities(ngramIds(t, c.bigrams, c.index))));
  if (c.kind === 'supervised') {
    // fastText's top label (its heap decides ties); a text with no known word gets the first label
    const at = new Map(c.model.labels.map((l, i) => [l, i]));
    return Int32Array.from(texts, (t) => at.get(c.model.predict(t.join(' '))[0]?.label ?? '') ?? 0);
  }
  if (texts.length === 0) return new Int32Array(0);
  return predictedClasses(c.net.predict(c.scaler.transform(averageVectors(c.vectors, texts).x)));
}

/** Gold labels as class indices; labels the classifier never saw map to −1 (always wrong). */
export function labelIndices(c: { labels: readonly string[] }, labels: readonly string[]): Int32Array {
  const index = new Map(c.labels.map((l, i) => [l, i]));
  return Int32Array.from(labels, (l) => index.get(l) ?? -1);
}

