// word2vec's vector formats read from bytes in memory (a file dropped on a page, a fetch): the
// inverse of encodeVectors, with the checks the file readers make on the rows' shape and values.
import { decodeFastTextVectors, isFastTextModel } from '../fasttext/model-file.js';
import { inputError, LexnetError } from './errors.js';
import { firstInvalidUtf8, invalidUtf8Error, strictUtf8, utf16Bom, utf16Error } from '../text/utf8-stream.js';
import { nulInWord, parseHeader, type VectorFormat } from './vector-format.js';
import { WordVectors } from './word-vectors.js';

const TEXT_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+|inf(?:inity)?|nan)(?:[eE][+-]?\d+)?$/i;

/**
 * Vectors from the bytes of a word2vec text file (header `V dim`, then `word v1 … vdim` per
 * line; a file without the header, as GloVe's, takes its dimension from the first row) or binary
 * file (header, then per word `word ` + dim little-endian float32, each row's newline optional).
 * The header must agree with the rows and every value must be a finite float32; a word that
 * occurs again keeps its first vector. Errors name `name` and the line (text) or byte (binary).
 * A fastText model (`.bin` bytes that start with fastText's magic number) is decoded whatever
 * `format` says, as decodeFastTextVectors does.
 */
export function decodeVectors(bytes: Uint8Array, format: VectorFormat = 'text', name = 'vectors'): WordVectors {
  if (!(bytes instanceof Uint8Array)) throw new LexnetError(`${name}: expected the file's bytes as a Uint8Array`);
  const bom = utf16Bom(bytes);
  if (bom) throw utf16Error(name, bom);
  if (isFastTextModel(bytes)) return decodeFastTextVectors(bytes, {}, name); // a fastText .bin, told by its magic number
  if (format === 'binary') return decodeBinary(bytes, name);
  if (format !== 'text') throw new LexnetError(`format must be 'text' or 'binary', got ${String(format)}`, { option: 'format' });
  return decodeText(bytes, name);
}

/** Rows collected in file order; later copies of a word are dropped. */
class Rows {
  readonly words: string[] = [];
  readonly index = new Map<string, number>();
  data: Float32Array;
  constructor(readonly dim: number, expected: number) {
    this.data = new Float32Array(dim * Math.max(1, Math.min(expected, 1 << 16)));
  }

  /** A row's slot (null when the word was seen before: its values are still checked, then dropped). */
  slot(word: string): Float32Array | null {
    if (this.index.has(word)) return null;
    const n = this.words.length;
    if ((n + 1) * this.dim > this.data.length) {
      const grown = new Float32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.index.set(word, n);
    this.words.push(word);
    return this.data.subarray(n * this.dim, (n + 1) * this.dim);
  }

  vectors(): WordVectors {
    return new WordVectors(this.words, this.dim, this.data.slice(0, this.words.length * this.dim), this.index);
  }
}

function decodeText(bytes: Uint8Array, name: string): WordVectors {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const { at, length } = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = bytes.indexOf(10); i >= 0 && i < at; i = bytes.indexOf(10, i + 1)) line++;
    const e = invalidUtf8Error(name, line, at, bytes.subarray(at, at + length));
    throw new LexnetError(`${e.message}; a binary .bin file? decode it with format "binary"`);
  }
  const lines = text.split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) throw inputError(name, 1, 'empty: no header and no vectors');
  const header = parseHeader(name, lines[0]!);
  const first = header ? 1 : 0;
  const dim = header?.dim ?? lines[0]!.replace(/[ \r]+$/, '').split(/ +/).length - 1;
  if (dim < 1) throw inputError(name, 1, 'expected a header "<word count> <dimension>" or a row "word v1 v2 …"');
  if (header && lines.length - 1 !== header.count) {
    throw inputError(name, null, `the header announces ${header.count} vectors but the file has ${lines.length - 1}`);
  }
  const rows = new Rows(dim, lines.length - first);
  for (let i = first; i < lines.length; i++) {
    const parts = lines[i]!.replace(/[ \r]+$/, '').split(/ +/);
    if (parts.length !== dim + 1) throw inputError(name, i + 1, `expected a word and ${dim} values, got ${parts.length - 1} values`);
    if (parts[0]!.includes('\0')) throw nulInWord(name, i + 1, parts[0]!);
    const slot = rows.slot(parts[0]!);
    for (let j = 0; j < dim; j++) {
      const p = parts[j + 1]!;
      const v = Math.fround(Number(p));
      if (!TEXT_NUMBER.test(p) || !Number.isFinite(v)) throw inputError(name, i + 1, `value ${j + 1} of "${parts[0]}" is ${JSON.stringify(p.slice(0, 40))}, not a finite float32`);
      if (slot) slot[j] = v;
    }
  }
  return rows.vectors();
}

function decodeBinary(bytes: Uint8Array, name: string): WordVectors {
  const nl = bytes.indexOf(10);
  const headText = new TextDecoder().decode(bytes.subarray(0, nl < 0 ? Math.min(bytes.length, 200) : Math.min(nl, 200)));
  const header = nl < 0 ? null : parseHeader(name, headText);
  if (!header) throw inputError(name, 1, `${nl < 0 ? 'no header line' : `bad header "${headText.trim().slice(0, 60)}"`}: expected "<word count> <dimension>" (is this a word2vec .bin file?)`);
  const { count, dim } = header;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rows = new Rows(dim, count);
  let at = nl + 1;
  for (let i = 0; i < count; i++) {
    while (at < bytes.length && bytes[at] === 10) at++; // the previous row's newline (gensim leaves it out)
    const space = bytes.indexOf(32, at);
    if (space < 0 || space + dim * 4 > bytes.length - 1) {
      throw inputError(name, null, `cut short: the header announces ${count} vectors of ${dim} floats but the file ends in vector ${i + 1} (byte ${bytes.length})`);
    }
    if (space === at) throw inputError(name, null, `vector ${i + 1}, byte ${at}: empty word (expected "word " then ${dim} float32 values)`);
    const nlAt = bytes.indexOf(10, at);
    if (nlAt >= 0 && nlAt < space) throw inputError(name, null, `vector ${i + 1}, byte ${at}: the word contains a line break; is the header's dimension ${dim} that of the data?`);
    const word = strictUtf8(name, bytes, at, space, null, 0);
    if (word.includes('\0')) throw nulInWord(name, null, word, `vector ${i + 1}, byte ${at}: `);
    const slot = rows.slot(word);
    at = space + 1;
    for (let j = 0; j < dim; j++, at += 4) {
      const v = view.getFloat32(at, true);
      if (!Number.isFinite(v)) throw inputError(name, null, `vector ${i + 1} ("${word.slice(0, 40)}"), value ${j + 1}: ${v} is not finite`);
      if (slot) slot[j] = v;
    }
  }
  while (at < bytes.length && (bytes[at] === 10 || bytes[at] === 13)) at++;
  if (at < bytes.length) throw inputError(name, null, `byte ${at}: data after the ${count} vectors the header announces`);
  return rows.vectors();
}
