import { BLOCK_BYTES, readBytesStreaming } from '../io/byte-source.js';
import { inputError } from '../io/errors.js';
import { Utf8Stream } from './utf8-stream.js';

/** Longest line kept whole (a JavaScript string holds at most about 2^29 characters). */
const MAX_LINE = 2 ** 28;

/**
 * Reads a text file line by line in fixed-size blocks, so memory stays bounded whatever the
 * file's size: a path, `-` (standard input) or a FIFO, gzip inflated as it streams (`.gz`, or
 * gzip's magic bytes first). Yields [1-based line number, line without its newline (`\n` or
 * `\r\n`)]. Bytes that are not UTF-8 are an error naming the line and byte offset; so is a line
 * holding a NUL byte (the file is binary or UTF-16, not UTF-8 text).
 */
export function* readLines(path: string, blockBytes = BLOCK_BYTES): Generator<[number, string]> {
  const utf8 = new Utf8Stream(path);
  /** The line read so far, in pieces (joined once it ends, so a long line costs linear time). */
  const parts: string[] = [];
  let partsLength = 0;
  let lineNo = 0;
  const source = readBytesStreaming(path, blockBytes, (info) => { utf8.name = info.name; utf8.gzip = info.gzip; });
  const lineEnd = (last: string): string => {
    let line = parts.length === 0 ? last : parts.join('') + last;
    parts.length = 0;
    partsLength = 0;
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    return checked(utf8.name, lineNo, line);
  };
  try {
    for (let done = false; !done;) {
      const next = source.next();
      done = next.done === true;
      const text = done ? utf8.end(lineNo + 1) : utf8.decode(next.value as Uint8Array, lineNo + 1);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        lineNo++;
        yield [lineNo, lineEnd(text.slice(start, nl))];
        start = nl + 1;
      }
      if (start < text.length) {
        parts.push(text.slice(start));
        partsLength += text.length - start;
        if (partsLength > MAX_LINE) throw inputError(utf8.name, lineNo + 1, `a line longer than ${MAX_LINE / 2 ** 20} Mi characters: is this a text file?`);
      }
    }
  } finally {
    source.return(undefined); // closes the file when the reader is left early
  }
  if (partsLength > 0) {
    lineNo++;
    yield [lineNo, lineEnd('')];
  }
}

function checked(name: string, lineNo: number, line: string): string {
  if (line.includes('\0')) throw inputError(name, lineNo, 'NUL byte: this is not a UTF-8 text file (binary, or UTF-16?)');
  return line;
}
