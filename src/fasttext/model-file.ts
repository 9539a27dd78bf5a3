import { inputError, LexnetError } from '../io/errors.js';
import { FloatRows } from '../io/float-rows.js';
import type { ZeroRun } from '../io/zero-run.js';
import { KeptWords, plural, quote } from '../io/vector-format.js';
import { WordVectors } from '../io/word-vectors.js';
import { ARGS_BYTES, argsProblem, decodeArgs, encodeArgs, MODEL, type FastTextArgs } from './args.js';
import { MemoryReader, type ByteReader } from './byte-reader.js';
import { DICTIONARY_HEADER_BYTES, decodeDictionaryHeader, encodeDictionary, ENTRY_LABEL, ENTRY_WORD, wordProblem, type DictionaryEntry, type FastTextDictionary } from './dictionary.js';
import { RowBlocks } from './row-blocks.js';
import { SparseRowsMatrix, type StoredRows } from './sparse-rows-matrix.js';
import type { RowSource } from './row-source.js';
import { composeWordVectors, SubwordVectors } from './subword-vectors.js';
import { subwordBuckets, type SubwordSettings } from './subwords.js';

/** fastText's file magic (`FASTTEXT_FILEFORMAT_MAGIC_INT32`), a little-endian int32 at byte 0 of a `.bin`. */
export const FASTTEXT_MAGIC = 793712314;
/** The format version fastText 0.9 writes (after the magic number), and the one lexnet writes. */
export const FASTTEXT_VERSION = 12;

/** A dense row-major float32 matrix (fastText's `DenseMatrix`). */
export interface DenseMatrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/**
 * A fastText model as its `.bin` stores it: args, dictionary, the input matrix (one row per
 * word, then one per bucket) and the output matrix (one row per word for unsupervised models,
 * per label for supervised ones). Quantized models (`.ftz`) are not supported yet.
 */
export interface FastTextModel {
  args: FastTextArgs;
  dictionary: FastTextDictionary;
  input: DenseMatrix;
  output: DenseMatrix;
  /** The file's format version (11 or 12) when read; files are written as version 12. */
  version?: number;
}

/** Whether bytes begin with fastText's magic number (little-endian int32 793712314). */
export function isFastTextModel(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0, true) === FASTTEXT_MAGIC;
}

/** Files are little-endian; the floats are copied as they are on little-endian machines (nearly all). */
const BIG_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

/** Reverses the bytes of each float32 in place (little-endian ↔ big-endian). */
function swapFloatBytes(b: Uint8Array): Uint8Array {
  for (let i = 0; i + 3 < b.length; i += 4) {
    const [x, y] = [b[i]!, b[i + 1]!];
    b[i] = b[i + 3]!; b[i + 1] = b[i + 2]!; b[i + 2] = y; b[i + 3] = x;
  }
  return b;
}

/** A word longer than this is refused (it stops a damaged file from being read as one huge word). */
const MAX_WORD_BYTES = 1 << 20;
/** Float bytes copied at a time. */
const PIECE_BYTES = 1 << 16;
const decoder = new TextDecoder();
const strict = new TextDecoder('utf-8', { fatal: true });

/** What the reader needs to know of a model before its matrices (also read by the supervised model's reader). */
export interface ModelHead {
  version: number;
  args: FastTextArgs;
  dictionary: FastTextDictionary;
}

export function need(r: ByteReader, name: string, n: number, what: string): Uint8Array {
  const b = r.take(n);
  if (!b) throw inputError(name, null, `cut short: the file ends in ${what} (byte ${r.offset})`);
  return b;
}

