// The steps of trainWord2vec that every platform shares: the corpus argument, the checks between
// counting and training, and the summary line.
import { LexnetError } from '../io/errors.js';
import type { Corpus } from '../text/corpus.js';
import type { Word2vecOptions } from './options.js';
import type { Word2vecResult } from './session.js';
import type { Vocabulary } from './vocabulary.js';

/** A corpus as is, or sentences given in code (an array of token arrays) as one. */
export function asCorpus(input: Corpus | Iterable<readonly string[]>, expected = 'a Corpus (textCorpus, brownCorpus) or an array of sentences (arrays of tokens)'): Corpus {
  if (input !== null && typeof input === 'object' && typeof (input as Corpus).sentences === 'function') return input as Corpus;
  if (input === null || typeof input !== 'object' || typeof (input as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new LexnetError(`corpus: expected ${expected}, got ${input === null ? 'null' : typeof input}`, { option: 'corpus' });
  }
  const sentences = input as Iterable<readonly string[]>;
  return {
    name: 'corpus',
    *sentences() {
      let i = 0;
      for (const s of sentences) {
        if (!Array.isArray(s) || s.some((w) => typeof w !== 'string')) {
          throw new LexnetError(`corpus[${i}]: expected an array of token strings, got ${Array.isArray(s) ? 'an array with other values' : typeof s}`, { option: 'corpus' });
        }
        i++;
        yield s as string[];
      }
    },
  };
}

/** A vocabulary of fewer than 2 words is an error naming minCount. */
export function checkVocabularySize(corpus: string, vocab: Vocabulary, o: Word2vecOptions): void {
  if (vocab.size < 2) {
    throw new LexnetError(
      `${corpus}: the vocabulary has 1 word with count ≥ ${o.minCount} ("${vocab.words[0]}"); word2vec needs at least 2 ` +
        '(a larger corpus, or a lower minCount)',
      { option: 'minCount' },
    );
  }
}

/** No sentence with two in-vocabulary words is an error naming minCount. */
export function checkTrainable(corpus: string, vocab: Vocabulary, o: Word2vecOptions, trainableSentences: number): void {
  if (trainableSentences === 0) {
    throw new LexnetError(
      `${corpus}: no sentence has 2 or more of the ${vocab.size} words with count ≥ ${o.minCount}, so there are no ` +
        '(word, context) pairs to train on; word2vec needs sentences (lines) of at least 2 such words (more words per line, or a lower minCount)',
      { option: 'minCount' },
    );
  }
}

/** Sentences with at least two in-vocabulary words in ids held in memory (−1 after each sentence). */
export function countTrainable(ids: Int32Array): number {
  let trainable = 0, run = 0;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i]! >= 0) run++;
    else {
      if (run >= 2) trainable++;
      run = 0;
    }
  }
  return run >= 2 ? trainable + 1 : trainable;
}

/** The line `log` gets as training ends (the CLI prints it as its summary). */
export function trainedLine(o: Word2vecOptions, r: Word2vecResult): string {
  return `trained ${o.model}/${o.loss} on ${groupDigits(r.trainWords)} words × ${o.epochs} epochs in ${r.seconds.toFixed(1)} s ` +
    `(${groupDigits(Math.round(r.wordsPerSecond))} words/s, ${r.threads} threads), final loss ${r.finalLoss.toFixed(4)}`;
}

/** The object without its undefined properties. */
export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** 1234567 → "1,234,567" (as toLocaleString('en-US'), without loading the locale data on the way out of every run). */
function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
