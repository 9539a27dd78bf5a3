import type { OptionalOptions } from '../train/optional-options.js';
import { Random } from '../core/random.js';
import { refuseCompressedName } from '../io/compressed-name.js';
import { LexnetError } from '../io/errors.js';
import type { WordVectors } from '../io/word-vectors.js';
import type { TaggedSentence } from '../text/conll.js';
import { TextSurvey, TOKENIZER_OF_CHOICE, WORD_TOKENS, type TextNormalization, type TokenizerChoice } from '../text/tokenize.js';
import { throwIfAborted, Throttle, Ticker, yieldToEventLoop } from '../train/abort.js';
import type { ProgressCallback } from '../train/progress-event.js';
import { conlleval, type ConllevalReport } from './conlleval.js';
import { Lexicon, normalizeWord, prefixOf, suffixOf } from './features.js';
import { trainClaimedBatches, type SharedTrainingData, type EpochSettings } from './epoch.js';
import { trainClaimedSentences, type CrfLayout } from './crf-epoch.js';
import { wordShape } from './word-shape.js';
import { iob2Forbidden, isIob2 } from './transition-constraints.js';
import { DEFAULT_TAGGER_CONFIG, MAX_BATCH, TaggerModel, type TaggerConfig } from './model.js';
import { TAGGER_SETTING_KEYS, type TaggerSettings } from './checkpoint.js';
import { DivergenceError, lossExploded, uniformLoss } from '../train/divergence.js';
import { requireFiniteSetting, requireFiniteVectors, requireFiniteWeights } from '../train/finite-inputs.js';
import { checkSameData, mergeSettings, type DataFingerprint } from '../train/resume-check.js';
import { hashStrings, hashWithArrays } from '#platform/data-hash.js';
import { startWorkers, TAGGER_WORKERS } from '#platform/tagger-threads.js';
import { checkCheckpointPath, loadTaggerCheckpoint, saveTaggerCheckpoint } from '#platform/tagger-checkpoints.js';
import { loadKernelModule } from '../kernels/load.js';
import { Tagger } from './tagger-object.js';
import { TAGGER_ALIASES, TAGGER_CONFIG_OPTIONS, TAGGER_DEFAULTS, TAGGER_OPTIONS } from './options.js';
import { validateOptions } from '../options/declare.js';
import { checkTaggedSentences } from './tagged-input.js';

/** Options of trainTagger; settings left out take TAGGER_DEFAULTS. */
export interface TaggerTrainOptions extends OptionalOptions<TaggerConfig> {
  /**
   * How `tag` splits a string, recorded in the model (the training sentences are tokens already and
   * stay as they are): `ptb` (Treebank: `does n't`, `it 's`), `words` (`tokenize`) or `whitespace`.
   * Default: `ptb` when the training words look Treebank-tokenized (CoNLL-2003 does), else `words`.
   */
  tokenizer?: TokenizerChoice | undefined;
  /** The architecture as one object; its fields may also be given as options of their own (not both, unless equal). */
  config?: OptionalOptions<TaggerConfig> | undefined;
  epochs?: number | undefined;
  batchSize?: number | undefined;
  /** Starting learning rate of SGD, decayed linearly to 10% of it over the epochs. */
  learningRate?: number | undefined;
  /** @deprecated The old name of `learningRate` (still accepted). */
  lr?: number | undefined;
  /** λ of (λ/2)(‖W‖² + ‖U‖²). */
  l2?: number | undefined;
  seed?: number | undefined;
  vectors?: WordVectors | undefined;
  /** Stop after this many epochs without a better dev score; the best model is kept. */
  patience?: number | undefined;
  /** Probability of replacing a word seen once in training by the unknown word, so its vector learns. */
  unknownRate?: number | undefined;
  /** Probability of replacing any word by the unknown word while training (word dropout). */
  wordDropout?: number | undefined;
  /** Input dropout: each entry of the window's feature vector is zeroed with this probability while training. */
  dropout?: number | undefined;
  /** Training threads; more than one trains over shared memory without locks (Hogwild). */
  threads?: number | undefined;
  /** @deprecated No effect: the library never draws a progress bar (the CLI draws one from `onProgress`). */
  quiet?: boolean | undefined;
  /** Called at the end of every epoch with its loss and dev score. */
  onEpoch?: ((e: TaggerEpoch) => void) | undefined;
  /** Progress events: several a second while an epoch trains, and at every epoch's end (with the dev score). */
  onProgress?: ProgressCallback | undefined;
  /** Aborting stops the run promptly (threads end) and the call rejects with an AbortError; a checkpoint already written stays. */
  signal?: AbortSignal | undefined;
  /** Save the training state to this file (atomically) at the end of every epoch. */
  checkpoint?: string | undefined;
  /**
   * Continue the run saved in this checkpoint from where it stopped. Settings left undefined take
   * the checkpoint's values; a setting given with another value, or other data, is refused.
   */
  resume?: string | undefined;
}

