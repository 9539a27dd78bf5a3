import { writeFileAtomic } from './atomic-write.js';
import { refuseCompressedName } from './compressed-name.js';
import { readBytesStreaming, sourceName, type ByteSourceInfo } from './byte-source.js';
import { ByteWindow } from './byte-window.js';
import type { ByteReader } from '../fasttext/byte-reader.js';
import { fastTextModelChunks, readFastTextModel, readFastTextVectors, type FastTextModel, type FastTextReadOptions } from '../fasttext/model-file.js';
import type { WordVectors } from './word-vectors.js';
import { readFastTextClassifier, type FastTextClassifier } from '../fasttext/supervised-model.js';

/** What WindowReader uses of a ByteWindow (so that the public declarations need no Node `Buffer` type). */
interface Window {
  readonly buf: Uint8Array;
  pos: number;
  readonly left: number;
  abs(i: number): number;
  more(n: number): boolean;
  find(byte: number, max: number): number;
}

/** A ByteReader over a byte window (a file streamed from disk). */
export class WindowReader implements ByteReader {
  constructor(private readonly w: Window, readonly size: number | null) {}
  get offset(): number {
    return this.w.abs(this.w.pos);
  }
  take(n: number): Uint8Array | null {
    if (!this.w.more(n)) return null;
    const out = this.w.buf.subarray(this.w.pos, this.w.pos + n);
    this.w.pos += n;
    return out;
  }
  takeString(max: number): Uint8Array | null | 'long' {
    const end = this.w.find(0, max);
    if (end === -1) return null;
    if (end === -2) return 'long';
    const out = this.w.buf.subarray(this.w.pos, end);
    this.w.pos = end + 1;
    return out;
  }
  atEnd(): boolean {
    return this.w.left === 0 && !this.w.more(1);
  }
}

function withReader<T>(path: string, read: (r: ByteReader) => T): T {
  let info: ByteSourceInfo | null = null;
  const w = new ByteWindow(readBytesStreaming(path, undefined, (i) => { info = i; }));
  try {
    w.more(1);
    const source = info as ByteSourceInfo | null;
    return read(new WindowReader(w, source && !source.gzip ? source.size : null));
  } finally {
    w.close();
  }
}

/**
 * Reads a fastText `.bin` for lookups (`-` for standard input, `.gz` inflated as it streams):
 * word vectors and, when the model has character n-grams, the bucket rows that give any word a
 * vector. See readFastTextVectors.
 */
export function readFastTextFile(path: string, options: FastTextReadOptions = {}): WordVectors {
  return withReader(path, (r) => readFastTextVectors(r, sourceName(path), options));
}

/** Reads a whole fastText `.bin` (both matrices, as they are stored). */
export function loadFastTextModel(path: string): FastTextModel {
  return withReader(path, (r) => readFastTextModel(r, sourceName(path)));
}

/** Writes a fastText `.bin` (format version 12) that fastText 0.9 and gensim read, atomically. */
export function writeFastTextModel(path: string, model: FastTextModel): void {
  refuseCompressedName(path); // a model file is written uncompressed (fastText cannot read a gzipped .bin)
  const chunks = fastTextModelChunks(model); // runs of zero rows (buckets no word uses) left as holes
  const first = chunks.next(); // checks the model before the file is opened
  writeFileAtomic(path, (function* () {
    if (!first.done) yield first.value;
    yield* chunks;
  })());
}

/** Reads a fastText supervised model (`.bin`, or quantized `.ftz` such as `lid.176.ftz`) for prediction; see loadFastTextClassifier. */
export function readFastTextClassifierFile(path: string): FastTextClassifier {
  return withReader(path, (r) => readFastTextClassifier(r, sourceName(path)));
}

/**
 * Loads a fastText supervised model (`.bin` from `fasttext supervised`, or a quantized `.ftz`
 * such as the language identifier `lid.176.ftz`), ready to `predict(line, { k, threshold })`
 * with fastText's labels and probabilities.
 */
export async function loadFastTextClassifier(path: string): Promise<FastTextClassifier> {
  return readFastTextClassifierFile(path);
}
