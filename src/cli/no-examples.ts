import { LexnetError } from '../io/errors.js';

/**
 * Stops on a data file that holds nothing to train, select or score on (empty, all blank, or a
 * header alone): going on would save an untrained model or print NaN scores.
 */
export function requireExamples(count: number, file: string): void {
  if (count === 0) throw new LexnetError(`${file}: no examples`);
}

/** Tokens in tagged sentences (a file of blank lines has sentences of none). */
export function tokenCount(sentences: readonly { words: readonly string[] }[]): number {
  return sentences.reduce((n, s) => n + s.words.length, 0);
}
