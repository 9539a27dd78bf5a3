import { Matrix } from '../core/matrix.js';
import { Random } from '../core/random.js';
import { oneHot } from '../io/dataset.js';
import { refuseCompressedName } from '../io/compressed-name.js';
import { LexnetError, optionError } from '../io/errors.js';
import { Standardizer } from '../io/standardizer.js';
import type { WordVectors } from '../io/word-vectors.js';
import { buildNetwork } from '../models/model-spec.js';
import type { Network } from '../models/network.js';
import type { LabelledData } from '../text/labelled.js';
export type { LabelledExample, LabelledInput } from './labelled-input.js';
import { accuracy, predictedClasses } from '../train/metrics.js';
import { fit } from '../train/trainer.js';
import { averageVectors, type AveragedFeatures } from './averaged-features.js';
import { BagOfNgrams, countNgrams, ngramIds, vocabularyOfCounts, withPretrainedWords } from './bag-of-ngrams.js';
import { labelIndices, predictIndices, type ClassifierKind, type SentenceClassifier } from './classifier.js';
import type { ClassifierShape, ClassifyCheckpoint, ClassifySettings, FasttextRun } from './checkpoint.js';
import { checkCheckpointPath, loadClassifierCheckpoint, saveClassifierCheckpoint } from '#platform/classifier-checkpoints.js';
import { CLASSIFY_SETTING_KEYS } from './setting-keys.js';
import { CLASSIFIER_DEFAULTS, CLASSIFY_ALIASES, CLASSIFY_OPTIONS } from './options.js';
import { renamedValue, shown, validateOptions, valueProblem } from '../options/declare.js';
import { DivergenceError, lossExploded, uniformLoss } from '../train/divergence.js';
import { requireFiniteSetting, requireFiniteVectors, requireFiniteWeights } from '../train/finite-inputs.js';
import { stepsInTurns, throwIfAborted, Throttle, Ticker } from '../train/abort.js';
import type { ProgressCallback, ProgressEvent } from '../train/progress-event.js';
import { labelledSteps, normalizationSteps, type LabelledInput } from './labelled-input.js';
import { WHITESPACE_TOKENS, type TokenizerChoice } from '../text/tokenize.js';
import { Classifier } from './classifier-object.js';
import { checkSameData, mergeSettings, type DataFingerprint } from '../train/resume-check.js';
import { hashStrings, hashWithArrays } from '#platform/data-hash.js';
import { trainSupervisedClassifier, trainSupervisedIndexed } from './train-supervised.js';
import type { LabelledIds } from '../text/labelled-ids.js';
import type { SupervisedOnlyOptions } from '../fasttext/supervised-options.js';

/** Options of trainClassifier and sweepL2; settings left out take CLASSIFIER_DEFAULTS (those of SupervisedOnlyOptions: kind supervised only). */
export interface ClassifyOptions extends SupervisedOnlyOptions {
  /** The kind of classifier (default fasttext, or the checkpoint's with `resume`); the command line's `--kind`. */
  kind?: ClassifierKind | undefined;
  /** The same as `kind` (its old name). */
  model?: ClassifierKind | undefined;
  /** Word vectors: the features of `average`/`mlp`, the initial embeddings of `fasttext`. */
  vectors?: WordVectors | undefined;
  /** λ of (λ/2)‖W‖² on the output (and hidden) weight matrices. */
  l2?: number | undefined;
  epochs?: number | undefined;
  /** Starting learning rate: SGD's for fasttext (decayed linearly to 0), Adam's for average/mlp. */
  learningRate?: number | undefined;
  /** @deprecated The old name of `learningRate` (still accepted). */
  lr?: number | undefined;
  /** Lower-case every token, at training and (recorded in the model) at prediction (default: true when no training token has an upper-case letter). */
  lowercase?: boolean | undefined;
  /**
   * How strings, and lines read from files, are split, recorded in the model and applied at prediction:
   * `ptb` (Treebank: `it 's`, `does n't`, `-lrb-`), `words` (`tokenize`) or `whitespace`. Default:
   * `words` for strings given in code; for data read from a file, `ptb` when it looks Treebank-tokenized, else `whitespace`.
   */
  tokenizer?: TokenizerChoice | undefined;
  /** fastText embedding size when no vectors are given. */
  dim?: number | undefined;
  bigrams?: boolean | undefined;
  hidden?: number[] | undefined;
  /** fasttext: words of the vectors file outside the training texts to add to the vocabulary (default 100,000). */
  pretrainedWords?: number | undefined;
  /** fasttext: each n-gram of a text is left out of its average with this probability while training (word dropout). */
  dropout?: number | undefined;
  patience?: number | undefined;
  seed?: number | undefined;
  /** @deprecated No effect: the library never draws a progress bar (the CLI draws one from `onProgress`). */
  quiet?: boolean | undefined;
  /** Progress events: several a second while training, and at every epoch's end (sweeps: with the λ being trained). */
  onProgress?: ProgressCallback | undefined;
  /** Aborting stops the run at the next example or minibatch; the call rejects with an AbortError. */
  signal?: AbortSignal | undefined;
  /** Called after every epoch (before its checkpoint is written). */
  onEpoch?: ((e: ClassifyEpoch) => void) | undefined;
  /** Save the training state to this file (atomically) at the end of every epoch (sweeps: fasttext only). */
  checkpoint?: string | undefined;
  /**
   * Continue the run saved in this checkpoint from where it stopped. Settings left
   * undefined take the checkpoint's values; a setting given with another value, or other data, is refused.
   */
  resume?: string | undefined;
}

