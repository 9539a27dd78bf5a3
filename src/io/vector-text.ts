import type { ByteWindow, WindowParser } from './byte-window.js';
import { inputError, LexnetError } from './errors.js';
import { FloatRows } from './float-rows.js';
import { strictUtf8 } from '../text/utf8-stream.js';
import { KeptWords, looksBinary, MAX_LINE_BYTES, nulInWord, parseHeader, plural, quote, type VectorRows } from './vector-format.js';

/**
 * Reads word2vec's text format (`count dim` header, then `word v1 … vdim` per line; without a
 * header, GloVe's layout) from a byte window, line by line, parsing numbers straight from the
 * bytes. Errors come in the order of a whole-file check: a header that disagrees with the number
 * of rows is reported before a bad row (the rest of the file is then only counted).
 */
export function* readTextRows(path: string, w: ByteWindow, size: number | null, limit: number, keep?: KeptWords['wants']): WindowParser<VectorRows> {
  try {
    return yield* textRows(path, w, size, limit, keep);
  } catch (e) {
    if (e instanceof LexnetError && !w.failed && looksBinary(w.head)) {
      throw inputError(path, null, 'looks like a binary (word2vec .bin) vector file; name it .bin');
    }
    throw e;
  }
}

/** Is a line end: the index of its `\n` (or the end of the stream), -1 when no line is left. */
function* lineEnd(path: string, w: ByteWindow, lineNo: number): WindowParser<number> {
  if (w.left < 1 && !(yield* w.need(1))) return -1;
  const here = w.buf.indexOf(10, w.pos); // (most lines are in the window already)
  const nl = here >= 0 && here - w.pos <= MAX_LINE_BYTES ? here : yield* w.seek(10, MAX_LINE_BYTES);
  if (nl === -2) throw inputError(path, lineNo, `a line longer than ${MAX_LINE_BYTES} bytes: is this a vector file?`);
  return nl === -1 ? w.buf.length : nl;
}

const isBlank = (b: Buffer, s: number, e: number): boolean => {
  for (let i = s; i < e; i++) if (b[i] !== 32 && b[i] !== 9 && b[i] !== 13) return false;
  return true;
};

function* textRows(path: string, w: ByteWindow, size: number | null, limit: number, wants?: KeptWords['wants']): WindowParser<VectorRows> {
  const kept = new KeptWords(wants);
  if ((yield* w.need(3)) && w.buf[w.pos] === 0xef && w.buf[w.pos + 1] === 0xbb && w.buf[w.pos + 2] === 0xbf) w.pos += 3;
  let lineNo = 1;
  let end = yield* lineEnd(path, w, lineNo);
  const header = end < 0 ? null : parseHeader(path, strictUtf8(path, w.buf, w.pos, end, 1, w.abs(0)));
  if (header) {
    w.pos = Math.min(end + 1, w.buf.length);
    lineNo++;
  }
  // read only the first `limit` rows when that stops before the header's count; else check the count
  const stopAt = limit < (header?.count ?? Infinity) ? limit : Infinity;
  let dim = header?.dim ?? 0;
  let firstRowLine = 0;
  let store: FloatRows | null = null;
  let scratch: Float32Array | null = null;
  let rows = 0;
  let failure: LexnetError | null = null;
  let extraLine = 0;
  for (; rows < stopAt; lineNo++) {
    yield; // a turn of the event loop may be taken between rows
    end = yield* lineEnd(path, w, lineNo);
    if (end < 0) break;
    const s = w.pos;
    w.pos = Math.min(end + 1, w.buf.length);
    if (isBlank(w.buf, s, end)) continue;
    if (header && rows === header.count && extraLine === 0) extraLine = lineNo;
    if (failure || extraLine) { rows++; continue; } // past an error: only count the rows
    if (rows === 0) {
      firstRowLine = lineNo;
      if (!header) dim = w.buf.toString('utf8', s, end).trimEnd().split(' ').length - 1;
      if (dim > 0) {
        const vouched = header !== null && size !== null && !wants && Math.min(header.count, limit) * dim * 2 <= size;
        store = new FloatRows(dim, header ? Math.min(header.count, limit) : limit, vouched ? header!.count : 0);
      }
    }
    try {
      const row = rows;
      // a row of `dim` values takes at least 2·dim bytes after a word: only then is memory set aside for it
      const long = dim > 0 && end - s > 2 * dim;
      const sp = w.buf.indexOf(32, s);
      const word = sp > s && sp < end ? strictUtf8(path, w.buf, s, sp, lineNo, w.abs(0)) : null;
      if (word !== null && word.includes('\0')) throw nulInWord(path, lineNo, word);
      const keep = word !== null && long && kept.wants(word, row);
      let dst = scratch, off = 0;
      if (keep) {
        store!.ensure((store!.rows + 1) * dim);
        dst = store!.data;
        off = store!.rows * dim;
      } else if (long && !scratch) {
        dst = scratch = new Float32Array(dim);
      }
      if (word === null || !long || parseValues(w.buf, sp + 1, end, dst!, off, dim) !== dim) {
        slowRow(path, lineNo, strictUtf8(path, w.buf, s, end, lineNo, w.abs(0)), dim, header !== null, firstRowLine, long ? dst : null, off);
      }
      if (keep) {
        kept.add(word);
        store!.rows++;
      }
      rows++;
    } catch (e) {
      if (!(e instanceof LexnetError) || stopAt !== Infinity || !header || looksBinary(w.head)) throw e; // (a misnamed .bin: no need to count)
      failure = e; // a header that disagrees with the rows is the first thing to report: count them
      rows++;
    }
  }
  if (rows === 0) throw inputError(path, null, header ? `the header announces ${plural(header.count, 'word')} but the file has no rows` : 'the file is empty');
  if (header && extraLine) {
    throw inputError(path, extraLine, `the header (line 1) announces ${plural(header.count, 'word')} but the file has ${rows} rows; the extra data begins here`);
  }
  if (header && Math.min(header.count, limit) > rows) throw inputError(path, 1, `cut short: the header announces ${header.count} words but the file has ${plural(rows, 'row')}`);
  if (failure) throw failure;
  return { kept, dim, data: store ? (store.matrix()) : new Float32Array(0) };
}

