/**
 * word2vec's negative-sampling table: word i fills a share of the slots proportional to
 * count_i^0.75, so a uniform slot draws words from the smoothed unigram distribution.
 */
export function fillUnigramTable(counts: ArrayLike<number>, table: Int32Array, power = 0.75): void {
  const V = counts.length;
  let total = 0;
  for (let i = 0; i < V; i++) total += counts[i]! ** power;
  let i = 0;
  let cumulative = counts[0]! ** power / total;
  const size = table.length;
  for (let a = 0; a < size; a++) {
    table[a] = i;
    if ((a + 1) / size > cumulative && i < V - 1) {
      i++;
      cumulative += counts[i]! ** power / total;
    }
  }
}

/** Table size: large enough to resolve rare words, small enough to stay in cache. */
export function unigramTableSize(vocabSize: number): number {
  return Math.min(10_000_000, Math.max(1_000_000, vocabSize * 100));
}
