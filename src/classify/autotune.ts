import { Random } from '../core/random.js';
import { LexnetError, optionError } from '../io/errors.js';
import { validateOptions, type OptionSpec } from '../options/declare.js';
import { DivergenceError } from '../train/divergence.js';
import { abortReason, throwIfAborted } from '../train/abort.js';
import type { ProgressCallback, ProgressEvent } from '../train/progress-event.js';
import type { WordVectors } from '../io/word-vectors.js';
import { AUTOTUNE_DEFAULTS, AUTOTUNE_OPTIONS, trialOption, type AutotuneKind, type AutotuneMetric } from './autotune-options.js';
import { AutotuneStrategy, type SearchKey, type SearchPoint } from './autotune-strategy.js';
import { labelledData, trainingNormalization, type LabelledInput } from './labelled-input.js';
import { CLASSIFIER_DEFAULTS, CLASSIFY_ALIASES } from './options.js';
import { testClassifier } from './test-at-k.js';
import { trainClassifier, type ClassifyOptions, type ClassifyResult } from './train.js';
import { writtenLabels, type SentenceClassifier } from './classifier.js';
import { Classifier } from './classifier-object.js';
import { parseModelSize } from './autotune-options.js';
import { SUPERVISED_DEFAULTS } from '../fasttext/supervised-options.js';
import type { SupervisedLine } from '../fasttext/supervised-data.js';
import type { LabelledData } from '../text/labelled.js';
import { quantizeClassifier } from '../fasttext/quantize.js';
import { cutoffForSize, CUTOFF_LIMIT } from '../fasttext/quantized-size.js';
import { fastTextClassifierBytes } from '../fasttext/classifier-file.js';
import type { FastTextClassifier } from '../fasttext/supervised-model.js';

/** Options of autotuneClassifier: the search's, and classifier options fixed for every trial (those given are not searched). */
export interface AutotuneOptions extends Omit<ClassifyOptions, 'kind' | 'model' | 'lr' | 'quiet' | 'onEpoch' | 'checkpoint' | 'resume'> {
  /** The time budget in seconds (default 300, as fastText's `-autotune-duration`). */
  duration?: number | undefined;
  /** What is maximised on dev (default `f1`, as fastText). */
  metric?: AutotuneMetric | undefined;
  /** The classifier trained: `supervised` (fastText's model in the kernels) where the classifier has it, else `fasttext`. */
  kind?: AutotuneKind | undefined;
  /** Labels predicted per dev example for f1, precisionAtK, recallAtK (default 1; fastText's `-autotune-predictions`). */
  k?: number | undefined;
  /** Progress: the trial in progress's training events, and one event at the end of each trial (with `trialScore`). */
  onProgress?: ProgressCallback | undefined;
  /** Aborting stops the search: the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  vectors?: WordVectors | undefined;
  /**
   * The largest model file wanted, in bytes or as `2M` (fastText's `-autotune-modelsize`): every
   * trial's model is quantized to fit (kind supervised) and the result is a quantized model (`.ftz`).
   */
  modelSize?: number | string | undefined;
  /** With modelSize: the product quantizer's values per sub-vector, fixed (by default searched among 2, 4, 8, 16). */
  dsub?: number | undefined;
}

/** How a trial's model was quantized to fit modelSize (quantizeClassifier's options) and the size of its `.ftz`. */
export interface AutotuneQuantization {
  cutoff: number;
  dsub: number;
  qnorm: boolean;
  qout: boolean;
  retrain: boolean;
  /** Bytes of the quantized model's file. */
  bytes: number;
}

/** The settings a trial tried (lexnet option names, only those searched), its dev score and what became of it. */
export interface AutotuneTrial {
  /** 1-based. */
  trial: number;
  options: Record<string, number | boolean | string>;
  /** The metric on dev; null when the trial did not finish. */
  score: number | null;
  seconds: number;
  /**
   * done; diverged (its loss ran away) or failed (its memory was refused): skipped, as fastText
   * skips them; stopped (the budget ran out while it trained); oversized: with modelSize, no
   * quantization of its model fits (fastText's size constraint failed), so it is not scored (a
   * model of fewer than 256 input rows cannot be quantized: failed).
   */
  status: 'done' | 'diverged' | 'failed' | 'stopped' | 'oversized';
  /** With modelSize: how the trial's model was quantized. */
  quantize?: AutotuneQuantization;
  /** Why a diverged or failed trial did not finish. */
  error?: string;
}

