import { LexnetError } from '../io/errors.js';
import type { WordVectors } from '../io/word-vectors.js';

/** A word and its cosine similarity to the query. */
export interface Neighbour {
  word: string;
  similarity: number;
}

/** How many neighbours to return, and how much of the vocabulary to search. */
export interface SearchOptions {
  topn?: number;
  /** Search only the first N words (the most frequent, in vocabulary order). */
  restrict?: number;
}

/**
 * A query word's unit vector and its row (to leave it out of the answers). A word outside the
 * vocabulary has a vector only when the vectors have subwords (fastText's); it has no row then.
 */
function queryOf(vectors: WordVectors, word: string, source: string): { row: number | undefined; unit: Float32Array } {
  const d = vectors.dim;
  const i = vectors.index.get(word);
  if (i !== undefined) return { row: i, unit: vectors.normalized().subarray(i * d, (i + 1) * d) };
  const v = vectors.vector(word);
  if (v === undefined) throw new LexnetError(`"${word}" is not in the vocabulary${source ? ` of ${source}` : ''}`);
  let s = 0;
  for (let j = 0; j < d; j++) s += v[j]! ** 2;
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  return { row: undefined, unit: v.map((x) => x * inv) };
}

/** Cosine similarity of every one of the first n rows with the unit vector t. */
export function cosines(unit: Float32Array, dim: number, n: number, t: Float64Array, out: Float64Array = new Float64Array(n)): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * dim;
    for (let j = 0; j < dim; j++) s += unit[o + j]! * t[j]!;
    out[i] = s;
  }
  return out;
}

function topN(scores: Float64Array, exclude: Set<number>, topn: number): number[] {
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
  const unit = vectors.normalized();
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
  const n = Math.min(vectors.size, restrict ?? vectors.size);
  const scores = cosines(unit, d, n, t);
  return topN(scores, exclude, topn).map((i) => ({ word: vectors.words[i]!, similarity: scores[i]! }));
}

/**
 * 3CosMul (Levy & Goldberg 2014) for "a is to b as c is to ?": argmax over d of
 * cos'(d, b)·cos'(d, c) / (cos'(d, a) + ε), with cos' = (cos + 1)/2 kept positive.
 */
export function analogyCosMul(vectors: WordVectors, a: string, b: string, c: string, { topn = 10, restrict }: SearchOptions = {}, source = ''): Neighbour[] {
  const unit = vectors.normalized();
  const d = vectors.dim;
  const n = Math.min(vectors.size, restrict ?? vectors.size);
  const queries = [a, b, c].map((w) => queryOf(vectors, w, source));
  const sims = queries.map((q) => cosines(unit, d, n, Float64Array.from(q.unit)));
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