export function readHead(r: ByteReader, name: string): ModelHead {
  const sig = r.take(8);
  if (!sig || !isFastTextModel(sig)) throw inputError(name, null, `not a fastText model: it does not start with fastText's magic number ${FASTTEXT_MAGIC}`);
  const version = new DataView(sig.buffer, sig.byteOffset, 8).getInt32(4, true);
  if (version > FASTTEXT_VERSION || version < 11) throw inputError(name, null, `fastText model format version ${version}: lexnet reads versions 11 and 12`);
  const args = decodeArgs(need(r, name, ARGS_BYTES, 'the model settings'));
  const bad = argsProblem(args);
  if (bad) throw inputError(name, null, `bad fastText model settings: ${bad}`);
  if (version === 11 && args.model === MODEL.sup) args.maxn = 0; // as fastText: old supervised models have no character n-grams
  const h = decodeDictionaryHeader(need(r, name, DICTIONARY_HEADER_BYTES, 'the dictionary header'));
  if (h.size < 0 || h.nwords < 0 || h.nlabels < 0 || h.nwords + h.nlabels !== h.size) {
    throw inputError(name, null, `bad dictionary header: ${h.size} entries, ${h.nwords} words and ${h.nlabels} labels`);
  }
  // each entry takes at least a NUL, a count and a type: check before reading on
  if (r.size !== null && h.size * 10 > r.size - r.offset) throw inputError(name, null, `cut short: the dictionary announces ${plural(h.size, 'entry')} but only ${r.size - r.offset} bytes follow`);
  const entries: DictionaryEntry[] = [];
  for (let i = 0; i < h.size; i++) {
    const at = r.offset;
    const s = r.takeString(MAX_WORD_BYTES);
    if (s === 'long') throw inputError(name, null, `dictionary entry ${i + 1} at byte ${at}: no NUL within ${MAX_WORD_BYTES} bytes`);
    if (s === null) throw inputError(name, null, `cut short: the file ends in dictionary entry ${i + 1} of ${h.size}`);
    let word: string, bytes: Uint8Array | undefined;
    try {
      word = strict.decode(s);
    } catch {
      word = decoder.decode(s); // not UTF-8: shown with U+FFFD, its bytes kept for hashing and writing
      bytes = new Uint8Array(s); // a copy, as a plain Uint8Array
    }
    const t = need(r, name, 9, `dictionary entry ${i + 1} of ${h.size}`);
    const v = new DataView(t.buffer, t.byteOffset, 9);
    const type = v.getInt8(8);
    if (type !== (i < h.nwords ? ENTRY_WORD : ENTRY_LABEL)) {
      throw inputError(name, null, `dictionary entry ${i + 1} (${quote(word)}) has type ${type}, expected ${i < h.nwords ? '0 (word)' : '1 (label)'}`);
    }
    entries.push({ word, ...(bytes && { bytes }), count: Number(v.getBigInt64(0, true)), type });
  }
  let pruneIndex: Map<number, number> | null = null;
  if (h.pruneSize >= 0) {
    if (r.size !== null && h.pruneSize * 8 > r.size - r.offset) throw inputError(name, null, `cut short: the prune index announces ${h.pruneSize} pairs`);
    pruneIndex = new Map();
    for (let i = 0; i < h.pruneSize; i++) {
      const p = need(r, name, 8, 'the prune index');
      const v = new DataView(p.buffer, p.byteOffset, 8);
      pruneIndex.set(v.getInt32(0, true), v.getInt32(4, true));
    }
  }
  return { version, args, dictionary: { entries, nwords: h.nwords, nlabels: h.nlabels, ntokens: h.ntokens, pruneIndex } };
}

/** The quantization flag and the rows × cols header of a dense matrix; quantized matrices are refused. */
function readMatrixHead(r: ByteReader, name: string, what: 'input' | 'output', checkQuant: boolean): { rows: number; cols: number } {
  const q = need(r, name, 1, `the ${what} matrix`)[0]!;
  if (checkQuant && q !== 0) {
    throw new LexnetError(`${name}: a quantized fastText model (.ftz) has no word vectors to read: use the .bin it was quantized from, or loadFastTextClassifier (lexnet classify predict) to predict with it`);
  }
  return readDenseHeader(r, name, what);
}

/** The rows × cols header (int64 each) of a dense matrix, checked against the bytes that follow. */
export function readDenseHeader(r: ByteReader, name: string, what: string): { rows: number; cols: number } {
  const b = need(r, name, 16, `the ${what} matrix header`);
  const v = new DataView(b.buffer, b.byteOffset, 16);
  const rows = Number(v.getBigInt64(0, true)), cols = Number(v.getBigInt64(8, true));
  if (!(rows >= 0 && cols >= 1 && Number.isSafeInteger(rows * cols * 4))) throw inputError(name, null, `bad ${what} matrix size ${rows} × ${cols}`);
  if (r.size !== null && rows * cols * 4 > r.size - r.offset) {
    throw inputError(name, null, `cut short: the ${what} matrix is ${rows} × ${cols} floats (${rows * cols * 4} bytes) but only ${r.size - r.offset} bytes follow`);
  }
  return { rows, cols };
}

