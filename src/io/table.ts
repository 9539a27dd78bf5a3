import { inputError } from './errors.js';
import { delimitedRecords, type DelimitedRecord } from './delimited.js';
import { readText, readTextAsync } from './read-text.js';
import { stepsInTurns, stepsToEnd, type Ticker } from '../train/abort.js';

/** A numeric table read from CSV/TSV/whitespace-separated text. */
export interface Table {
  file: string;
  /** Column names from a header line, when there was one. */
  names: string[] | null;
  /** Class names from scikit-learn's first line `n_samples,n_features,class names…`. */
  classNames: string[] | null;
  rows: number;
  cols: number;
  /** Row-major values. */
  data: Float64Array;
  /** 1-based line number of each row in the file, for error messages. */
  lines: Int32Array;
}

const isNumber = (s: string): boolean => s.trim() !== '' && Number.isFinite(Number(s));

/** Lines csv-parse reads at a time for a table (a few milliseconds of work between turns of the event loop). */
const TABLE_BATCH_LINES = 128;

/** Numbered non-blank records of the table: CSV/TSV through csv-parse, otherwise split at spaces. */
type Records = () => Iterable<DelimitedRecord>;

function tableRecords(file: string, lines: readonly string[], sample: string): Records {
  const numbered = function* (): Generator<[number, string]> {
    for (let i = 0; i < lines.length; i++) yield [i + 1, lines[i]!];
  };
  const delimiter = sample.includes(',') ? ',' : sample.includes('\t') ? '\t' : null;
  if (delimiter) {
    return function* () {
      for (const r of delimitedRecords(file, numbered(), delimiter, TABLE_BATCH_LINES)) yield { line: r.line, cells: r.cells.map((c) => c.trim()) };
    };
  }
  return function* () {
    for (const [line, text] of numbered()) if (text.trim() !== '') yield { line, cells: text.trim().split(/\s+/) };
  };
}

/**
 * Reads a numeric table. The delimiter (comma, tab or spaces) is taken from the first line;
 * CSV and TSV may quote fields (`"1,5"`, `""` for a quote, line breaks inside quotes), as
 * csv-parse reads them. A first line with non-numeric cells is a header of names (each
 * non-empty and distinct); scikit-learn's layout, whose first line is
 * `n_samples,n_features[,class names…]`, is recognised and its class names kept. Lines end in
 * `\n`, `\r\n` or a lone `\r`; blank lines are skipped. Every problem is reported with file and line.
 * With `numeric` and a header line, only the columns it names must hold numbers: the others (an
 * id, a name, a comment) are read as text and ignored, their values NaN in `data`.
 */
export function readTable(file: string, options: ReadTableOptions = {}): Table {
  return stepsToEnd(tableSteps(file, readText(file), options));
}

/** readTable reading the file asynchronously and parsing it with turns of the event loop (fitTabular). */
export async function readTableInTurns(file: string, options: ReadTableOptions, ticker: Ticker): Promise<Table> {
  const text = await readTextAsync(file);
  await ticker.turnIfDue();
  return stepsInTurns(tableSteps(file, text, options), ticker);
}

