import { averageVectors } from './averaged-features.js';
import { ngramIds } from './bag-of-ngrams.js';
import { supervisedProbabilities, type SentenceClassifier } from './classifier.js';
import { splitText } from './labelled-input.js';
import { LexnetError } from '../io/errors.js';
import { shown } from '../options/declare.js';
import { tokensOf, WHITESPACE_TOKENS } from '../text/tokenize.js';
import { encodeClassifier, saveClassifier } from './model-file.js';

/** A classifier's answer for one text: the label (as the training data wrote it) and every label's probability. */
export interface Prediction {
  label: string;
  probabilities: Record<string, number>;
}

/**
 * A trained sentence classifier with methods: `predict(text)`, `predictBatch(texts)`. Texts are
 * strings (split as the model's training texts were: `tokenize` for strings given in code, white
 * space for files read by `lexnet classify` and models saved before the tokenizer) or token arrays.
 */
export class Classifier {
  constructor(
    /** The model as the library's lower-level functions take it (predictIndices, saveClassifier). */
    readonly classifier: SentenceClassifier,
  ) {}

  /** The labels, in the model's order. */
  get labels(): readonly string[] {
    return this.classifier.labels;
  }

  /** How the model splits a string (what `predict` does before it looks words up). */
  tokenize(text: string): string[] {
    return tokensOf(text, this.classifier.text ?? WHITESPACE_TOKENS);
  }

  /** The most probable label of a text, and every label's probability. */
  predict(text: string | readonly string[]): Prediction {
    checkText(text, 'predict', 'text');
    return this.predictBatch([text])[0]!;
  }

  /** `predict` for many texts at once (faster for average/mlp, which batch them). */
  predictBatch(texts: readonly (string | readonly string[])[]): Prediction[] {
    if (!Array.isArray(texts)) throw new LexnetError(`predictBatch: texts must be an array of texts, got ${shown(texts)}`, { option: 'texts' });
    texts.forEach((t, i) => checkText(t, 'predictBatch', `text ${i + 1}`));
    const c = this.classifier;
    const tokens = texts.map((t) => splitText(t, c.text ?? WHITESPACE_TOKENS));
    const rows: ArrayLike<number>[] = c.kind === 'fasttext'
      ? tokens.map((t) => c.model.probabilities(ngramIds(t, c.bigrams, c.index)))
      : c.kind === 'supervised' ? tokens.map((t) => supervisedProbabilities(c.model, t))
      : tokens.length === 0 ? [] : splitRows(c.net.predict(c.scaler.transform(averageVectors(c.vectors, tokens).x)).data, c.labels.length);
    return rows.map((p) => {
      let best = 0;
      const probabilities: Record<string, number> = {};
      c.labels.forEach((l, k) => { ownKey(probabilities, l, p[k]!); if (p[k]! > p[best]!) best = k; });
      return { label: c.labels[best]!, probabilities };
    });
  }

  /** Saves the classifier to a file (Node; atomically), for `loadClassifier(path)`. */
  async save(path: string): Promise<void> {
    saveClassifier(path, this.classifier);
  }

  /** The classifier file's bytes (any platform), for `loadClassifier(bytes)`, a download or a fetch. */
  toBytes(): Uint8Array {
    return encodeClassifier(this.classifier);
  }
}

/**
 * Sets `o[key] = value` as an own, enumerable data property, whatever the key: a label such as
 * `__proto__` would otherwise set the object's prototype instead of a key, and vanish.
 */
function ownKey(o: Record<string, number>, key: string, value: number): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function splitRows(data: Float64Array, cols: number): Float64Array[] {
  return Array.from({ length: data.length / cols }, (_, r) => data.subarray(r * cols, (r + 1) * cols));
}

/** A text given to predict: a string, or an array of string tokens. */
function checkText(text: unknown, fn: string, what: string): void {
  if (typeof text === 'string') return;
  const option = fn === 'predict' ? 'text' : 'texts';
  if (!Array.isArray(text)) throw new LexnetError(`${fn}: ${what} must be a string or an array of tokens, got ${shown(text)}`, { option });
  text.forEach((t: unknown, i) => { if (typeof t !== 'string') throw new LexnetError(`${fn}: ${what}: token ${i + 1} must be a string, got ${shown(t)}`, { option }); });
}