/** One epoch of tagger training: mean loss, speed and the dev score. */
export interface TaggerEpoch {
  epoch: number;
  loss: number;
  tokensPerSecond: number;
  dev: ConllevalReport | null;
  /** Entity F1 when tags are IOB chunks, token accuracy otherwise. */
  devScore: number | null;
}

/** A trained tagger (`tag(tokens)`) with its training record. */
export interface TaggerTrainResult extends Tagger {
  model: TaggerModel;
  history: TaggerEpoch[];
  bestEpoch: number;
  vectorsMatched: number;
}

/** Whether tags mark chunks (B-/I-/E-/S- prefixes), so entity F1 is the score to select on. */
export function isChunkTagging(tags: Iterable<string>): boolean {
  for (const t of tags) if (/^[BIES]-/.test(t)) return true;
  return false;
}

/** Tags every sentence and scores against the gold tags (conlleval). */
export function evaluateTagger(model: TaggerModel, data: readonly TaggedSentence[]): ConllevalReport {
  const predicted = data.map((s) => model.tagSentence(s.words));
  return conlleval(goldTags(model, data), predicted);
}

/** evaluateTagger with turns of the event loop while it tags (a dev set takes about a second). */
async function evaluateInTurns(model: TaggerModel, data: readonly TaggedSentence[], ticker: Ticker): Promise<ConllevalReport> {
  const predicted: string[][] = [];
  for (const s of data) {
    predicted.push(model.tagSentence(s.words));
    await ticker.turnIfDue();
  }
  const gold = goldTags(model, data);
  await ticker.turnIfDue();
  return conlleval(gold, predicted);
}

function goldTags(model: TaggerModel, data: readonly TaggedSentence[]): (readonly string[])[] {
  return data.map((s) => (model.config.output === 'sigmoid' ? s.tags.map((t) => (model.label(t) ? `I-${model.config.entityType}` : 'O')) : s.tags));
}

export function selectionScore(r: ConllevalReport, chunked: boolean): number {
  return chunked ? r.overall.f1 : r.tokenAccuracy;
}

export { TAGGER_DEFAULTS } from './options.js';

/** Defaults of the settings a run leaves out (as TaggerSettings names them). */
const DEFAULT_SETTINGS: TaggerSettings = {
  ...DEFAULT_TAGGER_CONFIG, epochs: TAGGER_DEFAULTS.epochs, batchSize: TAGGER_DEFAULTS.batchSize, lr: TAGGER_DEFAULTS.learningRate, l2: TAGGER_DEFAULTS.l2,
  seed: TAGGER_DEFAULTS.seed, patience: TAGGER_DEFAULTS.patience, unknownRate: TAGGER_DEFAULTS.unknownRate, wordDropout: TAGGER_DEFAULTS.wordDropout,
  dropout: TAGGER_DEFAULTS.dropout, threads: TAGGER_DEFAULTS.threads,
};

/** The settings asked for in the options (undefined where left out). */
function askedSettings(o: TaggerTrainOptions): Partial<TaggerSettings> {
  if (o.learningRate !== undefined && o.lr !== undefined && o.learningRate !== o.lr) {
    throw new LexnetError(`learningRate ${o.learningRate} and lr ${o.lr} (its old name) disagree; give one`, { option: 'learningRate' });
  }
  const architecture: Partial<TaggerConfig> = {};
  for (const key of Object.keys(TAGGER_CONFIG_OPTIONS) as (keyof TaggerConfig)[]) {
    const flat = o[key], nested = o.config?.[key];
    if (flat !== undefined && nested !== undefined && flat !== nested) {
      throw new LexnetError(`${key} ${String(flat)} and config.${key} ${String(nested)} disagree; give one`, { option: key });
    }
    if (flat !== undefined || nested !== undefined) (architecture as Record<string, unknown>)[key] = flat ?? nested;
  }
  return {
    ...architecture, epochs: o.epochs, batchSize: o.batchSize, lr: o.learningRate ?? o.lr, l2: o.l2, seed: o.seed, patience: o.patience,
    unknownRate: o.unknownRate, wordDropout: o.wordDropout, dropout: o.dropout, threads: o.threads,
  };
}

