import { Matrix } from '../core/matrix.js';
import { Random } from '../core/random.js';
import { inputError } from './errors.js';
import type { Table } from './table.js';

/** Features and a label column separated out of a table. */
export interface Dataset {
  x: Matrix;
  /** Raw label values, one per row. */
  y: Float64Array;
  /** Names of the feature columns, when the table had a header. */
  featureNames: string[] | null;
  lines: Int32Array;
}

export function splitFeatures(table: Table, labelColumn: number): Dataset {
  const d = table.cols - 1;
  const x = new Matrix(table.rows, d);
  const y = new Float64Array(table.rows);
  for (let r = 0; r < table.rows; r++) {
    let k = 0;
    for (let c = 0; c < table.cols; c++) {
      const v = table.data[r * table.cols + c]!;
      if (c === labelColumn) y[r] = v;
      else x.data[r * d + k++] = v;
    }
  }
  const featureNames = table.names ? table.names.filter((_, c) => c !== labelColumn) : null;
  return { x, y, featureNames, lines: table.lines };
}

/** Seeded split of 0..n-1 into train and test indices. */
export function trainTestSplit(n: number, testFraction: number, seed: number): { train: Int32Array; test: Int32Array } {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`test fraction must be in (0, 1), got ${testFraction}`);
  const perm = new Random(seed).permutation(n);
  const nTest = Math.max(1, Math.round(n * testFraction));
  return { test: perm.slice(0, nTest).sort(), train: perm.slice(nTest).sort() };
}

export function subset(ds: Dataset, idx: Int32Array): Dataset {
  return { x: ds.x.selectRows(idx), y: Float64Array.from(idx, (i) => ds.y[i]!), featureNames: ds.featureNames, lines: Int32Array.from(idx, (i) => ds.lines[i]!) };
}

/**
 * Class labels: the distinct label values, sorted, become classes 0..K−1. Labels must be
 * integers (class indices or codes); anything else is reported with its line.
 */
export function classIndex(ds: Dataset, file: string): { classes: number[]; labels: Int32Array } {
  const values = new Set<number>();
  ds.y.forEach((v, r) => {
    if (!Number.isInteger(v)) throw inputError(file, ds.lines[r]!, `class label ${v} is not an integer; use a regressor for continuous targets`);
    values.add(v);
  });
  const classes = [...values].sort((a, b) => a - b);
  const map = new Map(classes.map((c, i) => [c, i]));
  return { classes, labels: Int32Array.from(ds.y, (v) => map.get(v)!) };
}

export function oneHot(labels: ArrayLike<number>, classes: number): Matrix {
  const m = new Matrix(labels.length, classes);
  for (let i = 0; i < labels.length; i++) m.data[i * classes + labels[i]!] = 1;
  return m;
}
