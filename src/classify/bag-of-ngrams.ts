import { Random } from '../core/random.js';
import { softmaxInto } from '../core/softmax.js';
import type { WordVectors } from '../io/word-vectors.js';
import { checkModelMemory } from '../core/memory-budget.js';

/**
 * fastText's supervised model: a text is the average of the embeddings of its words and word
 * bigrams, h = (1/n)Σ E[id]; scores z = aW + b with a = h, or with `hidden` > 0 a ReLU layer
 * a = relu(hW1 + b1) in between (a deep averaging network, Iyyer et al. 2015); softmax
 * cross-entropy. Everything, E included, is trained end to end on the labels; L2 (λ/2)‖W‖² on
 * the weight matrices.
 */
export class BagOfNgrams {
  readonly E: Float64Array;
  readonly W1: Float64Array;
  readonly b1: Float64Array;
  readonly W: Float64Array;
  readonly b: Float64Array;
  /** Width of the layer feeding the output: hidden, or dim without a hidden layer. */
  readonly top: number;

  constructor(
    readonly vocabulary: readonly string[],
    readonly dim: number,
    readonly classes: number,
    readonly hidden = 0,
  ) {
    this.top = hidden > 0 ? hidden : dim;
    const parameters = vocabulary.length * dim + (hidden > 0 ? (dim + 1) * hidden : 0) + (this.top + 1) * classes;
    checkModelMemory(`a fastText model of ${vocabulary.length.toLocaleString('en-US')} words and n-grams × dimension ${dim}${hidden > 0 ? ` with ${hidden} hidden units` : ''}`,
      parameters, 2, 'weights and gradients', 'use a smaller dimension or hidden layer, or fewer pretrained words');
    this.E = new Float64Array(vocabulary.length * dim);
    this.W1 = new Float64Array(hidden > 0 ? dim * hidden : 0);
    this.b1 = new Float64Array(hidden);
    this.W = new Float64Array(this.top * classes);
    this.b = new Float64Array(classes);
  }

  /** fastText's initialisation: E ~ U(±1/dim), W and b zero; W1 Glorot-uniform (He gain for ReLU). */
  initialize(rng: Random): this {
    this.initializeEmbeddings(rng, 0, this.E.length);
    this.initializeHidden(rng);
    return this;
  }

  /** E[from..to) ~ U(±1/dim): `initialize` a slice at a time (the draws in the same order), then initializeHidden. */
  initializeEmbeddings(rng: Random, from: number, to: number): void {
    for (let i = from; i < to; i++) this.E[i] = rng.uniform(-1 / this.dim, 1 / this.dim);
  }

  /** W1 Glorot-uniform (He gain for ReLU), drawn after E. */
  initializeHidden(rng: Random): void {
    const r = Math.SQRT2 * Math.sqrt(6 / (this.dim + this.hidden));
    for (let i = 0; i < this.W1.length; i++) this.W1[i] = rng.uniform(-r, r);
  }

  /**
   * Copies pretrained vectors into the rows of known unigrams, each rescaled to unit L2 norm (raw
   * word2vec norms vary from under 1 to over 5, and SGD on the labels then moves frequent and rare
   * words at very different relative rates); returns how many rows were set.
   */
  loadVectors(vectors: WordVectors, index: Map<string, number>): number {
    let n = 0;
    const d = this.dim;
    vectors.words.forEach((w, i) => {
      const id = index.get(w);
      if (id === undefined) return;
      let sq = 0;
      for (let j = 0; j < d; j++) sq += vectors.data[i * d + j]! ** 2;
      const scale = sq > 0 ? 1 / Math.sqrt(sq) : 0;
      for (let j = 0; j < d; j++) this.E[id * d + j] = vectors.data[i * d + j]! * scale;
      n++;
    });
    return n;
  }

  /** h = mean of the rows, into h. */
  private hidden_(ids: ArrayLike<number>, h: Float64Array): void {
    h.fill(0);
    const d = this.dim;
    for (let k = 0; k < ids.length; k++) {
      const o = ids[k]! * d;
      for (let j = 0; j < d; j++) h[j]! += this.E[o + j]!;
    }
    if (ids.length) for (let j = 0; j < d; j++) h[j]! /= ids.length;
  }

