// word2vec's vector formats as bytes, without files: the Node writer (vector-file.ts) writes
// these chunks; a page offers them for download (encodeVectors).
import { LexnetError } from './errors.js';
import { FLOAT_TEXT_MAX_BYTES, writeFloatText } from './float-text.js';
import type { VectorFormat } from './vector-format.js';
import type { WordVectors } from './word-vectors.js';

/** Refuses words that the formats cannot hold (empty, or with white space). */
function checkWords(words: readonly string[]): void {
  for (const w of words) {
    if (w === '' || /\s/.test(w)) throw new LexnetError(`cannot write the word "${w}": words in vector files cannot contain white space`);
  }
}

/** Refuses vectors holding NaN or ±Infinity: every reader refuses them, so no writer makes them. */
function checkFinite(words: readonly string[], dim: number, data: Float32Array): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) throw new LexnetError(`cannot write the vector of "${words[Math.floor(i / dim)]}": value ${(i % dim) + 1} is ${data[i]} (vector files hold finite numbers only)`);
  }
}

/**
 * The file's bytes in pieces: the header `V dim`, then in text format `word v1 … vdim` per line
 * (values to 9 significant digits, as fastText's .vec), in binary format per word `word ` + dim
 * little-endian float32 + `\n`.
 */
export function* vectorChunks(vectors: WordVectors, format: VectorFormat): Generator<Uint8Array> {
  const { words, dim, data } = vectors;
  checkWords(words);
  checkFinite(words, dim, data);
  const utf8 = new TextEncoder();
  yield utf8.encode(`${words.length} ${dim}\n`);
  if (format === 'binary') {
    // rows copied as bytes where float32 is little-endian in memory (every engine in practice), in ~1 MB chunks
    const rowBytes = dim * 4;
    const littleEndian = new Uint8Array(Float32Array.of(1).buffer)[3] === 0x3f;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    let chunk = new Uint8Array(Math.max(1 << 20, 2 * rowBytes + 64));
    let at = 0;
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      if (chunk.length - at < 3 * word.length + 2 + rowBytes) { // UTF-8 takes at most 3 bytes per UTF-16 unit
        yield chunk.subarray(0, at);
        chunk = new Uint8Array(Math.max(1 << 20, 3 * word.length + 2 + rowBytes));
        at = 0;
      }
      at += utf8.encodeInto(word, chunk.subarray(at)).written;
      chunk[at++] = 0x20;
      if (littleEndian) chunk.set(bytes.subarray(i * rowBytes, (i + 1) * rowBytes), at);
      else {
        const row = new DataView(chunk.buffer, at, rowBytes);
        for (let j = 0; j < dim; j++) row.setFloat32(j * 4, data[i * dim + j]!, true);
      }
      at += rowBytes;
      chunk[at++] = 0x0a;
    }
    yield chunk.subarray(0, at);
  } else {
    // each value written into the chunk by writeFloatText (the bytes of String(Number(v.toPrecision(9)))), no string per number
    const rowMax = dim * (FLOAT_TEXT_MAX_BYTES + 1) + 2;
    let chunk = new Uint8Array(Math.max(1 << 20, 2 * rowMax + 64));
    let at = 0;
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      if (chunk.length - at < 3 * word.length + rowMax) { // UTF-8 takes at most 3 bytes per UTF-16 unit
        yield chunk.subarray(0, at);
        chunk = new Uint8Array(Math.max(1 << 20, 3 * word.length + rowMax));
        at = 0;
      }
      at += utf8.encodeInto(word, chunk.subarray(at)).written;
      chunk[at++] = 0x20;
      for (let j = i * dim, end = j + dim; j < end; j++) {
        at = writeFloatText(data[j]!, chunk, at);
        if (j + 1 < end) chunk[at++] = 0x20;
      }
      chunk[at++] = 0x0a;
    }
    yield chunk.subarray(0, at);
  }
}

/**
 * Vectors in word2vec's text format (`.txt`, `.vec`) or binary format (`.bin`), as the bytes
 * `writeVectors` writes to a file (for a download, a Blob, a fetch body).
 */
export function encodeVectors(vectors: WordVectors, format: VectorFormat = 'text'): Uint8Array {
  if (format !== 'text' && format !== 'binary') throw new LexnetError(`format must be 'text' or 'binary', got ${String(format)}`, { option: 'format' });
  const chunks = [...vectorChunks(vectors, format)];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
