import { closeSync, openSync, readSync } from 'node:fs';
import { describeFsError } from '../io/read-text.js';
import { inputError, LexnetError } from '../io/errors.js';

/** Longest line kept whole (a JavaScript string holds at most about 2^29 characters). */
const MAX_LINE = 2 ** 28;

/**
 * Reads a text file line by line in fixed-size blocks, so memory stays bounded whatever the
 * file's size. Yields [1-based line number, line without its newline (`\n` or `\r\n`)]. A line
 * holding a NUL byte is an error: the file is binary or UTF-16, not UTF-8 text.
 */
export function* readLines(path: string, blockBytes = 1 << 20): Generator<[number, string]> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new LexnetError(`${path}: cannot read (${describeFsError(e)})`);
  }
  const block = Buffer.allocUnsafe(blockBytes);
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let lineNo = 0;
  try {
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, block, 0, blockBytes, null);
      } catch (e) {
        throw new LexnetError(`${path}: cannot read (${describeFsError(e)})`);
      }
      if (n === 0) break;
      const text = carry + decoder.decode(block.subarray(0, n), { stream: true });
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        yield [++lineNo, checked(path, lineNo, text.charCodeAt(nl - 1) === 13 && nl > start ? text.slice(start, nl - 1) : text.slice(start, nl))];
        start = nl + 1;
      }
      carry = text.slice(start);
      if (carry.length > MAX_LINE) throw inputError(path, lineNo + 1, `a line longer than ${MAX_LINE / 2 ** 20} Mi characters: is this a text file?`);
    }
    carry += decoder.decode();
    if (carry.length > 0) yield [++lineNo, checked(path, lineNo, carry)];
  } finally {
    closeSync(fd);
  }
}

function checked(path: string, lineNo: number, line: string): string {
  if (line.includes('\0')) throw inputError(path, lineNo, 'NUL byte: this is not a UTF-8 text file (binary, or UTF-16?)');
  return line;
}
