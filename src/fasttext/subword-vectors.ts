import { WordVectors } from '../io/word-vectors.js';
import type { RowSource } from './row-source.js';
import { subwordBuckets, type SubwordSettings } from './subwords.js';

/**
 * Word vectors with fastText's subwords: the vocabulary's vectors (each the mean of the word's
 * own row and its character n-gram rows, as fastText's `getWordVector`), plus the n-gram bucket
 * rows, so that `vector` answers for any word: a word outside the vocabulary gets the mean of its
 * n-gram rows (zeros when it has none, as fastText prints). Neighbour searches (`mostSimilar`,
 * `analogy`) rank the vocabulary's words, as fastText's `nn` and `analogies` do.
 */
export class SubwordVectors extends WordVectors {
  constructor(
    words: readonly string[],
    dim: number,
    data: Float32Array,
    index: Map<string, number> | undefined,
    /** minn, maxn, bucket (and the prune index of a pruned model). */
    readonly subwords: SubwordSettings,
    /** The bucket rows (bucket × dim), in memory or read from the file when asked for. */
    readonly buckets: RowSource,
  ) {
    super(words, dim, data, index);
  }

  override get hasSubwords(): boolean {
    return true;
  }

  /** The word's vector: its row when it is in the vocabulary (a view), else composed from its n-grams. */
  override vector(word: string): Float32Array {
    return super.vector(word) ?? this.subwordVector(word);
  }

  /** The mean of the rows of the word's character n-grams, ignoring the vocabulary (zeros when it has none). */
  subwordVector(word: string): Float32Array {
    const ids = subwordBuckets(word, this.subwords);
    const sum = new Float64Array(this.dim);
    for (const id of ids) {
      const r = this.buckets.row(id);
      for (let j = 0; j < this.dim; j++) sum[j]! += r[j]!;
    }
    const out = new Float32Array(this.dim);
    if (ids.length > 0) for (let j = 0; j < this.dim; j++) out[j] = sum[j]! / ids.length;
    return out;
  }
}

/**
 * Turns each vocabulary row of `data` (a word's own input row) into the word's vector, in place:
 * the mean of its own row and its n-gram rows (fastText's `getWordVector` for a known word).
 * `words` are the rows' words, or their bytes when those are not UTF-8.
 */
export function composeWordVectors(words: readonly (string | Uint8Array)[], dim: number, data: Float32Array, subwords: SubwordSettings, buckets: RowSource): void {
  const sum = new Float64Array(dim);
  words.forEach((word, i) => {
    const ids = subwordBuckets(word, subwords);
    if (ids.length === 0) return;
    const own = data.subarray(i * dim, (i + 1) * dim);
    for (let j = 0; j < dim; j++) sum[j] = own[j]!;
    for (const id of ids) {
      const r = buckets.row(id);
      for (let j = 0; j < dim; j++) sum[j]! += r[j]!;
    }
    const n = ids.length + 1;
    for (let j = 0; j < dim; j++) own[j] = sum[j]! / n;
  });
}