/** What autotuneClassifier found: the best settings, their dev score, every trial, and the model trained with them. */
export interface AutotuneResult {
  /** The best trial's searched settings: with the options fixed for the search, they train `model` again with trainClassifier. */
  options: Record<string, number | boolean | string>;
  metric: AutotuneMetric;
  /** The metric on dev of the best trial. */
  score: number;
  trials: AutotuneTrial[];
  /** The classifier the best trial trained (with modelSize: quantized; save `model.classifier.model`, a FastTextClassifier, as a `.ftz`). */
  model: ClassifyResult;
  /** With modelSize: how the best trial's model was quantized. */
  quantize?: AutotuneQuantization;
}

/**
 * The settings a search moves for each kind of classifier it trains, each only where the
 * classifier declares the option and the call does not give it: lexnet's `fasttext` model has word
 * bigrams as its only n-grams (fastText's `wordNgrams` 1 or 2 there), fastText's `supervised` model
 * (trained in the kernels) has all of fastText's searched arguments.
 */
const SEARCHED: Record<AutotuneKind, readonly SearchKey[]> = {
  fasttext: ['epochs', 'learningRate', 'dim', 'wordNgrams'],
  supervised: ['epochs', 'learningRate', 'dim', 'wordNgrams', 'dsub', 'minn', 'maxn', 'bucket', 'loss'],
};

/** fastText's own defaults (`fasttext supervised`: -epoch 5 -lr 0.1), where the supervised model declares none. */
const SUPERVISED_START = { epochs: 5, learningRate: 0.1 } as const;

/** The option a searched setting sets for a kind (`bigrams` stands for word n-grams in lexnet's fasttext model). */
function optionOf(kind: AutotuneKind, key: SearchKey): string {
  return kind === 'fasttext' && key === 'wordNgrams' ? 'bigrams' : key;
}

/**
 * Options of the other kind, which the kind trained would ignore, refused: lexnet's fasttext has
 * no hashed n-grams, character n-grams, losses or threads; fastText's model no bigrams switch.
 */
function refuseOtherKinds(kind: AutotuneKind, o: AutotuneOptions): void {
  const given = o as Record<string, unknown>;
  const others = kind === 'fasttext' ? ['wordNgrams', 'bucket', 'minn', 'maxn', 'loss', 'dsub', 'threads', 'neg', 'minCount', 'minCountLabel', 'labelPrefix'] : ['bigrams', 'dropout', 'pretrainedWords', 'patience'];
  for (const name of others) {
    if (given[name] !== undefined) throw optionError(name, `${name} applies to kind ${kind === 'fasttext' ? 'supervised (fastText\'s model)' : 'fasttext (lexnet\'s model)'}; this search trains kind ${kind}`, ['kind']);
  }
}

/** A declared range of a whole or real option, for the strategy's clamps. */
function declaredRange(spec: OptionSpec | undefined): readonly [number, number] | undefined {
  if (!spec || (spec.type !== 'int' && spec.type !== 'number')) return undefined;
  return [spec.min ?? -Infinity, spec.max ?? Infinity];
}

/** Whether a value is one the declaration accepts (bucket 0). */
function accepts(spec: OptionSpec | undefined, v: number): boolean {
  if (!spec || spec.type !== 'int') return false;
  return v >= spec.min && v <= (spec.max ?? Number.MAX_SAFE_INTEGER);
}

function declaredDefault<T>(name: string, fallback: T): T {
  return (trialOption(name)?.default as T | undefined) ?? fallback;
}