  /** a: the input of the output layer (h, or relu(hW1 + b1)); pre: the hidden layer before ReLU. */
  private top_(h: Float64Array, pre: Float64Array, a: Float64Array): void {
    if (this.hidden === 0) {
      a.set(h);
      return;
    }
    const H = this.hidden, d = this.dim;
    pre.set(this.b1);
    for (let j = 0; j < d; j++) for (let k = 0; k < H; k++) pre[k]! += h[j]! * this.W1[j * H + k]!;
    for (let k = 0; k < H; k++) a[k] = pre[k]! > 0 ? pre[k]! : 0;
  }

  /** Class probabilities of one text. */
  probabilities(ids: ArrayLike<number>, h: Float64Array = new Float64Array(this.dim), pre: Float64Array = new Float64Array(this.hidden), a: Float64Array = new Float64Array(this.top)): Float64Array {
    this.hidden_(ids, h);
    this.top_(h, pre, a);
    const K = this.classes, t = this.top;
    const z = Float64Array.from(this.b);
    for (let j = 0; j < t; j++) for (let c = 0; c < K; c++) z[c]! += a[j]! * this.W[j * K + c]!;
    const p = new Float64Array(K);
    softmaxInto(z, 1, K, p);
    return p;
  }

  /**
   * Loss of one example and its gradient, added (times `scale`) into the g arrays:
   * dz = ŷ − y; dW = aᵀdz; db = dz; da = dz Wᵀ; with a hidden layer dpre = da ∘ [pre > 0],
   * dW1 = hᵀdpre, db1 = dpre, dh = dpre W1ᵀ (else dh = da); each E row of the text gets dh/n.
   */
  accumulate(ids: ArrayLike<number>, label: number, scale: number, g: Gradients, dh: Float64Array): number {
    const d = this.dim, H = this.hidden, K = this.classes, t = this.top;
    const h = new Float64Array(d), pre = new Float64Array(H), a = new Float64Array(t);
    const p = this.probabilities(ids, h, pre, a);
    const da = new Float64Array(t);
    for (let c = 0; c < K; c++) {
      const dz = p[c]! - (c === label ? 1 : 0);
      g.b[c]! += scale * dz;
      for (let j = 0; j < t; j++) {
        g.W[j * K + c]! += scale * a[j]! * dz;
        da[j]! += dz * this.W[j * K + c]!;
      }
    }
    if (H > 0) {
      dh.fill(0);
      for (let k = 0; k < H; k++) {
        if (pre[k]! <= 0) continue;
        const dp = da[k]!;
        g.b1[k]! += scale * dp;
        for (let j = 0; j < d; j++) {
          g.W1[j * H + k]! += scale * h[j]! * dp;
          dh[j]! += dp * this.W1[j * H + k]!;
        }
      }
    } else {
      dh.set(da);
    }
    if (g.E && ids.length) {
      for (let k = 0; k < ids.length; k++) {
        const o = ids[k]! * d;
        for (let j = 0; j < d; j++) g.E[o + j]! += (scale * dh[j]!) / ids.length;
      }
    }
    return -Math.log(Math.max(p[label]!, 1e-300));
  }

  /** Mean loss over a batch + (λ/2)(‖W‖² + ‖W1‖²), with dense gradients (for gradient checks). */
  lossAndGradient(texts: readonly ArrayLike<number>[], labels: ArrayLike<number>, l2: number): { loss: number } & Required<Gradients> {
    const g = { E: new Float64Array(this.E.length), W1: new Float64Array(this.W1.length), b1: new Float64Array(this.b1.length), W: new Float64Array(this.W.length), b: new Float64Array(this.b.length) };
    const dh = new Float64Array(this.dim);
    let loss = 0;
    texts.forEach((ids, i) => { loss += this.accumulate(ids, labels[i]!, 1 / texts.length, g, dh); });
    let sq = 0;
    for (const [w, gw] of [[this.W, g.W], [this.W1, g.W1]] as const) {
      for (let i = 0; i < w.length; i++) { sq += w[i]! ** 2; gw[i]! += l2 * w[i]!; }
    }
    return { loss: loss / texts.length + 0.5 * l2 * sq, ...g };
  }

