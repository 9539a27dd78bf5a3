import { readBundle, writeBundle } from '../io/bundle.js';
import { inputError } from '../io/errors.js';
import { Standardizer } from '../io/standardizer.js';
import { WordVectors } from '../io/word-vectors.js';
import { buildNetwork } from '../models/model-spec.js';
import { BagOfNgrams } from './bag-of-ngrams.js';
import type { SentenceClassifier } from './classifier.js';

const MAGIC = 'lexnet-classifier';
const VERSION = 1;

interface Header {
  kind: SentenceClassifier['kind'];
  labels: string[];
  words?: string[];
  dim: number;
  hidden?: number[];
  bigrams?: boolean;
}

/** Saves a sentence classifier (its word vectors included, so the file stands alone). */
export function saveClassifier(path: string, c: SentenceClassifier): void {
  if (c.kind === 'fasttext') {
    writeBundle(path, MAGIC, VERSION, { kind: c.kind, labels: c.labels, words: [...c.model.vocabulary], dim: c.model.dim, bigrams: c.bigrams, hidden: [c.model.hidden] } satisfies Header,
      { E: Float32Array.from(c.model.E), W1: c.model.W1, b1: c.model.b1, W: c.model.W, b: c.model.b });
    return;
  }
  const arrays: Record<string, Float32Array | Float64Array> = { vectors: c.vectors.data, mean: c.scaler.mean, std: c.scaler.std };
  for (const p of c.net.params()) arrays[p.name] = p.value.data;
  writeBundle(path, MAGIC, VERSION, { kind: c.kind, labels: c.labels, words: [...c.vectors.words], dim: c.vectors.dim, hidden: c.hidden } satisfies Header, arrays);
}

export function loadClassifier(path: string): SentenceClassifier {
  const { header: h, arrays } = readBundle<Header>(path, MAGIC, VERSION);
  const get = (name: string, length: number) => {
    const a = arrays.get(name);
    if (!a || a.length !== length) throw inputError(path, null, `array "${name}" is missing or has the wrong size`);
    return a;
  };
  const words = h.words ?? [];
  if (h.kind === 'fasttext') {
    const model = new BagOfNgrams(words, h.dim, h.labels.length, h.hidden?.[0] ?? 0);
    for (const [name, a] of [['E', model.E], ['W1', model.W1], ['b1', model.b1], ['W', model.W], ['b', model.b]] as const) a.set(get(name, a.length));
    return { kind: 'fasttext', labels: h.labels, model, index: new Map(words.map((w, i) => [w, i])), bigrams: h.bigrams ?? true };
  }
  const vectors = new WordVectors(words, h.dim, Float32Array.from(get('vectors', words.length * h.dim)));
  const scaler = new Standardizer(Float64Array.from(get('mean', h.dim)), Float64Array.from(get('std', h.dim)));
  const hidden = h.hidden ?? [];
  const net = buildNetwork({ kind: h.kind === 'mlp' ? 'mlp' : 'softmax', inputs: h.dim, outputs: h.labels.length, hidden, activation: 'relu', loss: 'cross-entropy' });
  for (const p of net.params()) p.value.data.set(get(p.name, p.value.data.length));
  return { kind: h.kind, labels: h.labels, vectors, scaler, net, hidden };
}