/** One epoch of classifier training: mean loss and the training and dev accuracy. */
export interface ClassifyEpoch {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  devAccuracy: number | null;
}

/** A trained classifier (`predict(text)`, `predictBatch(texts)`) with its training record. */
export interface ClassifyResult extends Classifier {
  classifier: SentenceClassifier;
  history: ClassifyEpoch[];
  bestEpoch: number;
  trainAccuracy: number;
  devAccuracy: number | null;
  /** Coverage of the word vectors over the training texts (average/mlp). */
  coverage: { tokens: number; unknownTokens: number; emptySentences: number } | null;
  /** Kind supervised with a dev set: each dev text's most probable label (an index into `labels`), as the kernels found it when they counted `devAccuracy`. */
  devPredictions?: Int32Array | undefined;
}

export { CLASSIFIER_DEFAULTS } from './options.js';

/** Where a run's progress goes: the sweep point it is part of, if any. */
interface ProgressScope {
  send: ProgressCallback | undefined;
  point?: { l2: number; point: number; points: number };
  throttle: Throttle;
}

function scopeOf(o: ClassifyOptions): ProgressScope {
  return { send: o.onProgress, throttle: new Throttle(100) };
}

/** Sends a training event for a run at `fraction` of its epochs (scaled into its sweep point). */
function report(scope: ProgressScope, e: Omit<ProgressEvent, 'task' | 'stage'>, force = false): void {
  if (!scope.send || !scope.throttle.ready(force)) return;
  const p = scope.point;
  const fraction = p ? (p.point + e.fraction) / p.points : e.fraction;
  scope.send({ task: 'classifier', stage: 'training', ...e, fraction, ...(p ?? {}) });
}

/** The options with the kind of classifier as `model` (given as `kind` or `model`, which must agree). */
function withKind(o: ClassifyOptions): ClassifyOptions {
  const { kind: _kind, ...rest } = o;
  const model = renamedValue<ClassifierKind>(o, 'kind', 'model');
  return model === undefined ? rest : { ...rest, model };
}

/** NaN or ∞ in a setting or the vectors would "diverge" and be blamed on the learning rate: refused before training. */
function checkFiniteOptions(o: ClassifyOptions): void {
  const lr = learningRateOf(o);
  if (lr !== undefined) requireFiniteSetting('learningRate', lr, true);
  if (o.l2 !== undefined) requireFiniteSetting('l2', o.l2);
  if (o.vectors) requireFiniteVectors('vectors', o.vectors);
}

/** A checkpoint's weights must be finite (the averaged models' are checked by fit when it resumes). */
function checkFiniteCheckpoint(path: string, c: ClassifyCheckpoint): void {
  const runs = [['run', c.run], ['sweep best run', c.sweep?.bestRun ?? null]] as const;
  for (const [name, r] of runs) {
    if (r) requireFiniteWeights(path, [...r.params.map((a, i) => [`${name} params[${i}]`, a] as const), ...r.bestParams.map((a, i) => [`${name} bestParams[${i}]`, a] as const)]);
  }
  if (c.averaged) requireFiniteWeights(path, c.averaged.fit.params.map((a, i) => [`params[${i}]`, a] as const));
}

/** Checks that `learningRate` and its old name `lr` agree, and gives the one set. */
function learningRateOf(o: ClassifyOptions): number | undefined {
  if (o.learningRate !== undefined && o.lr !== undefined && o.learningRate !== o.lr) {
    throw new LexnetError(`learningRate ${o.learningRate} and lr ${o.lr} (its old name) disagree; give one`, { option: 'learningRate' });
  }
  return o.learningRate ?? o.lr;
}

/**
 * Trains a sentence classifier on `train`, choosing the epoch by accuracy on `dev` (or the last
 * epoch without dev). Labels are the training set's, sorted. Data: LabelledData (readLabelled),
 * or an array of `{ text, label }` (text: a string split at white space, or its tokens).
 */
export async function trainClassifier(trainInput: LabelledInput, devInput: LabelledInput | null, o: ClassifyOptions = {}): Promise<ClassifyResult> {
  validateOptions(CLASSIFY_OPTIONS, o, 'trainClassifier', { aliases: CLASSIFY_ALIASES });
  o = withKind(o);
  throwIfAborted(o.signal);
  if (o.checkpoint !== undefined) {
    refuseCompressedName(o.checkpoint, 'checkpoint');
    checkCheckpointPath(o.checkpoint, 'checkpoint'); // a folder that is missing or read-only fails now, not after the first epoch
  }
  checkFiniteOptions(o);
  // the texts split and normalised as the model will record, with turns of the event loop (Treebank tokens take ~20 µs a text)
  const ticker = new Ticker(o.signal);
  const n = await stepsInTurns(normalizationSteps(trainInput, o), ticker);
  const train = await stepsInTurns(labelledSteps(trainInput, 'train', n), ticker);
  const dev = devInput ? await stepsInTurns(labelledSteps(devInput, 'dev', n), ticker) : null;
  const result = await trainOne(train, dev, o, scopeOf(o));
  o.onProgress?.({ task: 'classifier', stage: 'done', epoch: result.bestEpoch, epochs: result.history.length, fraction: 1, loss: result.history.at(-1)?.loss ?? null, devScore: result.devAccuracy });
  return result;
}

