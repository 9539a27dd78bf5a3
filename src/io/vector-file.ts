import { writeFileAtomic } from './atomic-write.js';
import { Ticker } from '../train/abort.js';
import { readBytesAsync, readBytesStreaming, type ByteSourceInfo } from './byte-source.js';
import { ByteWindow, runInTurns, runToEnd, type WindowParser } from './byte-window.js';
import { refuseCompressedName } from './compressed-name.js';
import { LexnetError, optionError } from './errors.js';
import { utf16Bom, utf16Error } from '../text/utf8-stream.js';
import { gzipChunks } from './gzip-chunks.js';
import { readBinaryRows } from './vector-binary.js';
import { isFastTextModel, readFastTextVectors } from '../fasttext/model-file.js';
import { WindowReader } from './fasttext-file.js';
import { FileRows } from './file-rows.js';
import { freemem } from 'node:os';
import { looksLikeTextRow, parseHeader, READ_VECTORS_OPTIONS, type ReadVectorsOptions, type VectorFormat } from './vector-format.js';
import { shown, validateOptions } from '../options/declare.js';
import { readTextRows } from './vector-text.js';
import { vectorChunks } from './vector-encode.js';
import { WordVectors } from './word-vectors.js';

export type { ReadVectorsOptions, VectorFormat } from './vector-format.js';

/** `.bin` (and `.bin.gz`) is word2vec's binary format; anything else (`.txt`, `.vec`) its text format (for writing). */
export const formatOf = (path: string): VectorFormat => (path.replace(/\.gz$/i, '').endsWith('.bin') ? 'binary' : 'text');

/**
 * Writes vectors in word2vec's text format (header `V dim`, then `word v1 … vdim` per line, as
 * fastText's .vec) or its binary format (header line, then per word `word ` + dim little-endian
 * float32 + `\n`), atomically. A `.gz` name is written gzip-compressed (as readVectors and
 * word2vec.c's users read `.bin.gz`); another compressed suffix (`.bz2`, `.xz`, …) is refused.
 */
export function writeVectors(path: string, vectors: WordVectors, format = formatOf(path)): void {
  const gzip = /\.gz$/i.test(path);
  if (!gzip) refuseCompressedName(path);
  const chunks = vectorChunks(vectors, format);
  chunks.next(); // checks the words before the file is opened
  const all = (function* () {
    yield `${vectors.words.length} ${vectors.dim}\n`;
    yield* chunks;
  })();
  writeFileAtomic(path, gzip ? gzipChunks(all) : all);
}

/**
 * Reads a vector file, text or binary (by name: `.bin` and `.bin.gz` binary, `-` standard
 * input told by its content), as a stream: `.gz` is inflated on the fly, and memory is the
 * kept rows (rows × dim × 4 bytes) plus their words. The file is checked whole: the header must
 * agree with the rows (neither more nor fewer), every value must be a finite float32, a `.bin`
 * must have word2vec's binary layout (a text file named `.bin` is refused with a hint, and the
 * other way round), and nothing is allocated from a header before the file's size (when known)
 * or the data read so far backs it. A word that occurs again keeps its first vector and later
 * rows are dropped, as gensim and word2vec.c do. With `limit`, only the first rows are read
 * (and checked); with `keep`, only the rows it accepts are stored. A fastText model (`.bin`
 * starting with fastText's magic number) is read too: its words' vectors and, when it has
 * character n-grams, its buckets (a SubwordVectors, which gives any word a vector; `limit`
 * keeps the first words and all buckets; with `keep`, the kept words' vectors alone, as plain
 * WordVectors: a model that stores the rows it uses gets the same vectors when it is loaded).
 */
export function readVectors(path: string, options: ReadVectorsOptions | VectorFormat = {}): WordVectors {
  const o = readOptions(options, path);
  let info: ByteSourceInfo | null = null;
  const w = new ByteWindow(readBytesStreaming(path, o.blockBytes, (i) => { info = i; }));
  try {
    return runToEnd(vectorParser(path, o, w, () => info, (source, size) => readFastText(path, o, w, source, size)));
  } finally {
    w.close();
  }
}

/**
 * readVectors read asynchronously (node:fs/promises) and parsed in slices with turns of the
 * event loop between them (every ~25 ms): the same vectors and the same errors. (A fastText
 * model and standard input are read by readVectors, synchronously.)
 */
