import { readFileBytes, writeFileChunks } from '#platform/model-files.js';
import { bundleChunks, checkArraysSteps, concatBytes, decodeBundleSteps, refuseNonFinite, type BundleArray } from '../io/bundle-codec.js';
import { stepsToEnd } from '../train/abort.js';
import { inputError, LexnetError } from '../io/errors.js';
import { HeaderCheck } from '../io/header-check.js';
import { Standardizer } from '../io/standardizer.js';
import { WordVectors } from '../io/word-vectors.js';
import { buildNetwork, layerSizes, type ModelSpec } from '../models/model-spec.js';
import { BagOfNgrams } from './bag-of-ngrams.js';
import { checkNormalization, normalizationRecord, type TextNormalization } from '../text/tokenize.js';
import { CLASSIFIER_KINDS, type SentenceClassifier } from './classifier.js';
import { decodeSupervised, supervisedParts } from './supervised-record.js';

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
  /** How a string is split at prediction (absent from files before the tokenizer: white space). */
  text?: TextNormalization;
}

/** A trained classifier as the training and loading calls return it: the `Classifier` object or its record. */
export type ClassifierLike = SentenceClassifier | { readonly classifier: SentenceClassifier };

/** The record inside a `Classifier` (or the record itself); anything else is a clear error, not a TypeError. */
export function classifierRecord(c: ClassifierLike, call: string): SentenceClassifier {
  const r: unknown = c !== null && typeof c === 'object' && 'classifier' in c ? c.classifier : c;
  if (r === null || typeof r !== 'object' || !(CLASSIFIER_KINDS as readonly unknown[]).includes((r as { kind?: unknown }).kind)) {
    throw new LexnetError(`${call}: expected a trained classifier (what trainClassifier or loadClassifier returns), got ${describe(c)}`);
  }
  return r as SentenceClassifier;
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? `an object with keys ${Object.keys(v).slice(0, 5).join(', ') || '(none)'}` : typeof v;
}

function classifierChunks(c: SentenceClassifier, name = 'classifier'): Generator<string | Uint8Array> {
  if (c.kind === 'fasttext') {
    for (const [k, a] of [['E', c.model.E], ['W1', c.model.W1], ['b1', c.model.b1], ['W', c.model.W], ['b', c.model.b]] as const) refuseNonFinite(name, k, a);
    return bundleChunks(MAGIC, VERSION, { kind: c.kind, labels: c.labels, ...optionalFields(c), words: [...c.model.vocabulary], dim: c.model.dim, bigrams: c.bigrams, hidden: [c.model.hidden] } satisfies Header,
      { E: Float32Array.from(c.model.E), W1: c.model.W1, b1: c.model.b1, W: c.model.W, b: c.model.b });
  }
  if (c.kind === 'supervised') {
    const { header, arrays } = supervisedParts(c.model);
    for (const [k, a] of Object.entries(arrays)) refuseNonFinite(name, k, a);
    return bundleChunks(MAGIC, VERSION, { kind: c.kind, labels: c.labels, ...optionalFields(c), dim: c.model.args.dim, ...header }, arrays);
  }
  const arrays: Record<string, BundleArray> = { vectors: c.vectors.data, mean: c.scaler.mean, std: c.scaler.std };
  for (const p of c.net.params()) arrays[p.name] = p.value.data;
  for (const [k, a] of Object.entries(arrays)) refuseNonFinite(name, k, a);
  return bundleChunks(MAGIC, VERSION, { kind: c.kind, labels: c.labels, ...optionalFields(c), words: [...c.vectors.words], dim: c.vectors.dim, hidden: c.hidden } satisfies Header, arrays);
}

/** A classifier file's bytes (what `saveClassifier` writes), for any platform. */
export function encodeClassifier(c: ClassifierLike): Uint8Array {
  return concatBytes(classifierChunks(classifierRecord(c, 'encodeClassifier')));
}

/**
 * Saves a sentence classifier (its word vectors included, so the file stands alone), atomically.
 * Takes what `trainClassifier` or `loadClassifier` returns, or its `.classifier` record.
 * @deprecated use `await classifier.save(path)` (or `toBytes()`).
 */
export function saveClassifier(path: string, c: ClassifierLike): void {
  const r = classifierRecord(c, 'saveClassifier');
  writeFileChunks(path, classifierChunks(r, path));
}

function optionalFields(c: SentenceClassifier): { labelPrefix?: string; text?: TextNormalization } {
  return { ...(c.labelPrefix ? { labelPrefix: c.labelPrefix } : {}), ...(c.text ? { text: normalizationRecord(c.text) } : {}) };
}

