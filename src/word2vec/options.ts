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
