import type { RandomState } from '../core/random.js';
import { readBundle, writeBundle, type BundleArray } from '../io/bundle.js';
import { requireFiniteWeights } from '../train/finite-inputs.js';
import { CheckpointCheck } from '../io/header-check.js';
import { checkClassifierHeader } from './model-file.js';
import { inputError } from '../io/errors.js';
import { fingerprintsLookRight, rngLooksRight, settingsLookRight, type DataFingerprint } from '../train/resume-check.js';
import type { FitState } from '../train/trainer.js';
import type { ClassifierKind } from './classifier.js';
import type { ClassifyEpoch, SweepPoint } from './train.js';

const MAGIC = 'lexnet-classify-checkpoint';
const VERSION = 1;

/** Every setting that shapes a fastText classifier or its training: a resumed run keeps all of them. */
export interface ClassifySettings {
  model: ClassifierKind;
  epochs: number;
  lr: number;
  /** λ of a single run; null in an --l2 sweep (each point has its own). */
  l2: number | null;
  dim: number;
  bigrams: boolean;
  hidden: number[];
  pretrainedWords: number;
  dropout: number;
  patience: number;
  seed: number;
}

export { CLASSIFY_SETTING_KEYS } from './setting-keys.js';

/** The shape of the model: its labels, n-gram vocabulary and layer sizes. */
export interface ClassifierShape {
  labels: string[];
  vocabulary: string[];
  dim: number;
  hidden: number;
  bigrams: boolean;
}

/** The names of BagOfNgrams' parameter arrays, in the order runs keep them. */
export const PARAM_NAMES = ['E', 'W1', 'b1', 'W', 'b'] as const;

/** One fastText run (one λ) at the end of an epoch. */
export interface FasttextRun {
  l2: number;
  epochsDone: number;
  /** The run ended (last epoch, or patience ran out). */
  finished: boolean;
  /** SGD steps taken (the learning rate's position in its decay). */
  step: number;
  /** The shuffling and word-dropout generator. */
  rng: RandomState;
  best: { acc: number; epoch: number };
  history: ClassifyEpoch[];
  /** E, W1, b1, W, b now and at the best epoch. */
  params: Float64Array[];
  bestParams: Float64Array[];
}

/** An average/mlp run: fit's state and the classifier's own per-epoch accuracies. */
export interface AveragedRun {
  fit: FitState;
  history: ClassifyEpoch[];
}

/** A classifier's training state: a single run, or an --l2 sweep with its finished points. */
export interface ClassifyCheckpoint {
  settings: ClassifySettings;
  /** Hashes of the training and dev texts with their labels, and of the vectors. */
  data: DataFingerprint[];
  shape: ClassifierShape;
  /** The fastText run in progress (null between sweep points, and for average/mlp). */
  run: FasttextRun | null;
  /** The average/mlp run (null for fasttext). */
  averaged: AveragedRun | null;
  sweep: { grid: number[]; points: SweepPoint[]; bestL2: number | null; bestRun: FasttextRun | null } | null;
}

type RunHeader = Omit<FasttextRun, 'params' | 'bestParams'>;

type StoredRunHeader = RunHeader & { bestIsCurrent: boolean };

/** A run's arrays into `into` (the best ones only when they differ from the current ones); returns its header. */
function runArrays(prefix: string, r: FasttextRun | null, into: Record<string, BundleArray>): StoredRunHeader | null {
  if (!r) return null;
  const { params, bestParams, ...header } = r;
  const bestIsCurrent = r.best.epoch === r.epochsDone || params.every((a, i) => a === bestParams[i]);
  PARAM_NAMES.forEach((n, i) => {
    into[`${prefix}.${n}`] = params[i]!;
    if (!bestIsCurrent) into[`${prefix}.best.${n}`] = bestParams[i]!;
  });
  return { ...header, bestIsCurrent };
}

type AveragedHeader = { fit: Omit<FitState, 'params' | 'best' | 'optimizer'> & { best: { loss: number | null; epoch: number }; optimizer: { t: number; arrays: number }; params: number; bestWeights: boolean }; history: ClassifyEpoch[] };

