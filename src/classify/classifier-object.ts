import { averageVectors } from './averaged-features.js';
import { ngramIds } from './bag-of-ngrams.js';
import type { SentenceClassifier } from './classifier.js';
import { splitText } from './labelled-input.js';

/** A classifier's answer for one text: the label (as the training data wrote it) and every label's probability. */
export interface Prediction {
  label: string;
  probabilities: Record<string, number>;
}

/**
 * A trained sentence classifier with methods: `predict(text)`, `predictBatch(texts)`. Texts are
 * strings (split at white space, as `lexnet classify` reads them) or token arrays.
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

  /** The most probable label of a text, and every label's probability. */
  predict(text: string | readonly string[]): Prediction {
    return this.predictBatch([text])[0]!;
  }

  /** `predict` for many texts at once (faster for average/mlp, which batch them). */
  predictBatch(texts: readonly (string | readonly string[])[]): Prediction[] {
    const c = this.classifier;
    const tokens = texts.map(splitText);
    const rows: ArrayLike<number>[] = c.kind === 'fasttext'
      ? tokens.map((t) => c.model.probabilities(ngramIds(t, c.bigrams, c.index)))
      : tokens.length === 0 ? [] : splitRows(c.net.predict(c.scaler.transform(averageVectors(c.vectors, tokens).x)).data, c.labels.length);
    return rows.map((p) => {
      let best = 0;
      const probabilities: Record<string, number> = {};
      c.labels.forEach((l, k) => { ownKey(probabilities, l, p[k]!); if (p[k]! > p[best]!) best = k; });
      return { label: c.labels[best]!, probabilities };
    });
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