/** readTable's parsing in steps: a yield after each record of both passes. */
function* tableSteps(file: string, text: string, { numeric }: ReadTableOptions): Generator<void, Table> {
  const nul = text.indexOf('\0');
  if (nul >= 0) throw inputError(file, text.slice(0, nul).split(/\r\n|\r|\n/).length, 'NUL byte: this is not a UTF-8 text file (binary, or UTF-16?)');
  const raw = text.split(/\r\n|\r|\n/);
  const sample = raw.find((t) => t.trim() !== '');
  if (sample === undefined) throw inputError(file, null, 'no examples (the file is empty)');
  const records = tableRecords(file, raw, sample);
  // first pass: the first two records and the count (the header is told apart with them)
  const head: DelimitedRecord[] = [];
  let count = 0;
  for (const r of records()) {
    if (head.length < 2) head.push(r);
    count++;
    yield;
  }
  if (count === 0) throw inputError(file, null, 'no examples (the file is empty)');
  let names: string[] | null = null;
  let classNames: string[] | null = null;
  const first = head[0]!.cells;
  let start = 0;
  if (isSklearnHeader(first, count, head[1])) {
    classNames = checkNames(file, head[0]!.line, first.slice(2), 'class name', 3);
    start = 1;
  } else if (!first.every(isNumber)) {
    names = checkNames(file, head[0]!.line, first, 'column name', 1);
    start = 1;
  }
  const rows = count - start;
  if (rows === 0) throw inputError(file, null, 'no examples (only a header line)');
  const body = head[start]!;
  const cols = names?.length ?? body.cells.length;
  const data = new Float64Array(rows * cols);
  const wanted = names && numeric ? names.map((n) => numeric.includes(n)) : null;
  const lines = new Int32Array(rows);
  // second pass: the values
  let r = -start;
  for (const { line, cells } of records()) {
    if (r >= 0) {
      if (cells.length !== cols) {
        throw inputError(file, line, `${cells.length} columns, expected ${cols}${names ? ' (as in the header)' : ` (as on line ${body.line})`}`);
      }
      for (let c = 0; c < cols; c++) {
        if (wanted && !wanted[c]) { data[r * cols + c] = NaN; continue; }
        const v = Number(cells[c]);
        if (cells[c] === '' || !Number.isFinite(v)) {
          throw inputError(file, line, `column ${c + 1}${names ? ` (${names[c]})` : ''} is not a number: "${cells[c]}"`);
        }
        data[r * cols + c] = v;
      }
      lines[r] = line;
    }
    r++;
    yield;
  }
  return { file, names, classNames, rows, cols, data, lines };
}

/** How readTable reads: which columns must be numeric. */
export interface ReadTableOptions {
  /** With a header line, the names of the columns to read as numbers (the rest are ignored); by default all. */
  numeric?: readonly string[];
}

/** Header names must be non-empty and distinct (a column is chosen by its name). */
function checkNames(file: string, line: number, names: string[], what: string, firstColumn: number): string[] {
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    const col = i + firstColumn;
    if (n === '') throw inputError(file, line, `empty ${what} in the header (column ${col})`);
    const before = seen.get(n);
    if (before !== undefined) throw inputError(file, line, `the header has the ${what} "${n}" twice (columns ${before} and ${col})`);
    seen.set(n, col);
  });
  return names;
}

function isSklearnHeader(first: string[], count: number, second: DelimitedRecord | undefined): boolean {
  if (first.length < 2 || !second || first.slice(2).some(isNumber)) return false;
  const [n, f] = [Number(first[0]), Number(first[1])];
  if (!Number.isInteger(n) || !Number.isInteger(f) || n !== count - 1) return false;
  return second.cells.length === f + 1;
}

/** Resolves `--label-column` given as a 0-based index or a header name. */
export function resolveColumn(table: Table, spec: string | number | undefined): number {
  if (spec === undefined || spec === '') return table.cols - 1;
  const asIndex = typeof spec === 'number' ? spec : /^-?\d+$/.test(spec) ? Number(spec) : null;
  if (asIndex !== null) {
    const idx = asIndex < 0 ? table.cols + asIndex : asIndex;
    if (idx < 0 || idx >= table.cols) {
      throw inputError(table.file, null, `label column ${spec} is out of range: the file has ${table.cols} columns (0..${table.cols - 1})`);
    }
    return idx;
  }
  const idx = table.names?.indexOf(String(spec)) ?? -1;
  if (idx < 0) {
    throw inputError(table.file, null, table.names ? `no column named "${spec}" (columns: ${table.names.join(', ')})` : `no header line, so the label column must be a number, not "${spec}"`);
  }
  return idx;
}