/**
 * trainClassifier with kind supervised on a training file read into numbered lines
 * (`readLabelledIds`, its texts split already as its `normalization` says): the same checks and
 * the same model as from the file read by `readLabelled`, without a string per token.
 */
export async function trainSupervisedFile(train: LabelledIds, devInput: LabelledInput | null, o: ClassifyOptions = {}): Promise<ClassifyResult> {
  validateOptions(CLASSIFY_OPTIONS, o, 'trainClassifier', { aliases: CLASSIFY_ALIASES });
  o = withKind(o);
  throwIfAborted(o.signal);
  if (o.checkpoint !== undefined || o.resume !== undefined) throw new LexnetError('kind supervised (fastText\'s model) does not take `checkpoint`; it applies to the other kinds', { option: 'checkpoint', mentions: ['kind'] });
  checkFiniteOptions(o);
  const dev = devInput ? await stepsInTurns(labelledSteps(devInput, 'dev', train.normalization), new Ticker(o.signal)) : null;
  checkIndexed(train, dev);
  const result = await trainSupervisedIndexed(train, dev, { ...o, model: 'supervised' });
  o.onProgress?.({ task: 'classifier', stage: 'done', epoch: result.bestEpoch, epochs: result.history.length, fraction: 1, loss: result.history.at(-1)?.loss ?? null, devScore: result.devAccuracy });
  return result;
}

/** checkData for a file read into numbered lines. */
function checkIndexed(train: LabelledIds, dev: LabelledData | null): void {
  const x = train.indexed;
  if (!x) throw new LexnetError(`${train.name}: these lines were trained on already (read the file again)`);
  if (x.wordOffsets.length === 1) throw new LexnetError(`${train.name}: no examples`);
  if (dev && dev.texts.length === 0) throw new LexnetError(`${dev.name}: no examples`);
  if (x.wordIds.length === 0) throw new LexnetError(`${train.name}: no example has any words`);
}

async function trainOne(train: LabelledData, dev: LabelledData | null, o: ClassifyOptions, scope: ProgressScope): Promise<ClassifyResult> {
  checkData(train, dev);
  if (o.model === 'supervised') return trainSupervisedClassifier(train, dev, o);
  const saved = o.resume ? loadClassifierCheckpoint(o.resume) : null;
  if (saved) checkFiniteCheckpoint(o.resume!, saved);
  if (saved?.sweep) throw new LexnetError(`${o.resume}: cannot resume: this is the checkpoint of an l2 sweep; resume it with \`sweepL2\``, { mentions: ['l2', 'sweepL2'] });
  if (saved) mergeSettings(o.resume!, saved.settings, { model: o.model }, CLASSIFY_SETTING_KEYS);
  const kind = o.model ?? saved?.settings.model ?? 'fasttext';
  if (kind === 'supervised') throw new LexnetError(`${o.resume}: a checkpoint of kind supervised cannot exist (fastText's model trains without checkpoints)`);
  if (kind !== 'fasttext') return trainAveraged(train, dev, { ...o, model: kind }, saved, scope);
  const ctx = await fasttextContext(train, dev, o, saved, scope);
  const save = (run: FasttextRun): void => {
    if (o.checkpoint) saveClassifierCheckpoint(o.checkpoint, { settings: ctx.settings, data: ctx.data, shape: ctx.shape, run, sweep: null, averaged: null });
  };
  return (await runFasttext(ctx, ctx.settings.l2 ?? 0, saved?.run ?? null, save)).result;
}

/** A checkpoint's settings, and whether it holds an --l2 sweep (resume it with sweepL2) rather than a single run. */
export function classifierCheckpointSettings(path: string): ClassifySettings & { sweep: boolean } {
  const c = loadClassifierCheckpoint(path);
  return { ...c.settings, sweep: c.sweep !== null };
}

function checkData(train: LabelledData, dev: LabelledData | null): void {
  if (train.texts.length === 0) throw new LexnetError(`${train.name}: no examples`);
  if (dev && dev.texts.length === 0) throw new LexnetError(`${dev.name}: no examples`);
  if (train.texts.every((t) => t.length === 0)) throw new LexnetError(`${train.name}: no example has any words`);
}

/** The training data's way of writing labels (`__label__`), kept so predictions are printed the same way. */
function prefixOf(train: LabelledData): { labelPrefix?: string } {
  return train.labelPrefix ? { labelPrefix: train.labelPrefix } : {};
}

function trainingLabels(train: LabelledData): string[] {
  const labels = [...new Set(train.labels)].sort();
  if (labels.length < 2) throw new LexnetError(`${train.name}: only one label (${labels[0]}); a classifier needs two or more`);
  return labels;
}