/**
 * A row the fast parser did not take, read as the whole-file reader did (splitting the decoded
 * line on spaces, `Number` for each value): it throws the row's error, or fills `dst`.
 */
function slowRow(path: string, lineNo: number, line: string, dim: number, header: boolean, firstRowLine: number, dst: Float32Array | null, off: number): void {
  const parts = line.trimEnd().split(' ');
  const word = parts[0]!;
  if (word.includes('\0')) throw nulInWord(path, lineNo, word);
  if (parts.length === 1) throw inputError(path, lineNo, `no vector values after ${quote(word)}: is this a word list? (a vector file has "word v1 v2 …" per line)`);
  if (word === '') throw inputError(path, lineNo, 'the line starts with a space: expected "word v1 … vN"');
  if (parts.length - 1 !== dim) throw inputError(path, lineNo, `${plural(parts.length - 1, 'value')}, expected ${dim}${header ? ' (the dimension in the header)' : ` (as on line ${firstRowLine})`}`);
  for (let j = 1; j <= dim; j++) {
    const s = parts[j]!;
    const v = Number(s);
    if (s === '' || Number.isNaN(v)) throw inputError(path, lineNo, `value ${j} of ${quote(word)} is not a number: ${quote(s)}`);
    const f = Math.fround(v);
    if (!Number.isFinite(f)) throw inputError(path, lineNo, `value ${j} of ${quote(word)} is not a finite float32: ${quote(s)}`);
    if (!dst) throw new Error('a row long enough for its values was not given room'); // unreachable: dim values take 2·dim bytes
    dst[off + j - 1] = f;
  }
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 11 || c === 12;

/**
 * Parses the values of a row, `v1 v2 … vdim` between `p` and `end`, into `dst` from `off`;
 * returns how many it read, or -1 when the row needs the slow path (a token that is not a
 * plain finite number, too many values, white space other than ASCII at the end). Decimals of
 * at most 15 significant digits and exponents within ±22 are exact (Clinger's fast path:
 * one correctly rounded multiplication or division); others go through `Number`.
 */
function parseValues(b: Buffer, p: number, end: number, dst: Float32Array, off: number, dim: number): number {
  while (end > p && isSpace(b[end - 1]!)) end--;
  if (end > p && b[end - 1]! >= 0x80) return -1;
  let j = 0;
  for (;;) {
    if (j === dim || p >= end) return -1;
    const t0 = p;
    let neg = false;
    let c = b[p]!;
    if (c === 45) { neg = true; p++; } else if (c === 43) p++;
    let m = 0, nd = 0, k = 0, digits = 0;
    while (p < end) {
      c = b[p]! - 48;
      if (c < 0 || c > 9) break;
      if (nd !== 0 || c !== 0) { m = m * 10 + c; nd++; }
      digits++; p++;
    }
    if (p < end && b[p] === 46) {
      p++;
      while (p < end) {
        c = b[p]! - 48;
        if (c < 0 || c > 9) break;
        if (nd !== 0 || c !== 0) { m = m * 10 + c; nd++; }
        k--; digits++; p++;
      }
    }
    let fast = digits > 0;
    if (fast && p < end && (b[p]! | 32) === 101) {
      p++;
      let eneg = false;
      if (b[p] === 45) { eneg = true; p++; } else if (b[p] === 43) p++;
      let ex = 0, ed = 0;
      while (p < end) {
        c = b[p]! - 48;
        if (c < 0 || c > 9) break;
        if (ex < 1e6) ex = ex * 10 + c;
        ed++; p++;
      }
      if (ed === 0) fast = false;
      k += eneg ? -ex : ex;
    }
    let v: number;
    if (fast && (p === end || b[p] === 32) && nd <= 15 && k >= -22 && k <= 22) {
      v = m === 0 ? 0 : k >= 0 ? m * POW10[k]! : m / POW10[-k]!;
      if (neg) v = -v;
    } else {
      let te = b.indexOf(32, t0);
      if (te < 0 || te > end) te = end;
      if (te === t0) return -1;
      for (let i = t0; i < te; i++) if (b[i]! >= 0x80) return -1;
      v = Number(b.toString('latin1', t0, te));
      p = te;
      if (!Number.isFinite(Math.fround(v))) return -1;
    }
    dst[off + j++] = v;
    if (p === end) return j;
    p++; // the space
  }
}
