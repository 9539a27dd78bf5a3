import { optionError } from '../io/errors.js';
import { COMMON_OPTIONS, MAX_EPOCHS, MAX_THREADS, SEED_OPTION } from '../options/common.js';
import { valueProblem, type OptionDeclaration } from '../options/declare.js';
import { defaultThreads } from '../train/threads.js';
import { DATA_ORDERS, type DataOrder } from './data-order.js';

/** The word2vec architecture: skip-gram (predict the context from a word) or CBOW (a word from its context). */
export type Word2vecModel = 'skipgram' | 'cbow';
/** How word2vec normalizes its predictions: negative sampling, hierarchical softmax or the full softmax. */
export type Word2vecLoss = 'negative' | 'hierarchical' | 'softmax';
/** Every Word2vecModel. */
export const WORD2VEC_MODELS: readonly Word2vecModel[] = ['skipgram', 'cbow'];
/** Every Word2vecLoss. */
export const WORD2VEC_LOSSES: readonly Word2vecLoss[] = ['negative', 'hierarchical', 'softmax'];

/** Training settings; the defaults (WORD2VEC_DEFAULTS) are word2vec's and gensim's, with every core. */
export interface Word2vecOptions {
  model: Word2vecModel;
  loss: Word2vecLoss;
  dim: number;
  window: number;
  /**
   * Negative samples per prediction (with `loss` negative). Default 5 (skip-gram with batched
   * negatives, no subwords and one memory weights them 1.6, `negativeWeight`, and takes `dataOrder`
   * interleaved: its vectors match gensim's on every similarity set, README "Similarity at gensim's level").
   */
  negative: number;
  sample: number;
  minCount: number;
  epochs: number;
  /**
   * Starting learning rate, decayed linearly to ~0 (default 0.025 skip-gram, 0.05 CBOW).
   * @deprecated As an option of trainWord2vec, say `learningRate` (the name every long call uses); `alpha` is still accepted.
   */
  alpha: number;
  threads: number;
  seed: number;
  /**
   * Skip-gram with negative sampling: share one draw of negatives across each window and do
   * the window's updates as small matrix products (Ji et al. 2016). Off: word2vec.c's per-pair updates.
   */
  batchNegatives: boolean;
  /**
   * gensim's rule (default): a pair whose score |uᵀv| reaches 6 makes no update. Off: word2vec.c's
   * rule, σ saturated to 0 or 1 there and the update made. Negative sampling and hierarchical softmax.
   */
  skipSaturated: boolean;
  /**
   * Skip-gram with batched negatives (no subwords): each negative's gradient is multiplied by this
   * weight, so that k negatives weighted w step as k·w negatives would on average, at the cost of
   * k. Default 1.6 for skip-gram with batched negatives, no subwords and one memory (5 negatives
   * stepping as 8: README "Similarity at gensim's level"); 1 (word2vec's update) otherwise.
   */
  negativeWeight: number;
  /**
   * How the threads share the corpus, in chunks of 10,000 ids: `interleaved`, each takes the next
   * chunk in corpus order (as gensim's workers); `contiguous`, each its own contiguous part (of
   * equal ids, word2vec.c's split); `balanced`, contiguous parts cut where the expected work
   * (subsampling, sentence lengths, subword rows) is equal; `shuffled`, the next chunk of a seeded random order drawn each epoch. Not a choice with one
   * thread, where interleaved, contiguous and balanced are the same. Default interleaved for
   * skip-gram with batched negatives, no subwords and one memory (the default model), contiguous
   * with shards (their own schedule), else balanced.
   */
  dataOrder: DataOrder;
  /**
   * fastText's subwords (Bojanowski et al. 2017): each word's input vector is the mean of its own
   * row and the rows of its character n-grams (minn … maxn characters of `<word>`, hashed into
   * `bucket` rows as fastText does), so any word gets a vector. On when minn, maxn or bucket is given.
   */
  subwords: boolean;
  /** Shortest character n-gram with subwords (fastText's default 3). */
  minn: number;
  /** Longest character n-gram with subwords (fastText's default 6). */
  maxn: number;
  /** Rows the n-grams are hashed into with subwords (fastText's default 2,000,000). */
  bucket: number;
  /**
   * Node: the model split over this many WebAssembly memories (each under 4 GiB), trained block by
   * block (sharded-session.ts); skip-gram with negative sampling only. Default 1: one memory.
   */
  shards?: number | undefined;
}