function refuseCheckpoints(kind: ClassifierKind, o: ClassifyOptions): void {
  if (o.checkpoint || o.resume) throw new LexnetError(`\`sweepL2\` with \`kind\` ${kind} cannot be checkpointed (\`checkpoint\` and \`resume\` work with single runs of every kind, and with sweeps of \`kind\` fasttext)`, { option: 'checkpoint', mentions: ['sweepL2', 'kind', 'resume'] });
}

/** Settings of an average/mlp run, with their defaults. */
function averagedSettings(o: ClassifyOptions, kind: 'average' | 'mlp'): ClassifySettings {
  const d = CLASSIFIER_DEFAULTS[kind];
  const settings: ClassifySettings = { ...FASTTEXT_DEFAULTS, model: kind, epochs: d.epochs, lr: d.learningRate, patience: d.patience };
  for (const [k, v] of Object.entries(askedSettings(o))) if (v !== undefined) (settings as unknown as Record<string, unknown>)[k] = v;
  settings.hidden = kind === 'mlp' ? o.hidden ?? [...CLASSIFIER_DEFAULTS.mlp.hidden] : [];
  return settings;
}

/**
 * Softmax regression (average) or an MLP on the standardized average of each text's word vectors,
 * trained by `fit` with Adam; with `checkpoint`, fit's state is saved after every epoch.
 */
async function trainAveraged(train: LabelledData, dev: LabelledData | null, o: ClassifyOptions & { model: 'average' | 'mlp' }, saved: ClassifyCheckpoint | null, scope: ProgressScope): Promise<ClassifyResult> {
  const vectors = o.vectors;
  const data = dataFingerprints(train, dev, vectors);
  let settings: ClassifySettings;
  if (saved) {
    checkSameData(o.resume!, saved.data, data); // the vectors too: they are the features, not in the checkpoint
    settings = mergeSettings(o.resume!, saved.settings, askedSettings(o), CLASSIFY_SETTING_KEYS);
    if (!saved.averaged) throw new LexnetError(`${o.resume}: a damaged classifier checkpoint (no ${o.model} run in it)`);
  } else {
    settings = averagedSettings(o, o.model);
  }
  if (!vectors) throw new LexnetError(`kind ${o.model} needs vectors: its features are averaged word embeddings`, { option: 'vectors', mentions: ['kind'] });
  const labels = saved ? saved.shape.labels : trainingLabels(train);
  const y = labelIndices({ labels }, train.labels);
  const devY = dev ? labelIndices({ labels }, dev.labels) : null;
  const ticker = new Ticker(o.signal);
  const feats = await averagesInSlices(vectors, train.texts, ticker);
  const scaler = Standardizer.fit(feats.x);
  const x = scaler.transform(feats.x);
  await ticker.turnIfDue();
  const devX = dev ? scaler.transform((await averagesInSlices(vectors, dev.texts, ticker)).x) : null;
  await ticker.turnIfDue();
  const hidden = settings.hidden;
  const net = buildNetwork({ kind: o.model === 'mlp' ? 'mlp' : 'softmax', inputs: x.cols, outputs: labels.length, hidden, activation: 'relu', loss: 'cross-entropy' }, new Random(settings.seed));
  const resume = saved?.averaged ?? null;
  if (resume) {
    const sizes = net.params().map((p) => p.value.data.length);
    const fits = (list: readonly Float64Array[] | null, copies: number): boolean => list === null || (list.length === sizes.length * copies && list.every((a, i) => a.length === sizes[Math.floor(i / copies)]));
    if (!fits(resume.fit.params, 1) || !fits(resume.fit.best.weights, 1) || !fits(resume.fit.optimizer.arrays, 2)) {
      throw new LexnetError(`${o.resume}: a damaged classifier checkpoint (its weights do not fit a ${o.model} network of ${vectors.dim} inputs)`);
    }
  }
  const history: ClassifyEpoch[] = resume ? [...resume.history] : [];
  const known = devY ? Array.from(devY).map((v, i) => [v, i] as const).filter(([v]) => v >= 0).map(([, i]) => i) : [];
  const validation = devX && devY && known.length ? { x: devX.selectRows(known), target: oneHot(known.map((i) => devY[i]!), labels.length) } : undefined;
  const shape: ClassifierShape = { labels, vocabulary: [], dim: vectors.dim, hidden: hidden[0] ?? 0, bigrams: false };
  const res = await fit(net, x, oneHot(y, labels.length), {
    epochs: settings.epochs, learningRate: settings.lr, optimizer: 'adam', batchSize: 32, l2: settings.l2 ?? 0, seed: settings.seed,
    validation, patience: settings.patience, signal: o.signal,
    onProgress: (e) => {
      if (e.stage !== 'training') return;
      const last = history.at(-1);
      report(scope, { epoch: e.epoch, epochs: e.epochs, fraction: e.fraction, loss: e.loss, learningRate: e.learningRate, examplesPerSecond: e.examplesPerSecond, devScore: last?.devAccuracy ?? null }, e.fraction === e.epoch / e.epochs);
    },
    onEpoch: async (e) => {
      const rec: ClassifyEpoch = {
        epoch: e.epoch, loss: e.loss,
        trainAccuracy: accuracy(await classesInSlices(net, x, ticker), y),
        devAccuracy: devX && devY ? accuracy(await classesInSlices(net, devX, ticker), devY) : null,
      };
      history.push(rec);
      o.onEpoch?.(rec);
    },
    resume: resume?.fit,
    onState: o.checkpoint ? (state) => saveClassifierCheckpoint(o.checkpoint!, { settings, data, shape, run: null, sweep: null, averaged: { fit: state, history } }) : undefined,
  });
  const classifier: SentenceClassifier = { kind: o.model, labels, vectors, scaler, net, hidden, ...prefixOf(train) };
  return finish(classifier, history, res.bestEpoch, train, dev, y, devY, feats, ticker);
}

