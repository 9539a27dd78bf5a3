// The counting pass of word2vec over any corpus (sentences of tokens), shared by the file encoder
// (encode.ts) and the in-memory one (encode-memory.ts).
import type { Corpus } from '../text/corpus.js';
import type { Ticker } from '../train/abort.js';
import { MAX_SENTENCE_TOKENS } from '../text/corpus-limits.js';
import { EOS } from '../fasttext/subwords.js';
import { ownCopy } from './vocabulary.js';

/** Where provisional ids go: a buffered file writer, or a growing array. */
export interface IdSink {
  put(id: number): void;
}

/** Tokens and sentences read so far. */
export interface Seen {
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

/**
 * fastText's end-of-line word: `</s>` counted once for each of the `ends` sentence marks of the
 * provisional ids (with any `</s>` the text holds, the same word), so that it enters the
 * vocabulary (by minCount, as any word) and, renumbered by SentenceIds, each sentence's end.
 * Returns the words and counts with it, and its provisional id.
 */
export function withEndOfLine(words: readonly string[], counts: Float64Array, ends: number): { words: string[]; counts: Float64Array; eos: number } {
  const eos = words.indexOf(EOS);
  if (eos >= 0) {
    const c = Float64Array.from(counts);
    c[eos]! += ends;
    return { words: [...words], counts: c, eos };
  }
  const c = new Float64Array(words.length + 1);
  c.set(counts.subarray(0, words.length));
  c[words.length] = ends;
  return { words: [...words, EOS], counts: c, eos: words.length };
}

function grow(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * The encoded corpus's rule for sentence marks, in one place: in-vocabulary ids are put as they
 * come, and −1 goes after each sentence that kept any word and after every 10,000 words
 * (gensim's cut). With `endOfLine` (the final id of `</s>`, withEndOfLine; −1: none) each
 * sentence mark of the provisional ids first puts that word, as fastText's lines end. Counts
 * what it put: words, and the sentences with at least two words.
 */
export class SentenceIds {
  words = 0;
  trainableSentences = 0;
  private run = 0;

  constructor(private readonly out: IdSink, private readonly endOfLine = -1) {}

  /** One in-vocabulary word. */
  word(id: number): void {
    this.out.put(id);
    this.words++;
    if (++this.run === MAX_SENTENCE_TOKENS) this.end();
  }

  /** The end of a sentence (nothing when it kept no word). */
  end(): void {
    if (this.run === 0) return;
    this.out.put(-1);
    if (this.run >= 2) this.trainableSentences++;
    this.run = 0;
  }

  /** Provisional ids (−1 ends a sentence) through `final` (−1: not in the vocabulary). */
  renumber(provisional: Int32Array, final: Int32Array): void {
    for (let i = 0; i < provisional.length; i++) {
      const p = provisional[i]!;
      if (p < 0) {
        if (this.endOfLine >= 0) this.word(this.endOfLine);
        this.end();
      } else if (final[p]! >= 0) this.word(final[p]!);
    }
  }
}
