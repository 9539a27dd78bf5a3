import { LOSS, MODEL, unsupervisedArgs } from './args.js';
import { ENTRY_WORD } from './dictionary.js';
import type { FastTextModel } from './model-file.js';
import type { SparseRowsMatrix } from './sparse-rows-matrix.js';

/** What a word2vec run with subwords trained, as fastText's `.bin` stores it. */
export interface TrainedSubwordModel {
  words: readonly string[];
  /** Each word's count in the corpus (most frequent first). */
  counts: ArrayLike<number>;
  dim: number;
  /** (words + bucket) × dim: the words' own rows, then the n-gram buckets' (fastText's input matrix), laid out or as its non-zero rows. */
  input: Float32Array | SparseRowsMatrix;
  /** words × dim: the output vectors (negative sampling, softmax) or the Huffman tree's inner nodes (hierarchical softmax). */
  output: Float32Array;
  settings: { model: 'skipgram' | 'cbow'; loss: 'negative' | 'hierarchical' | 'softmax'; window: number; epochs: number; minCount: number; negative: number; sample: number; minn: number; maxn: number; bucket: number };
}

/**
 * The unsupervised fastText model of a lexnet word2vec run with subwords: its dictionary (the
 * vocabulary, without fastText's `</s>`), both matrices and the settings it was trained with, so
 * that fastText (`print-word-vectors`, `nn`) and gensim load it and compose the same vectors.
 */
export function trainedSubwordModel(t: TrainedSubwordModel): FastTextModel {
  const { words, dim, settings: s } = t;
  const counts = Array.from(t.counts);
  return {
    args: unsupervisedArgs({
      dim, ws: s.window, epoch: s.epochs, minCount: s.minCount, neg: s.negative,
      loss: s.loss === 'negative' ? LOSS.ns : s.loss === 'hierarchical' ? LOSS.hs : LOSS.softmax,
      model: s.model === 'cbow' ? MODEL.cbow : MODEL.sg, bucket: s.bucket, minn: s.minn, maxn: s.maxn, t: s.sample,
    }),
    dictionary: {
      entries: words.map((word, i) => ({ word, count: counts[i]!, type: ENTRY_WORD })),
      nwords: words.length,
      nlabels: 0,
      ntokens: counts.reduce((a, c) => a + c, 0),
      pruneIndex: null,
    },
    input: t.input instanceof Float32Array ? { rows: words.length + s.bucket, cols: dim, data: t.input } : t.input,
    output: { rows: words.length, cols: dim, data: t.output },
  };
}