/** averageVectors, a slice of texts at a time with turns of the event loop between (each row is its text's alone). */
async function averagesInSlices(vectors: WordVectors, texts: readonly (readonly string[])[], ticker: Ticker): Promise<AveragedFeatures> {
  const all: AveragedFeatures = { x: new Matrix(texts.length, vectors.dim), tokens: 0, unknownTokens: 0, emptySentences: 0 };
  const step = PREDICT_SLICE * 8;
  for (let i = 0; i < texts.length; i += step) {
    const part = averageVectors(vectors, texts.slice(i, i + step));
    all.x.data.set(part.x.data, i * vectors.dim);
    all.tokens += part.tokens;
    all.unknownTokens += part.unknownTokens;
    all.emptySentences += part.emptySentences;
    await ticker.turnIfDue();
  }
  return all;
}

/** predictedClasses(net.predict(x)), a slice of rows at a time with turns of the event loop between (rows are independent). */
async function classesInSlices(net: Network, x: Matrix, ticker: Ticker): Promise<Int32Array> {
  const out = new Int32Array(x.rows);
  for (let i = 0; i < x.rows; i += PREDICT_SLICE * 8) {
    const rows = Int32Array.from({ length: Math.min(x.rows, i + PREDICT_SLICE * 8) - i }, (_, k) => i + k);
    out.set(predictedClasses(net.predict(x.selectRows(rows))), i);
    await ticker.turnIfDue();
  }
  return out;
}

/** Everything a fastText run needs that does not depend on λ. */
interface FasttextContext {
  settings: ClassifySettings;
  data: DataFingerprint[];
  shape: ClassifierShape;
  train: LabelledData;
  dev: LabelledData | null;
  y: Int32Array;
  devY: Int32Array | null;
  index: Map<string, number>;
  ids: Int32Array[];
  vectors: WordVectors | undefined;
  onEpoch: ((e: ClassifyEpoch) => void) | undefined;
  scope: ProgressScope;
  signal: AbortSignal | undefined;
  /** The turns of the event loop of the run (the same for every λ of a sweep). */
  ticker: Ticker;
}

/** Weights drawn between two clock reads while initialising. */
const INIT_SLICE = 1 << 16;

const FASTTEXT_DEFAULTS: ClassifySettings = {
  model: 'fasttext', epochs: CLASSIFIER_DEFAULTS.fasttext.epochs, lr: CLASSIFIER_DEFAULTS.fasttext.learningRate, l2: CLASSIFIER_DEFAULTS.l2,
  dim: CLASSIFIER_DEFAULTS.dim, bigrams: CLASSIFIER_DEFAULTS.bigrams, hidden: [], pretrainedWords: CLASSIFIER_DEFAULTS.pretrainedWords,
  dropout: CLASSIFIER_DEFAULTS.dropout, patience: CLASSIFIER_DEFAULTS.fasttext.patience, seed: CLASSIFIER_DEFAULTS.seed,
};

function askedSettings(o: ClassifyOptions): Partial<ClassifySettings> {
  return {
    model: o.model, epochs: o.epochs, lr: learningRateOf(o), l2: o.l2, dim: o.dim, bigrams: o.bigrams, hidden: o.hidden, pretrainedWords: o.pretrainedWords,
    dropout: o.dropout, patience: o.patience, seed: o.seed,
  };
}

function dataFingerprints(train: LabelledData, dev: LabelledData | null, vectors: WordVectors | undefined): DataFingerprint[] {
  const texts = function* (d: LabelledData) {
    for (let i = 0; i < d.texts.length; i++) { yield d.texts[i]!.join('\u0001'); yield d.labels[i]!; }
  };
  return [
    { option: '--train', hash: hashStrings(texts(train)) },
    { option: '--dev', hash: dev ? hashStrings(texts(dev)) : null },
    { option: '--vectors', hash: vectors ? hashWithArrays(vectors.words, [vectors.data]) : null },
  ];
}