/**
 * Loads a sentence classifier, checking the header (kind, labels, vocabulary, sizes) and that
 * every array has the size the header implies and finite values, before building the model.
 */
export function loadClassifier(path: string): SentenceClassifier {
  return decodeClassifier(readFileBytes(path), path);
}

/** A classifier record from a classifier file's bytes (`name` is the source named in errors), with `loadClassifier`'s checks. */
export function decodeClassifier(bytes: Uint8Array, name = 'classifier'): SentenceClassifier {
  return stepsToEnd(decodeClassifierSteps(bytes, name));
}

/** Values copied between two yields of decodeClassifierSteps. */
const COPY_SLICE = 1 << 18;

/** decodeClassifier in steps (run with stepsInTurns: `loadClassifier` gives the event loop turns while it decodes). */
export function* decodeClassifierSteps(bytes: Uint8Array, name = 'classifier'): Generator<void, SentenceClassifier> {
  const path = name;
  const { header, arrays } = yield* decodeBundleSteps<unknown>(path, bytes, MAGIC, VERSION);
  const check = new HeaderCheck(path, 2);
  if (header !== null && typeof header === 'object' && (header as { kind?: unknown }).kind === 'supervised') {
    const h = check.object(header, 'header');
    const labels = check.strings(h.labels, 'labels');
    const model = decodeSupervised(path, check, h, arrays);
    if (labels.length !== model.labels.length) throw check.fail(`"labels" has ${labels.length} labels, the model ${model.labels.length}`);
    return {
      kind: 'supervised', labels, model,
      ...(h.labelPrefix === undefined ? {} : { labelPrefix: check.string(h.labelPrefix, 'labelPrefix') }),
      ...(h.text === undefined ? {} : { text: checkNormalization(check, h.text) }),
    };
  }
  // the checks a checkpoint's classifier gets too (checkClassifierHeader), then the text normalization
  const { kind, labels, labelPrefix, words, dim, hidden, bigrams } = checkClassifierHeader(check, header);
  const h = check.object(header, 'header');
  const optional = {
    ...(labelPrefix === undefined ? {} : { labelPrefix }),
    ...(h.text === undefined ? {} : { text: checkNormalization(check, h.text) }),
  };
  const get = (name: string) => arrays.get(name)!;
  if (kind === 'fasttext') {
    const H = hidden[0] ?? 0, top = H > 0 ? H : dim;
    yield;
    yield* checkArraysSteps(path, arrays, [['E', words.length * dim], ['W1', H > 0 ? dim * H : 0], ['b1', H], ['W', top * labels.length], ['b', labels.length]]);
    const model = new BagOfNgrams(words, dim, labels.length, H);
    for (const [name, a] of [['E', model.E], ['W1', model.W1], ['b1', model.b1], ['W', model.W], ['b', model.b]] as const) {
      const from = get(name);
      for (let i = 0; i < a.length; i += COPY_SLICE) { a.set(from.subarray(i, i + COPY_SLICE), i); yield; }
    }
    const index = new Map<string, number>();
    for (let i = 0; i < words.length; i++) {
      index.set(words[i]!, i);
      if ((i & 0x1fff) === 0x1fff) yield;
    }
    return { kind: 'fasttext', labels, ...optional, model, index, bigrams };
  }
  if (kind === 'supervised') throw check.fail('a supervised model without its fastText args');
  const spec: ModelSpec = { kind: kind === 'mlp' ? 'mlp' : 'softmax', inputs: dim, outputs: labels.length, hidden, activation: 'relu', loss: 'cross-entropy' };
  const sizes = layerSizes(spec);
  const layers = sizes.slice(1).flatMap((n, i): [string, number][] => [[`layer${i + 1}.W`, sizes[i]! * n], [`layer${i + 1}.b`, n]]);
  yield;
  yield* checkArraysSteps(path, arrays, [['vectors', words.length * dim], ['mean', dim], ['std', dim], ...layers]);
  const std = get('std');
  const bad = std.findIndex((s) => !(s > 0));
  if (bad >= 0) throw inputError(path, null, `array "std" holds ${std[bad]} at index ${bad}: standard deviations must be positive`);
  const vectors = new WordVectors(words, dim, Float32Array.from(get('vectors')));
  const scaler = new Standardizer(Float64Array.from(get('mean')), Float64Array.from(std));
  const net = buildNetwork(spec);
  for (const p of net.params()) p.value.data.set(get(p.name));
  return { kind, labels, ...optional, vectors, scaler, net, hidden };
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