/**
 * word2vec's defaults, the same for the API and the CLI (the CLI reads them from here). CBOW's
 * learning rate is 0.05. Skip-gram with batched negatives, no subwords and one memory (the default
 * model) takes `skipgramNegative` and `skipgramDataOrder` instead of `negative` and `dataOrder`.
 */
export const WORD2VEC_DEFAULTS = {
  model: 'skipgram', loss: 'negative', dim: 100, window: 5, negative: 5, sample: 1e-3, minCount: 5, epochs: 5,
  learningRate: 0.025, cbowLearningRate: 0.05, subwordLearningRate: 0.05, threads: defaultThreads(), seed: 1, batchNegatives: true, skipSaturated: true, dataOrder: 'balanced', shardDataOrder: 'contiguous', negativeWeight: 1,
  skipgramNegative: 5, skipgramDataOrder: 'interleaved', skipgramNegativeWeight: 1.6,
  subwords: false, minn: 3, maxn: 6, bucket: 2_000_000,
} as const;

/** The settings defaultWord2vecOptions reads beyond the model and subwords: the ones that choose skip-gram's batched defaults. */
export interface Word2vecDefaultsFor {
  loss?: Word2vecLoss | undefined;
  batchNegatives?: boolean | undefined;
  shards?: number | undefined;
  /** negatives per window asked for: the weight 1.6 is the default only at the default count */
  negative?: number | undefined;
}

/**
 * The full settings a run uses when it gives none: WORD2VEC_DEFAULTS for `model` (with subwords,
 * fastText's learning rate 0.05); for skip-gram with batched negative sampling, no subwords and one
 * memory (as `given` says), the interleaved data order and, at the default count of negatives, the weight 1.6;
 * else weight 1 and balanced, contiguous with shards (`negative: 7` alone trains 7 unweighted negatives).
 */
export function defaultWord2vecOptions(model: Word2vecModel = 'skipgram', subwords = false, given: Word2vecDefaultsFor = {}): Word2vecOptions {
  const d = WORD2VEC_DEFAULTS;
  const batched = model === 'skipgram' && !subwords && (given.loss ?? d.loss) === 'negative' && (given.batchNegatives ?? d.batchNegatives) && (given.shards ?? 1) <= 1;
  return {
    model, loss: d.loss, dim: d.dim, window: d.window, negative: batched ? d.skipgramNegative : d.negative, sample: d.sample, minCount: d.minCount, epochs: d.epochs,
    alpha: model === 'cbow' ? d.cbowLearningRate : subwords ? d.subwordLearningRate : d.learningRate, threads: d.threads, seed: d.seed, batchNegatives: d.batchNegatives, skipSaturated: d.skipSaturated,
    dataOrder: batched ? d.skipgramDataOrder : (given.shards ?? 1) > 1 ? d.shardDataOrder : d.dataOrder, negativeWeight: batched && (given.negative ?? d.skipgramNegative) === d.skipgramNegative ? d.skipgramNegativeWeight : d.negativeWeight, subwords: d.subwords, minn: d.minn, maxn: d.maxn, bucket: d.bucket,
  };
}

/** The learning rate asked for as `learningRate` or (deprecated) `alpha`; both given must agree. */
export function learningRateOption(o: { learningRate?: number | undefined; alpha?: number | undefined }): number | undefined {
  if (o.learningRate !== undefined && o.alpha !== undefined && o.learningRate !== o.alpha) {
    throw optionError('learningRate', `learningRate ${o.learningRate} and alpha ${o.alpha} (its old name) disagree; give one`);
  }
  return o.learningRate ?? o.alpha;
}

/** Turns `subwords` on when minn, maxn or bucket is given without it (in place); `subwords: false` with them is an error. */
export function impliedSubwords(o: { subwords?: boolean | undefined; minn?: number | undefined; maxn?: number | undefined; bucket?: number | undefined }): void {
  const given = (['minn', 'maxn', 'bucket'] as const).filter((k) => o[k] !== undefined);
  if (given.length === 0 || o.subwords === true) return;
  if (o.subwords === false) throw optionError(given[0]!, `${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} used only with subwords (subwords is false)`, ['subwords']);
  o.subwords = true;
}