/** Copies `count` floats from the reader into `target` at float `at`, refusing NaN and ±∞. */
export function readFloats(r: ByteReader, name: string, target: Float32Array, at: number, count: number, where: (k: number) => string): void {
  const bytes = new Uint8Array(target.buffer, target.byteOffset + 4 * at, 4 * count);
  for (let done = 0; done < bytes.length;) {
    const n = Math.min(PIECE_BYTES, bytes.length - done);
    const piece = r.take(n);
    if (!piece) throw inputError(name, null, `cut short: the file ends in ${where(done >> 2)}`);
    bytes.set(piece, done);
    done += n;
  }
  if (BIG_ENDIAN) swapFloatBytes(bytes);
  const bits = new Uint32Array(target.buffer, target.byteOffset + 4 * at, count);
  for (let k = 0; k < count; k++) {
    if ((bits[k]! & 0x7f800000) === 0x7f800000) throw inputError(name, null, `${where(k)} holds ${target[at + k]}`);
  }
}

function skipBytes(r: ByteReader, name: string, n: number, what: string): void {
  for (let done = 0; done < n;) {
    const k = Math.min(PIECE_BYTES, n - done);
    if (!r.take(k)) throw inputError(name, null, `cut short: the file ends in ${what}`);
    done += k;
  }
}

function checkInputShape(name: string, head: ModelHead, m: { rows: number; cols: number }): void {
  const { args, dictionary } = head;
  if (m.rows !== dictionary.nwords + args.bucket || m.cols !== args.dim) {
    throw inputError(name, null, `the input matrix is ${m.rows} × ${m.cols}, but ${dictionary.nwords} words + ${args.bucket} buckets of dimension ${args.dim} need ${dictionary.nwords + args.bucket} × ${args.dim}`);
  }
  if (dictionary.pruneIndex !== null) throw inputError(name, null, 'a pruned dictionary without a quantized input matrix (fastText refuses such files too)');
}

/** Reads the output matrix (or skips its floats) and checks that the file ends there. */
function readTail(r: ByteReader, name: string, head: ModelHead, keep: boolean): DenseMatrix {
  const m = readMatrixHead(r, name, 'output', false);
  if (m.cols !== head.args.dim) throw inputError(name, null, `the output matrix has ${m.cols} columns, the model's dimension is ${head.args.dim}`);
  let data = new Float32Array(0);
  if (keep) {
    data = new Float32Array(m.rows * m.cols);
    readFloats(r, name, data, 0, data.length, (k) => `output matrix row ${Math.floor(k / m.cols) + 1}`);
  } else {
    skipBytes(r, name, m.rows * m.cols * 4, 'the output matrix');
  }
  if (!r.atEnd()) throw inputError(name, null, `more data follows the output matrix, from byte ${r.offset}`);
  return { rows: m.rows, cols: m.cols, data };
}

/** Reads a whole (dense) fastText model: args, dictionary and both matrices. Memory is the file's size. */
export function readFastTextModel(r: ByteReader, name: string): FastTextModel {
  const head = readHead(r, name);
  const m = readMatrixHead(r, name, 'input', true);
  checkInputShape(name, head, m);
  const data = new Float32Array(m.rows * m.cols);
  readFloats(r, name, data, 0, data.length, (k) => `input matrix row ${Math.floor(k / m.cols) + 1}`);
  const output = readTail(r, name, head, true);
  return { ...head, input: { ...m, data }, output };
}

/** Decodes a fastText `.bin` held in memory (a browser's fetched bytes). */
export function decodeFastTextModel(bytes: Uint8Array, name = 'fastText model'): FastTextModel {
  return readFastTextModel(new MemoryReader(bytes), name);
}