function averagedArrays(r: AveragedRun | null, into: Record<string, BundleArray>): AveragedHeader | null {
  if (!r) return null;
  const { params, best, optimizer, ...rest } = r.fit;
  params.forEach((a, i) => { into[`fit.param${i}`] = a; });
  optimizer.arrays.forEach((a, i) => { into[`fit.optimizer${i}`] = a; });
  best.weights?.forEach((a, i) => { into[`fit.best${i}`] = a; });
  return {
    fit: { ...rest, best: { loss: Number.isFinite(best.loss) ? best.loss : null, epoch: best.epoch }, optimizer: { t: optimizer.t, arrays: optimizer.arrays.length }, params: params.length, bestWeights: best.weights !== null },
    history: r.history,
  };
}

/** Writes a checkpoint atomically (a crash mid-write leaves the previous one). */
export function saveClassifierCheckpoint(path: string, c: ClassifyCheckpoint): void {
  const arrays: Record<string, BundleArray> = {};
  const run = runArrays('run', c.run, arrays);
  const sweep = c.sweep ? { ...c.sweep, bestRun: runArrays('sweepBest', c.sweep.bestRun, arrays) } : null;
  const averaged = averagedArrays(c.averaged, arrays);
  writeBundle(path, MAGIC, VERSION, { settings: c.settings, data: c.data, shape: c.shape, run, sweep, averaged }, arrays);
}

