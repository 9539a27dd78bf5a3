import { checkArrays, readBundle, refuseNonFinite, writeBundle } from '../io/bundle.js';
import { inputError } from '../io/errors.js';
import { HeaderCheck } from '../io/header-check.js';
import { Standardizer } from '../io/standardizer.js';
import { WordVectors } from '../io/word-vectors.js';
import { buildNetwork, layerSizes, type ModelSpec } from '../models/model-spec.js';
import { BagOfNgrams } from './bag-of-ngrams.js';
import { CLASSIFIER_KINDS, type SentenceClassifier } from './classifier.js';

const MAGIC = 'lexnet-classifier';
const VERSION = 1;

interface Header {
  kind: SentenceClassifier['kind'];
  labels: string[];
  /** `__label__` when the training data was in fastText's format (absent in older files and for TSV). */
  labelPrefix?: string;
  words?: string[];
  dim: number;
  hidden?: number[];
  bigrams?: boolean;
}

/** Saves a sentence classifier (its word vectors included, so the file stands alone). */
export function saveClassifier(path: string, c: SentenceClassifier): void {
  if (c.kind === 'fasttext') {
    for (const [name, a] of [['E', c.model.E], ['W1', c.model.W1], ['b1', c.model.b1], ['W', c.model.W], ['b', c.model.b]] as const) refuseNonFinite(path, name, a);
    writeBundle(path, MAGIC, VERSION, { kind: c.kind, labels: c.labels, ...prefix(c), words: [...c.model.vocabulary], dim: c.model.dim, bigrams: c.bigrams, hidden: [c.model.hidden] } satisfies Header,
      { E: Float32Array.from(c.model.E), W1: c.model.W1, b1: c.model.b1, W: c.model.W, b: c.model.b });
    return;
  }
  const arrays: Record<string, Float32Array | Float64Array> = { vectors: c.vectors.data, mean: c.scaler.mean, std: c.scaler.std };
  for (const p of c.net.params()) arrays[p.name] = p.value.data;
  for (const [name, a] of Object.entries(arrays)) refuseNonFinite(path, name, a);
  writeBundle(path, MAGIC, VERSION, { kind: c.kind, labels: c.labels, ...prefix(c), words: [...c.vectors.words], dim: c.vectors.dim, hidden: c.hidden } satisfies Header, arrays);
}

function prefix(c: SentenceClassifier): { labelPrefix?: string } {
  return c.labelPrefix ? { labelPrefix: c.labelPrefix } : {};
}

/**
 * Loads a sentence classifier, checking the header (kind, labels, vocabulary, sizes) and that
 * every array has the size the header implies and finite values, before building the model.
 */
export function loadClassifier(path: string): SentenceClassifier {
  const { header, arrays } = readBundle<unknown>(path, MAGIC, VERSION);
  const { kind, labels, labelPrefix: lp, words, dim, hidden, bigrams } = checkClassifierHeader(new HeaderCheck(path, 2), header);
  const labelPrefix = lp === undefined ? {} : { labelPrefix: lp };
  const get = (name: string) => arrays.get(name)!;
  if (kind === 'fasttext') {
    const H = hidden[0] ?? 0, top = H > 0 ? H : dim;
    checkArrays(path, arrays, [['E', words.length * dim], ['W1', H > 0 ? dim * H : 0], ['b1', H], ['W', top * labels.length], ['b', labels.length]]);
    const model = new BagOfNgrams(words, dim, labels.length, H);
    for (const [name, a] of [['E', model.E], ['W1', model.W1], ['b1', model.b1], ['W', model.W], ['b', model.b]] as const) a.set(get(name));
    return { kind: 'fasttext', labels, ...labelPrefix, model, index: new Map(words.map((w, i) => [w, i])), bigrams };
  }
  const spec: ModelSpec = { kind: kind === 'mlp' ? 'mlp' : 'softmax', inputs: dim, outputs: labels.length, hidden, activation: 'relu', loss: 'cross-entropy' };
  const sizes = layerSizes(spec);
  const layers = sizes.slice(1).flatMap((n, i): [string, number][] => [[`layer${i + 1}.W`, sizes[i]! * n], [`layer${i + 1}.b`, n]]);
  checkArrays(path, arrays, [['vectors', words.length * dim], ['mean', dim], ['std', dim], ...layers]);
  const std = get('std');
  const bad = std.findIndex((s) => !(s > 0));
  if (bad >= 0) throw inputError(path, null, `array "std" holds ${std[bad]} at index ${bad}: standard deviations must be positive`);
  const vectors = new WordVectors(words, dim, Float32Array.from(get('vectors')));
  const scaler = new Standardizer(Float64Array.from(get('mean')), Float64Array.from(std));
  const net = buildNetwork(spec);
  for (const p of net.params()) p.value.data.set(get(p.name));
  return { kind, labels, ...labelPrefix, vectors, scaler, net, hidden };
}

/** A classifier's parts as its model file's header (or a checkpoint's shape) holds them, checked. */
export interface ClassifierParts {
  kind: SentenceClassifier['kind'];
  labels: string[];
  labelPrefix?: string;
  words: string[];
  dim: number;
  hidden: number[];
  bigrams: boolean;
}

/**
 * The one validation of a classifier's header, for a model file and for a checkpoint a run
 * resumes from (so a resume refuses what the loader would refuse): a known kind, labels
 * distinct and not empty, a fastText vocabulary of distinct n-grams, sizes in range.
 */
export function checkClassifierHeader(check: HeaderCheck, header: unknown): ClassifierParts {
  const h = check.object(header, 'header');
  const kind = check.oneOf(h.kind, 'kind', CLASSIFIER_KINDS);
  const labels = check.strings(h.labels, 'labels');
  if (labels.length === 0) throw check.fail('"labels" is empty');
  // files written before labelPrefix have none: their labels print by name
  const labelPrefix = h.labelPrefix === undefined ? {} : { labelPrefix: check.string(h.labelPrefix, 'labelPrefix') };
  const words = check.strings(h.words, 'words', { allowEmpty: true, distinct: kind === 'fasttext' });
  const dim = check.int(h.dim, 'dim', 1);
  const hidden = h.hidden === undefined ? [] : check.ints(h.hidden, 'hidden', kind === 'mlp' ? 1 : 0);
  if (kind === 'fasttext' && hidden.length > 1) throw check.fail(`"hidden" has ${hidden.length} sizes; a fasttext model has at most one hidden layer`);
  const bigrams = kind !== 'fasttext' || h.bigrams === undefined ? kind === 'fasttext' : check.bool(h.bigrams, 'bigrams');
  return { kind, labels, ...labelPrefix, words, dim, hidden, bigrams };
}
