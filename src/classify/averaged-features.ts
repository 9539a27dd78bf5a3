import { Matrix } from '../core/matrix.js';
import type { WordVectors } from '../io/word-vectors.js';

/** Averaged word vectors of texts, with the coverage counts. */
export interface AveragedFeatures {
  x: Matrix;
  tokens: number;
  unknownTokens: number;
  /** Texts none of whose tokens has a vector (their feature row is zero). */
  emptySentences: number;
}

/** Each text as the average of its words' vectors; words without a vector are skipped and counted. */
export function averageVectors(vectors: WordVectors, texts: readonly (readonly string[])[]): AveragedFeatures {
  const d = vectors.dim;
  const x = new Matrix(texts.length, d);
  let tokens = 0, unknownTokens = 0, emptySentences = 0;
  texts.forEach((t, i) => {
    let n = 0;
    const row = x.rowView(i);
    for (const w of t) {
      tokens++;
      const v = vectors.vector(w);
      if (!v) { unknownTokens++; continue; }
      for (let j = 0; j < d; j++) row[j]! += v[j]!;
      n++;
    }
    if (n === 0) emptySentences++;
    else for (let j = 0; j < d; j++) row[j]! /= n;
  });
  return { x, tokens, unknownTokens, emptySentences };
}