/**
 * Largest sizes accepted. They keep the kernels' 32-bit scratch arithmetic exact (the per-thread
 * scratch holds 2·window·dim and 2·window·(negative + 1) floats); whether the model fits in
 * memory is checked separately, against the vocabulary, by `planLayout`.
 */
export const WORD2VEC_LIMITS = { dim: 100_000, window: 1_000, negative: 1_000, threads: MAX_THREADS, epochs: MAX_EPOCHS, minCount: 2 ** 31 - 1, maxn: 100, bucket: 2 ** 31 - 1, shards: 256 } as const;

const D = WORD2VEC_DEFAULTS, L = WORD2VEC_LIMITS;

/** The training settings of word2vec, each with its type, range, default and doc (the CLI's flags are built from them). */
export const WORD2VEC_SETTINGS = {
  model: { type: 'enum', values: WORD2VEC_MODELS, default: D.model, doc: 'the architecture: skipgram (predict the context from a word) or cbow (a word from its context); also named `kind`' },
  loss: { type: 'enum', values: WORD2VEC_LOSSES, default: D.loss, doc: 'negative sampling, hierarchical softmax or the full softmax' },
  dim: { type: 'int', min: 1, max: L.dim, default: D.dim, doc: 'vector size' },
  window: { type: 'int', min: 1, max: L.window, default: D.window, doc: 'maximum context window (shrunk at random per word)' },
  negative: { type: 'int', min: 0, max: L.negative, doc: `negative samples per prediction (default ${D.skipgramNegative} for skip-gram with batched negatives, no subwords and one memory, weighted ${D.skipgramNegativeWeight}: see negativeWeight; else ${D.negative})` },
  sample: { type: 'number', min: 0, max: 1, default: D.sample, doc: 'subsampling threshold for frequent words, a word frequency in [0, 1] (0: off)' },
  minCount: { type: 'int', min: 1, max: L.minCount, default: D.minCount, doc: 'drop words seen fewer times' },
  epochs: { type: 'int', min: 1, max: L.epochs, default: D.epochs, doc: 'passes over the corpus' },
  learningRate: { type: 'number', min: 0, minOpen: true, doc: `starting learning rate, decayed linearly to ~0 (default ${D.learningRate} skip-gram, ${D.cbowLearningRate} CBOW, ${D.subwordLearningRate} skip-gram with subwords: fastText's)` },
  threads: { type: 'int', min: 1, max: L.threads, default: D.threads, defaultText: 'every core', doc: 'worker threads' },
  seed: SEED_OPTION,
  batchNegatives: { type: 'boolean', default: D.batchNegatives, doc: 'skip-gram: one draw of negatives per window, updates as small matrix products (off: word2vec.c\'s per-pair updates)' },
  skipSaturated: { type: 'boolean', default: D.skipSaturated, doc: 'gensim\'s rule: a pair whose score |uᵀv| reaches 6 makes no update (off: word2vec.c\'s)' },
  negativeWeight: { type: 'number', min: 0, minOpen: true, max: 100, doc: `skip-gram with batched negatives: each negative's gradient times this weight (k negatives weighted w step as k·w would on average); default ${D.skipgramNegativeWeight} for skip-gram with batched negatives, no subwords, one memory and the default ${D.skipgramNegative} negatives, else ${D.negativeWeight}` },
  dataOrder: { type: 'enum', values: DATA_ORDERS, doc: `how the threads share the corpus: interleaved (each takes the next 10,000-id chunk in corpus order, as gensim's workers), contiguous (each its own part, of equal ids), balanced (contiguous parts of equal expected work) or shuffled (chunks in a seeded random order each epoch); default ${D.skipgramDataOrder} for skip-gram with batched negatives, no subwords and one memory, ${D.shardDataOrder} with shards, else ${D.dataOrder}` },
  subwords: { type: 'boolean', default: D.subwords, doc: 'fastText\'s subword model: each word is also the sum of its character n-grams (implied by minn, maxn or bucket)' },
  minn: { type: 'int', min: 1, max: L.maxn, default: D.minn, doc: 'subwords: shortest character n-gram' },
  maxn: { type: 'int', min: 1, max: L.maxn, default: D.maxn, doc: 'subwords: longest character n-gram (≥ minn)' },
  bucket: { type: 'int', min: 1, max: L.bucket, default: D.bucket, doc: 'subwords: hash buckets of the n-grams' },
} as const satisfies OptionDeclaration;