/** Which rows to keep when a model is read for lookups. */
export interface FastTextReadOptions {
  /** Keep only the first `limit` words' rows (all buckets are kept). */
  limit?: number;
  /** Which words to keep, by word and row (asked once per word). */
  keep?: (word: string, row: number) => boolean;
  /**
   * Keep the words' vectors only, not the buckets (plain WordVectors): each word's n-gram rows are
   * added to it as they stream past, so memory is the kept words' rows alone.
   */
  wordsOnly?: boolean;
  /**
   * A source for the bucket rows, which start at byte `offset` of the file (rows × dim float32),
   * or null to keep them in memory. With a source, the rows are streamed past (added to the
   * words' vectors as they go) and the SubwordVectors reads them from the source when it needs them.
   */
  bucketRows?: (offset: number, rows: number, dim: number) => RowSource | null;
  /** With wordsOnly: these words, when not kept from the vocabulary, get a row too, the mean of their n-gram rows. */
  composeWords?: readonly string[];
}

/**
 * Reads a fastText model for lookups, streaming: the kept words' vectors (each the mean of its
 * subword rows, as fastText's `getWordVector`) and the bucket rows, in memory about the input
 * matrix's size; the output matrix is read past. With character n-grams (maxn > 0) the result is
 * a SubwordVectors, which answers for any word; without, plain WordVectors.
 */
export function readFastTextVectors(r: ByteReader, name: string, options: FastTextReadOptions = {}): WordVectors {
  const head = readHead(r, name);
  const m = readMatrixHead(r, name, 'input', true);
  checkInputShape(name, head, m);
  const { args, dictionary } = head;
  const dim = args.dim;
  const kept = new KeptWords(options.keep);
  const n = Math.min(dictionary.nwords, options.limit ?? Infinity);
  const store = new FloatRows(dim, n, r.size !== null && !options.keep ? n : 0);
  const keys: (string | Uint8Array)[] = []; // what the kept words' n-grams are cut from: their text, or bytes that are not UTF-8
  const rowName = (i: number) => (k: number) => `input matrix row ${i + 1} (${i < dictionary.nwords ? `word ${quote(dictionary.entries[i]!.word)}` : `bucket ${i - dictionary.nwords}`}), value ${k + 1}`;
  for (let i = 0; i < dictionary.nwords; i++) {
    const word = dictionary.entries[i]!.word;
    if (i < n && kept.wants(word, i)) {
      store.ensure((store.rows + 1) * dim);
      readFloats(r, name, store.data, store.rows * dim, dim, rowName(i));
      kept.add(word);
      keys.push(dictionary.entries[i]!.bytes ?? word);
      store.rows++;
    } else {
      skipBytes(r, name, dim * 4, `input matrix row ${i + 1}`);
    }
  }
  const data = store.matrix();
  const subwords: SubwordSettings = { minn: args.minn, maxn: args.maxn, bucket: args.bucket };
  if (args.maxn <= 0 || args.bucket === 0) {
    skipBytes(r, name, args.bucket * dim * 4, 'the bucket rows');
    readTail(r, name, head, false);
    return new WordVectors(kept.words, dim, data, kept.index);
  }
  const source = options.wordsOnly ? null : options.bucketRows?.(r.offset, args.bucket, dim) ?? null;
  if (options.wordsOnly || source) {
    const vocabularyRows = keys.length;
    let rows = data;
    if (options.wordsOnly && options.composeWords) {
      // words outside the vocabulary: rows of zeros (no own row), their n-gram rows added below
      const extra = options.composeWords.filter((w) => !kept.index.has(w) && subwordBuckets(w, subwords).length > 0);
      for (const w of new Set(extra)) { kept.add(w); keys.push(w); }
      rows = new Float32Array(keys.length * dim);
      rows.set(data);
    }
    addBucketsInPassing(r, name, keys, dim, rows, subwords, (b) => rowName(dictionary.nwords + b), vocabularyRows);
    readTail(r, name, head, false);
    if (rows !== data) return new WordVectors(kept.words, dim, rows, kept.index);
    return source ? new SubwordVectors(kept.words, dim, data, kept.index, subwords, source) : new WordVectors(kept.words, dim, data, kept.index);
  }
  const buckets = new RowBlocks(dim, args.bucket);
  for (let b = 0; b < args.bucket; b++) readFloats(r, name, buckets.row(b), 0, dim, rowName(dictionary.nwords + b));
  readTail(r, name, head, false);
  composeWordVectors(keys, dim, data, subwords, buckets);
  return new SubwordVectors(kept.words, dim, data, kept.index, subwords, buckets);
}

