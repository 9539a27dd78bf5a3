import { isUtf8 } from 'node:buffer';
import { BLOCK_BYTES, readBytesStreaming } from '../io/byte-source.js';
import { inputError, type LexnetError } from '../io/errors.js';
import { firstInvalidUtf8, hex, incompleteTail, invalidUtf8Error, utf16Bom, utf16Error } from './utf8-stream.js';

/** Longest line kept whole, in bytes (as readLines' limit in characters). */
const MAX_LINE = 2 ** 28;

/**
 * Whole lines of a text as UTF-8 bytes, for readers that work on bytes (fastText's tokenization
 * in `classify predict`). Line i is `bytes[i === 0 ? start : ends[i - 1] + 1, ends[i])`: without
 * its `\n`, with its `\r` if any (fastText counts it as white space). Valid until the next block is asked for.
 */
export interface LineBlock {
  /** The bytes (a reused buffer). */
  readonly bytes: Uint8Array;
  /** Where the first line starts (after a byte-order mark at the start of the text). */
  readonly start: number;
  /** Where each line ends (its `\n`, or the end of the text for a last line without one); `count` of them are set. */
  readonly ends: Int32Array;
  /** How many lines the block holds. */
  readonly count: number;
  /** The 1-based number of its first line in the text. */
  readonly firstLine: number;
  /** Whether the last line ended with a newline (false only for the text's last line without one). */
  readonly terminated: boolean;
}

/**
 * Reads a text file (a path, `-` for standard input, a FIFO; gzip inflated as it streams) as
 * blocks of whole lines of UTF-8 bytes (see LineBlock), with no string made: memory stays
 * bounded whatever the size. The text is refused as readLines refuses it, with the same words:
 * bytes that are not UTF-8 (file, line, byte offset), UTF-16, a NUL byte, a line too long.
 */
export function* readLineBlocks(path: string, blockBytes = BLOCK_BYTES): Generator<LineBlock> {
  let name = path, where = '';
  const source = readBytesStreaming(path, blockBytes, (info) => { name = info.name; where = info.gzip ? ' of the decompressed text' : ''; });
  let buf = Buffer.allocUnsafe(2 * blockBytes);
  let ends = new Int32Array(1024);
  /** Bytes of an unfinished line at buf[0, held); the text's byte offset of buf[0]; the number of buf[0]'s line. */
  let held = 0, offset = 0, line = 1;
  const block = (end: number, terminated: boolean): LineBlock => {
    const bytes = buf.subarray(0, end);
    check(bytes, terminated);
    let count = 0;
    for (let at = 0; at < end;) {
      let nl = bytes.indexOf(10, at);
      if (nl < 0) nl = end;
      if (count === ends.length) {
        const grown = new Int32Array(2 * ends.length);
        grown.set(ends);
        ends = grown;
      }
      ends[count++] = nl;
      at = nl + 1;
    }
    const bom = offset === 0 && end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return { bytes, start: bom, ends, count, firstLine: line, terminated };
  };
  const check = (bytes: Uint8Array, terminated: boolean): void => {
    if (!isUtf8(bytes)) throw invalid(bytes, terminated);
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw inputError(name, line + newlines(bytes, nul), 'NUL byte: this is not a UTF-8 text file (binary, or UTF-16?)');
  };
  const invalid = (bytes: Uint8Array, terminated: boolean): LexnetError => {
    if (offset === 0) {
      const bom = utf16Bom(bytes);
      if (bom) return utf16Error(name, bom);
    }
    const tail = terminated ? 0 : incompleteTail(bytes);
    if (tail > 0 && isUtf8(bytes.subarray(0, bytes.length - tail)) && startsCharacter(bytes.subarray(bytes.length - tail))) {
      const at = bytes.length - tail;
      return inputError(name, line + newlines(bytes, at), `the text ends inside a UTF-8 character (byte offset ${offset + at}${where}: ${hex(bytes.subarray(at))}); is the file cut short?`);
    }
    const { at, length } = firstInvalidUtf8(bytes);
    return invalidUtf8Error(name, line + newlines(bytes, at), offset + at, bytes.subarray(at, at + length), where);
  };
  try {
    for (;;) {
      const next = source.next();
      if (next.done) break;
      const got = next.value;
      if (held + got.length > buf.length) {
        const grown = Buffer.allocUnsafe(Math.max(2 * buf.length, held + got.length));
        buf.copy(grown, 0, 0, held);
        buf = grown;
      }
      buf.set(got, held);
      const filled = held + got.length;
      const found = buf.subarray(held, filled).lastIndexOf(10);
      if (found < 0) {
        held = filled;
        if (held > MAX_LINE) throw inputError(name, line, `a line longer than ${MAX_LINE / 2 ** 20} Mi characters: is this a text file?`);
        continue;
      }
      const last = held + found;
      const lines = block(last + 1, true);
      yield lines;
      line += lines.count;
      buf.copy(buf, 0, last + 1, filled);
      offset += last + 1;
      held = filled - last - 1;
    }
  } finally {
    source.return(undefined); // closes the file when the reader is left early
  }
  const bomOnly = offset === 0 && held === 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf; // a byte-order mark alone: no line
  if (held > 0 && !bomOnly) yield block(held, false);
}

/** Whether bytes begin a UTF-8 character that more bytes could complete (a streaming decoder takes them). */
function startsCharacter(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The newlines in bytes[0, end). */
function newlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 10) n++;
  return n;
}
