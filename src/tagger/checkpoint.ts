import type { RandomState } from '../core/random.js';
import { readBundle, writeBundle } from '../io/bundle.js';
import { inputError } from '../io/errors.js';
import { fingerprintsLookRight, rngLooksRight, settingsLookRight, type DataFingerprint } from '../train/resume-check.js';
import type { TaggerConfig } from './model.js';
import type { TaggerEpoch } from './train.js';

const MAGIC = 'lexnet-tagger-checkpoint';
const VERSION = 2; // 2: word shapes, word dropout and the decoder

/** Every setting that shapes a tagger or its training: a resumed run keeps all of them. */
export interface TaggerSettings extends TaggerConfig {
  epochs: number;
  batchSize: number;
  lr: number;
  l2: number;
  seed: number;
  patience: number;
  unknownRate: number;
  wordDropout: number;
  dropout: number;
  threads: number;
}

/** The settings a resumed run must agree on, in the order the messages that refuse a resume check them. */
export const TAGGER_SETTING_KEYS: readonly (keyof TaggerSettings)[] = [
  'window', 'wordDim', 'capsDim', 'affixDim', 'hidden', 'output', 'entityType', 'freezeWords', 'epochs', 'batchSize', 'lr', 'l2',
  'seed', 'patience', 'unknownRate', 'wordDropout', 'dropout', 'threads', 'shapeDim', 'decoder',
];

/**
 * A tagger's training state at the end of an epoch: enough to continue the run as if it had
 * never stopped (with one thread, bit for bit).
 */
export interface TaggerCheckpoint {
  settings: TaggerSettings;
  /** Hashes of the training and dev sentences and of the initial vectors. */
  data: DataFingerprint[];
  words: string[];
  prefixes: string[];
  suffixes: string[];
  shapes: string[];
  tags: string[];
  epochsDone: number;
  /** The run ended (last epoch, or patience ran out): resuming only restores the best model. */
  finished: boolean;
  /** SGD steps taken so far (the learning rate's position in its decay). */
  steps: number;
  /** The shuffling and unknown-word generator. */
  rng: RandomState;
  /** The single-thread kernel's dropout generator (u64 as a decimal string); null with worker threads, which reseed every epoch. */
  kernelRng: string | null;
  best: { score: number; epoch: number } | null;
  history: TaggerEpoch[];
  vectorsMatched: number;
  params: Float32Array;
  bestParams: Float32Array | null;
}

/** The types of every setting (the values are only examples). */
const TAGGER_SETTING_TYPES: TaggerSettings = {
  window: 5, wordDim: 50, capsDim: 5, affixDim: 10, hidden: 300, output: 'softmax', freezeWords: false, shapeDim: 5, decoder: 'crf',
  epochs: 10, batchSize: 32, lr: 0.1, l2: 1e-5, seed: 1, patience: 3, unknownRate: 0.5, wordDropout: 0, dropout: 0, threads: 1,
};

/** Writes a checkpoint atomically (a crash mid-write leaves the previous one). */
export function saveTaggerCheckpoint(path: string, c: TaggerCheckpoint): void {
  const { params, bestParams, ...header } = c;
  const bestIsCurrent = bestParams !== null && c.best?.epoch === c.epochsDone; // stored once
  writeBundle(path, MAGIC, VERSION, { ...header, bestIsCurrent }, bestParams && !bestIsCurrent ? { params, bestParams } : { params });
}

/** Reads a checkpoint, refusing anything that is not a complete one from this version. */
export function loadTaggerCheckpoint(path: string): TaggerCheckpoint {
  const { header: h, arrays } = readBundle<Omit<TaggerCheckpoint, 'params' | 'bestParams'> & { bestIsCurrent?: boolean }>(path, MAGIC, VERSION);
  const params = arrays.get('params'), bestParams = (h?.bestIsCurrent === true ? params : arrays.get('bestParams')) ?? null;
  const isStrings = (a: unknown): boolean => Array.isArray(a) && a.every((s) => typeof s === 'string');
  const ok = typeof h === 'object' && h !== null && settingsLookRight(h.settings, { ...TAGGER_SETTING_TYPES, entityType: '' }, ['entityType']) && fingerprintsLookRight(h.data)
    && rngLooksRight(h.rng) && h.history?.every?.((e: unknown) => typeof e === 'object' && e !== null && Number.isInteger((e as TaggerEpoch).epoch))
    && isStrings(h.words) && isStrings(h.prefixes) && isStrings(h.suffixes) && isStrings(h.shapes) && isStrings(h.tags)
    && Number.isInteger(h.epochsDone) && typeof h.finished === 'boolean' && Number.isInteger(h.steps)
    && typeof h.rng === 'object' && h.rng !== null && (h.kernelRng === null || /^\d+$/.test(String(h.kernelRng)))
    && (h.best === null || (typeof h.best === 'object' && typeof h.best.score === 'number' && Number.isInteger(h.best.epoch)))
    && Array.isArray(h.history) && h.history.length === h.epochsDone && typeof h.vectorsMatched === 'number'
    && params instanceof Float32Array && (bestParams === null || (bestParams instanceof Float32Array && bestParams.length === params.length))
    && (h.best === null) === (bestParams === null);
  if (!ok) throw inputError(path, null, 'a damaged tagger checkpoint (its header or arrays are incomplete)');
  const { bestIsCurrent: _, ...rest } = h;
  return { ...rest, params: params as Float32Array, bestParams: bestParams as Float32Array | null };
}
