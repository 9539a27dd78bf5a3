import { pca } from '../core/pca.js';
import { LexnetError } from '../io/errors.js';
import type { WordVectors } from '../io/word-vectors.js';
import type { MapPoint } from './vector-map.js';

/**
 * The words to draw from `vectors`: those listed (each must be in the file; duplicates are
 * dropped), or else the first `top` rows (the most frequent words, in files written by word2vec).
 */
export function chooseWords(vectors: WordVectors, words: readonly string[] | undefined, top: number, file = 'the vectors'): string[] {
  if (words !== undefined) {
    const unique = [...new Set(words)];
    const missing = unique.filter((w) => !vectors.index.has(w));
    if (missing.length > 0) throw new LexnetError(`${file}: no vector for ${missing.map((w) => `"${w}"`).join(', ')} (words are matched exactly, case included)`);
    if (unique.length < 2) throw new LexnetError('a map needs at least 2 different words');
    return unique;
  }
  if (vectors.size < 2) throw new LexnetError(`${file}: a map needs at least 2 words, the file has ${vectors.size}`);
  return vectors.words.slice(0, Math.min(top, vectors.size));
}

/**
 * The words' unit-length vectors projected on their first two principal components (so distances
 * on the map follow cosine similarity as well as two dimensions can), and each axis's share of
 * the variance.
 */
export function pcaWordMap(vectors: WordVectors, words: readonly string[]): { points: MapPoint[]; explainedRatio: number[] } {
  const d = vectors.dim;
  if (d < 2) throw new LexnetError(`a 2-D map needs vectors of dimension 2 or more, these have ${d}`);
  const unit = vectors.normalized();
  const rows = new Float64Array(words.length * d);
  words.forEach((w, i) => {
    const r = vectors.index.get(w);
    if (r === undefined) throw new LexnetError(`no vector for "${w}"`);
    for (let j = 0; j < d; j++) rows[i * d + j] = unit[r * d + j]!;
  });
  const p = pca(rows, words.length, d, 2);
  return { points: words.map((word, i) => ({ word, x: p.projected[2 * i]!, y: p.projected[2 * i + 1]! })), explainedRatio: p.explainedRatio };
}
