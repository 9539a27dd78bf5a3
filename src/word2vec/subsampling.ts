/**
 * word2vec's subsampling of frequent words: a word of count c among T tokens is kept with
 * probability (√(c/(sT)) + 1)·sT/c (values ≥ 1 mean always kept). sample = 0 keeps everything.
 */
export function keepProbabilities(counts: ArrayLike<number>, totalCount: number, sample: number, out: Float32Array): void {
  for (let i = 0; i < counts.length; i++) {
    if (sample <= 0) {
      out[i] = 2;
      continue;
    }
    const st = sample * totalCount;
    out[i] = (Math.sqrt(counts[i]! / st) + 1) * (st / counts[i]!);
  }
}