/** What a checkpoint is: an object read by readWord2vecCheckpoint. */
const isCheckpoint = (v: unknown): boolean => typeof v === 'object' && v !== null && 'options' in v && 'words' in v;

/** Every option of the browser's trainWord2vec. */
export const WEB_WORD2VEC_OPTIONS = {
  kind: { ...WORD2VEC_SETTINGS.model, doc: 'the architecture, named as the command line names it: the same as `model`' },
  ...WORD2VEC_SETTINGS,
  alpha: { ...WORD2VEC_SETTINGS.learningRate, doc: 'deprecated: the old name of learningRate' },
  ...COMMON_OPTIONS,
  log: { type: 'function', doc: 'called with a line of text as each stage ends' },
} as const satisfies OptionDeclaration;

/** Every option of Node's trainWord2vec (the browser's and the file ones). */
export const WORD2VEC_OPTIONS = {
  ...WEB_WORD2VEC_OPTIONS,
  tmpDir: { type: 'string', doc: 'folder for the temporary encoded corpus (default: the system\'s, TMPDIR)' },
  shards: {
    type: 'int', min: 1, max: WORD2VEC_LIMITS.shards, default: 1,
    doc: 'split the model over this many WebAssembly memories, each under 4 GiB, trained block by block (skip-gram with negative sampling; 1: one memory)',
  },
  checkpoint: {
    type: 'nested', qualified: true, doc: 'save the training state as it goes',
    options: {
      path: { type: 'string', doc: 'the checkpoint file' },
      everySeconds: { type: 'number', min: 0, minOpen: true, default: 60, doc: 'longest time between two checkpoints, in seconds' },
      extra: {
        type: 'value', what: 'an object', doc: 'stored in the checkpoint as given',
        /** Whether the value is an object. */
        check: (v) => typeof v === 'object' && v !== null,
      },
      onWrite: { type: 'function', doc: 'called after each checkpoint is written' },
    },
  },
  resume: {
    type: 'either', doc: 'continue the run saved in this checkpoint (a path or one read by readWord2vecCheckpoint)',
    specs: [{ type: 'string', doc: 'its path' }, {
      type: 'value', what: 'a checkpoint read by readWord2vecCheckpoint', doc: 'the checkpoint',
      /** Whether the value is a checkpoint. */
      check: isCheckpoint,
    }],
  },
} as const satisfies OptionDeclaration;

/** The CLI's spellings of word2vec options (for suggestions): `lr` is the learning rate. */
export const WORD2VEC_ALIASES = { lr: 'learningRate' } as const;

/**
 * Checks every setting's type and range against WORD2VEC_SETTINGS and throws a LexnetError naming
 * the option as the library names it (in the message and its `option` field) and its valid range.
 * The CLI's flags check the same ranges at parse time.
 */
export function validateWord2vecOptions(o: Word2vecOptions): void {
  const { alpha, ...settings } = o;
  for (const [name, value] of Object.entries({ ...settings, learningRate: alpha })) {
    const spec = (WORD2VEC_SETTINGS as OptionDeclaration)[name];
    const problem = spec && valueProblem(spec, value);
    if (problem) throw optionError(name, `${name} ${problem}`);
  }
  if (o.loss === 'negative' && o.negative === 0) throw optionError('negative', 'negative must be ≥ 1 with loss "negative"');
  if (o.negativeWeight !== 1 && !(o.model === 'skipgram' && o.loss === 'negative' && o.batchNegatives && !o.subwords)) {
    throw optionError('negativeWeight', 'negativeWeight is used only by skip-gram with batched negative sampling and no subwords', ['model', 'loss', 'batchNegatives', 'subwords']);
  }
  if (o.subwords && o.maxn < o.minn) throw optionError('maxn', `maxn must be ≥ minn (${o.minn}), got ${o.maxn}`);
}
