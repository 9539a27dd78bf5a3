import { LexnetError } from '../io/errors.js';
import type { WordVectors } from '../io/word-vectors.js';
import * as similarity from '../word2vec/similarity.js';

/**
 * The similarity searches of `similar` and `analogy`, refusing an empty answer: printing nothing
 * would look like a failure to find anything, so say why there is nothing to rank (the file's
 * words are all query words, e.g. a one-word file or repeated rows of one word).
 */
function ranked<T extends unknown[]>(search: (vectors: WordVectors, ...rest: T) => similarity.Neighbour[], query: (...rest: T) => readonly string[]) {
  return (vectors: WordVectors, ...rest: T): similarity.Neighbour[] => {
    const found = search(vectors, ...rest);
    if (found.length > 0) return found;
    const source = rest.at(-1);
    const n = new Set(query(...rest)).size, size = vectors.size;
    throw new LexnetError(`${typeof source === 'string' && source ? `${source}: ` : ''}no other words to rank: ${size} distinct word${size === 1 ? ' was' : 's were'} read, ` +
      `${n === 1 ? 'the query word' : `the ${n} query words`} excluded`);
  };
}

type Search = Parameters<typeof similarity.mostSimilar> extends [WordVectors, ...infer R] ? R : never;
type Analogy = Parameters<typeof similarity.analogyCosAdd> extends [WordVectors, ...infer R] ? R : never;

export const mostSimilar = ranked<Search>(similarity.mostSimilar, (positive, negative = []) => [...positive, ...negative]);
export const analogyCosAdd = ranked<Analogy>(similarity.analogyCosAdd, (a, b, c) => [a, b, c]);
export const analogyCosMul = ranked<Analogy>(similarity.analogyCosMul, (a, b, c) => [a, b, c]);