/**
 * Streams the bucket rows past, adding each to the words whose n-grams hash to it, then turns each
 * word's sum into the mean (fastText's getWordVector) without holding the buckets.
 */
function addBucketsInPassing(r: ByteReader, name: string, words: readonly (string | Uint8Array)[], dim: number, data: Float32Array, subwords: SubwordSettings, rowName: (b: number) => (k: number) => string, withOwnRow = words.length): void {
  const users = new Map<number, number[]>();
  const counts = new Int32Array(words.length);
  words.forEach((w, i) => {
    const ids = subwordBuckets(w, subwords);
    counts[i] = ids.length + (i < withOwnRow ? 1 : 0); // the first withOwnRow words are the vocabulary's, with their own row
    for (const id of ids) {
      const list = users.get(id);
      if (list) list.push(i);
      else users.set(id, [i]);
    }
  });
  const sums = Float64Array.from(data);
  const row = new Float32Array(dim);
  for (let b = 0; b < subwords.bucket; b++) {
    readFloats(r, name, row, 0, dim, rowName(b));
    for (const i of users.get(b) ?? []) for (let j = 0; j < dim; j++) sums[i * dim + j]! += row[j]!;
  }
  for (let i = 0; i < words.length; i++) for (let j = 0; j < dim; j++) data[i * dim + j] = sums[i * dim + j]! / counts[i]!;
}

/** Why the model cannot be written as a fastText file, or null. */
function modelProblem(model: FastTextModel): string | null {
  const { args, dictionary: d, input, output } = model;
  const bad = argsProblem(args);
  if (bad) return bad;
  const dp = dictionaryProblem(d);
  if (dp) return dp;
  if (input.rows !== d.nwords + args.bucket || input.cols !== args.dim) return `the input matrix is ${input.rows} × ${input.cols}, expected ${d.nwords} words + ${args.bucket} buckets × ${args.dim}`;
  const outRows = args.model === MODEL.sup ? d.nlabels : d.nwords;
  if (output.rows !== outRows || output.cols !== args.dim) return `the output matrix is ${output.rows} × ${output.cols}, expected ${outRows} × ${args.dim}`;
  for (const m of [input, output]) {
    const sparse = m instanceof SparseRowsMatrix ? m.storedRows() : null;
    if (sparse) {
      // only the stored rows can hold anything but zeros
      for (let n = 0; n < sparse.count; n++) {
        const row = sparse.floats(n), k = firstNotFinite(row);
        if (k >= 0) return `the ${m === input ? 'input' : 'output'} matrix holds ${row[k]} (row ${sparse.index(n) + 1})`;
      }
      continue;
    }
    if (m.data.length !== m.rows * m.cols) return `a matrix of ${m.rows} × ${m.cols} holds ${m.data.length} values`;
    const k = firstNotFinite(m.data);
    if (k >= 0) return `the ${m === input ? 'input' : 'output'} matrix holds ${m.data[k]} (row ${Math.floor(k / m.cols) + 1})`;
  }
  return null;
}

/** The index of the first value that is not finite, or −1 (a plain loop: gigabytes are checked before a write). */
function firstNotFinite(a: Float32Array): number {
  for (let i = 0; i < a.length; i++) if (a[i]! - a[i]! !== 0) return i; // NaN and ±∞ give NaN
  return -1;
}

/** Why a dictionary cannot be written as fastText's (words that fastText cannot read back, labels before words, bad counts), or null. */
export function dictionaryProblem(d: FastTextDictionary): string | null {
  if (d.nwords + d.nlabels !== d.entries.length) return `the dictionary has ${d.entries.length} entries, not ${d.nwords} words + ${d.nlabels} labels`;
  for (let i = 0; i < d.entries.length; i++) {
    const e = d.entries[i]!;
    const p = wordProblem(e.word, e.bytes);
    if (p) return `dictionary entry ${i + 1}: ${p}`;
    if (e.type !== (i < d.nwords ? ENTRY_WORD : ENTRY_LABEL)) return `dictionary entry ${i + 1} (${quote(e.word)}): words come first, then labels`;
    if (!(Number.isSafeInteger(e.count) && e.count >= 0)) return `dictionary entry ${i + 1} (${quote(e.word)}): count ${e.count} is not a whole number ≥ 0`;
  }
  if (!Number.isSafeInteger(d.ntokens)) return `the dictionary's token count ${d.ntokens} is not a whole number`;
  return null;
}