/** The search space of a kind, its start (the defaults, or the options given) and the trial options of a point. */
function searchSpace(kind: AutotuneKind, o: AutotuneOptions, quantized: boolean): { start: SearchPoint; searched: Set<SearchKey>; limits: Partial<Record<SearchKey, readonly [number, number]>>; toOptions: (p: SearchPoint) => Record<string, number | boolean | string> } {
  const given = o as Record<string, unknown>;
  const base = kind === 'fasttext' ? CLASSIFIER_DEFAULTS.fasttext : SUPERVISED_START;
  const bigrams = (given.bigrams as boolean | undefined) ?? declaredDefault('bigrams', CLASSIFIER_DEFAULTS.bigrams);
  const start: SearchPoint = {
    epochs: o.epochs ?? base.epochs,
    learningRate: o.learningRate ?? base.learningRate,
    dim: o.vectors?.dim ?? o.dim ?? declaredDefault('dim', CLASSIFIER_DEFAULTS.dim),
    wordNgrams: kind === 'fasttext' ? (bigrams ? 2 : 1) : (given.wordNgrams as number | undefined) ?? declaredDefault('wordNgrams', 1),
    dsub: (given.dsub as number | undefined) ?? declaredDefault('dsub', 2),
    minn: (given.minn as number | undefined) ?? declaredDefault('minn', 0),
    maxn: (given.maxn as number | undefined) ?? declaredDefault('maxn', 0),
    bucket: (given.bucket as number | undefined) ?? declaredDefault('bucket', 2_000_000),
    loss: (given.loss as string | undefined) ?? declaredDefault('loss', 'softmax'),
  };
  const searched = new Set<SearchKey>();
  const limits: Partial<Record<SearchKey, readonly [number, number]>> = {};
  if (quantized && o.dsub === undefined) searched.add('dsub'); // a quantizer setting (fastText's 2, 4, 8, 16), not a trial option
  for (const key of SEARCHED[kind]) {
    const option = optionOf(kind, key);
    if (key === 'dsub') continue;
    if (!trialOption(option) || given[option] !== undefined) continue;
    if (key === 'dim' && o.vectors) continue; // the vectors' size
    searched.add(key);
    const range = option === 'bigrams' ? [1, 2] as const : declaredRange(trialOption(option));
    if (range) limits[key] = range;
  }
  const toOptions = (p: SearchPoint) => {
    const out: Record<string, number | boolean | string> = {};
    for (const key of searched) {
      if (key === 'dsub') continue;
      if (optionOf(kind, key) === 'bigrams') out.bigrams = p.wordNgrams >= 2;
      else out[key] = p[key];
    }
    return out;
  };
  return { start, searched, limits, toOptions };
}

/** A trial's score on dev by the metric (fastText's Meter for f1, P@k, R@k and a label's F1). */
function devScore(model: ClassifyResult, dev: ReturnType<typeof labelledData>, metric: AutotuneMetric, k: number): number {
  if (metric === 'accuracy') return model.devAccuracy ?? 0;
  const r = testClassifier(model, dev, { k });
  let score: number;
  if (metric === 'f1') score = r.f1;
  else if (metric === 'precisionAtK') score = r.precision;
  else if (metric === 'recallAtK') score = r.recall;
  else score = r.perLabel.find((l) => l.label === metric.slice(3) || l.label === `${model.classifier.labelPrefix ?? ''}${metric.slice(3)}`)!.f1;
  return Number.isNaN(score) ? 0 : score;
}

/**
 * Searches the fastText classifier's settings within a time budget, as fastText's `-autotune-*`
 * does: the first trial trains at the defaults (or the options given), each later one at a random
 * perturbation of the best settings so far, the perturbations narrowing as the budget runs out.
 * Every trial trains on `train` and is scored on `dev` (nothing else is read); a trial still
 * training when the budget ends is stopped and left out, one whose loss diverges is skipped.
 * Searched: epochs, learningRate, dim, word n-grams (`bigrams` here), and where the classifier
 * declares them bucket, minn/maxn, loss, dsub — each unless given. Resolves with the best
 * settings, their dev score, every trial, and the model the best trial trained.
 */
