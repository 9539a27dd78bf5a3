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

/** A table's feature columns and its label column, as a Dataset. */
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

/** Class indices as one-hot rows. */
export function oneHot(labels: ArrayLike<number>, classes: number): Matrix {
  const m = new Matrix(labels.length, classes);
  for (let i = 0; i < labels.length; i++) m.data[i * classes + labels[i]!] = 1;
  return m;
}

/** What a model remembers of the columns it was trained on. */
export interface TrainingColumns {
  /** Number of feature columns (model inputs). */
  inputs: number;
  /** Feature names in input order, when the training file had a header. */
  featureNames: string[] | null;
  labelName: string | null;
  /** 0-based label column of the training file (null in older model files). */
  labelColumn: number | null;
}

/** Which table column feeds each model input, and where the label is (null: absent). */
export interface ColumnMatch {
  features: number[];
  label: number | null;
}

/**
 * Matches a table's columns to the training columns. With a header on both sides, by name:
 * any order, extra columns ignored, the label used when present (required with `needLabel`),
 * missing names reported. Otherwise by position: either exactly the feature columns in training
 * order (when no label is needed) or exactly the training file's layout with the label where it was.
 */
export function matchColumns(table: Table, t: TrainingColumns, needLabel: boolean): ColumnMatch {
  if (table.names && t.featureNames) return matchByName(table, table.names, t, needLabel);
  const d = t.inputs;
  if (t.labelColumn !== null && table.cols === d + 1 && t.labelColumn <= d) {
    const features = [...Array(d + 1).keys()].filter((c) => c !== t.labelColumn);
    return { features, label: t.labelColumn };
  }
  if (!needLabel && table.cols === d) return { features: [...Array(d).keys()], label: null };
  const why = table.names
    ? 'the model was trained on a file without a header line, so columns are taken by position'
    : t.featureNames
      ? `the file has no header line, so columns are taken by position (add the header ${headerHint(t)} to match them by name)`
      : 'columns are taken by position';
  const layouts = [
    ...(needLabel ? [] : [`the ${d} feature columns in training order`]),
    t.labelColumn !== null ? `the training file's ${d + 1} columns with the label in column ${t.labelColumn + 1}` : null,
  ].filter((s): s is string => s !== null);
  const older = t.labelColumn === null && !needLabel ? ' (this model file does not record where the label column was)' : '';
  throw inputError(table.file, table.lines[0] ?? null, `${table.cols} columns, but ${why}: give ${layouts.join(' or ')}${older}`);
}

function headerHint(t: TrainingColumns): string {
  const names = t.featureNames!.slice();
  if (t.labelName !== null && t.labelColumn !== null) names.splice(t.labelColumn, 0, t.labelName);
  const text = names.join(',');
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function matchByName(table: Table, names: string[], t: TrainingColumns, needLabel: boolean): ColumnMatch {
  const where = new Map<string, number[]>();
  names.forEach((n, c) => where.set(n, [...(where.get(n) ?? []), c]));
  const find = (name: string): number | null => {
    const at = where.get(name) ?? [];
    if (at.length > 1) throw inputError(table.file, null, `column "${name}" appears ${at.length} times in the header (columns ${at.map((c) => c + 1).join(', ')})`);
    return at[0] ?? null;
  };
  const features: number[] = [];
  const missing: string[] = [];
  for (const name of t.featureNames!) {
    const c = find(name);
    if (c === null) missing.push(name);
    else features.push(c);
  }
  const label = t.labelName !== null ? find(t.labelName) : null;
  const quoted = missing.map((m) => `"${m}"`);
  if (needLabel && label === null) quoted.push(t.labelName === null ? 'the label' : `"${t.labelName}" (the label)`);
  if (quoted.length > 0) {
    throw inputError(table.file, null, `missing column${quoted.length > 1 ? 's' : ''} ${quoted.join(', ')} that the model was trained with (the file has ${names.join(', ')})`);
  }
  return { features, label };
}

/** Builds features (and labels, when matched) from the matched columns of a table. */
export function selectColumns(table: Table, m: ColumnMatch, featureNames: string[] | null): Dataset {
  const d = m.features.length;
  const x = new Matrix(table.rows, d);
  const y = new Float64Array(table.rows);
  for (let r = 0; r < table.rows; r++) {
    const row = r * table.cols;
    for (let j = 0; j < d; j++) x.data[r * d + j] = table.data[row + m.features[j]!]!;
    if (m.label !== null) y[r] = table.data[row + m.label]!;
  }
  return { x, y, featureNames, lines: table.lines };
}

/** Throws when a header names a column twice (a model could not tell them apart by name). */
export function checkUniqueNames(table: Table): void {
  if (!table.names) return;
  const first = new Map<string, number>();
  table.names.forEach((n, c) => {
    const prev = first.get(n);
    if (prev !== undefined) throw inputError(table.file, null, `column "${n}" appears twice in the header (columns ${prev + 1} and ${c + 1})`);
    first.set(n, c);
  });
}
