import { Random } from '../core/random.js';
import { softmaxInto } from '../core/softmax.js';
import type { WordVectors } from '../io/word-vectors.js';

/**
 * fastText's supervised model: a text is the average of the embeddings of its words and word
 * bigrams, h = (1/n)Σ E[id]; scores z = hW + b; softmax cross-entropy. Everything, E included,
 * is trained end to end on the labels; L2 (λ/2)‖W‖² on the output weights.
 */
export class BagOfNgrams {
  readonly E: Float64Array;
  readonly W: Float64Array;
  readonly b: Float64Array;

  constructor(
    readonly vocabulary: readonly string[],
    readonly dim: number,
    readonly classes: number,
  ) {
    this.E = new Float64Array(vocabulary.length * dim);
    this.W = new Float64Array(dim * classes);
    this.b = new Float64Array(classes);
  }

  /** fastText's initialisation: E ~ U(±1/dim), W and b zero. */
  initialize(rng: Random): this {
    for (let i = 0; i < this.E.length; i++) this.E[i] = rng.uniform(-1 / this.dim, 1 / this.dim);
    return this;
  }

  /** Copies pretrained vectors into the rows of known unigrams; returns how many were set. */
  loadVectors(vectors: WordVectors, index: Map<string, number>): number {
    let n = 0;
    const d = this.dim;
    vectors.words.forEach((w, i) => {
      const id = index.get(w);
      if (id === undefined) return;
      for (let j = 0; j < d; j++) this.E[id * d + j] = vectors.data[i * d + j]!;
      n++;
    });
    return n;
  }

  /** h = mean of the rows, into h. */
  hidden(ids: ArrayLike<number>, h: Float64Array): void {
    h.fill(0);
    const d = this.dim;
    for (let k = 0; k < ids.length; k++) {
      const o = ids[k]! * d;
      for (let j = 0; j < d; j++) h[j]! += this.E[o + j]!;
    }
    if (ids.length) for (let j = 0; j < d; j++) h[j]! /= ids.length;
  }

  /** Class probabilities of one text. */
  probabilities(ids: ArrayLike<number>, h = new Float64Array(this.dim)): Float64Array {
    this.hidden(ids, h);
    const K = this.classes, d = this.dim;
    const z = Float64Array.from(this.b);
    for (let j = 0; j < d; j++) for (let c = 0; c < K; c++) z[c]! += h[j]! * this.W[j * K + c]!;
    const p = new Float64Array(K);
    softmaxInto(z, 1, K, p);
    return p;
  }

  /**
   * Loss of one example and its gradient, added (times `scale`) into gE/gW/gb:
   * dz = ŷ − y; dW = hᵀdz; db = dz; dh = dz Wᵀ; each E row of the text gets dh/n.
   */
  accumulate(ids: ArrayLike<number>, label: number, scale: number, gE: Float64Array | null, gW: Float64Array, gb: Float64Array, dh: Float64Array): number {
    const h = new Float64Array(this.dim);
    const p = this.probabilities(ids, h);
    const K = this.classes, d = this.dim;
    dh.fill(0);
    for (let c = 0; c < K; c++) {
      const dz = p[c]! - (c === label ? 1 : 0);
      gb[c]! += scale * dz;
      for (let j = 0; j < d; j++) {
        gW[j * K + c]! += scale * h[j]! * dz;
        dh[j]! += dz * this.W[j * K + c]!;
      }
    }
    if (gE && ids.length) {
      for (let k = 0; k < ids.length; k++) {
        const o = ids[k]! * d;
        for (let j = 0; j < d; j++) gE[o + j]! += (scale * dh[j]!) / ids.length;
      }
    }
    return -Math.log(Math.max(p[label]!, 1e-300));
  }

  /** Mean loss over a batch + (λ/2)‖W‖², with dense gradients (for gradient checks and reference). */
  lossAndGradient(texts: readonly ArrayLike<number>[], labels: ArrayLike<number>, l2: number): { loss: number; gE: Float64Array; gW: Float64Array; gb: Float64Array } {
    const gE = new Float64Array(this.E.length), gW = new Float64Array(this.W.length), gb = new Float64Array(this.b.length);
    const dh = new Float64Array(this.dim);
    let loss = 0;
    texts.forEach((ids, i) => { loss += this.accumulate(ids, labels[i]!, 1 / texts.length, gE, gW, gb, dh); });
    let sq = 0;
    for (let i = 0; i < this.W.length; i++) { sq += this.W[i]! ** 2; gW[i]! += l2 * this.W[i]!; }
    return { loss: loss / texts.length + 0.5 * l2 * sq, gE, gW, gb };
  }

  /** One SGD step on one example: sparse update of the text's E rows, dense W and b. */
  sgdStep(ids: ArrayLike<number>, label: number, lr: number, l2: number, work: { gW: Float64Array; gb: Float64Array; dh: Float64Array }): number {
    const { gW, gb, dh } = work;
    gW.fill(0);
    gb.fill(0);
    const loss = this.accumulate(ids, label, 1, null, gW, gb, dh);
    const d = this.dim;
    if (ids.length) {
      for (let k = 0; k < ids.length; k++) {
        const o = ids[k]! * d;
        for (let j = 0; j < d; j++) this.E[o + j]! -= (lr * dh[j]!) / ids.length;
      }
    }
    for (let i = 0; i < this.W.length; i++) this.W[i]! -= lr * (gW[i]! + l2 * this.W[i]!);
    for (let c = 0; c < this.classes; c++) this.b[c]! -= lr * gb[c]!;
    return loss;
  }
}

/** Vocabulary of unigrams and (optionally) bigrams seen in training; bigrams are joined by a space. */
export function ngramVocabulary(texts: readonly (readonly string[])[], bigrams: boolean, minCount = 1): string[] {
  const counts = new Map<string, number>();
  for (const t of texts) {
    for (const g of ngrams(t, bigrams)) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return [...counts].filter(([g, c]) => c >= minCount || !g.includes(' ')).map(([g]) => g);
}

export function ngrams(tokens: readonly string[], bigrams: boolean): string[] {
  const out = [...tokens];
  if (bigrams) for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

export function ngramIds(tokens: readonly string[], bigrams: boolean, index: Map<string, number>): Int32Array {
  const ids: number[] = [];
  for (const g of ngrams(tokens, bigrams)) {
    const id = index.get(g);
    if (id !== undefined) ids.push(id);
  }
  return Int32Array.from(ids);
}