/** A dense matrix's flag byte, header and floats, the floats in pieces (one write of gigabytes may fail). */
function* matrixBytes(m: DenseMatrix, flag: number, zeroRuns: boolean, offset = 0): Generator<Uint8Array | ZeroRun> {
  const head = new Uint8Array(17);
  const v = new DataView(head.buffer);
  head[0] = flag;
  v.setBigInt64(1, BigInt(m.rows), true);
  v.setBigInt64(9, BigInt(m.cols), true);
  yield head;
  const sparse = zeroRuns && m instanceof SparseRowsMatrix ? m.storedRows() : null;
  if (sparse && m.cols > 0) {
    yield* sparseRowBytes(m.rows, m.cols, sparse, offset + head.length);
    return;
  }
  if (!zeroRuns || m.cols === 0) {
    yield* floatPieces(m.data);
    return;
  }
  const bits = new Uint32Array(m.data.buffer, m.data.byteOffset, m.data.length), cols = m.cols;
  const zeroRow = (r: number): boolean => {
    for (let j = r * cols, end = j + cols; j < end; j++) if (bits[j] !== 0) return false;
    return true;
  };
  const fewest = Math.ceil(MIN_ZERO_RUN_BYTES / (cols * 4));
  let written = 0; // rows
  for (let r = 0; r < m.rows;) {
    if (!zeroRow(r)) { r++; continue; }
    let end = r + 1;
    while (end < m.rows && zeroRow(end)) end++;
    if (end - r >= fewest) {
      yield* floatPieces(m.data.subarray(written * cols, r * cols));
      yield { zeros: (end - r) * cols * 4 };
      written = end;
    }
    r = end;
  }
  yield* floatPieces(m.data.subarray(written * cols));
}

/**
 * A SparseRowsMatrix's floats, starting at byte `base` of the file: the stored rows and the zeros
 * between them as pieces, except where the zeros cover whole 4 KiB blocks of the file: those
 * blocks are ZeroRuns (holes). A shorter run of zeros frees no block, so it is written with the
 * rows around it (one write instead of two).
 */
function* sparseRowBytes(rows: number, cols: number, s: StoredRows, base: number): Generator<Uint8Array | ZeroRun> {
  const rowBytes = cols * 4, end = base + rows * rowBytes;
  // the holes: [start, end) file offsets of whole blocks between stored rows
  const holes: number[] = [];
  const gap = (from: number, to: number): void => {
    const hs = Math.ceil(from / FILE_BLOCK) * FILE_BLOCK, he = Math.floor(to / FILE_BLOCK) * FILE_BLOCK;
    if (he - hs >= FILE_BLOCK) holes.push(hs, he);
  };
  let at = base;
  for (let n = 0; n < s.count; n++) {
    const r = base + s.index(n) * rowBytes;
    gap(at, r);
    at = r + rowBytes;
  }
  gap(at, end);
  holes.push(end, end);
  let n = 0, from = base; // the next stored row, and where the next piece begins
  for (let h = 0; h < holes.length; h += 2) {
    // the piece [from, holes[h]) in parts of at most WRITE_PIECE_BYTES, each stored row's bytes copied in
    for (let ps = from; ps < holes[h]!; ps += WRITE_PIECE_BYTES) {
      const pe = Math.min(holes[h]!, ps + WRITE_PIECE_BYTES), piece = new Uint8Array(pe - ps);
      // whole rows at float-aligned places are copied as floats (no views made per row)
      const floats = !BIG_ENDIAN && (base - ps) % 4 === 0 ? new Float32Array(piece.buffer, 0, piece.length >> 2) : null;
      while (n < s.count) {
        const rs = base + s.index(n) * rowBytes, re = rs + rowBytes;
        if (rs >= pe) break;
        if (floats && rs >= ps && re <= pe) {
          s.copyRow(n, floats, (rs - ps) >> 2);
          n++;
          continue;
        }
        const row = s.floats(n);
        let bytes = new Uint8Array(row.buffer, row.byteOffset, rowBytes);
        if (BIG_ENDIAN) bytes = swapFloatBytes(bytes.slice());
        const lo = Math.max(rs, ps), hi = Math.min(re, pe);
        piece.set(bytes.subarray(lo - rs, hi - rs), lo - ps);
        if (re > pe) break; // the rest of this row goes in the next part
        n++;
      }
      yield piece;
    }
    if (holes[h + 1]! > holes[h]!) yield { zeros: holes[h + 1]! - holes[h]! };
    from = holes[h + 1]!;
  }
}

