// The encoded corpus held in memory (browsers have no temporary files): the same ids, in the
// same order, as countAndEncode writes to its file (encode.ts).
import type { Corpus } from '../text/corpus.js';
import { Ticker } from '../train/abort.js';
import { readProvisional, SentenceIds, withEndOfLine } from './provisional-ids.js';
import { keepFrequent, type Vocabulary } from './vocabulary.js';

/** A corpus read once into memory: its vocabulary, what was read, and the ids (−1 after each sentence). */
export interface CountedInMemory {
  vocab: Vocabulary;
  /** Tokens and sentences read (all words, in the vocabulary or not). */
  tokens: number;
  sentences: number;
  /** Final ids; on a SharedArrayBuffer when `shared` was asked (for Web Workers). */
  ids: Int32Array;
  /** In-vocabulary tokens. */
  words: number;
  /** Sentences with at least two words: the ones that give (word, context) pairs. */
  trainableSentences: number;
}

/** Options of countAndEncodeInMemory. */
export interface InMemoryEncodeOptions {
  /** Put the final ids on a SharedArrayBuffer. */
  shared?: boolean;
  /** Stop at the next yield (every ~25 ms) when this aborts. */
  signal?: AbortSignal | undefined;
  /** Called at each yield with the tokens and sentences read so far. */
  onRead?: (tokens: number, sentences: number) => void;
  /** fastText's end-of-line word `</s>` ends each sentence (withEndOfLine; subword models). */
  endOfLine?: boolean | undefined;
}

/** A growing int32 array. */
class IdList {
  a = new Int32Array(1 << 16);
  n = 0;

  put(id: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = id;
  }
}

/**
 * Reads the corpus once, counting every token and keeping a provisional id (in order of first
 * appearance) per token, builds the vocabulary (minCount, most frequent first), then renumbers
 * the ids: out-of-vocabulary words dropped, a sentence mark after each sentence that kept any
 * and after every MAX_SENTENCE words, exactly as countAndEncode's file.
 */
export async function countAndEncodeInMemory(corpus: Corpus, minCount: number, options: InMemoryEncodeOptions = {}): Promise<CountedInMemory> {
  const ticker = new Ticker(options.signal, 25, 1);
  const read = new IdList();
  const first = await readProvisional(corpus, read, ticker, { tokens: 0, sentences: 0 }, options.onRead);
  const { tokens, sentences } = first;
  const eol = options.endOfLine ? withEndOfLine(first.words, first.counts, read.n - tokens) : null;
  const words = eol?.words ?? first.words, counts = eol?.counts ?? first.counts;
  const { vocab, ids } = keepFrequent(corpus.name, words, counts, minCount, tokens);
  const final = new Int32Array(words.length).fill(-1);
  ids.forEach((provisional, k) => { final[provisional] = k; });
  const endOfLine = eol ? final[eol.eos]! : -1;
  // two passes over the provisional ids: the length of the result, then the result in a buffer of that size
  const provisional = read.a.subarray(0, read.n);
  let size = 0;
  const sizing = new SentenceIds({ put: () => { size++; } }, endOfLine);
  await renumberInSlices(sizing, provisional, final, ticker);
  const store = new Int32Array(options.shared ? new SharedArrayBuffer(size * 4) : new ArrayBuffer(size * 4));
  await ticker.tick();
  let n = 0;
  const filling = new SentenceIds({ put: (id) => { store[n++] = id; } }, endOfLine);
  await renumberInSlices(filling, provisional, final, ticker);
  return { vocab, tokens, sentences, ids: store, words: sizing.words, trainableSentences: sizing.trainableSentences };
}

/** Ids renumbered between two clock reads (a few milliseconds). */
const RENUMBER_SLICE = 1 << 18;

/** `ids.renumber(provisional, final)` then `ids.end()`, a slice at a time with turns of the event loop between (renumbering is stateful: the same ids). */
async function renumberInSlices(ids: SentenceIds, provisional: Int32Array, final: Int32Array, ticker: Ticker): Promise<void> {
  for (let i = 0; i < provisional.length; i += RENUMBER_SLICE) {
    ids.renumber(provisional.subarray(i, i + RENUMBER_SLICE), final);
    await ticker.turnIfDue();
  }
  ids.end();
}
