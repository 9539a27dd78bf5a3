// The whole-file vector reader that the streaming one replaced (lexnet before issue 11), kept
// only as a reference for tests: on valid files both must give the same words and values.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { inputError, LexnetError } from '../src/io/errors.js';
import { WordVectors } from '../src/io/word-vectors.js';

export function readVectorsWhole(path: string): WordVectors {
  const bytes = readFileSync(path);
  return path.endsWith('.bin') ? parseBinary(path, bytes) : parseText(path, bytes);
}

function bytesToText(_path: string, bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const INTEGER = /^[+-]?\d+$/;
const isBlank = (line: string): boolean => /^[ \t\r]*$/.test(line);
const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
const quote = (word: string): string => JSON.stringify(word.length > 40 ? `${word.slice(0, 40)}…` : word);

/**
 * The `<word count> <dimension>` header, when `line` is one (two numbers); null when it is not
 * (a headerless GloVe row). A header with numbers out of range is an error.
 */
function parseHeader(path: string, line: string): { count: number; dim: number } | null {
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

function parseText(path: string, bytes: Buffer): WordVectors {
  try {
    return parseTextRows(path, bytes);
  } catch (e) {
    if (e instanceof LexnetError && looksBinary(bytes)) {
      throw inputError(path, null, 'looks like a binary (word2vec .bin) vector file; name it .bin');
    }
    throw e;
  }
}

/** A file with a `count dim` first line followed by NUL bytes or bytes that are not UTF-8. */
function looksBinary(bytes: Buffer): boolean {
  const nl = bytes.indexOf(10);
  if (nl < 0 || !/^\s*\d+\s+\d+\s*$/.test(bytes.toString('latin1', 0, nl))) return false;
  if (bytes.indexOf(0, nl) >= 0) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(nl + 1));
    return false;
  } catch {
    return true;
  }
}

function parseTextRows(path: string, bytes: Buffer): WordVectors {
  if (!isUtf8(bytes)) throw inputError(path, null, 'not UTF-8'); // (issue 19: every reader is strict)
  const text = bytesToText(path, bytes);
  const lines = text.split('\n');
  const header = lines.length ? parseHeader(path, lines[0]!) : null;
  // row r is on line rows[r] + 1; blank lines (a trailing newline, a stray `\r`) are skipped
  const rows: number[] = [];
  for (let i = header ? 1 : 0; i < lines.length; i++) if (!isBlank(lines[i]!)) rows.push(i);
  if (rows.length === 0) throw inputError(path, null, header ? `the header announces ${plural(header.count, 'word')} but the file has no rows` : 'the file is empty');
  if (header && header.count < rows.length) {
    throw inputError(path, rows[header.count]! + 1, `the header (line 1) announces ${plural(header.count, 'word')} but the file has ${rows.length} rows; the extra data begins here`);
  }
  if (header && header.count > rows.length) throw inputError(path, 1, `cut short: the header announces ${header.count} words but the file has ${plural(rows.length, 'row')}`);
  const firstValues = lines[rows[0]!]!.trimEnd().split(' ').length - 1;
  const dim = header?.dim ?? firstValues;
  const parse = (data: Float32Array | null): string[] => {
    const words: string[] = [];
    rows.forEach((i, r) => {
      const lineNo = i + 1;
      const parts = lines[i]!.trimEnd().split(' ');
      const word = parts[0]!;
      if (parts.length === 1) throw inputError(path, lineNo, `no vector values after ${quote(word)}: is this a word list? (a vector file has "word v1 v2 …" per line)`);
      if (word === '') throw inputError(path, lineNo, 'the line starts with a space: expected "word v1 … vN"');
      if (parts.length - 1 !== dim) throw inputError(path, lineNo, `${plural(parts.length - 1, 'value')}, expected ${dim}${header ? ' (the dimension in the header)' : ` (as on line ${rows[0]! + 1})`}`);
      if (word.includes('\0')) throw inputError(path, lineNo, 'NUL byte in the word');
      words.push(word);
      for (let j = 1; j <= dim; j++) {
        const s = parts[j]!;
        const v = Number(s);
        if (s === '' || Number.isNaN(v)) throw inputError(path, lineNo, `value ${j} of ${quote(word)} is not a number: ${quote(s)}`);
        const f = Math.fround(v);
        if (!Number.isFinite(f)) throw inputError(path, lineNo, `value ${j} of ${quote(word)} is not a finite float32: ${quote(s)}`);
        if (data) data[r * dim + j - 1] = f;
      }
    });
    return words;
  };
  // every value takes at least two characters (a digit and a separator): check before allocating
  if (rows.length * dim * 2 > text.length) {
    parse(null);
    throw inputError(path, null, `the rows are shorter than ${dim} values`);
  }
  const data = new Float32Array(rows.length * dim);
  return firstOccurrences(parse(data), dim, data);
}

