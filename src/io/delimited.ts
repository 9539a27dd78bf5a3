import { createRequire } from 'node:module';
import { inputError } from './errors.js';

/** csv-parse, loaded on the first file read (its one-file CommonJS build), not with `import 'lexnet'`. */
let csv: typeof import('csv-parse/sync') | undefined;
const csvParse = (): typeof import('csv-parse/sync') => (csv ??= createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync'));

/** One record of a CSV/TSV file: its cells and the line it starts on (1-based). */
export interface DelimitedRecord {
  line: number;
  cells: string[];
}

/** Lines parsed at a time; a record cut by the end of a batch is parsed again with the next one. */
const BATCH_LINES = 4096;
/** Longest record, in characters: a longer one is taken for a quote that is never closed. */
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/**
 * Splits numbered lines of a CSV (`,`) or TSV (`\t`) file into records with csv-parse: a field
 * in double quotes may hold the delimiter, `""` (one quote) and line breaks; a quote inside an
 * unquoted field is kept as is. Cells are not trimmed; whitespace-only lines give no record.
 * Lines are parsed in batches (of `batchLines`), so a large file is never held whole; a caller that
 * yields to the event loop between records takes small batches. Errors name file and line.
 */
export function* delimitedRecords(file: string, lines: Iterable<[number, string]>, delimiter: ',' | '\t', batchLines = BATCH_LINES): Generator<DelimitedRecord> {
  const it = lines[Symbol.iterator]();
  let numbers: number[] = [];
  let texts: string[] = [];
  let exhausted = false;
  let want = batchLines;
  for (;;) {
    while (!exhausted && texts.length < want) {
      const r = it.next();
      if (r.done) exhausted = true;
      else { numbers.push(r.value[0]); texts.push(r.value[1]); }
    }
    if (texts.length === 0) return;
    const { records, used, open } = parseBatch(file, numbers, texts, delimiter);
    yield* records;
    if (open && exhausted) {
      throw inputError(file, numbers[used]!, 'a quoted field opened on this line is never closed (a field in double quotes ends with a quote followed by the delimiter or the end of the line; write a quote inside one as "")');
    }
    numbers = numbers.slice(used);
    texts = texts.slice(used);
    if (open && texts.reduce((n, t) => n + t.length + 1, 0) > MAX_RECORD_CHARS) {
      throw inputError(file, numbers[0]!, `a quoted field opened on this line runs on for more than ${MAX_RECORD_CHARS / (1024 * 1024)} MiB: is its closing quote missing?`);
    }
    // a record still open needs more lines: take a larger batch than it already spans
    want = open ? Math.max(batchLines, texts.length * 2) : batchLines;
    if (exhausted && texts.length === 0) return;
  }
}

/**
 * Parses whole records of one batch. `used` counts the lines they span; `open` says the batch
 * ends inside a quoted field (its record starts at line index `used`).
 */
function parseBatch(file: string, numbers: readonly number[], texts: readonly string[], delimiter: string): { records: DelimitedRecord[]; used: number; open: boolean } {
  const records: DelimitedRecord[] = [];
  const { parse, CsvError } = csvParse();
  let used = 0;
  try {
    parse(`${texts.join('\n')}\n`, {
      delimiter, relax_column_count: true, relax_quotes: true, raw: true,
      on_record: ({ record, raw }: { record: string[]; raw: string }) => {
        const line = numbers[used]!;
        used += countNewlines(raw);
        if (raw.trim() !== '') records.push({ line, cells: record });
        return null;
      },
    });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') return { records, used, open: true };
    throw inputError(file, numbers[used] ?? numbers.at(-1)!, `cannot split this line into fields: ${e.message.replace(/ at line \d+$/, '')}`);
  }
  return { records, used: texts.length, open: false };
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
