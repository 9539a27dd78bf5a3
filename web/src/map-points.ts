// The word map's points: the frequent words' unit vectors on their first two principal components,
// and words the user adds placed on the same axes (so the map does not move). With subwords an
// added word need not be in the vocabulary: its vector comes from its character n-grams.
import { pca, type WordVectors } from 'lexnet';
import type { MapPoint } from './word-map.js';

/** A vector scaled to unit length, in float64 (zeros stay zeros). */
function unit(v: Float32Array): Float64Array {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j]! * v[j]!;
  const k = s > 0 ? 1 / Math.sqrt(s) : 0;
  return Float64Array.from(v, (x) => x * k);
}

/**
 * The points of `words` (each has a vector) on their 2-D PCA map, then those of `added` (words
 * `vectors.vector` answers, in the vocabulary or not) projected on the same components, marked `added`.
 */
export function mapPoints(vectors: WordVectors, words: readonly string[], added: readonly string[] = []): MapPoint[] {
  const d = vectors.dim, n = words.length;
  const rows = new Float64Array(n * d);
  words.forEach((w, i) => rows.set(unit(vectors.vector(w)!), i * d));
  const p = pca(rows, n, d, 2);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += rows[i * d + j]! / n;
  const points: MapPoint[] = words.map((word, i) => ({ word, x: p.projected[2 * i]!, y: p.projected[2 * i + 1]! }));
  for (const word of added) {
    const u = unit(vectors.vector(word)!);
    const at = [0, 1].map((m) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += (u[j]! - mean[j]!) * p.components[m * d + j]!;
      return s;
    });
    points.push({ word, x: at[0]!, y: at[1]!, added: true, known: vectors.index.has(word) });
  }
  return points;
}
