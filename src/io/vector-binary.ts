import type { ByteWindow, WindowParser } from './byte-window.js';
import { inputError } from './errors.js';
import { FloatRows } from './float-rows.js';
import { strictUtf8 } from '../text/utf8-stream.js';
import { KeptWords, looksLikeTextRow, MAX_LINE_BYTES, nulInWord, parseHeader, plural, quote, type VectorRows } from './vector-format.js';

const BIG_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

/**
 * Reads word2vec's binary format (a `count dim` line, then per vector `word ` + dim little-endian
 * float32, and a newline that gensim leaves out) from a byte window, copying each row's floats
 * straight from the chunks into the matrix. With the file's size known, the header is checked
 * against it before anything is allocated.
 */
export function* readBinaryRows(path: string, w: ByteWindow, size: number | null, limit: number, wants?: KeptWords['wants']): WindowParser<VectorRows> {
  const kept = new KeptWords(wants);
  yield* w.need(1);
  const nl = yield* w.seek(10, 1 << 20);
  const headText = w.buf.toString('utf8', w.pos, Math.min(nl < 0 ? w.buf.length : nl, w.pos + 200));
  const header = nl < 0 ? null : parseHeader(path, headText);
  if (!header) {
    if (looksLikeTextRow(w.buf, w.pos, null)) throw inputError(path, 1, 'looks like a text vector file (without a header line); name it .txt or .vec');
    throw inputError(path, 1, `${nl < 0 ? 'no header line' : `bad header "${headText.trim().slice(0, 60)}"`}: expected "<word count> <dimension>" (is this a word2vec .bin file?)`);
  }
  const { count, dim } = header;
  w.pos = nl + 1;
  const start = w.abs(w.pos);
  yield* w.seek(10, 1e6 + 64); // the first row in view, for the check below
  if (looksLikeTextRow(w.buf, w.pos, dim)) throw inputError(path, null, 'looks like a text vector file; name it .txt or .vec');
  const rowBytes = dim * 4;
  const n = Math.min(count, limit);
  // each vector takes at least a one-byte word, a space and its floats: check before allocating
  if (size !== null && n * (rowBytes + 2) > size - start) {
    const claim = n === count ? `the header announces ${plural(count, 'vector')} of ${dim} floats` : `the first ${plural(n, 'vector')} of ${dim} floats (of ${count} in the header) take`;
    throw inputError(path, null, `cut short: ${claim} (at least ${n * (rowBytes + 2)} bytes) but only ${size - start} bytes follow it`);
  }
  const store = new FloatRows(dim, n, size !== null && !wants ? n : 0);
  let scratch: FloatRows | null = null;
  const cutShort = (i: number) => inputError(path, null, `cut short: the header announces ${count} vectors of ${dim} floats but the file ends in vector ${i + 1} (byte ${w.abs(w.buf.length)})`);
  for (let i = 0; i < n; i++) {
    yield; // a turn of the event loop may be taken between rows
    if (w.left < 1 && !(yield* w.need(1))) throw cutShort(i);
    const space = yield* w.seek(32, MAX_LINE_BYTES);
    const p = w.pos; // after find, which may move the window
    if (space === -1) throw cutShort(i);
    if (space === -2) throw inputError(path, null, `vector ${i + 1}, byte ${w.abs(p)}: no space after a word within ${MAX_LINE_BYTES} bytes (is this a word2vec .bin file?)`);
    if (space === p) throw inputError(path, null, `vector ${i + 1}, byte ${w.abs(p)}: empty word (expected "word " then ${dim} float32 values)`);
    const nlAt = w.buf.indexOf(10, p);
    if (nlAt >= 0 && nlAt < space) { // floats read as a word: say so before judging its bytes
      const shown = w.buf.toString('utf8', p, space);
      throw inputError(path, null, `vector ${i + 1} (${quote(shown)}), byte ${w.abs(p)}: the word contains a line break; is the header's dimension ${dim} that of the data?`);
    }
    const word = strictUtf8(path, w.buf, p, space, null, w.abs(0));
    if (word.includes('\0')) throw nulInWord(path, null, word, `vector ${i + 1}, byte ${w.abs(p)}: `);
    w.pos = space + 1;
    const at0 = w.abs(w.pos);
    const keep = kept.wants(word, i);
    const rows = keep ? store : (scratch ??= new FloatRows(dim, 1, 0));
    const base = keep ? store.rows * rowBytes : 0;
    // copy the floats as they come (a row may straddle chunks); memory grows only with bytes read
    for (let done = 0; done < rowBytes;) {
      if (w.left === 0 && !(yield* w.need(1))) throw cutShort(i);
      const take = Math.min(rowBytes - done, w.left);
      rows.ensure(Math.ceil((base + done + take) / 4));
      rows.bytesAt(base + done, take).set(w.buf.subarray(w.pos, w.pos + take));
      w.pos += take;
      done += take;
    }
    if (BIG_ENDIAN) swapBytes(rows.bytesAt(base, rowBytes), 0, rowBytes);
    const f0 = base / 4; // not `>> 2`: past 2 GiB of rows the offset passes 2³¹
    const bits = rows.bitsAt(f0, dim);
    for (let j = 0; j < dim; j++) {
      if ((bits[j]! & 0x7f800000) === 0x7f800000) throw inputError(path, null, `vector ${i + 1} (${quote(word)}), byte ${at0 + 4 * j}: value ${j + 1} is ${rows.data[f0 + j]}`);
    }
    if (keep) {
      kept.add(word);
      store.rows++;
    }
    if (w.left > 0 || (yield* w.need(1))) if (w.buf[w.pos] === 10) w.pos++; // word2vec.c ends each vector with a newline, gensim does not
  }
  if (n === count) {
    while (w.left > 0 || (yield* w.need(1))) {
      yield;
      for (let q = w.pos; q < w.buf.length; q++) {
        const c = w.buf[q];
        if (c !== 10 && c !== 13 && c !== 32) {
          throw inputError(path, null, `the header announces ${plural(count, 'vector')} but more data follows: the extra data begins at byte ${w.abs(q)}`);
        }
      }
      w.pos = w.buf.length;
    }
  }
  return { kept, dim, data: store.matrix() };
}

/** Little-endian float32s to the machine's order, in place. */
function swapBytes(b: Uint8Array, from: number, length: number): void {
  for (let i = from; i < from + length; i += 4) {
    const [x, y] = [b[i]!, b[i + 1]!];
    b[i] = b[i + 3]!; b[i + 1] = b[i + 2]!; b[i + 2] = y; b[i + 3] = x;
  }
}
