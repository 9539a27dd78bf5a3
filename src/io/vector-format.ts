import { inputError, type LexnetError } from './errors.js';
import type { OptionDeclaration } from '../options/declare.js';

/** `.bin` is word2vec's binary format; anything else (`.txt`, `.vec`) its text format. */
export type VectorFormat = 'text' | 'binary';

/** How a vector file is read: which rows, and in what pieces. */
export interface ReadVectorsOptions {
  /** The file's format; by default from its name (`.bin`, `.bin.gz`: binary), detected for `-`. */
  format?: VectorFormat | undefined;
  /** Read only the first `limit` rows (gensim's `limit`); the rest of the file is not read. */
  limit?: number | undefined;
  /**
   * Which rows to keep, by word and row number (0-based, in the file); asked once per row whose
   * word is not kept yet. Rows left out are still checked, but take no memory.
   */
  keep?: ((word: string, row: number) => boolean) | undefined;
  /** Bytes read at a time (tests use tiny blocks to put rows across block boundaries). */
  blockBytes?: number | undefined;
  /**
   * Where a fastText model's bucket rows (its character n-grams) are kept: in memory (`memory`,
   * the default); read from the file when a word outside the vocabulary is looked up (`file`:
   * memory is the words' rows alone; a regular, uncompressed file only); or `auto`: from the
   * file when the rows would take more than half the free memory.
   */
  subwordRows?: 'memory' | 'file' | 'auto' | undefined;
  /**
   * With `keep` and a fastText model with subwords: words that, when not among the rows kept,
   * get a row too, the mean of their n-gram rows (what the model's `vector` gives an unseen
   * word), so a tagger's or classifier's words absent from the model still start from a vector.
   */
  composeWords?: readonly string[] | undefined;
}

/** The options of readVectors and loadVectors: type, range, default and doc. */
export const READ_VECTORS_OPTIONS = {
  format: { type: 'enum', values: ['text', 'binary'], doc: 'the file\'s format (default: by its name, `.bin` binary; detected for -)' },
  limit: { type: 'int', min: 1, doc: 'read only the first N rows (the most frequent words come first)' },
  keep: { type: 'function', doc: 'which rows to keep, by word and row number' },
  blockBytes: { type: 'int', min: 1, max: 2 ** 30, doc: 'bytes read at a time' },
  composeWords: {
    type: 'value', what: 'an array of strings',
    /** Whether the value is an array of strings. */
    check: (v) => Array.isArray(v) && v.every((w) => typeof w === 'string'),
    doc: 'with keep and a fastText model with subwords: words not kept that get a row from their n-grams' },
  subwordRows: { type: 'enum', values: ['memory', 'file', 'auto'], default: 'memory', doc: 'where a fastText model\'s subword rows are kept: in memory, read from the file when looked up, or auto (from the file when they would take more than half the free memory)' },
} as const satisfies OptionDeclaration;

/** The words kept while reading, with their row numbers in the matrix (the first occurrence wins). */
export class KeptWords {
  readonly words: string[] = [];
  readonly index = new Map<string, number>();
  constructor(private readonly keep?: (word: string, row: number) => boolean) {}

  /** Whether file row `row`, holding `word`, is to be stored. */
  wants(word: string, row: number): boolean {
    return !this.index.has(word) && (this.keep === undefined || this.keep(word, row));
  }

  add(word: string): void {
    this.index.set(word, this.words.length);
    this.words.push(word);
  }
}

/** The result of a reader, before it becomes WordVectors. */
export type VectorRows = { kept: KeptWords; dim: number; data: Float32Array };

/** A line longer than this is refused (no vector row comes close; it stops a stream of garbage). */
export const MAX_LINE_BYTES = 1 << 26;

const INTEGER = /^[+-]?\d+$/;
export const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
export const quote = (word: string): string => JSON.stringify(word.length > 40 ? `${word.slice(0, 40)}…` : word);

/** A word holding a NUL byte: the corpus reader's refusal (a binary or UTF-16 file, not UTF-8 text). */
export const nulInWord = (path: string, line: number | null, word: string, where = ''): LexnetError =>
  inputError(path, line, `${where}NUL byte in the word ${quote(word)}: this is not a UTF-8 text file (binary, or UTF-16?)`);

/**
 * The `<word count> <dimension>` header, when `line` is one (two numbers); null when it is not
 * (a headerless GloVe row). A header with numbers out of range is an error.
 */
export function parseHeader(path: string, line: string): { count: number; dim: number } | null {
  const parts = line.trim().split(/\s+/);
  if (parts.length !== 2 || !parts.every((p) => p !== '' && Number.isFinite(Number(p)))) return null;
  const [count, dim] = parts.map(Number) as [number, number];
  const bad = (why: string) => inputError(path, 1, `bad header "${line.trim().slice(0, 60)}": ${why}`);
  if (!parts.every((p) => INTEGER.test(p))) throw bad('expected "<word count> <dimension>", two whole numbers');
  if (!Number.isSafeInteger(count) || count < 0) throw bad(`the word count must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`);
  if (!Number.isSafeInteger(dim) || dim < 1) throw bad(dim === 0 ? 'dimension 0: vectors need at least one value' : 'the dimension must be a positive whole number');
  if (count === 0) throw bad('the header announces 0 words: the file has no vectors');
  return { count, dim };
}

const TEXT_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SINGLE_BYTE = new TextDecoder('latin1'); // (windows-1252: the same characters for what is tested here, digits and signs)

/** Bytes [start, end) as one character each, on any platform. */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  return SINGLE_BYTE.decode(bytes.subarray(start, end));
}

/**
 * Whether the bytes at `p` (a first row after the header) read as a text row `word v1 v2 …`
 * rather than `word ` + float32s: only number tokens up to the line's end, and either `dim` of
 * them or a line at least as long as the binary row would be (binary floats rarely look like that).
 */
export function looksLikeTextRow(bytes: Uint8Array, p: number, dim: number | null): boolean {
  const space = bytes.indexOf(32, p);
  let end = bytes.indexOf(10, p);
  if (end < 0) end = bytes.length;
  if (space < 0 || space > end) return false;
  const seg = latin1(bytes, space + 1, Math.min(end, space + 1 + 1e6)).replace(/[ \r]+$/, '');
  const tokens = seg.split(' ');
  if (seg === '' || !tokens.every((t) => TEXT_NUMBER.test(t))) return false;
  return dim === null || tokens.length === dim || end - space - 1 >= 4 * dim;
}

/** Bytes that start with a `count dim` line followed by NUL bytes or bytes that are not UTF-8, in a first row that does not read as text (the start of a .bin). */
export function looksBinary(bytes: Uint8Array): boolean {
  const nl = bytes.indexOf(10);
  if (nl < 0 || !/^\s*\d+\s+\d+\s*$/.test(latin1(bytes, 0, nl))) return false;
  if (bytes.indexOf(0, nl) < 0) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(nl + 1), { stream: true });
      return false;
    } catch { /* a .bin, or text with bad bytes */ }
  }
  return !looksLikeTextRow(bytes, nl + 1, null); // text rows with a NUL or Latin-1 words are bad text, not binary
}
