// The counting pass of word2vec over any corpus (sentences of tokens), shared by the file encoder
// (encode.ts) and the in-memory one (encode-memory.ts).
import type { Corpus } from '../text/corpus.js';
import type { Ticker } from '../train/abort.js';
import { ownCopy } from './vocabulary.js';

/** Where provisional ids go: a buffered file writer, or a growing array. */
export interface IdSink {
  put(id: number): void;
}

export /** Tokens and sentences read so far. */
interface Seen {
  tokens: number;
  sentences: number;
}

/** The distinct tokens in order of first appearance, their counts, and what was read. */
export interface ProvisionalCounts {
  words: string[];
  counts: Float64Array;
  tokens: number;
  sentences: number;
}

/**
 * The first pass over a corpus through its sentences: each token counted and its provisional id
 * (order of first appearance) put to `out`, −1 after each sentence.
 */
export async function readProvisional(corpus: Corpus, out: IdSink, ticker: Ticker, seen: Seen, onRead?: (tokens: number, sentences: number) => void): Promise<ProvisionalCounts> {
  const words: string[] = [];
  let counts: Float64Array = new Float64Array(1 << 10);
  const index = new Map<string, number>();
  seen.tokens = 0;
  seen.sentences = 0;
  for (const sentence of corpus.sentences()) {
    seen.sentences++;
    for (const w of sentence) {
      let id = index.get(w);
      if (id === undefined) {
        id = words.length;
        const own = ownCopy(w);
        words.push(own);
        index.set(own, id);
        if (id === counts.length) counts = grow(counts);
      }
      counts[id]!++;
      out.put(id);
      seen.tokens++;
    }
    out.put(-1);
    if (ticker.due()) {
      await ticker.tick();
      onRead?.(seen.tokens, seen.sentences);
    }
  }
  return { words, counts: counts.subarray(0, words.length), tokens: seen.tokens, sentences: seen.sentences };
}

function grow(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