  /** Work arrays for sgdStep. */
  workspace(): Gradients & { dh: Float64Array } {
    return { E: null, W1: new Float64Array(this.W1.length), b1: new Float64Array(this.b1.length), W: new Float64Array(this.W.length), b: new Float64Array(this.b.length), dh: new Float64Array(this.dim) };
  }

  /** One SGD step on one example: sparse update of the text's E rows, dense W1, b1, W and b. */
  sgdStep(ids: ArrayLike<number>, label: number, lr: number, l2: number, work: Gradients & { dh: Float64Array }): number {
    work.W.fill(0); work.b.fill(0); work.W1.fill(0); work.b1.fill(0);
    const loss = this.accumulate(ids, label, 1, work, work.dh);
    const d = this.dim, dh = work.dh;
    for (let k = 0; k < ids.length; k++) {
      const o = ids[k]! * d;
      for (let j = 0; j < d; j++) this.E[o + j]! -= (lr * dh[j]!) / ids.length;
    }
    for (const [w, gw] of [[this.W, work.W], [this.W1, work.W1]] as const) {
      for (let i = 0; i < w.length; i++) w[i]! -= lr * (gw[i]! + l2 * w[i]!);
    }
    for (const [b, gb] of [[this.b, work.b], [this.b1, work.b1]] as const) {
      for (let i = 0; i < b.length; i++) b[i]! -= lr * gb[i]!;
    }
    return loss;
  }
}

/** Gradient accumulators of BagOfNgrams (E is null where rows are updated sparsely). */
export interface Gradients {
  E: Float64Array | null;
  W1: Float64Array;
  b1: Float64Array;
  W: Float64Array;
  b: Float64Array;
}

/**
 * Adds to a vocabulary the first `limit` words of a vectors file (word2vec files list the most
 * frequent first) that it lacks: words never seen in training then still count at test time,
 * through their pretrained vectors.
 */
export function withPretrainedWords(vocabulary: string[], vectors: WordVectors, limit: number): string[] {
  const seen = new Set(vocabulary);
  const out = [...vocabulary];
  for (let i = 0, added = 0; i < vectors.words.length && added < limit; i++) {
    const w = vectors.words[i]!;
    if (!seen.has(w)) { out.push(w); added++; }
  }
  return out;
}

/** Vocabulary of unigrams and (optionally) bigrams seen in training; bigrams are joined by a space. */
export function ngramVocabulary(texts: readonly (readonly string[])[], bigrams: boolean, minCount = 1): string[] {
  const counts = new Map<string, number>();
  for (const t of texts) countNgrams(counts, t, bigrams);
  return vocabularyOfCounts(counts, minCount);
}

/** Adds a text's n-grams to `counts` (ngramVocabulary one text at a time). */
export function countNgrams(counts: Map<string, number>, tokens: readonly string[], bigrams: boolean): void {
  for (const g of ngrams(tokens, bigrams)) counts.set(g, (counts.get(g) ?? 0) + 1);
}

/** The vocabulary of counted n-grams: every unigram, bigrams seen at least `minCount` times. */
export function vocabularyOfCounts(counts: Map<string, number>, minCount = 1): string[] {
  return [...counts].filter(([g, c]) => c >= minCount || !g.includes(' ')).map(([g]) => g);
}

export function ngrams(tokens: readonly string[], bigrams: boolean): string[] {
  const out = [...tokens];
  if (bigrams) for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

/** The vocabulary ids of a text's words (and bigrams); unknown ones left out. */
export function ngramIds(tokens: readonly string[], bigrams: boolean, index: Map<string, number>): Int32Array {
  const ids: number[] = [];
  for (const g of ngrams(tokens, bigrams)) {
    const id = index.get(g);
    if (id !== undefined) ids.push(id);
  }
  return Int32Array.from(ids);
}
