import { LexnetError, optionError } from '../io/errors.js';
import { shown } from '../options/declare.js';
import type { LabelledData } from '../text/labelled.js';
import { FastTextClassifier } from '../fasttext/supervised-model.js';
import { predictProbabilities, writtenLabels, type SentenceClassifier } from './classifier.js';
import { classifierRecord, type ClassifierLike } from './model-file.js';
import { labelledData, splitText, type LabelledInput } from './labelled-input.js';
import { WHITESPACE_TOKENS, type TextNormalization } from '../text/tokenize.js';

/**
 * Precision and recall at k, over all labels and label by label, counted as fastText's `Meter`
 * counts them (`fasttext test`, `fasttext test-label`): every example adds its gold labels (a
 * line may have several) and its predicted labels (the k most probable, those below the
 * threshold left out); a prediction among the gold labels is a hit. Undefined ratios (0/0) are NaN.
 */

/** One label's counts and scores. */
export interface LabelScore extends PrecisionRecall {
  /** The label as the model writes it (`__label__pos`). */
  label: string;
}

/** Counts of gold and predicted labels and the scores made from them, for one label or for the whole test. */
export interface PrecisionRecall {
  /** Gold labels, labels predicted, and labels predicted rightly. */
  gold: number;
  predicted: number;
  correct: number;
  /** correct / predicted (P@k for the whole test; NaN when nothing was predicted). */
  precision: number;
  /** correct / gold (R@k for the whole test; NaN when nothing was gold). */
  recall: number;
  /** 2·P·R / (P + R), as 2·correct / (predicted + gold) (NaN when both are 0). */
  f1: number;
}

/** What testClassifier measures: fastText's N, P@k, R@k, and the per-label report of `test-label`. */
export interface ClassifierTestResult extends PrecisionRecall {
  /** Examples counted (those with at least one label the model knows, as fastText counts). */
  examples: number;
  /** Examples left out because none of their labels is one the model knows. */
  skipped: number;
  k: number;
  threshold: number;
  /** Every label of the model, in the model's order. */
  perLabel: LabelScore[];
}

/** An example to test on: a text (a string, or its tokens) and its gold labels (one or more). */
export interface TestExample {
  text: string | readonly string[];
  labels: readonly string[];
  /**
   * fastText models: whether the text was a line that ended with a newline (default true;
   * fastText then adds its end-of-line token).
   */
  endOfLine?: boolean;
}

/** Options of testClassifier: how many labels to predict per example and the least probability a prediction needs. */
export interface TestOptions {
  /** Labels predicted per example (default 1). */
  k?: number;
  /** Predictions less probable than this are left out (default 0). */
  threshold?: number;
}

/** fastText's Meter: counts of gold, predicted and correct labels, overall and by label id. */
export class LabelMeter {
  examples = 0;
  private readonly gold: Int32Array;
  private readonly predicted: Int32Array;
  private readonly correct: Int32Array;

  constructor(readonly labels: readonly string[]) {
    this.gold = new Int32Array(labels.length);
    this.predicted = new Int32Array(labels.length);
    this.correct = new Int32Array(labels.length);
  }

  /** One example: its gold label ids (repeats count, as in fastText) and its predicted ids. */
  add(gold: readonly number[], predicted: readonly number[]): void {
    this.examples++;
    for (const p of predicted) {
      this.predicted[p]!++;
      if (gold.includes(p)) this.correct[p]!++;
    }
    for (const g of gold) this.gold[g]!++;
  }

  /** The scores, overall and per label. */
  result(k: number, threshold: number, skipped = 0): ClassifierTestResult {
    const sum = (a: Int32Array) => a.reduce((s, x) => s + x, 0);
    const gold = sum(this.gold), predicted = sum(this.predicted), correct = sum(this.correct);
    return {
      examples: this.examples, skipped, k, threshold, gold, predicted, correct, ...scores(correct, predicted, gold),
      perLabel: this.labels.map((label, i) => ({ label, gold: this.gold[i]!, predicted: this.predicted[i]!, correct: this.correct[i]!, ...scores(this.correct[i]!, this.predicted[i]!, this.gold[i]!) })),
    };
  }
}

function scores(correct: number, predicted: number, gold: number): { precision: number; recall: number; f1: number } {
  return {
    precision: predicted === 0 ? NaN : correct / predicted,
    recall: gold === 0 ? NaN : correct / gold,
    f1: predicted + gold === 0 ? NaN : (2 * correct) / (predicted + gold),
  };
}

/** The ids of the k most probable labels (most probable first; ties: the lower id), those below the threshold left out. */
export function topLabels(probabilities: ArrayLike<number>, k: number, threshold: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < probabilities.length; i++) if (probabilities[i]! >= threshold) ids.push(i);
  ids.sort((a, b) => probabilities[b]! - probabilities[a]! || a - b);
  return ids.slice(0, k);
}