const TEXT_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Whether the bytes at `p` (a first row after the header) read as a text row `word v1 v2 …`
 * rather than `word ` + float32s: only number tokens up to the line's end, and either `dim` of
 * them or a line at least as long as the binary row would be (binary floats rarely look like that).
 */
function looksLikeTextRow(bytes: Buffer, p: number, dim: number | null): boolean {
  const space = bytes.indexOf(32, p);
  let end = bytes.indexOf(10, p);
  if (end < 0) end = bytes.length;
  if (space < 0 || space > end) return false;
  const seg = bytes.toString('latin1', space + 1, Math.min(end, space + 1 + 1e6)).replace(/[ \r]+$/, '');
  const tokens = seg.split(' ');
  if (seg === '' || !tokens.every((t) => TEXT_NUMBER.test(t))) return false;
  return dim === null || tokens.length === dim || end - space - 1 >= 4 * dim;
}

function parseBinary(path: string, bytes: Buffer): WordVectors {
  const nl = bytes.indexOf(10);
  const headText = bytes.toString('utf8', 0, nl < 0 ? Math.min(bytes.length, 200) : Math.min(nl, 200));
  const header = nl < 0 ? null : parseHeader(path, headText);
  if (!header) {
    if (looksLikeTextRow(bytes, 0, null)) throw inputError(path, 1, 'looks like a text vector file (without a header line); name it .txt or .vec');
    throw inputError(path, 1, `${nl < 0 ? 'no header line' : `bad header "${headText.trim().slice(0, 60)}"`}: expected "<word count> <dimension>" (is this a word2vec .bin file?)`);
  }
  const { count, dim } = header;
  const start = nl + 1;
  if (looksLikeTextRow(bytes, start, dim)) throw inputError(path, null, 'looks like a text vector file; name it .txt or .vec');
  const rowBytes = dim * 4;
  const remaining = bytes.length - start;
  // each vector takes at least a one-byte word, a space and its floats: check before allocating
  if (count * (rowBytes + 2) > remaining) {
    throw inputError(path, null, `cut short: the header announces ${plural(count, 'vector')} of ${dim} floats (at least ${count * (rowBytes + 2)} bytes) but only ${remaining} bytes follow it`);
  }
  const words: string[] = [];
  const data = new Float32Array(count * dim);
  let p = start;
  for (let i = 0; i < count; i++) {
    const at = `vector ${i + 1}`;
    const space = bytes.indexOf(32, p);
    if (space < 0 || space + 1 + rowBytes > bytes.length) {
      throw inputError(path, null, `cut short: the header announces ${count} vectors of ${dim} floats but the file ends in vector ${i + 1} (byte ${bytes.length})`);
    }
    if (space === p) throw inputError(path, null, `${at}, byte ${p}: empty word (expected "word " then ${dim} float32 values)`);
    const word = bytes.toString('utf8', p, space);
    if (word.includes('\n')) {
      throw inputError(path, null, `${at} (${quote(word)}), byte ${p}: the word contains a line break; is the header's dimension ${dim} that of the data?`);
    }
    if (!isUtf8(bytes.subarray(p, space)) || word.includes('\0')) throw inputError(path, null, `${at}: the word is not UTF-8 text`);
    p = space + 1;
    for (let j = 0; j < dim; j++, p += 4) {
      const v = bytes.readFloatLE(p);
      if (!Number.isFinite(v)) throw inputError(path, null, `${at} (${quote(word)}), byte ${p}: value ${j + 1} is ${v}`);
      data[i * dim + j] = v;
    }
    words.push(word);
    if (bytes[p] === 10) p++; // word2vec.c ends each vector with a newline, gensim does not
  }
  for (let q = p; q < bytes.length; q++) {
    if (bytes[q] !== 10 && bytes[q] !== 13 && bytes[q] !== 32) {
      throw inputError(path, null, `the header announces ${plural(count, 'vector')} but more data follows: the extra data begins at byte ${q}`);
    }
  }
  return firstOccurrences(words, dim, data);
}

/** Drops rows whose word occurred before (the first vector wins, as in gensim and word2vec.c). */
function firstOccurrences(words: string[], dim: number, data: Float32Array): WordVectors {
  const seen = new Set<string>();
  const keep: number[] = [];
  words.forEach((w, i) => { if (!seen.has(w)) { seen.add(w); keep.push(i); } });
  if (keep.length === words.length) return new WordVectors(words, dim, data);
  const out = new Float32Array(keep.length * dim);
  keep.forEach((i, r) => out.set(data.subarray(i * dim, (i + 1) * dim), r * dim));
  return new WordVectors(keep.map((i) => words[i]!), dim, out);
}