/** Settings, data checks, vocabulary and encoded texts of a fastText run, fresh or resumed (with turns of the event loop). */
async function fasttextContext(train: LabelledData, dev: LabelledData | null, o: ClassifyOptions, saved: ClassifyCheckpoint | null, scope: ProgressScope): Promise<FasttextContext> {
  const ticker = new Ticker(o.signal, 25, 256); // (256 training steps between two clock reads)
  const data = dataFingerprints(train, dev, o.vectors);
  let settings: ClassifySettings, shape: ClassifierShape;
  if (saved) {
    if (!o.vectors) data[2] = saved.data.find((d) => d.option === '--vectors') ?? data[2]!; // the vocabulary and weights are in the checkpoint
    checkSameData(o.resume!, saved.data, data);
    settings = mergeSettings(o.resume!, saved.settings, askedSettings(o), CLASSIFY_SETTING_KEYS);
    shape = saved.shape;
  } else {
    const asked = askedSettings(o);
    settings = { ...FASTTEXT_DEFAULTS };
    for (const [k, v] of Object.entries(asked)) if (v !== undefined) (settings as unknown as Record<string, unknown>)[k] = v;
    const counts = new Map<string, number>();
    for (const t of train.texts) { // ngramVocabulary, with turns of the event loop
      countNgrams(counts, t, settings.bigrams);
      if (ticker.due()) await ticker.tick();
    }
    const trained = vocabularyOfCounts(counts);
    const vocabulary = o.vectors ? withPretrainedWords(trained, o.vectors, settings.pretrainedWords) : trained;
    shape = { labels: trainingLabels(train), vocabulary, dim: o.vectors?.dim ?? settings.dim, hidden: settings.hidden[0] ?? 0, bigrams: settings.bigrams };
  }
  await ticker.turnIfDue();
  const index = new Map<string, number>();
  for (const [i, g] of shape.vocabulary.entries()) {
    index.set(g, i);
    if (ticker.due()) await ticker.tick();
  }
  const y = labelIndices(shape, train.labels);
  const ids: Int32Array[] = [];
  for (const t of train.texts) {
    ids.push(ngramIds(t, shape.bigrams, index));
    if (ticker.due()) await ticker.tick();
  }
  return {
    settings, data, shape, train, dev, y, devY: dev ? labelIndices(shape, dev.labels) : null, index,
    ids, vectors: o.vectors, onEpoch: o.onEpoch, scope, signal: o.signal, ticker,
  };
}

/**
 * Trains (or continues, from `resume`) one fastText model with λ = l2 by SGD, one example at a
 * time, with fastText's linear decay of the rate; `onRun` gets the state after every epoch.
 */
async function runFasttext(ctx: FasttextContext, l2: number, resume: FasttextRun | null, onRun?: (r: FasttextRun) => void): Promise<{ result: ClassifyResult; run: FasttextRun }> {
  const { settings: s, shape, ids, y, devY, train, dev } = ctx;
  const rng = new Random(s.seed);
  const model = new BagOfNgrams(shape.vocabulary, shape.dim, shape.labels.length, shape.hidden);
  const params = (): Float64Array[] => [model.E, model.W1, model.b1, model.W, model.b];
  if (resume) {
    params().forEach((a, i) => a.set(resume.params[i]!));
    rng.setState(resume.rng);
  } else {
    for (let i = 0; i < model.E.length; i += INIT_SLICE) { // model.initialize, with turns of the event loop
      model.initializeEmbeddings(rng, i, Math.min(model.E.length, i + INIT_SLICE));
      await ctx.ticker.turnIfDue();
    }
    model.initializeHidden(rng);
    if (ctx.vectors) model.loadVectors(ctx.vectors, ctx.index);
  }
  const classifier: SentenceClassifier = { kind: 'fasttext', labels: shape.labels, model, index: ctx.index, bigrams: shape.bigrams, ...prefixOf(train) };
  const { epochs, lr, dropout } = s;
  const work = model.workspace();
  const history: ClassifyEpoch[] = resume ? [...resume.history] : [];
  const ticker = ctx.ticker;
  const snapshot = () => ticker.copies(params()); // tens of megabytes with large vocabularies: in slices
  let best = resume ? { ...resume.best, params: resume.bestParams } : { acc: -1, epoch: 0, params: await snapshot() };
  const steps = epochs * ids.length;
  let step = resume?.step ?? 0;
  let run = resume;
  for (let epoch = (resume?.epochsDone ?? 0) + 1; !run?.finished && epoch <= epochs; epoch++) {
    let loss = 0, seen = 0;
    const start = performance.now();
    for (const i of rng.permutation(ids.length)) {
      const rate = lr * (1 - step++ / steps); // fastText's linear decay to 0
      const l = model.sgdStep(dropout > 0 ? dropSome(ids[i]!, dropout, rng) : ids[i]!, y[i]!, rate, l2, work);
      if (!Number.isFinite(l)) throw new DivergenceError({ epoch, loss: l, rate: lr, l2, defaultRate: CLASSIFIER_DEFAULTS.fasttext.learningRate });
      loss += l;
      seen++;
      if (ticker.due()) {
        await ticker.tick();
        report(ctx.scope, {
          epoch, epochs, fraction: step / steps, loss: loss / seen, learningRate: lr * (1 - step / steps),
          examplesPerSecond: seen / ((performance.now() - start) / 1000), devScore: history.at(-1)?.devAccuracy ?? null,
        });
      }
    }
    // the loss per text starts near a uniform guess's, ln C; far above it, the weights are exploding
    const startLoss = uniformLoss(shape.labels.length);
    if (lossExploded(loss / ids.length, startLoss)) throw new DivergenceError({ epoch, loss: loss / ids.length, rate: lr, l2, defaultRate: CLASSIFIER_DEFAULTS.fasttext.learningRate, start: startLoss });
    const rec: ClassifyEpoch = {
      epoch, loss: loss / ids.length, trainAccuracy: accuracy(await predictInSlices(classifier, train.texts, ticker), y),
      devAccuracy: dev && devY ? accuracy(await predictInSlices(classifier, dev.texts, ticker), devY) : null,
    };
    history.push(rec);
    ctx.onEpoch?.(rec);
    report(ctx.scope, { epoch, epochs, fraction: step / steps, loss: rec.loss, learningRate: lr * (1 - step / steps), devScore: rec.devAccuracy }, true);
    const score = rec.devAccuracy ?? rec.trainAccuracy;
    let stop = false;
    if (score > best.acc || !dev) best = { acc: score, epoch, params: await snapshot() };
    else if (epoch - best.epoch >= s.patience) stop = true;
    run = {
      l2, epochsDone: epoch, finished: stop || epoch === epochs, step, rng: rng.getState(), best: { acc: best.acc, epoch: best.epoch },
      history, params: params(), bestParams: best.params,
    };
    onRun?.(run);
    await ticker.tick();
  }
  await ticker.setAll(params(), best.params);
  const bestParams = await snapshot(); // a finished run needs only its best weights: stored once
  return { result: await finish(classifier, history, best.epoch, train, dev, y, devY, null, ticker), run: { ...run!, params: bestParams, bestParams, history: [...history] } };
}

