import { LexnetError } from '../io/errors.js';

export type Word2vecModel = 'skipgram' | 'cbow';
export type Word2vecLoss = 'negative' | 'hierarchical' | 'softmax';
export const WORD2VEC_MODELS: readonly Word2vecModel[] = ['skipgram', 'cbow'];
export const WORD2VEC_LOSSES: readonly Word2vecLoss[] = ['negative', 'hierarchical', 'softmax'];

/** Training settings; the defaults are word2vec's and gensim's. */
export interface Word2vecOptions {
  model: Word2vecModel;
  loss: Word2vecLoss;
  dim: number;
  window: number;
  negative: number;
  sample: number;
  minCount: number;
  epochs: number;
  /** Starting learning rate, decayed linearly to ~0 (default 0.025 skip-gram, 0.05 CBOW). */
  alpha: number;
  threads: number;
  seed: number;
  /**
   * Skip-gram with negative sampling: share one draw of negatives across each window and do
   * the window's updates as small matrix products (Ji et al. 2016). Off: word2vec.c's per-pair updates.
   */
  batchNegatives: boolean;
}

export function defaultWord2vecOptions(model: Word2vecModel = 'skipgram'): Word2vecOptions {
  return {
    model, loss: 'negative', dim: 100, window: 5, negative: 5, sample: 1e-3, minCount: 5, epochs: 5,
    alpha: model === 'cbow' ? 0.05 : 0.025, threads: 1, seed: 1, batchNegatives: true,
  };
}

/**
 * Largest sizes accepted. They keep the kernels' 32-bit scratch arithmetic exact (the per-thread
 * scratch holds 2·window·dim and 2·window·(negative + 1) floats); whether the model fits in
 * memory is checked separately, against the vocabulary, by `planLayout`.
 */
export const WORD2VEC_LIMITS = { dim: 100_000, window: 1_000, negative: 1_000, threads: 256, epochs: 100_000, minCount: 2 ** 31 - 1 } as const;

/**
 * Checks every setting's range and throws a LexnetError naming the option (without the `--`,
 * as the library's options are named) and its valid range. The CLI checks the same ranges at parse time.
 */
export function validateWord2vecOptions(o: Word2vecOptions): void {
  const L = WORD2VEC_LIMITS;
  const bad = (what: string): never => { throw new LexnetError(what); };
  const whole = (name: string, v: number, min: number, max: number): void => {
    if (!(Number.isInteger(v) && v >= min && v <= max)) bad(`${name} (--${name}) must be a whole number in [${min}, ${max}], got ${v}`);
  };
  if (!WORD2VEC_MODELS.includes(o.model)) bad(`model (--kind) must be one of ${WORD2VEC_MODELS.join(', ')}, got "${String(o.model)}"`);
  if (!WORD2VEC_LOSSES.includes(o.loss)) bad(`loss (--loss) must be one of ${WORD2VEC_LOSSES.join(', ')}, got "${String(o.loss)}"`);
  whole('dim', o.dim, 1, L.dim);
  whole('window', o.window, 1, L.window);
  whole('negative', o.negative, 0, L.negative);
  if (o.loss === 'negative' && o.negative === 0) bad('negative (--negative) must be ≥ 1 with loss "negative"');
  whole('epochs', o.epochs, 1, L.epochs);
  whole('threads', o.threads, 1, L.threads);
  if (!(Number.isInteger(o.minCount) && o.minCount >= 1 && o.minCount <= L.minCount)) bad(`minCount (--min-count) must be a whole number in [1, ${L.minCount}], got ${o.minCount}`);
  if (!(Number.isFinite(o.alpha) && o.alpha > 0)) bad(`alpha (--alpha) must be a number > 0, got ${o.alpha}`);
  if (!(Number.isFinite(o.sample) && o.sample >= 0)) bad(`sample (--sample) must be a number ≥ 0, got ${o.sample}`);
  if (!(Number.isInteger(o.seed) && o.seed >= 0)) bad(`seed (--seed) must be a whole number ≥ 0, got ${o.seed}`);
}