function withDefaults(asked: Partial<TaggerSettings>): TaggerSettings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [k, v] of Object.entries(asked)) if (v !== undefined) out[k] = v;
  return out as unknown as TaggerSettings;
}

/** Fingerprints of the data a run trains on, to refuse resuming with other data. */
function dataFingerprints(train: readonly TaggedSentence[], dev: readonly TaggedSentence[] | null, vectors: WordVectors | undefined): DataFingerprint[] {
  const sentences = function* (d: readonly TaggedSentence[]) {
    for (const s of d) { yield s.words.join('\u0001'); yield s.tags.join('\u0001'); }
  };
  return [
    { option: '--train', hash: hashStrings(sentences(train)) },
    { option: '--dev', hash: dev ? hashStrings(sentences(dev)) : null },
    { option: '--vectors', hash: vectors ? hashWithArrays(vectors.words, [vectors.data]) : null },
  ];
}

/** How a tagger trained on these sentences splits a string: the tokenizer asked for, or the one the words look split by (case kept). */
function taggerNormalization(train: readonly TaggedSentence[], tokenizer: TokenizerChoice | undefined): TextNormalization {
  const survey = new TextSurvey();
  if (tokenizer === undefined || tokenizer === 'ptb') for (const s of train) survey.add(s.words);
  const name = tokenizer !== undefined ? TOKENIZER_OF_CHOICE[tokenizer] : survey.treebank ? 'ptb-1' : WORD_TOKENS.tokenizer;
  return name === 'ptb-1' ? { tokenizer: name, lowercase: false, escapes: survey.escapes } : { tokenizer: name, lowercase: false };
}

/**
 * Trains a window tagger with minibatch SGD on the training sentences, scoring the dev
 * sentences after every epoch and keeping the parameters of the best epoch. With `checkpoint`,
 * the training state is saved there after every epoch; `resume` continues a saved run.
 */