/** Reads a checkpoint, refusing anything that is not a complete one from this version. */
export function loadClassifierCheckpoint(path: string): ClassifyCheckpoint {
  const { header: h, arrays } = readBundle<{ settings: ClassifySettings; data: DataFingerprint[]; shape: ClassifierShape; run: StoredRunHeader | null; averaged?: AveragedHeader | null; sweep: (Omit<NonNullable<ClassifyCheckpoint['sweep']>, 'bestRun'> & { bestRun: StoredRunHeader | null }) | null }>(path, MAGIC, VERSION);
  const damaged = () => inputError(path, null, 'a damaged classifier checkpoint (its header or arrays are incomplete)');
  const isStrings = (a: unknown): boolean => Array.isArray(a) && a.every((s) => typeof s === 'string');
  const s = h?.shape;
  const settingTypes: ClassifySettings = { model: 'fasttext', epochs: 1, lr: 1, l2: 0, dim: 1, bigrams: true, hidden: [], pretrainedWords: 0, dropout: 0, patience: 1, seed: 1 };
  if (typeof h !== 'object' || h === null || !settingsLookRight(h.settings, settingTypes, ['l2']) || !fingerprintsLookRight(h.data)
    || typeof s !== 'object' || s === null || !isStrings(s.labels) || !isStrings(s.vocabulary) || !Number.isInteger(s.dim) || !Number.isInteger(s.hidden)
    || (h.sweep !== null && (typeof h.sweep !== 'object' || !Array.isArray(h.sweep.grid) || !Array.isArray(h.sweep.points)))) throw damaged();
  const check = new CheckpointCheck(path, 2);
  const st = h.settings;
  // what loadClassifier checks in a model file, checked here before a resume trains on it
  checkClassifierHeader(check, { kind: st.model, labels: s.labels, words: s.vocabulary, dim: s.dim, hidden: st.model === 'fasttext' ? [s.hidden] : st.hidden, bigrams: s.bigrams });
  check.int(s.hidden, 'shape.hidden', 0);
  const epochs = check.int(st.epochs, 'settings.epochs', 1);
  if (!(st.lr > 0)) throw check.fail(`"settings.lr" is ${st.lr}, expected a number > 0`);
  if (st.l2 !== null) check.number(st.l2, 'settings.l2', 0);
  check.int(st.dim, 'settings.dim', 1);
  check.number(st.patience, 'settings.patience', 0);
  check.number(st.pretrainedWords, 'settings.pretrainedWords', 0);
  if (!(st.dropout >= 0 && st.dropout < 1)) throw check.fail(`"settings.dropout" is ${st.dropout}, expected a number in [0, 1)`);
  const sizes = [s.vocabulary.length * s.dim, s.hidden > 0 ? s.dim * s.hidden : 0, s.hidden, (s.hidden > 0 ? s.hidden : s.dim) * s.labels.length, s.labels.length];
  const run = (prefix: string, r: StoredRunHeader | null): FasttextRun | null => {
    if (r === null) return null;
    if (typeof r !== 'object' || typeof r.l2 !== 'number' || !Number.isInteger(r.epochsDone) || typeof r.finished !== 'boolean' || !Number.isInteger(r.step)
      || !rngLooksRight(r.rng) || typeof r.best !== 'object' || r.best === null || typeof r.best.acc !== 'number' || !Number.isInteger(r.best.epoch) || !Array.isArray(r.history)) throw damaged();
    check.number(r.l2, `${prefix}.l2`, 0);
    const done = check.int(r.epochsDone, `${prefix}.epochsDone`, 0, epochs);
    check.int(r.step, `${prefix}.step`, 0);
    check.int(r.best.epoch, `${prefix}.best.epoch`, 0, done);
    check.number(r.best.acc, `${prefix}.best.acc`, -1, 1);
    const get = (name: string, i: number): Float64Array => {
      const a = arrays.get(name);
      if (!(a instanceof Float64Array) || a.length !== sizes[i]) throw damaged();
      return a;
    };
    const { bestIsCurrent, ...rest } = r;
    const params = PARAM_NAMES.map((n, i) => get(`${prefix}.${n}`, i));
    const bestParams = bestIsCurrent === true ? params.map((a) => a.slice()) : PARAM_NAMES.map((n, i) => get(`${prefix}.best.${n}`, i));
    const label = prefix === 'run' ? 'run' : 'sweep best run'; // as the trainer names them
    requireFiniteWeights(path, [...params.map((a, i) => [`${label} params[${i}]`, a] as const), ...bestParams.map((a, i) => [`${label} bestParams[${i}]`, a] as const)]);
    return { ...rest, params, bestParams };
  };
  if (h.sweep) {
    h.sweep.grid.forEach((l2, i) => check.number(l2, `sweep.grid[${i}]`, 0));
    if (h.sweep.points.length > h.sweep.grid.length) throw check.fail(`"sweep.points" has ${h.sweep.points.length} entries for a grid of ${h.sweep.grid.length}`);
    if (h.sweep.bestL2 !== null) check.number(h.sweep.bestL2, 'sweep.bestL2', 0);
  }
  const averaged = (a: AveragedHeader | null | undefined): AveragedRun | null => {
    if (a === null || a === undefined) return null;
    const f = a.fit;
    if (typeof f !== 'object' || f === null || !Number.isInteger(f.epoch) || typeof f.finished !== 'boolean' || !rngLooksRight(f.rng)
      || typeof f.stoppedEarly !== 'boolean' || typeof f.best !== 'object' || f.best === null || !Number.isInteger(f.best.epoch) || (f.best.loss !== null && typeof f.best.loss !== 'number')
      || typeof f.bestWeights !== 'boolean' || !Number.isInteger(f.params) || !Number.isInteger(f.optimizer?.arrays) || !Number.isInteger(f.optimizer?.t)
      || !Array.isArray(f.history) || !Array.isArray(a.history)) throw damaged();
    check.int(f.epoch, 'fit.epoch', 0, epochs);
    check.int(f.best.epoch, 'fit.best.epoch', 0, f.epoch);
    check.int(f.optimizer.t, 'fit.optimizer.t', 0);
    const list = (prefix: string, n: number): Float64Array[] => {
      if (!(n >= 0 && n <= arrays.size)) throw damaged(); // a count from the header: no more lists than the file has arrays
      return Array.from({ length: n }, (_, i) => {
        const x = arrays.get(`${prefix}${i}`);
        if (!(x instanceof Float64Array)) throw damaged();
        return x;
      });
    };
    const params = list('fit.param', f.params);
    const optimizerArrays = list('fit.optimizer', f.optimizer.arrays);
    const bestWeights = f.bestWeights ? list('fit.best', f.params) : null;
    requireFiniteWeights(path, [
      ...params.map((a, i) => [`params[${i}]`, a] as const), ...optimizerArrays.map((a, i) => [`optimizer state[${i}]`, a] as const),
      ...(bestWeights ?? []).map((a, i) => [`best params[${i}]`, a] as const),
    ]);
    return {
      fit: {
        ...f, params, optimizer: { t: f.optimizer.t, arrays: optimizerArrays },
        best: { loss: f.best.loss ?? Infinity, epoch: f.best.epoch, weights: bestWeights },
      },
      history: a.history,
    };
  };
  return {
    settings: h.settings, data: h.data, shape: s, run: run('run', h.run), averaged: averaged(h.averaged),
    sweep: h.sweep ? { ...h.sweep, bestRun: run('sweepBest', h.sweep.bestRun) } : null,
  };
}