/** The ids with each one left out with probability p (at least one kept). */
function dropSome(ids: Int32Array, p: number, rng: Random): Int32Array {
  const kept = ids.filter(() => rng.next() >= p);
  return kept.length ? kept : ids.subarray(0, 1);
}

/**
 * The classes predictIndices gives, computed a slice of texts at a time with turns of the event
 * loop between (an evaluation of a large set takes seconds); each text's prediction is independent of the others.
 */
async function predictInSlices(classifier: SentenceClassifier, texts: readonly (readonly string[])[], ticker: Ticker): Promise<Int32Array> {
  const out = new Int32Array(texts.length);
  for (let i = 0; i < texts.length; i += PREDICT_SLICE) {
    out.set(predictIndices(classifier, texts.slice(i, i + PREDICT_SLICE)), i);
    await ticker.turnIfDue();
  }
  return out;
}

/** Texts predicted between two clock reads while evaluating. */
const PREDICT_SLICE = 256;

async function finish(classifier: SentenceClassifier, history: ClassifyEpoch[], bestEpoch: number, train: LabelledData, dev: LabelledData | null,
  y: Int32Array, devY: Int32Array | null, coverage: ClassifyResult['coverage'], ticker: Ticker): Promise<ClassifyResult> {
  classifier.text = train.normalization ?? WHITESPACE_TOKENS; // how predict splits a string, as the training texts were split
  return Object.assign(new Classifier(classifier), {
    history, bestEpoch,
    trainAccuracy: accuracy(await predictInSlices(classifier, train.texts, ticker), y),
    devAccuracy: dev && devY ? accuracy(await predictInSlices(classifier, dev.texts, ticker), devY) : null,
    coverage: coverage ? { tokens: coverage.tokens, unknownTokens: coverage.unknownTokens, emptySentences: coverage.emptySentences } : null,
  });
}

/** One λ of an L2 sweep and the accuracies it reached. */
export interface SweepPoint {
  l2: number;
  trainAccuracy: number;
  devAccuracy: number;
}

/** λ values of the regularization sweep: 0 and a log grid from 1e-6 to 1 in half decades. */
export const L2_GRID: readonly number[] = [0, ...Array.from({ length: 13 }, (_, i) => Number((10 ** (-6 + i / 2)).toPrecision(3)))];

/**
 * Trains one model per λ and picks the λ with the best dev accuracy (ties: the larger λ). With
 * `checkpoint` (fasttext), the finished points and the run in progress are saved after every
 * epoch, and `resume` skips the points already done.
 */