/** The dictionary's bytes handed to the writer at a time (at least). */
const DICTIONARY_PIECE_BYTES = 1 << 16;

/** The pieces joined (`total` bytes in all). */
function concatBytes(pieces: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A file system block: a hole is worth leaving only where it covers whole blocks. */
const FILE_BLOCK = 4096;

/** Float32 values as a file stores them (little-endian), in pieces. */
export function* floatPieces(data: Float32Array): Generator<Uint8Array> {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  for (let at = 0; at < bytes.length; at += WRITE_PIECE_BYTES) {
    const piece = bytes.subarray(at, at + WRITE_PIECE_BYTES);
    yield BIG_ENDIAN ? swapFloatBytes(piece.slice()) : piece;
  }
}

/** The shortest run of zero rows given as a ZeroRun (shorter runs are written as bytes). */
const MIN_ZERO_RUN_BYTES = 1 << 12;

/** Bytes of a matrix handed to the writer at a time. */
const WRITE_PIECE_BYTES = 1 << 24;

/**
 * The bytes of a fastText `.bin` (format version 12, dense, as `FastText::saveModel` writes),
 * in pieces. The model is checked first (the first piece is produced only once it passes).
 */
export function* encodeFastTextModel(model: FastTextModel): Generator<Uint8Array> {
  yield* modelChunks(model, false) as Generator<Uint8Array>;
}

/**
 * encodeFastTextModel's bytes, with each run of at least 4 KiB of all-zero matrix rows (the
 * buckets no word of a subword run uses) as a ZeroRun, which a file writer leaves as a hole.
 */
export function fastTextModelChunks(model: FastTextModel): Generator<Uint8Array | ZeroRun> {
  return modelChunks(model, true);
}

function* modelChunks(model: FastTextModel, zeroRuns: boolean): Generator<Uint8Array | ZeroRun> {
  const bad = modelProblem(model);
  if (bad) throw new LexnetError(`cannot write the fastText model: ${bad}`);
  const sig = new Uint8Array(8);
  const v = new DataView(sig.buffer);
  v.setInt32(0, FASTTEXT_MAGIC, true);
  v.setInt32(4, FASTTEXT_VERSION, true);
  yield sig;
  const args = encodeArgs(model.args);
  yield args;
  let offset = sig.length + args.length; // where the input matrix begins in the file (its holes are block-aligned)
  // the dictionary's entries (one small piece each) handed on in pieces of ~64 KiB: one write each, not one per word
  let batch: Uint8Array[] = [], batched = 0;
  for (const piece of encodeDictionary(model.dictionary)) {
    offset += piece.length;
    batch.push(piece);
    batched += piece.length;
    if (batched >= DICTIONARY_PIECE_BYTES) {
      yield concatBytes(batch, batched);
      batch = [];
      batched = 0;
    }
  }
  if (batched > 0) yield concatBytes(batch, batched);
  yield* matrixBytes(model.input, 0, zeroRuns, offset);
  yield* matrixBytes(model.output, 0, zeroRuns);
}

/** readFastTextVectors over a `.bin` held in memory (a browser's fetched bytes). */
export function decodeFastTextVectors(bytes: Uint8Array, options: FastTextReadOptions = {}, name = 'fastText model'): WordVectors {
  return readFastTextVectors(new MemoryReader(bytes), name, options);
}
