import { LexnetError } from '../io/errors.js';
import type { WordVectors } from '../io/word-vectors.js';
import { unsupervisedArgs, type FastTextArgs } from './args.js';
import { ENTRY_WORD } from './dictionary.js';
import type { FastTextModel } from './model-file.js';

/** What a fastText model made from word vectors records besides the vectors. */
export interface VectorsModelOptions {
  /** Each word's count in the training data (most frequent first); by default descending 1s-based ranks (V, V − 1, … 1). */
  counts?: ArrayLike<number>;
  /** The output matrix (words × dim, word2vec's context vectors); zeros by default. */
  output?: Float32Array;
  /** Training settings to record (dim, bucket, minn and maxn are those of the vectors: no subwords). */
  args?: Partial<FastTextArgs>;
}

/**
 * An unsupervised fastText model holding word vectors without subwords (bucket 0, maxn 0): what
 * lexnet's word2vec vectors are until it trains subwords. fastText and gensim read it; both
 * give each vocabulary word its vector and refuse (fastText: zeros) words outside it.
 */
export function vectorsModel(vectors: WordVectors, options: VectorsModelOptions = {}): FastTextModel {
  const { words, dim } = vectors;
  if (words.length === 0) throw new LexnetError('cannot write a fastText model without words');
  if (vectors.index.size !== words.length) throw new LexnetError('cannot write a fastText model: a word occurs twice in the vectors');
  const counts = Array.from(options.counts ?? words.map((_, i) => words.length - i));
  if (counts.length !== words.length) throw new LexnetError(`${counts.length} counts for ${words.length} words`);
  const output = options.output ?? new Float32Array(words.length * dim);
  return {
    args: unsupervisedArgs({ minCount: 1, ...options.args, dim, bucket: 0, minn: 0, maxn: 0 }),
    dictionary: {
      entries: words.map((word, i) => ({ word, count: counts[i]!, type: ENTRY_WORD })),
      nwords: words.length,
      nlabels: 0,
      ntokens: counts.reduce((s, c) => s + c, 0),
      pruneIndex: null,
    },
    input: { rows: words.length, cols: dim, data: vectors.data },
    output: { rows: words.length, cols: dim, data: output },
  };
}