export async function sweepL2(trainInput: LabelledInput, devInput: LabelledInput, o: ClassifyOptions = {}, grid: readonly number[] = L2_GRID, onPoint?: (p: SweepPoint) => void): Promise<{ points: SweepPoint[]; best: ClassifyResult; bestL2: number }> {
  validateOptions(CLASSIFY_OPTIONS, o, 'sweepL2', { aliases: CLASSIFY_ALIASES });
  o = withKind(o);
  if (!Array.isArray(grid)) throw new LexnetError(`\`sweepL2\`: the grid must be a list of λ values, got ${shown(grid)}`, { option: 'sweepL2', mentions: ['l2'] });
  for (const l2 of grid as unknown[]) {
    const problem = valueProblem(CLASSIFY_OPTIONS.l2, l2); // each λ of the grid is an l2
    if (problem !== null) throw optionError('l2', `l2 ${problem} (in the grid of \`sweepL2\`)`, ['sweepL2']);
  }
  if (onPoint !== undefined && typeof onPoint !== 'function') throw new LexnetError(`\`sweepL2\`: onPoint must be a function, got ${shown(onPoint)}`, { option: 'sweepL2' });
  throwIfAborted(o.signal);
  if (o.checkpoint !== undefined) refuseCompressedName(o.checkpoint, 'checkpoint');
  checkFiniteOptions(o);
  const ticker = new Ticker(o.signal);
  const n = await stepsInTurns(normalizationSteps(trainInput, o), ticker);
  const train = await stepsInTurns(labelledSteps(trainInput, 'train', n), ticker), dev = await stepsInTurns(labelledSteps(devInput, 'dev', n), ticker);
  checkData(train, dev);
  grid.forEach((l2) => requireFiniteSetting('l2', l2));
  const scope = scopeOf(o);
  const at = (i: number): ProgressScope => { scope.point = { l2: grid[i]!, point: i, points: grid.length }; scope.throttle.ready(true); scope.throttle = new Throttle(100); return scope; };
  const saved = o.resume ? loadClassifierCheckpoint(o.resume) : null;
  if (saved) checkFiniteCheckpoint(o.resume!, saved);
  if (saved && !saved.sweep) throw new LexnetError(`${o.resume}: cannot resume: this is the checkpoint of a single run, not of an l2 sweep; resume it without \`sweepL2\``, { mentions: ['l2', 'sweepL2'] });
  if (saved) mergeSettings(o.resume!, saved.settings, { model: o.model }, CLASSIFY_SETTING_KEYS);
  const kind = o.model ?? saved?.settings.model ?? 'fasttext';
  if (kind === 'supervised') throw new LexnetError('`sweepL2` does not apply to kind supervised (fastText\'s model has no l2)', { option: 'kind', mentions: ['sweepL2', 'l2'] });
  if (kind !== 'fasttext') refuseCheckpoints(kind, o);
  if (o.checkpoint !== undefined) checkCheckpointPath(o.checkpoint, 'checkpoint'); // a folder that is missing or read-only fails now, not after the first epoch
  const points: SweepPoint[] = saved ? [...saved.sweep!.points] : [];
  points.forEach((p) => onPoint?.(p));
  if (kind !== 'fasttext') {
    let best: { result: ClassifyResult; l2: number } | null = null;
    for (const [i, l2] of grid.entries()) {
      const result = await trainOne(train, dev, { ...o, l2 }, at(i));
      const p = { l2, trainAccuracy: result.trainAccuracy, devAccuracy: result.devAccuracy! };
      points.push(p);
      onPoint?.(p);
      if (!best || p.devAccuracy >= best.result.devAccuracy!) best = { result, l2 };
    }
    o.onProgress?.({ task: 'classifier', stage: 'done', epoch: best!.result.bestEpoch, epochs: best!.result.history.length, fraction: 1, loss: best!.result.history.at(-1)?.loss ?? null, devScore: best!.result.devAccuracy, l2: best!.l2, point: grid.length - 1, points: grid.length });
    return { points, best: best!.result, bestL2: best!.l2 };
  }
  const ctx = await fasttextContext(train, dev, { ...o, l2: undefined }, saved, scope);
  ctx.settings.l2 = null;
  if (saved && JSON.stringify(saved.sweep!.grid) !== JSON.stringify(grid)) throw new LexnetError(`${o.resume}: cannot resume: the checkpoint's sweep grid (${saved.sweep!.grid.join(', ')}) is not this run's (${grid.join(', ')})`);
  let bestRun = saved?.sweep!.bestRun ?? null, bestL2 = saved?.sweep!.bestL2 ?? null;
  let best = bestRun ? (await runFasttext(ctx, bestRun.l2, bestRun)).result : null;
  const save = (run: FasttextRun | null): void => {
    if (o.checkpoint) saveClassifierCheckpoint(o.checkpoint, { settings: ctx.settings, data: ctx.data, shape: ctx.shape, run, sweep: { grid: [...grid], points, bestL2, bestRun }, averaged: null });
  };
  for (let i = points.length; i < grid.length; i++) {
    const l2 = grid[i]!;
    const resumeRun = saved?.run && saved.run.l2 === l2 && i === saved.sweep!.points.length ? saved.run : null;
    at(i);
    const { result, run } = await runFasttext(ctx, l2, resumeRun, save);
    const p = { l2, trainAccuracy: result.trainAccuracy, devAccuracy: result.devAccuracy! };
    points.push(p);
    onPoint?.(p);
    if (!best || p.devAccuracy >= best.devAccuracy!) { best = result; bestL2 = l2; bestRun = run; }
    save(null);
  }
  if (!best) {
    if (points.length === 0) throw new LexnetError('`sweepL2`: the grid of λ values is empty', { option: 'sweepL2' });
    throw new LexnetError(`${o.resume}: a damaged classifier checkpoint (its sweep has points but no best run)`);
  }
  o.onProgress?.({ task: 'classifier', stage: 'done', epoch: best.bestEpoch, epochs: best.history.length, fraction: 1, loss: best.history.at(-1)?.loss ?? null, devScore: best.devAccuracy, l2: bestL2!, point: grid.length - 1, points: grid.length });
  return { points, best, bestL2: bestL2! };
}
