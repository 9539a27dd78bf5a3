import { BLOCK_BYTES, readBytesStreaming } from '../io/byte-source.js';
import { MAX_SENTENCE_TOKENS, MAX_TOKEN_CHARS } from './corpus-limits.js';
import { FNV_OFFSET, FNV_PRIME, TokenTable } from './token-table.js';
import { incompleteTail } from './utf8-stream.js';
import { isUtf8 } from 'node:buffer';

/**
 * Thrown when the byte scan meets what the string tokenizer reports exactly (a NUL byte, bytes
 * that are not UTF-8, a token longer than MAX_TOKEN_CHARS bytes): the caller reads the file
 * again through `sentences()`, which gives the error with its line and byte offset.
 */
export class ByteScanUnsupported extends Error {}

/** One block of a text file scanned to token ids. */
export interface TokenIdBlock {
  /** Token ids (TokenTable order of first appearance) and −1 after each sentence; valid until the next block. */
  ids: Int32Array;
  /** Tokens and sentences so far. */
  tokens: number;
  sentences: number;
}

/**
 * The tokens of a text file (one sentence per line, white-space separated, lower-cased if asked)
 * as ids of `table`, scanned as UTF-8 bytes: the same tokens, sentences and 10,000-token cuts as
 * textCorpus's `sentences()`, without a string per token.
 */
export function* tokenIdBlocks(path: string, lowercase: boolean, table: TokenTable, blockBytes = BLOCK_BYTES): Generator<TokenIdBlock> {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8');
  let work = new Uint8Array(0);
  let carried = 0;
  let ids = new Int32Array(0);
  let tokens = 0, sentences = 0, inSentence = 0, n = 0;
  const endSentence = (): void => {
    if (inSentence === 0) return;
    ids[n++] = -1;
    sentences++;
    inSentence = 0;
  };
  const emit = (start: number, end: number, nonAscii: boolean, hash: number): void => {
    let id: number;
    if (lowercase && nonAscii) {
      const b = encoder.encode(decoder.decode(work.subarray(start, end)).toLowerCase());
      id = table.add(b, 0, b.length, TokenTable.hash(b, 0, b.length));
    } else {
      id = table.add(work, start, end, hash);
    }
    ids[n++] = id;
    tokens++;
    if (++inSentence === MAX_SENTENCE_TOKENS) endSentence();
  };
  const source = readBytesStreaming(path, blockBytes);
  try {
    for (let done = false; !done;) {
      const next = source.next();
      done = next.done === true;
      const block = done ? new Uint8Array(0) : (next.value as Uint8Array);
      if (block.indexOf(0) >= 0) throw new ByteScanUnsupported('NUL byte');
      // the bytes carried from the last block (a token or character it cut), then this block
      const size = carried + block.length;
      if (work.length < size) {
        const grownWork = new Uint8Array(Math.max(size, 2 * work.length));
        grownWork.set(work.subarray(0, carried));
        work = grownWork;
      }
      work.set(block, carried);
      if (ids.length < size + size / MAX_SENTENCE_TOKENS + 8) ids = new Int32Array(Math.ceil(size * 1.25) + 16);
      n = 0;
      const limit = done ? size : size - incompleteTail(work.subarray(Math.max(0, size - 3), size));
      if (!isUtf8(work.subarray(0, limit))) throw new ByteScanUnsupported('not UTF-8'); // (a character cut by the end included)
      let i = 0;
      let cut = -1; // where the bytes to carry start
      while (i < limit) {
        const b = work[i]!;
        if (b === 10) {
          endSentence();
          i++;
          continue;
        }
        const space = spaceBytes(work, i);
        if (space > 0) {
          i += space;
          continue;
        }
        const start = i;
        let nonAscii = false;
        let h = FNV_OFFSET; // TokenTable.hash of the token's bytes, as they are scanned
        while (i < limit) {
          let c = work[i]!;
          if (c < 0x80) {
            if (c === 32 || (c >= 9 && c <= 13)) break;
            if (lowercase && c >= 65 && c <= 90) work[i] = c += 32;
          } else {
            if (spaceBytes(work, i) > 0) break;
            nonAscii = true;
          }
          h = Math.imul(h ^ c, FNV_PRIME);
          i++;
        }
        if (i - start > MAX_TOKEN_CHARS) throw new ByteScanUnsupported('a token longer than MAX_TOKEN_CHARS bytes');
        if (i === limit && !done) {
          cut = start; // the token may go on in the next block
          break;
        }
        emit(start, i, nonAscii, h);
      }
      if (cut < 0) cut = limit;
      if (done) endSentence();
      work.copyWithin(0, cut, size);
      carried = size - cut;
      yield { ids: ids.subarray(0, n), tokens, sentences };
    }
  } finally {
    source.return(undefined);
  }
}

/**
 * Bytes of the white-space character at i (JavaScript's \s in UTF-8), or 0. The text is valid
 * UTF-8 and i is below the scan limit, so a character's bytes are all there.
 */
function spaceBytes(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13) ? 1 : 0;
  switch (c) {
    case 0xc2: return b[i + 1] === 0xa0 ? 2 : 0; // U+00A0
    case 0xe1: return b[i + 1] === 0x9a && b[i + 2] === 0x80 ? 3 : 0; // U+1680
    case 0xe2: {
      const c1 = b[i + 1]!, c2 = b[i + 2]!;
      if (c1 === 0x80 && (c2 <= 0x8a || c2 === 0xa8 || c2 === 0xa9 || c2 === 0xaf)) return 3; // U+2000–200A, 2028, 2029, 202F
      return c1 === 0x81 && c2 === 0x9f ? 3 : 0; // U+205F
    }
    case 0xe3: return b[i + 1] === 0x80 && b[i + 2] === 0x80 ? 3 : 0; // U+3000
    case 0xef: return b[i + 1] === 0xbb && b[i + 2] === 0xbf ? 3 : 0; // U+FEFF
    default: return 0;
  }
}
