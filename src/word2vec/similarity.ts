import { LexnetError } from '../io/errors.js';
import type { WordVectors } from '../io/word-vectors.js';

/** A word and its cosine similarity to the query. */
export interface Neighbour {
  word: string;
  similarity: number;
}

/** How many neighbours to return, and how much of the vocabulary to search. */
export interface SearchOptions {
  topn?: number | undefined;
  /** Search only the first N words (the most frequent, in vocabulary order). */
  restrict?: number | undefined;
}

/**
 * A query word's unit vector and its row (to leave it out of the answers). A word outside the
 * vocabulary has a vector only when the vectors have subwords (fastText's); it has no row then.
 */
function queryOf(vectors: WordVectors, word: string, source: string): { row: number | undefined; unit: Float64Array } {
  const d = vectors.dim;
  const i = vectors.index.get(word);
  if (i !== undefined) return { row: i, unit: unitOf(vectors.data.subarray(i * d, (i + 1) * d)) };
  const v = vectors.vector(word);
  if (v === undefined) throw new LexnetError(`"${word}" is not in the vocabulary${source ? ` of ${source}` : ''}`);
  return { row: undefined, unit: unitOf(v) };
}

/**
 * Cosine similarity of every one of the first n rows with the unit vector t: the dot product
 * with the row as stored, times the row's kept 1/|row| (no normalised copy of the matrix).
 */
export function cosines(vectors: WordVectors, n: number, t: Float64Array, out: Float64Array = new Float64Array(n)): Float64Array {
  const { data, dim } = vectors;
  const inverse = vectors.inverseNorms(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * dim;
    for (let j = 0; j < dim; j++) s += data[o + j]! * t[j]!;
    out[i] = s * inverse[i]!;
  }
  return out;
}

/**
 * `cosines` for several query vectors in one pass over the rows, four at a time (each row is read
 * once for four queries): the same sums in the same order, so the same numbers.
 */
export function cosinesOfMany(vectors: WordVectors, n: number, ts: readonly Float64Array[]): Float64Array[] {
  const { data, dim } = vectors;
  const inverse = vectors.inverseNorms(n);
  const outs = ts.map(() => new Float64Array(n));
  let q = 0;
  // a last group of two or three is padded with its last query (its scores computed again and dropped)
  for (; q + 1 < ts.length; q += 4) {
    const at = (k: number) => Math.min(q + k, ts.length - 1);
    const t0 = ts[q]!, t1 = ts[at(1)]!, t2 = ts[at(2)]!, t3 = ts[at(3)]!;
    const o0 = outs[q]!, o1 = outs[at(1)]!, o2 = outs[at(2)]!, o3 = outs[at(3)]!;
    for (let i = 0; i < n; i++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      const o = i * dim;
      for (let j = 0; j < dim; j++) {
        const x = data[o + j]!;
        s0 += x * t0[j]!;
        s1 += x * t1[j]!;
        s2 += x * t2[j]!;
        s3 += x * t3[j]!;
      }
      const k = inverse[i]!;
      o0[i] = s0 * k;
      o1[i] = s1 * k;
      o2[i] = s2 * k;
      o3[i] = s3 * k;
    }
  }
  if (q < ts.length) cosines(vectors, n, ts[q]!, outs[q]);
  return outs;
}

/** A vector scaled to unit length, in float64 (its norm summed as `inverseNorms` sums a row's). */
function unitOf(row: Float32Array): Float64Array {
  let s = 0;
  for (let j = 0; j < row.length; j++) s += row[j]! * row[j]!;
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  return Float64Array.from(row, (v) => v * inv);
}

/** The indices of the `topn` highest scores, best first, those in `exclude` left out (the first of equal scores wins). */
export function topN(scores: Float64Array, exclude: Set<number>, topn: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (exclude.has(i)) continue;
    if (best.length < topn || scores[i]! > scores[best[best.length - 1]!]!) {
      let k = best.length < topn ? best.length : best.length - 1;
      if (best.length < topn) best.push(i);
      while (k > 0 && scores[best[k - 1]!]! < scores[i]!) { best[k] = best[k - 1]!; k--; }
      best[k] = i;
    }
  }
  return best;
}

/**
 * 3CosAdd (and plain nearest neighbours): the words closest by cosine to
 * Σ unit(positive) − Σ unit(negative), the query words excluded.
 */
export function mostSimilar(vectors: WordVectors, positive: readonly string[], negative: readonly string[] = [], { topn = 10, restrict }: SearchOptions = {}, source = ''): Neighbour[] {
  const { t, exclude } = queryVector(vectors, positive, negative, source);
  const n = Math.min(vectors.size, restrict ?? vectors.size);
  const scores = cosines(vectors, n, t);
  return topN(scores, exclude, topn).map((i) => ({ word: vectors.words[i]!, similarity: scores[i]! }));
}

/**
 * 3CosAdd's query: Σ unit(positive) − Σ unit(negative) scaled to unit length, and the query
 * words' rows (left out of the answers). A zero vector is refused: every cosine with it is undefined.
 */
export function queryVector(vectors: WordVectors, positive: readonly string[], negative: readonly string[], source = ''): { t: Float64Array; exclude: Set<number> } {
  const d = vectors.dim;
  const t = new Float64Array(d);
  const exclude = new Set<number>();
  for (const [words, sign] of [[positive, 1], [negative, -1]] as const) {
    for (const w of words) {
      const q = queryOf(vectors, w, source);
      if (q.row !== undefined) exclude.add(q.row);
      for (let j = 0; j < d; j++) t[j]! += sign * q.unit[j]!;
    }
  }
  let norm = 0;
  for (const v of t) norm += v * v;
  norm = Math.sqrt(norm);
  // every cosine with a zero vector is undefined: ranking by them would print arbitrary words at 0
  if (!(norm > 0)) {
    const words = [...positive, ...negative].map((w) => `"${w}"`).join(', ');
    throw new LexnetError(`${source ? `${source}: ` : ''}the query (${words}) has a zero vector, so cosine similarity is undefined`);
  }
  for (let j = 0; j < d; j++) t[j]! /= norm;
  return { t, exclude };
}

/**
 * 3CosMul (Levy & Goldberg 2014) for "a is to b as c is to ?": argmax over d of
 * cos'(d, b)·cos'(d, c) / (cos'(d, a) + ε), with cos' = (cos + 1)/2 kept positive.
 */
export function analogyCosMul(vectors: WordVectors, a: string, b: string, c: string, { topn = 10, restrict }: SearchOptions = {}, source = ''): Neighbour[] {
  const n = Math.min(vectors.size, restrict ?? vectors.size);
  const queries = [a, b, c].map((w) => queryOf(vectors, w, source));
  const sims = cosinesOfMany(vectors, n, queries.map((q) => q.unit));
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [ca, cb, cc] = sims.map((s) => (s[i]! + 1) / 2);
    scores[i] = (cb! * cc!) / (ca! + 1e-3);
  }
  return topN(scores, new Set(queries.flatMap((q) => (q.row === undefined ? [] : [q.row]))), topn).map((i) => ({ word: vectors.words[i]!, similarity: scores[i]! }));
}

/** "a is to b as c is to ?" by 3CosAdd: b − a + c. */
export function analogyCosAdd(vectors: WordVectors, a: string, b: string, c: string, options: SearchOptions = {}, source = ''): Neighbour[] {
  return mostSimilar(vectors, [b, c], [a], options, source);
}
