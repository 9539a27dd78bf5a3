import type { Random } from '../core/random.js';

/**
 * fastText's search strategy (`AutotuneStrategy` in its autotune.cc): the first trial takes the
 * starting settings; every later one perturbs the best settings so far, each by a Gaussian draw
 * whose spread shrinks from `startSigma` to `endSigma` over the middle half of the time budget —
 * multiplicatively (× 2^draw) for epochs, learning rate, dim and buckets, additively for word
 * n-grams, the character n-gram choice and the sub-vector size. Ranges are fastText's (further
 * clamped to the classifier's declared ranges); only the settings in `searched` move.
 */

/** The settings the search moves, by lexnet's option names (`wordNgrams` stands for `bigrams` where only that is declared). */
export interface SearchPoint {
  epochs: number;
  learningRate: number;
  dim: number;
  wordNgrams: number;
  dsub: number;
  minn: number;
  maxn: number;
  bucket: number;
  loss: string;
}

export type SearchKey = keyof SearchPoint;

/** fastText's choices of the smallest character n-gram (0: none); the largest is then minn + 3. */
export const MINN_CHOICES = [0, 2, 3] as const;

/** fastText's ranges and spreads: [min, max, startSigma, endSigma, linear]. */
const GAUSS = {
  epochs: [1, 100, 2.8, 2.5, false],
  learningRate: [0.01, 5.0, 1.9, 1.0, false],
  dim: [1, 1000, 1.4, 0.3, false],
  wordNgrams: [1, 5, 4.3, 2.4, true],
  dsubExponent: [1, 4, 2.0, 1.0, true],
  minnIndex: [0, MINN_CHOICES.length - 1, 4.0, 1.4, true],
  bucket: [10_000, 10_000_000, 2.0, 1.5, false],
} as const;

/** The spread of a draw at time t ∈ [0, 1] of the budget: startSigma until t = 0.25, endSigma from t = 0.75, linear between. */
export function gaussSigma(startSigma: number, endSigma: number, t: number): number {
  return startSigma - ((startSigma - endSigma) / 0.5) * Math.min(0.5, Math.max(t - 0.25, 0));
}

export class AutotuneStrategy {
  private trials = 0;
  private best!: SearchPoint;
  private bestMinnIndex = 0;
  private bestDsubExponent = 1;
  private bestNonzeroBucket = 2_000_000;

  /**
   * `limits` narrows fastText's range of a setting to what the classifier accepts (the declared
   * range; `wordNgrams` [1, 2] where only bigrams exist); `zeroBucket` says whether bucket may be 0
   * (fastText's rule: no buckets without word or character n-grams).
   */
  constructor(
    start: SearchPoint,
    private readonly searched: ReadonlySet<SearchKey>,
    private readonly random: Random,
    private readonly limits: Partial<Record<SearchKey, readonly [number, number]>> = {},
    private readonly zeroBucket = false,
  ) {
    this.updateBest(start);
  }

  /** The settings of the next trial, at time `t` (elapsed / budget, clamped to [0, 1]). */
  ask(t: number): SearchPoint {
    t = Math.min(1, Math.max(0, t));
    this.trials++;
    if (this.trials === 1) return { ...this.best };
    const p = { ...this.best };
    const has = (k: SearchKey) => this.searched.has(k);
    if (has('epochs')) p.epochs = this.draw('epochs', p.epochs, GAUSS.epochs, t, true);
    if (has('learningRate')) p.learningRate = this.draw('learningRate', p.learningRate, GAUSS.learningRate, t, false);
    if (has('dim')) p.dim = this.draw('dim', p.dim, GAUSS.dim, t, true);
    if (has('wordNgrams')) p.wordNgrams = this.draw('wordNgrams', p.wordNgrams, GAUSS.wordNgrams, t, true);
    if (has('dsub')) p.dsub = 2 ** this.draw(null, this.bestDsubExponent, GAUSS.dsubExponent, t, true);
    if (has('minn')) p.minn = MINN_CHOICES[this.draw(null, this.bestMinnIndex, GAUSS.minnIndex, t, true)]!;
    if (has('maxn')) p.maxn = p.minn === 0 ? 0 : p.minn + 3;
    if (has('bucket')) p.bucket = this.draw('bucket', this.bestNonzeroBucket, GAUSS.bucket, t, true);
    if (this.zeroBucket && p.wordNgrams <= 1 && p.maxn === 0) p.bucket = 0;
    if (has('loss')) p.loss = 'softmax';
    return p;
  }

  /** The settings that scored best so far: later trials perturb these. */
  updateBest(p: SearchPoint): void {
    this.best = { ...p };
    this.bestMinnIndex = Math.max(0, (MINN_CHOICES as readonly number[]).indexOf(p.minn));
    this.bestDsubExponent = Math.log2(p.dsub);
    if (p.bucket !== 0) this.bestNonzeroBucket = p.bucket;
  }

  /** fastText's `updateArgGauss`: a draw around `value`, truncated to a whole number when `whole` (as its static_cast), clamped. */
  private draw(key: SearchKey | null, value: number, [min, max, startSigma, endSigma, linear]: readonly [number, number, number, number, boolean], t: number, whole: boolean): number {
    const coeff = this.random.normal() * gaussSigma(startSigma, endSigma, t);
    let v = linear ? value + coeff : 2 ** coeff * value;
    if (whole) v = Math.trunc(v);
    const limit = key ? this.limits[key] : undefined;
    const lo = Math.max(min, limit?.[0] ?? -Infinity), hi = Math.min(max, limit?.[1] ?? Infinity);
    return Math.min(hi, Math.max(lo, v));
  }
}
