// The input rows of a word2vec run with fastText's subwords: which rows each word is made of,
// which n-gram buckets are laid out, and the trained rows turned into fastText's model.
import type { FastTextModel } from '../fasttext/model-file.js';
import { SparseRowsMatrix } from '../fasttext/sparse-rows-matrix.js';
import { SubwordVectors } from '../fasttext/subword-vectors.js';
import { subwordBuckets, type SubwordSettings } from '../fasttext/subwords.js';
import { trainedSubwordModel } from '../fasttext/trained-model.js';
import type { Word2vecOptions } from './options.js';

/** Each word's rows in syn0 (its own, then one per n-gram), and the bucket of each laid-out n-gram row. */
export interface SubwordRowIds {
  /** Word w's rows are ids[offsets[w] .. offsets[w + 1]) (V + 1 values). */
  offsets: Int32Array;
  ids: Int32Array;
  /** Row V + k of syn0 is bucket used[k]. */
  used: Int32Array;
}

/**
 * Each word's input rows with subwords: its own, then one per n-gram (fastText's `getSubwords`).
 * Only the buckets some word's n-grams hash to are ever trained, so only those are laid out:
 * bucket `used[k]` is row V + k of syn0, numbered in order of first use along the vocabulary
 * (most frequent words first, so the rows trained most often sit together in memory).
 */
export function subwordRows(words: readonly string[], s: SubwordSettings): SubwordRowIds {
  const V = words.length, offsets = new Int32Array(V + 1), lists: number[][] = [];
  const rowOf = new Map<number, number>(), used: number[] = [];
  words.forEach((w, i) => {
    const list = [i];
    for (const b of subwordBuckets(w, s)) {
      let k = rowOf.get(b);
      if (k === undefined) { k = used.length; rowOf.set(b, k); used.push(b); }
      list.push(V + k);
    }
    lists.push(list);
    offsets[i + 1] = offsets[i]! + list.length;
  });
  const ids = new Int32Array(offsets[V]!);
  lists.forEach((l, i) => ids.set(l, offsets[i]!));
  return { offsets, ids, used: Int32Array.from(used) };
}

/** The settings of a run with subwords. */
export function subwordSettings(o: Pick<Word2vecOptions, 'minn' | 'maxn' | 'bucket'>): SubwordSettings {
  return { minn: o.minn, maxn: o.maxn, bucket: o.bucket };
}

/**
 * fastText's input matrix, (V + bucket) × dim, from syn0's V + used.length rows: the words'
 * rows, each used bucket's row in its place, and zeros for the buckets no word's n-grams hash to
 * (never trained; fastText leaves them at their random start, noise in unseen words' vectors).
 * Held as the trained rows (a SparseRowsMatrix: 2 M buckets × dim 100 would be 800 MB laid out).
 */
export function subwordInputMatrix(syn0: Float32Array, V: number, dim: number, bucket: number, used: Int32Array): SparseRowsMatrix {
  const at = new Int32Array(V + used.length);
  for (let w = 0; w < V; w++) at[w] = w;
  for (let k = 0; k < used.length; k++) at[V + k] = V + used[k]!;
  return new SparseRowsMatrix(V + bucket, dim, syn0.subarray(0, (V + used.length) * dim), at);
}

/**
 * What a run with subwords gives from its trained rows (syn0, V + used buckets) and output
 * vectors: the vectors (each word the mean of its rows, as fastText's getWordVector; any word
 * answered) and fastText's model.
 */
export function subwordResult(
  words: readonly string[], counts: ArrayLike<number>, syn0: Float32Array, output: Float32Array, o: Word2vecOptions, rows: SubwordRowIds = subwordRows(words, subwordSettings(o)),
): { vectors: SubwordVectors; fastText: FastTextModel } {
  const V = words.length, d = o.dim, settings = subwordSettings(o);
  const input = subwordInputMatrix(syn0, V, d, o.bucket, rows.used);
  const vectors = new Float32Array(V * d), sum = new Float64Array(d);
  for (let w = 0; w < V; w++) {
    const start = rows.offsets[w]!, end = rows.offsets[w + 1]!;
    sum.fill(0);
    for (let i = start; i < end; i++) {
      const at = rows.ids[i]! * d;
      for (let j = 0; j < d; j++) sum[j]! += syn0[at + j]!;
    }
    for (let j = 0; j < d; j++) vectors[w * d + j] = sum[j]! / (end - start);
  }
  const buckets = { row: (i: number): Float32Array => input.row(V + i) };
  const fastText = trainedSubwordModel({ words, counts, dim: d, input, output, settings: o });
  return { vectors: new SubwordVectors(words, d, vectors, undefined, settings, buckets), fastText };
}
