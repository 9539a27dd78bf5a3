import { closeSync, openSync, readSync } from 'node:fs';
import { describeFsError } from '../io/read-text.js';
import { LexnetError } from '../io/errors.js';

/**
 * Reads a text file line by line in fixed-size blocks, so memory stays bounded whatever the
 * file's size. Yields [1-based line number, line without its newline].
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
        yield [++lineNo, text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl)];
        start = nl + 1;
      }
      carry = text.slice(start);
    }
    carry += decoder.decode();
    if (carry.length > 0) yield [++lineNo, carry];
  } finally {
    closeSync(fd);
  }
}
