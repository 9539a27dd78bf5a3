import { inputError, LexnetError } from '../io/errors.js';
import { readLines } from './line-reader.js';
import { validateOptions, type OptionDeclaration } from '../options/declare.js';

/** The options of readConll. */
export const CONLL_OPTIONS = {
  tagColumn: { type: 'int', min: -(2 ** 31), max: 2 ** 31 - 1, default: -1, doc: 'column holding the tag: 0-based, negative counts from the end' },
  allowUntagged: { type: 'boolean', default: false, doc: 'accept lines with only a word (tag \'\')' },
} as const satisfies OptionDeclaration;

/** A tagged sentence: tokens with their gold tags, and the line each token came from. */
export interface TaggedSentence {
  words: string[];
  tags: string[];
  /** The file line of each token (readConll sets it, for messages); optional for sentences built in code. */
  lines?: number[];
}

/** How readConll reads a file: the tag column. */
export interface ConllOptions {
  /** Column holding the tag: 0-based, negative counts from the end (default −1, the last). */
  tagColumn?: number | undefined;
  /** Accept lines with only a word (for plain tagging input), tag ''. */
  allowUntagged?: boolean | undefined;
}

/**
 * Reads CoNLL-style column files: one token per line (`WORD … TAG`), a blank line between
 * sentences, `-DOCSTART-` lines skipped. Every token line must have as many columns as the
 * first (so the tag column means the same everywhere; with `allowUntagged`, a lone word is
 * accepted too); a line with too few or a different number of columns is an error naming it.
 */
export function readConll(path: string, options: ConllOptions = {}): TaggedSentence[] {
  validateOptions(CONLL_OPTIONS, options, 'readConll');
  return [...conllSentences(path, options)];
}

/**
 * The sentences of a CoNLL column file as they are read (memory: one sentence), with readConll's
 * checks: the one reader of the format, for the tagger and for `conll:` corpora alike.
 */
export function* conllSentences(path: string, { tagColumn = -1, allowUntagged = false }: ConllOptions = {}): Generator<Required<TaggedSentence>> {
  let cur: Required<TaggedSentence> = { words: [], tags: [], lines: [] };
  if (tagColumn === 0) throw new LexnetError(`${path}: the tag column cannot be 0, the word's column`);
  let width = -1, widthLine = 0;
  for (const [lineNo, raw] of readLines(path)) {
    const line = raw.trim();
    const cols = line === '' ? [] : line.split(/\s+/);
    if (line === '' || cols[0] === '-DOCSTART-') {
      if (cur.words.length) yield cur;
      cur = { words: [], tags: [], lines: [] };
      continue;
    }
    const need = tagColumn >= 0 ? tagColumn + 1 : -tagColumn + 1;
    if (cols.length < need && !(allowUntagged && cols.length === 1)) {
      throw inputError(path, lineNo, `${cols.length} column${cols.length === 1 ? '' : 's'}, need at least ${need} (a word and the tag in column ${tagColumn >= 0 ? tagColumn + 1 : `${-tagColumn} from the end`})`);
    }
    const untagged = allowUntagged && cols.length === 1;
    if (width < 0 && !untagged) [width, widthLine] = [cols.length, lineNo];
    else if (!untagged && cols.length !== width) {
      throw inputError(path, lineNo, `${cols.length} columns, expected ${width} as on line ${widthLine} (every token line needs the same columns)`);
    }
    cur.words.push(cols[0]!);
    cur.tags.push(untagged ? '' : cols[tagColumn >= 0 ? tagColumn : cols.length + tagColumn]!);
    cur.lines.push(lineNo);
  }
  if (cur.words.length) yield cur;
}
