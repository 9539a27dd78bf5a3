import type { RandomState } from '../core/random.js';
import { readBundle, writeBundle } from '../io/bundle.js';
import { requireFiniteWeights } from '../train/finite-inputs.js';
import { inputError } from '../io/errors.js';
import { CheckpointCheck } from '../io/header-check.js';
import { checkTaggerHeader } from './model-file.js';
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
  checkTaggerState(path, h, params as Float32Array, bestParams as Float32Array | null);
  const { bestIsCurrent: _, ...rest } = h;
  return { ...rest, params: params as Float32Array, bestParams: bestParams as Float32Array | null };
}

/**
 * What the model loader checks (loadTagger's checkTaggerHeader: settings in range, distinct
 * words and tags; every parameter finite) and the run's counters
 * (no negative steps or epochs, a best epoch among those done): a resume refuses before
 * training what would otherwise give a model lexnet cannot load.
 */
function checkTaggerState(path: string, h: Omit<TaggerCheckpoint, 'params' | 'bestParams'>, params: Float32Array, bestParams: Float32Array | null): void {
  const check = new CheckpointCheck(path, 2);
  const s = h.settings;
  const config: Record<string, unknown> = {
    window: s.window, wordDim: s.wordDim, capsDim: s.capsDim, affixDim: s.affixDim, hidden: s.hidden, output: s.output,
    freezeWords: s.freezeWords, shapeDim: s.shapeDim, decoder: s.decoder, ...(s.entityType != null ? { entityType: s.entityType } : {}),
  };
  const parts = checkTaggerHeader(check, { config, words: h.words, prefixes: h.prefixes, suffixes: h.suffixes, shapes: h.shapes, tags: h.tags });
  if (parts.tags.length < 2) throw check.fail(`"tags" has ${parts.tags.length} entry; a tagger needs two or more`);
  const epochs = check.int(s.epochs, 'settings.epochs', 1);
  check.int(s.batchSize, 'settings.batchSize', 1);
  check.int(s.threads, 'settings.threads', 0);
  check.number(s.patience, 'settings.patience', 0);
  check.number(s.seed, 'settings.seed');
  if (!(s.lr > 0)) throw check.fail(`"settings.lr" is ${s.lr}, expected a number > 0`);
  check.number(s.l2, 'settings.l2', 0);
  check.number(s.unknownRate, 'settings.unknownRate', 0);
  for (const k of ['wordDropout', 'dropout'] as const) if (!(s[k] >= 0 && s[k] < 1)) throw check.fail(`"settings.${k}" is ${s[k]}, expected a number in [0, 1)`);
  const done = check.int(h.epochsDone, 'epochsDone', 0, epochs);
  check.int(h.steps, 'steps', 0);
  check.int(h.vectorsMatched, 'vectorsMatched', 0, parts.words.length);
  if (h.best) {
    check.int(h.best.epoch, 'best.epoch', 1, done);
    check.number(h.best.score, 'best.score');
  }
  // (the length, which holds the kernel's alignment, is compared with the model built from these parts when the run resumes)
  requireFiniteWeights(path, [['params', params], ...(bestParams ? [['bestParams', bestParams] as const] : [])]);
}