export async function autotuneClassifier(trainInput: LabelledInput, devInput: LabelledInput, o: AutotuneOptions = {}): Promise<AutotuneResult> {
  validateOptions(AUTOTUNE_OPTIONS, o, 'autotuneClassifier', { aliases: CLASSIFY_ALIASES });
  throwIfAborted(o.signal);
  const { duration = AUTOTUNE_DEFAULTS.duration, metric = AUTOTUNE_DEFAULTS.metric, k = AUTOTUNE_DEFAULTS.k, kind = AUTOTUNE_DEFAULTS.kind, signal, onProgress, modelSize: _size, dsub: _dsub, ...fixed } = o;
  // the texts split and normalised once, as every trial's model records (trainClassifier takes them as they are)
  const n = trainingNormalization(trainInput, o);
  const train = labelledData(trainInput, 'train', n), dev = labelledData(devInput, 'dev', n);
  if (metric.startsWith('f1:')) {
    const label = metric.slice(3), labels = [...new Set(train.labels)].sort();
    const written = writtenLabels({ labels, ...(train.labelPrefix ? { labelPrefix: train.labelPrefix } : {}) });
    if (!labels.includes(label) && !written.includes(label)) throw optionError('metric', `metric ${metric}: no label "${label}" in the training data (its labels: ${written.slice(0, 20).join(', ')}${written.length > 20 ? ', …' : ''})`);
  }
  refuseOtherKinds(kind, o);
  const sizeLimit = o.modelSize === undefined ? null : parseModelSize(o.modelSize)!;
  if (sizeLimit !== null && kind !== 'supervised') throw optionError('modelSize', 'modelSize quantizes fastText\'s model: it needs kind supervised', ['kind']);
  if (sizeLimit === null && o.dsub !== undefined) throw optionError('dsub', 'dsub applies to modelSize (the quantized model\'s sub-vectors); give modelSize too, or leave dsub out', ['modelSize']);
  const space = searchSpace(kind, o, sizeLimit !== null);
  const trainLines = sizeLimit === null ? [] : supervisedLines(train, o.labelPrefix ?? train.labelPrefix ?? SUPERVISED_DEFAULTS.labelPrefix);
  const strategy = new AutotuneStrategy(space.start, space.searched, new Random(o.seed ?? 1), space.limits, space.searched.has('bucket') && accepts(trialOption('bucket'), 0));
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(new DOMException('the autotune duration is over', 'TimeoutError')), duration * 1000);
  const cancel = () => budget.abort(abortReason(signal!));
  signal?.addEventListener('abort', cancel, { once: true });
  const trials: AutotuneTrial[] = [];
  let best: { trial: AutotuneTrial; model: ClassifyResult } | null = null;
  /** fastText's `Autotune::quantize`: qnorm, qout from 256 labels, the cut-off that fits, retrained; null when none fits. */
  const quantized = async (model: ClassifyResult, point: SearchPoint, trial: AutotuneTrial): Promise<ClassifyResult | null> => {
    const fm = (model.classifier as { model: FastTextClassifier }).model;
    const dsub = Math.min(point.dsub, fm.args.dim), qout = fm.outputMatrix.rows >= CUTOFF_LIMIT, rows = fm.inputMatrix.rows;
    if (rows < CUTOFF_LIMIT) { // as fastText's quantizer, which throws "Matrix too small for quantization"
      trial.status = 'failed';
      trial.error = `its model has ${rows} input rows: product quantization needs at least ${CUTOFF_LIMIT}`;
      return null;
    }
    const cutoff = cutoffForSize(fm, sizeLimit!, { dsub, qnorm: true, qout });
    if (cutoff === 0) {
      trial.status = 'oversized';
      return null;
    }
    const retrain = cutoff < rows;
    const q = await quantizeClassifier(fm, {
      dsub, qnorm: true, qout, cutoff, signal: budget.signal,
      ...(retrain ? { retrain, input: trainLines, epochs: point.epochs, learningRate: point.learningRate, threads: fixed.threads, seed: fixed.seed } : {}),
    });
    trial.quantize = { cutoff: Math.min(cutoff, rows), dsub, qnorm: true, qout, retrain, bytes: fastTextClassifierBytes(q) };
    return quantizedResult(model, q, dev);
  };
  const send = (e: Omit<ProgressEvent, 'task' | 'fraction'>) => onProgress?.({ task: 'classifier', ...e, fraction: e.stage === 'done' ? 1 : Math.min(1, elapsed() / duration), bestScore: best?.trial.score ?? null });
  try {
    while (elapsed() < duration) {
      const point = strategy.ask(elapsed() / duration);
      const options = space.toOptions(point);
      const trial: AutotuneTrial = { trial: trials.length + 1, options, score: null, seconds: 0, status: 'done' };
      const t0 = performance.now();
      let model: ClassifyResult | null = null;
      let last = null as ProgressEvent | null; // the trial's latest event, repeated in the one that ends it
      try {
        const trained = await trainClassifier(train, dev, {
          ...fixed, ...options, kind, signal: budget.signal,
          onProgress: (e) => { last = e; send({ ...e, stage: 'training', trial: trial.trial }); },
        } as ClassifyOptions);
        model = sizeLimit === null ? trained : await quantized(trained, point, trial); // scored only once quantized
      } catch (e) {
        if (signal?.aborted) throw e;
        if (budget.signal.aborted) trial.status = 'stopped';
        else if (e instanceof DivergenceError) trial.status = 'diverged';
        // after a first trial that trained, the data and the options given are fine: an error is the
        // drawn settings' (memory refused for buckets × dim), skipped as fastText skips bad_alloc
        else if (trials.some((t) => t.status === 'done') && (e instanceof LexnetError || e instanceof RangeError)) trial.status = 'failed';
        else throw e;
        if (trial.status !== 'stopped') trial.error = (e as Error).message;
      }
      trial.seconds = (performance.now() - t0) / 1000;
      if (model) trial.score = devScore(model, dev, metric, k);
      trials.push(trial);
      if (model && (best === null || trial.score! > best.trial.score!)) {
        best = { trial, model };
        strategy.updateBest(point);
      }
      send({ stage: 'training', epoch: last?.epoch ?? 0, epochs: last?.epochs ?? 0, loss: last?.loss ?? null, trial: trial.trial, trialScore: trial.score, trialStatus: trial.status });
      if (trial.status === 'stopped') break;
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancel);
  }
  if (!best && sizeLimit !== null && trials.some((t) => t.status === 'oversized')) {
    const n = trials.filter((t) => t.status === 'oversized').length;
    throw optionError('modelSize', `autotuneClassifier: no trial's quantized model fits modelSize ${sizeLimit.toLocaleString('en-US')} bytes (${n} of ${trials.length} ${trials.length === 1 ? 'trial' : 'trials'} too large even at a cut-off of ${CUTOFF_LIMIT} rows): raise modelSize`);
  }
  if (!best) {
    const counts = (['diverged', 'failed', 'stopped'] as const).map((st) => [st, trials.filter((t) => t.status === st).length] as const).filter(([, n]) => n > 0);
    const why = counts.map(([st, n]) => `${n} ${n === 1 ? 'trial' : 'trials'} ${st}`).join(', ');
    const diverged = trials.find((t) => t.status === 'diverged');
    throw optionError('duration', `autotuneClassifier: no trial finished within duration ${duration} s${why ? ` (${why})` : ''}${diverged ? `; the first divergence: ${diverged.error}` : ': give the search more time'}`);
  }
  send({ stage: 'done', epoch: best.model.bestEpoch, epochs: best.model.history.length, loss: best.model.history.at(-1)?.loss ?? null, devScore: best.trial.score, trial: best.trial.trial });
  return { options: best.trial.options, metric, score: best.trial.score!, trials, model: best.model, ...(best.trial.quantize ? { quantize: best.trial.quantize } : {}) };
}

/** A trial's result with its model quantized: the dev accuracy is the quantized model's (its top label among the gold ones). */
function quantizedResult(model: ClassifyResult, q: FastTextClassifier, dev: ReturnType<typeof labelledData>): ClassifyResult {
  const classifier = { ...model.classifier, model: q } as SentenceClassifier;
  const r = testClassifier(new Classifier(classifier), dev, { k: 1 });
  const lines = r.examples + r.skipped;
  return Object.assign(new Classifier(classifier), { history: model.history, bestEpoch: model.bestEpoch, trainAccuracy: model.trainAccuracy, devAccuracy: lines ? r.correct / lines : 0, coverage: model.coverage });
}

/** The training data as fastText's lines, to retrain on (labels written with the prefix the model stores, as train-supervised.ts writes them). */
function supervisedLines(d: LabelledData, prefix: string): SupervisedLine[] {
  return d.texts.map((words, i) => ({ words, labels: (d.labelSets?.[i] ?? [d.labels[i]!]).map((l) => prefix + l) }));
}