/** Checks k and threshold as fastText's predict does (the same words as FastTextClassifier.predict). */
export function checkTestOptions(o: TestOptions): { k: number; threshold: number } {
  if (o === null || typeof o !== 'object') throw new LexnetError(`testClassifier: its options must be an object, got ${shown(o)}`);
  const k = o.k ?? 1, threshold = o.threshold ?? 0;
  if (!(k === Infinity || (Number.isInteger(k) && k >= 1))) throw optionError('k', `k must be a whole number ≥ 1, got ${shown(k)}`);
  if (!(typeof threshold === 'number' && threshold >= 0 && threshold <= 1)) throw optionError('threshold', `threshold must be a probability, between 0 and 1, got ${shown(threshold)}`);
  return { k, threshold };
}

/** Gold label names → the model's label ids: a label is known written as the model writes it (`__label__pos`) or bare (`pos`). */
function labelIds(written: readonly string[], bare: readonly string[]): Map<string, number> {
  const ids = new Map<string, number>();
  bare.forEach((l, i) => { if (!ids.has(l)) ids.set(l, i); });
  written.forEach((l, i) => ids.set(l, i));
  return ids;
}

/** Examples from labelled data (one gold label each) or an array of TestExample / LabelledExample. */
function testExamples(data: LabelledInput | readonly TestExample[], n: TextNormalization): TestExample[] {
  if (Array.isArray(data) && data.some((e: unknown) => e !== null && typeof e === 'object' && Array.isArray((e as TestExample).labels))) {
    return (data as readonly TestExample[]).map((e, i) => {
      const ok = e !== null && typeof e === 'object' && (typeof e.text === 'string' || Array.isArray(e.text)) && Array.isArray(e.labels) && e.labels.every((l) => typeof l === 'string' && l !== '');
      if (!ok) throw new LexnetError(`data[${i}]: expected { text: string | string[], labels: string[] } (labels not empty strings), got ${shown(e)}`, { option: 'data' });
      return e;
    });
  }
  const d: LabelledData & { labelSets?: readonly (readonly string[])[] } = labelledData(data as LabelledInput, 'data', n);
  return d.texts.map((t, i) => ({ text: t, labels: d.labelSets?.[i] ?? [d.labels[i]!] })); // every label of a multi-label line, where the reader keeps them
}

/**
 * Tests a classifier as `fasttext test` does: the k most probable labels of every example
 * (probabilities below `threshold` left out) against its gold labels, giving N, P@k, R@k and the
 * per-label precision, recall and F1 of `fasttext test-label`. The model is a lexnet classifier
 * or a fastText supervised model (FastTextClassifier, which splits string texts as fastText does).
 * Gold labels the model does not know are dropped, and examples left with none are not counted
 * (as fastText does; `skipped` counts them).
 */
export function testClassifier(model: ClassifierLike | FastTextClassifier, data: LabelledInput | readonly TestExample[], options: TestOptions = {}): ClassifierTestResult {
  const { k, threshold } = checkTestOptions(options);
  if (model instanceof FastTextClassifier) {
    const examples = testExamples(data, WHITESPACE_TOKENS);
    const ids = labelIds(model.labels, model.labels);
    const meter = new LabelMeter(model.labels);
    let skipped = 0;
    for (const e of examples) {
      const gold = goldIds(e, ids);
      if (gold.length === 0) { skipped++; continue; }
      const text = typeof e.text === 'string' ? e.text : e.text.join(' ');
      const p = model.predict(text, { k, threshold, endOfLine: e.endOfLine ?? true });
      meter.add(gold, p.map((x) => ids.get(x.label)!));
    }
    return meter.result(k, threshold, skipped);
  }
  const c: SentenceClassifier = classifierRecord(model, 'testClassifier');
  return testRecord(c, testExamples(data, c.text ?? WHITESPACE_TOKENS), k, threshold); // texts split as the model splits them
}

function goldIds(e: TestExample, ids: Map<string, number>): number[] {
  const gold: number[] = [];
  for (const l of e.labels) {
    const id = ids.get(l);
    if (id !== undefined) gold.push(id);
  }
  return gold;
}

function testRecord(c: SentenceClassifier, examples: readonly TestExample[], k: number, threshold: number): ClassifierTestResult {
  const written = writtenLabels(c);
  const ids = labelIds(written, c.labels);
  const meter = new LabelMeter(written);
  const kept: TestExample[] = [];
  const gold: number[][] = [];
  for (const e of examples) {
    const g = goldIds(e, ids);
    if (g.length === 0) continue;
    kept.push(e);
    gold.push(g);
  }
  const SLICE = 1024;
  for (let i = 0; i < kept.length; i += SLICE) {
    const texts = kept.slice(i, i + SLICE).map((e) => splitText(e.text, c.text ?? WHITESPACE_TOKENS));
    predictProbabilities(c, texts).forEach((p, j) => meter.add(gold[i + j]!, topLabels(p, k, threshold)));
  }
  return meter.result(k, threshold, examples.length - kept.length);
}