export async function trainTagger(train: readonly TaggedSentence[], dev: readonly TaggedSentence[] | null, o: TaggerTrainOptions = {}): Promise<TaggerTrainResult> {
  validateOptions(TAGGER_OPTIONS, o, 'trainTagger', { aliases: TAGGER_ALIASES });
  checkTaggedSentences(train, 'train');
  if (dev !== null) checkTaggedSentences(dev, 'dev');
  const signal = o.signal;
  throwIfAborted(signal);
  if (o.checkpoint !== undefined) {
    refuseCompressedName(o.checkpoint, 'checkpoint');
    checkCheckpointPath(o.checkpoint, 'checkpoint'); // a folder that is missing or read-only fails now, not after the first epoch
  }
  if (train.length === 0) throw new LexnetError('the training data has no sentences');
  if (dev && !dev.some((s) => s.words.length > 0)) throw new LexnetError('dev: no examples');
  if (o.vectors) requireFiniteVectors('vectors', o.vectors);
  const ticker = new Ticker(signal);
  const saved = o.resume ? loadTaggerCheckpoint(o.resume) : null;
  const fingerprints = dataFingerprints(train, dev, o.vectors);
  let settings: TaggerSettings;
  if (saved) {
    if (!o.vectors) fingerprints[2] = saved.data.find((d) => d.option === '--vectors') ?? fingerprints[2]!; // the vocabulary and weights are in the checkpoint
    checkSameData(o.resume!, saved.data, fingerprints);
    settings = mergeSettings(o.resume!, saved.settings, askedSettings(o), TAGGER_SETTING_KEYS);
  } else {
    const asked = askedSettings(o);
    settings = withDefaults(o.vectors && asked.wordDim === undefined ? { ...asked, wordDim: o.vectors.dim } : asked); // wordDim defaults to the vectors'
    if ((o.decoder ?? o.config?.decoder) === undefined && settings.output === 'sigmoid') settings.decoder = 'window'; // one-vs-rest scores are not a tag sequence
  }
  const { epochs, batchSize, lr, l2, seed, patience, unknownRate, wordDropout, dropout } = settings;
  // a page trains on this thread (as word2vec does without cross-origin isolation): no tagger workers there
  const threads = TAGGER_WORKERS ? settings.threads : 1;
  const config: TaggerConfig = {
    window: settings.window, wordDim: settings.wordDim, capsDim: settings.capsDim, affixDim: settings.affixDim, hidden: settings.hidden,
    output: settings.output, entityType: settings.entityType, freezeWords: settings.freezeWords, shapeDim: settings.shapeDim, decoder: settings.decoder,
  };
  requireFiniteSetting('learningRate', lr, true);
  requireFiniteSetting('l2', l2);
  if (!(wordDropout >= 0 && wordDropout < 1)) throw new LexnetError(`wordDropout must be in [0, 1), got ${wordDropout}`, { option: 'wordDropout' });
  if (batchSize > MAX_BATCH) throw new LexnetError(`batchSize must be at most ${MAX_BATCH}, got ${batchSize}`, { option: 'batchSize' });
  const counts = new Map<string, number>();
  for (const s of train) {
    for (const w of s.words) { const n = normalizeWord(w); counts.set(n, (counts.get(n) ?? 0) + 1); }
    if (ticker.due()) await ticker.tick();
  }
  let words: Lexicon, prefixes: Lexicon, suffixes: Lexicon, shapes: Lexicon, tags: string[];
  if (saved) {
    [words, prefixes, suffixes, shapes, tags] = [Lexicon.from(saved.words), Lexicon.from(saved.prefixes), Lexicon.from(saved.suffixes), Lexicon.from(saved.shapes), saved.tags];
  } else {
    words = new Lexicon(); prefixes = new Lexicon(); suffixes = new Lexicon(); shapes = new Lexicon();
    const tagSet = new Set<string>();
    for (const s of train) {
      s.words.forEach((w) => {
        words.add(normalizeWord(w));
        prefixes.add(prefixOf(w));
        suffixes.add(suffixOf(w));
        if (config.shapeDim) shapes.add(wordShape(w));
      });
      s.tags.forEach((t) => tagSet.add(t));
      if (ticker.due()) await ticker.tick();
    }
    if (o.vectors) {
      for (const w of o.vectors.words) {
        words.add(normalizeWord(w));
        if (ticker.due()) await ticker.tick();
      }
    }
    tags = [...tagSet].sort((a, b) => (a === 'O' ? -1 : b === 'O' ? 1 : a < b ? -1 : 1));
  }
  if (tags.length < 2) throw new LexnetError(`the training data has only one tag (${tags[0]}); a tagger needs two or more`);
  if (config.output === 'sigmoid' && !tags.some((t) => t.endsWith(`-${config.entityType}`))) {
    if (config.entityType === undefined) throw new LexnetError('output sigmoid needs entityType, the entity type to detect (such as PER)', { option: 'entityType', mentions: ['output'] });
    throw new LexnetError(`no training tag marks the entity type "${config.entityType}" (tags: ${tags.join(' ')})`, { option: 'entityType' });
  }
  await loadKernelModule({ shared: threads > 1 }); // compiled before the model's constructor asks for it (a page compiles asynchronously)
  const model = new TaggerModel(config, words, prefixes, suffixes, tags, threads > 1 ? threads : 0, shapes);
  model.text = taggerNormalization(train, o.tokenizer);
  const rng = new Random(seed);
  const crf = model.decoder === 'crf';
  let vectorsMatched: number;
  if (saved) {
    if (saved.params.length !== model.parameterCount) throw new LexnetError(`${o.resume}: the checkpoint holds ${saved.params.length} parameters but its settings make ${model.parameterCount}; it is damaged`);
    requireFiniteWeights(o.resume!, [['params', saved.params], ...(saved.bestParams ? [['bestParams', saved.bestParams] as const] : [])]);
    model.params().set(saved.params);
    rng.setState(saved.rng);
    vectorsMatched = saved.vectorsMatched;
  } else {
    for (const _ of model.initializeInSlices(rng)) await ticker.turnIfDue(); // model.initialize
    if (crf && isIob2(train.map((s) => s.tags))) model.forbidTransitions(iob2Forbidden(tags));
    vectorsMatched = o.vectors ? model.loadVectors(o.vectors) : 0;
  }
  const CF = config.window * model.F;
  let tokens = 0;
  for (const s of train) tokens += s.words.length;
  const sab = (bytes: number) => (threads > 1 ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const data: SharedTrainingData = {
    windows: new Int32Array(sab(tokens * CF * 4)), labels: new Int32Array(sab(tokens * 4)), sentenceStarts: new Int32Array(sab((train.length + 1) * 4)),
    singleton: new Uint8Array(sab(words.size)), order: new Int32Array(sab((crf ? train.length : tokens) * 4)), steps: new Int32Array(sab(4)), cursor: new Int32Array(sab(4)),
  };
  for (const [w, c] of counts) if (c === 1) data.singleton[words.id(w)] = 1;
  let tok = 0;
  for (const [i, s] of train.entries()) {
    data.sentenceStarts[i] = tok;
    const e = model.encode(s.words);
    for (let t = 0; t < e.length; t++, tok++) {
      model.window(e, t, data.windows, tok * CF);
      data.labels[tok] = model.label(s.tags[t]!);
    }
    if (ticker.due()) await ticker.tick();
  }
  data.sentenceStarts[train.length] = tok;
  data.steps[0] = saved?.steps ?? 0;
  const epochSettings: EpochSettings = {
    window: config.window, features: model.F, decoder: model.decoder, batchSize, lr, l2, unknownRate, wordDropout, dropout,
    totalSteps: epochs * (crf ? train.length : Math.ceil(tokens / batchSize)),
  };
  const kernelRng = saved?.kernelRng != null ? BigInt(saved.kernelRng) : BigInt(seed) * 1000003n;
  throwIfAborted(signal);
  const runner = threads > 1 ? await startWorkers(model, data, epochSettings, threads, seed, signal) : inlineRunner(model, data, epochSettings, rng, kernelRng, signal);
  const chunked = isChunkTagging(tags);
  const history: TaggerEpoch[] = saved ? [...saved.history] : [];
  let best = saved?.best ? { ...saved.best, params: saved.bestParams } : { score: -Infinity, epoch: 0, params: null as Float32Array | null };
  let finished = saved?.finished ?? false;
  const throttle = new Throttle(100);
  const progress = (epoch: number, fraction: number, fields: { loss: number | null; tokensPerSecond?: number; devScore?: number | null }): void => {
    const step = Math.min(data.steps[0]!, epochSettings.totalSteps);
    o.onProgress?.({
      task: 'tagger', stage: 'training', epoch, epochs, fraction, learningRate: lr * (1 - 0.9 * Math.min(1, step / epochSettings.totalSteps)), ...fields,
    });
  };
  let lastLoss: number | null = history.at(-1)?.loss ?? null;
  try {
    for (let epoch = (saved?.epochsDone ?? 0) + 1; !finished && epoch <= epochs; epoch++) {
      data.order.set(rng.permutation(data.order.length));
      Atomics.store(data.cursor, 0, 0);
      const start = performance.now();
      const lossSum = await runner.epoch(epoch, (partialLoss) => {
        if (!o.onProgress || !throttle.ready()) return;
        const at = Math.min(tokens, Atomics.load(data.cursor, 0));
        const seconds = (performance.now() - start) / 1000;
        progress(epoch, (epoch - 1 + at / tokens) / epochs, { loss: partialLoss ?? lastLoss, tokensPerSecond: at / Math.max(seconds, 1e-9) });
      });
      if (!Number.isFinite(lossSum)) throw new DivergenceError({ epoch, loss: lossSum, rate: lr, l2, defaultRate: TAGGER_DEFAULTS.learningRate });
      // the loss per token starts near a uniform guess's (ln 2 per one-vs-rest output, ln T over T tags); far above it, the weights are exploding
      const startLoss = uniformLoss(config.output === 'sigmoid' ? 2 : tags.length);
      if (lossExploded(lossSum / tokens, startLoss)) throw new DivergenceError({ epoch, loss: lossSum / tokens, rate: lr, l2, defaultRate: TAGGER_DEFAULTS.learningRate, start: startLoss });
      const seconds = (performance.now() - start) / 1000;
      await ticker.tick();
      const report = dev ? await evaluateInTurns(model, dev, ticker) : null;
      const devScore = report ? selectionScore(report, chunked) : null;
      const rec: TaggerEpoch = { epoch, loss: lossSum / tokens, tokensPerSecond: tokens / seconds, dev: report, devScore };
      history.push(rec);
      lastLoss = rec.loss;
      o.onEpoch?.(rec);
      throttle.ready(true);
      progress(epoch, epoch / epochs, { loss: rec.loss, tokensPerSecond: rec.tokensPerSecond, devScore });
      let stop = false;
      if (devScore !== null) {
        if (devScore > best.score) best = { score: devScore, epoch, params: (await ticker.copies([model.params()]))[0]! };
        else if (epoch - best.epoch >= patience) stop = true;
      }
      finished = stop || epoch === epochs;
      if (o.checkpoint) {
        saveTaggerCheckpoint(o.checkpoint, {
          settings, data: fingerprints, words: words.items, prefixes: prefixes.items, suffixes: suffixes.items, shapes: shapes.items, tags,
          epochsDone: epoch, finished, steps: data.steps[0]!, rng: rng.getState(), kernelRng: runner.kernelRng()?.toString() ?? null,
          best: best.params ? { score: best.score, epoch: best.epoch } : null, history, vectorsMatched,
          params: model.params(), bestParams: best.params,
        });
      }
      await yieldToEventLoop(signal);
    }
  } finally {
    await runner.close();
  }
  if (best.params) model.params().set(best.params);
  o.onProgress?.({ task: 'tagger', stage: 'done', epoch: history.at(-1)?.epoch ?? epochs, epochs, fraction: 1, loss: history.at(-1)?.loss ?? null, devScore: history.at(-1)?.devScore ?? null });
  return Object.assign(new Tagger(model), { history, bestEpoch: best.params ? best.epoch : history.length, vectorsMatched });
}

/** How an epoch is trained: inline on this thread, or by Hogwild workers (src/node/tagger-threads.ts). */
export interface EpochRunner {
  /**
   * Trains epoch `epoch` on data.order and resolves with the summed loss; calls `tick` every
   * few milliseconds meanwhile (with the mean loss so far when it is known), and rejects when the signal aborts.
   */
  epoch(epoch: number, tick: (meanLoss: number | null) => void): Promise<number>;
  /** The dropout generator's state when one thread trains (threads reseed every epoch instead). */
  kernelRng(): bigint | null;
  close(): Promise<void>;
}

/** Batches trained between two turns of the event loop when training on the main thread. */
const INLINE_BATCHES = 64;

function inlineRunner(model: TaggerModel, data: SharedTrainingData, settings: EpochSettings, rng: Random, kernelRng: bigint, signal?: AbortSignal): EpochRunner {
  const k = model.instance(model.memory, model.workers);
  k.taggerSeed(kernelRng);
  const io = model.buffers[model.workers]!;
  const units = data.order.length; // sentences (crf) or tokens (window)
  const crf: CrfLayout = { tags: model.T, start: model.start, transitions: model.transitions };
  return {
    epoch: async (_epoch, tick) => {
      let sum = 0;
      // the same batches in the same order as one call would train: bit-identical, with turns of the event loop between
      // (crf: sentences claimed INLINE_BATCHES at a time, each call ending its last batch)
      while (Atomics.load(data.cursor, 0) < units) {
        const part = settings.decoder === 'crf'
          ? trainClaimedSentences(k, model.memory, io, data, settings, crf, rng, INLINE_BATCHES)
          : trainClaimedBatches(k, model.memory, io, data, settings, rng, INLINE_BATCHES);
        sum += part;
        if (!Number.isFinite(part)) return part;
        tick(sum / Math.max(1, Math.min(units, Atomics.load(data.cursor, 0))));
        await yieldToEventLoop(signal);
      }
      return sum;
    },
    kernelRng: () => BigInt.asUintN(64, k.taggerRngState()),
    close: async () => {},
  };
}