export async function readVectorsInTurns(path: string, options: ReadVectorsOptions | VectorFormat = {}): Promise<WordVectors> {
  const o = readOptions(options, path);
  if (path === '-') return readVectors(path, o);
  let info: ByteSourceInfo | null = null;
  const w = new ByteWindow(readBytesAsync(path, o.blockBytes, (i) => { info = i; }));
  try {
    return await runInTurns(vectorParser(path, o, w, () => info, () => { throw FASTTEXT; }), w, new Ticker(undefined, 25, 64));
  } catch (e) {
    if (e !== FASTTEXT) throw e;
  } finally {
    await w.close();
  }
  return readVectors(path, o);
}

/** Thrown by readVectorsInTurns's parser at a fastText model (its reader is synchronous). */
const FASTTEXT = Symbol('a fastText model');

function readOptions(options: ReadVectorsOptions | VectorFormat, path: unknown): ReadVectorsOptions {
  const o: ReadVectorsOptions = typeof options === 'string' ? { format: options } : options;
  validateOptions(READ_VECTORS_OPTIONS, o, 'readVectors');
  if (typeof path !== 'string' || path === '') throw new LexnetError(`readVectors: the path must be a file name (or - for standard input), got ${shown(path)}`, { option: 'path' });
  return o;
}

/** The whole read, as a parser over the window: a fastText model (`fastText` reads it), or the format, then the rows. */
function* vectorParser(path: string, o: ReadVectorsOptions, w: ByteWindow, info: () => ByteSourceInfo | null,
  fastText: (source: ByteSourceInfo | null, size: number | null) => WordVectors): WindowParser<WordVectors> {
  const name = path === '-' ? 'stdin' : path;
  const limit = o.limit ?? Infinity;
  yield* w.need(2);
  const bom = utf16Bom(w.buf.subarray(w.pos));
  if (bom) throw utf16Error(name, bom);
  const source = info();
  const size = source && !source.gzip ? source.size : null;
  // a fastText .bin, told from word2vec's by its magic number: vectors for any word when it has subwords
  if ((yield* w.need(4)) && isFastTextModel(w.buf.subarray(w.pos, w.pos + 4))) return fastText(source, size);
  const format = o.format ?? (path === '-' ? yield* detectFormat(w) : path.replace(/\.gz$/, '').endsWith('.bin') ? 'binary' : 'text');
  const rows = format === 'binary' ? yield* readBinaryRows(name, w, size, limit, o.keep) : yield* readTextRows(name, w, size, limit, o.keep);
  return new WordVectors(rows.kept.words, rows.dim, rows.data, rows.kept.index);
}

/** A fastText model from a window over a synchronous source. */
function readFastText(path: string, o: ReadVectorsOptions, w: ByteWindow, source: ByteSourceInfo | null, size: number | null): WordVectors {
  const name = path === '-' ? 'stdin' : path;
  const rereadable = source !== null && source.rereadable && !source.gzip;
  if (o.subwordRows === 'file' && !rereadable) {
    throw optionError('subwordRows', `${name}: subwordRows 'file' reads rows from the file when they are needed, so it needs a regular file, not compressed (this is ${source?.gzip ? 'gzip' : 'a stream'})`);
  }
  const bucketRows = (offset: number, rows: number, dim: number) =>
    rereadable && (o.subwordRows === 'file' || (o.subwordRows === 'auto' && rows * dim * 4 > freemem() / 2)) ? new FileRows(path, offset, rows, dim) : null;
  return readFastTextVectors(new WindowReader(w, size), name, { limit: o.limit, keep: o.keep, wordsOnly: o.keep !== undefined, bucketRows, ...(o.composeWords ? { composeWords: o.composeWords } : {}) });
}

/** Text or binary, from the first bytes: a header line followed by a row that reads as text is text. */
function* detectFormat(w: ByteWindow): WindowParser<VectorFormat> {
  const nl = yield* w.seek(10, 1 << 20);
  if (nl < 0) return 'text';
  let header: { dim: number } | null;
  try {
    header = parseHeader('', w.buf.toString('utf8', w.pos, Math.min(nl, w.pos + 200)));
  } catch {
    return 'text'; // both readers refuse the header the same way
  }
  if (!header) return 'text';
  yield* w.seek(10, 1e6 + 64, nl + 1 - w.pos);
  return looksLikeTextRow(w.buf, nl + 1, header.dim) ? 'text' : 'binary';
}
