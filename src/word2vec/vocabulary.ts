import type { Corpus } from '../text/corpus.js';
import { LexnetError } from '../io/errors.js';

/** Words kept for training, most frequent first, with their counts. */
export class Vocabulary {
  readonly index: Map<string, number>;

  constructor(
    readonly words: readonly string[],
    readonly counts: Float64Array,
  ) {
    this.index = new Map(words.map((w, i) => [w, i]));
  }

  get size(): number {
    return this.words.length;
  }

  /** Σ counts: the number of corpus tokens that are in the vocabulary. */
  get totalCount(): number {
    let s = 0;
    for (const c of this.counts) s += c;
    return s;
  }

  /** The id of a word, or undefined when it is not in the vocabulary. */
  id(word: string): number | undefined {
    return this.index.get(word);
  }
}

/** Counts every token, drops those under minCount, and sorts by count (ties by spelling). */
export function buildVocabulary(corpus: Corpus, minCount: number): { vocab: Vocabulary; tokens: number; sentences: number } {
  const counts = new Map<string, number>();
  let tokens = 0, sentences = 0;
  for (const s of corpus.sentences()) {
    sentences++;
    for (const w of s) {
      const c = counts.get(w);
      counts.set(c === undefined ? ownCopy(w) : w, (c ?? 0) + 1);
      tokens++;
    }
  }
  const { vocab } = keepFrequent(corpus.name, [...counts.keys()], Float64Array.from(counts.values()), minCount, tokens);
  return { vocab, tokens, sentences };
}

/**
 * The vocabulary from every distinct word and its count (in any order): words seen at least
 * minCount times, most frequent first, ties by spelling; `ids[k]` is the position in `words`
 * of the vocabulary's k-th word. An empty corpus, or one without any word that frequent, is an error.
 */
export function keepFrequent(name: string, words: readonly string[], counts: ArrayLike<number>, minCount: number, tokens: number): { vocab: Vocabulary; ids: Int32Array } {
  if (tokens === 0) throw new LexnetError(`${name}: the corpus is empty (no tokens)`);
  const kept: number[] = [];
  for (let i = 0; i < words.length; i++) if (counts[i]! >= minCount) kept.push(i);
  if (kept.length === 0) {
    throw new LexnetError(`${name}: no word occurs at least ${minCount} times (${words.length} distinct words, ${tokens} tokens); lower minCount`, { option: 'minCount' });
  }
  kept.sort((a, b) => counts[b]! - counts[a]! || (words[a]! < words[b]! ? -1 : words[a]! > words[b]! ? 1 : 0));
  const vocab = new Vocabulary(kept.map((i) => words[i]!), Float64Array.from(kept, (i) => counts[i]!));
  return { vocab, ids: Int32Array.from(kept) };
}

let utf8: { encoder: TextEncoder; decoder: TextDecoder } | undefined;

/**
 * A copy of a word that does not keep alive the larger string it was cut from (V8 slices share
 * their parent: a word kept in the vocabulary would otherwise hold on to a whole block of text).
 */
export function ownCopy(word: string): string {
  if (word.length < 13) return word; // V8 copies strings this short rather than slicing them
  utf8 ??= { encoder: new TextEncoder(), decoder: new TextDecoder() };
  const copy = utf8.decoder.decode(utf8.encoder.encode(word));
  return copy === word ? copy : word; // a lone surrogate would not survive the round trip: keep the word
}
