import { LexnetError, optionError } from '../io/errors.js';
import { defaultThreads } from '../train/threads.js';

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
}

/** word2vec's defaults, the same for the API and the CLI (the CLI reads them from here). CBOW's learning rate is 0.05. */
export const WORD2VEC_DEFAULTS = {
  model: 'skipgram', loss: 'negative', dim: 100, window: 5, negative: 5, sample: 1e-3, minCount: 5, epochs: 5,
  learningRate: 0.025, cbowLearningRate: 0.05, threads: defaultThreads(), seed: 1, batchNegatives: true, skipSaturated: true,
  subwords: false, minn: 3, maxn: 6, bucket: 2_000_000,
} as const;

/** The full settings a run uses when it gives none: WORD2VEC_DEFAULTS for `model`. */
export function defaultWord2vecOptions(model: Word2vecModel = 'skipgram'): Word2vecOptions {
  const d = WORD2VEC_DEFAULTS;
  return {
    model, loss: d.loss, dim: d.dim, window: d.window, negative: d.negative, sample: d.sample, minCount: d.minCount, epochs: d.epochs,
    alpha: model === 'cbow' ? d.cbowLearningRate : d.learningRate, threads: d.threads, seed: d.seed, batchNegatives: d.batchNegatives, skipSaturated: d.skipSaturated,
    subwords: d.subwords, minn: d.minn, maxn: d.maxn, bucket: d.bucket,
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
export const WORD2VEC_LIMITS = { dim: 100_000, window: 1_000, negative: 1_000, threads: 256, epochs: 100_000, minCount: 2 ** 31 - 1, maxn: 100, bucket: 2 ** 31 - 1 } as const;

/**
 * Checks every setting's range and throws a LexnetError naming the option as the library names
 * it (in the message and its `option` field) and its valid range. The CLI checks the same ranges at parse time.
 */
export function validateWord2vecOptions(o: Word2vecOptions): void {
  const L = WORD2VEC_LIMITS;
  const bad = (option: string, what: string): never => { throw optionError(option, what); };
  const whole = (name: string, v: number, min: number, max: number): void => {
    if (!(Number.isInteger(v) && v >= min && v <= max)) bad(name, `${name} must be a whole number in [${min}, ${max}], got ${v}`);
  };
  if (!WORD2VEC_MODELS.includes(o.model)) bad('model', `model must be one of ${WORD2VEC_MODELS.join(', ')}, got "${String(o.model)}"`);
  if (!WORD2VEC_LOSSES.includes(o.loss)) bad('loss', `loss must be one of ${WORD2VEC_LOSSES.join(', ')}, got "${String(o.loss)}"`);
  whole('dim', o.dim, 1, L.dim);
  whole('window', o.window, 1, L.window);
  whole('negative', o.negative, 0, L.negative);
  if (o.loss === 'negative' && o.negative === 0) bad('negative', 'negative must be ≥ 1 with loss "negative"');
  whole('epochs', o.epochs, 1, L.epochs);
  whole('threads', o.threads, 1, L.threads);
  whole('minCount', o.minCount, 1, L.minCount);
  if (!(Number.isFinite(o.alpha) && o.alpha > 0)) bad('learningRate', `learningRate must be a number > 0, got ${o.alpha}`);
  if (!(Number.isFinite(o.sample) && o.sample >= 0)) bad('sample', `sample must be a number ≥ 0, got ${o.sample}`);
  if (!(Number.isInteger(o.seed) && o.seed >= 0)) bad('seed', `seed must be a whole number ≥ 0, got ${o.seed}`);
  if (o.subwords) {
    whole('minn', o.minn, 1, L.maxn);
    whole('maxn', o.maxn, 1, L.maxn);
    if (o.maxn < o.minn) bad('maxn', `maxn must be ≥ minn (${o.minn}), got ${o.maxn}`);
    whole('bucket', o.bucket, 1, L.bucket);
  }
}
