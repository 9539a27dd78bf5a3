import type { Matrix } from '../core/matrix.js';
import { argmaxRow } from '../core/linalg.js';

/** Predicted class per row: argmax of probabilities, or p ≥ 0.5 for a single sigmoid column. */
export function predictedClasses(probabilities: Matrix): Int32Array {
  const out = new Int32Array(probabilities.rows);
  for (let i = 0; i < probabilities.rows; i++) {
    out[i] = probabilities.cols === 1 ? (probabilities.data[i]! >= 0.5 ? 1 : 0) : argmaxRow(probabilities, i);
  }
  return out;
}

/** Share of predictions equal to the gold labels. */
export function accuracy(predicted: ArrayLike<number>, gold: ArrayLike<number>): number {
  if (gold.length === 0) return NaN;
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (predicted[i] === gold[i]) ok++;
  return ok / gold.length;
}

/** Root mean squared error of predictions against targets. */
export function rmse(predicted: ArrayLike<number>, gold: ArrayLike<number>): number {
  if (gold.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < gold.length; i++) s += (predicted[i]! - gold[i]!) ** 2;
  const plain = Math.sqrt(s / gold.length);
  if (Number.isFinite(plain)) return plain;
  // errors whose squares overflow (targets around 1e200): divide by the largest error first
  const scale = largest(gold.length, (i) => predicted[i]! - gold[i]!);
  let t = 0;
  for (let i = 0; i < gold.length; i++) t += ((predicted[i]! - gold[i]!) / scale) ** 2;
  return scale * Math.sqrt(t / gold.length);
}

/** Coefficient of determination 1 − SS_res/SS_tot; NaN (undefined) when the gold values are all equal or absent. */
export function r2(predicted: ArrayLike<number>, gold: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < gold.length; i++) mean += gold[i]!;
  mean /= gold.length;
  let res = 0, tot = 0;
  for (let i = 0; i < gold.length; i++) {
    res += (gold[i]! - predicted[i]!) ** 2;
    tot += (gold[i]! - mean) ** 2;
  }
  if (Number.isFinite(res) && Number.isFinite(tot)) return tot > 0 ? 1 - res / tot : NaN;
  // sums that overflow (targets around 1e200): a running mean, and both sums over one common scale
  // (the ratio does not change), so that large targets that differ are not called "all equal"
  mean = 0;
  for (let i = 0; i < gold.length; i++) mean += (gold[i]! - mean) / (i + 1);
  const scale = Math.max(largest(gold.length, (i) => gold[i]! - predicted[i]!), largest(gold.length, (i) => gold[i]! - mean));
  if (!Number.isFinite(scale)) return NaN; // the differences themselves overflow: no ratio to give
  res = 0; tot = 0;
  for (let i = 0; i < gold.length; i++) {
    res += ((gold[i]! - predicted[i]!) / scale) ** 2;
    tot += ((gold[i]! - mean) / scale) ** 2;
  }
  return tot > 0 ? 1 - res / tot : NaN;
}

/** The largest |f(i)| for i < n. */
function largest(n: number, f: (i: number) => number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(f(i)));
  return m;
}

/** counts[gold][predicted]; rows whose gold class is −1 (unknown) are left out. */
export function confusionMatrix(predicted: ArrayLike<number>, gold: ArrayLike<number>, classes: number): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < gold.length; i++) if (gold[i]! >= 0) m[gold[i]!]![predicted[i]!]!++;
  return m;
}

/** Precision, recall, F1 and support of one class. */
export interface ClassScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Per-class scores, accuracy, macro-F1 and the confusion matrix of a classifier. */
export interface ClassificationReport {
  accuracy: number;
  macroF1: number;
  classes: ClassScore[];
  /** confusion[gold][predicted] over the label order of `classes`. */
  confusion: number[][];
}

/** Accuracy, per-class precision/recall/F1, macro-averaged F1 and the confusion matrix. */
export function classificationReport(predicted: ArrayLike<number>, gold: ArrayLike<number>, labels: readonly string[]): ClassificationReport {
  const confusion = confusionMatrix(predicted, gold, labels.length);
  const classes = labels.map((label, c) => {
    const tp = confusion[c]![c]!;
    const predictedC = confusion.reduce((s, row) => s + row[c]!, 0);
    const support = confusion[c]!.reduce((s, v) => s + v, 0);
    const precision = predictedC ? tp / predictedC : 0;
    const recall = support ? tp / support : 0;
    return { label, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support };
  });
  return { accuracy: accuracy(predicted, gold), macroF1: classes.reduce((s, c) => s + c.f1, 0) / classes.length, classes, confusion };
}

/** A classification report as a text table (per-class precision, recall, F1; accuracy, macro-F1). */
export function formatClassificationReport(r: ClassificationReport): string {
  const w = Math.max(8, ...r.classes.map((c) => c.label.length)) + 2;
  const pct = (v: number) => (100 * v).toFixed(2).padStart(9);
  return [
    `accuracy ${(100 * r.accuracy).toFixed(2)}%   macro-F1 ${(100 * r.macroF1).toFixed(2)}`,
    `${'class'.padEnd(w)}precision   recall       F1  support`,
    ...r.classes.map((c) => `${c.label.padEnd(w)}${pct(c.precision)}${pct(c.recall)}${pct(c.f1)}  ${String(c.support).padStart(7)}`),
    '',
    'confusion (rows gold, columns predicted):',
    ''.padEnd(w) + r.classes.map((c) => c.label.padStart(w)).join(''),
    ...r.confusion.map((row, i) => r.classes[i]!.label.padEnd(w) + row.map((v) => String(v).padStart(w)).join('')),
  ].join('\n');
}
