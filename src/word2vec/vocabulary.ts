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
      counts.set(w, (counts.get(w) ?? 0) + 1);
      tokens++;
    }
  }
  if (tokens === 0) throw new LexnetError(`${corpus.name}: the corpus is empty (no tokens)`);
  const kept = [...counts].filter(([, c]) => c >= minCount);
  if (kept.length === 0) {
    throw new LexnetError(`${corpus.name}: no word occurs at least ${minCount} times (${counts.size} distinct words, ${tokens} tokens); lower --min-count`);
  }
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { vocab: new Vocabulary(kept.map(([w]) => w), Float64Array.from(kept, ([, c]) => c)), tokens, sentences };
}
