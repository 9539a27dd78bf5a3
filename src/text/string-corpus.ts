import type { Corpus } from './corpus.js';
import { MAX_SENTENCE_TOKENS } from './corpus-limits.js';

const WHITESPACE = /\s+/;

/** Options of stringCorpus. */
export interface StringCorpusOptions {
  /** The corpus's name in messages (default `text`). */
  name?: string | undefined;
  /** Lower-case every token. */
  lowercase?: boolean | undefined;
}

/**
 * A corpus from text held in memory (a string, or a file's contents in a browser), read as
 * textCorpus reads a file: one sentence per line, tokens separated by white space, empty lines
 * skipped, lines of more than 10,000 tokens cut into sentences of 10,000.
 */
export function stringCorpus(text: string, { name = 'text', lowercase = false }: StringCorpusOptions = {}): Corpus {
  if (typeof text !== 'string') throw new TypeError('stringCorpus: text must be a string');
  return {
    name,
    *sentences() {
      for (let start = 0; start < text.length;) {
        let end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        const line = text.slice(start, end);
        start = end + 1;
        const tokens = line.split(WHITESPACE).filter((t) => t !== '');
        for (let i = 0; i < tokens.length; i += MAX_SENTENCE_TOKENS) {
          const piece = tokens.length <= MAX_SENTENCE_TOKENS ? tokens : tokens.slice(i, i + MAX_SENTENCE_TOKENS);
          yield lowercase ? piece.map((t) => t.toLowerCase()) : piece;
        }
      }
    },
  };
}
