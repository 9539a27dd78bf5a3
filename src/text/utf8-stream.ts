import { inputError, type LexnetError } from '../io/errors.js';

/**
 * Decodes UTF-8 text block by block, refusing bytes that are not UTF-8 rather than replacing
 * them: the error names the file, the line and the byte offset (0-based, in the decompressed
 * text for gzip). A character, or a `\r\n`, may straddle two blocks; a leading byte-order mark
 * is dropped.
 */
export class Utf8Stream {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** Bytes given so far. */
  private consumed = 0;
  /** The last bytes given that begin a character not yet complete (at most 3). */
  private held: Uint8Array = new Uint8Array(0);
  /** Whether the bytes were inflated from gzip (said in messages). */
  gzip = false;

  constructor(public name: string) {}

  /** Byte offset at which the text decoded so far ends. */
  get textEnd(): number {
    return this.consumed - this.held.length;
  }

  /** Decodes the next block; `line` is the 1-based line at which the text decoded so far ends. */
  decode(block: Uint8Array, line: number): string {
    let text: string;
    try {
      text = this.decoder.decode(block, { stream: true });
    } catch {
      throw this.invalid(block, line);
    }
    this.consumed += block.length;
    const tail = block.length >= 3 ? block.subarray(block.length - 3) : concat(this.held, block);
    this.held = Uint8Array.from(tail.subarray(tail.length - incompleteTail(tail))); // a copy: the block is reused
    return text;
  }

  /** Whether the bytes given so far end inside a character. */
  get incomplete(): boolean {
    return this.held.length > 0;
  }

  /** Ends the stream: the text left, or an error if it ends inside a character. */
  end(line: number): string {
    if (this.held.length > 0) {
      throw inputError(this.name, line, `the text ends inside a UTF-8 character (byte offset ${this.textEnd}${this.where()}: ${hex(this.held)}); is the file cut short?`);
    }
    return this.decoder.decode();
  }

  private invalid(block: Uint8Array, line: number): LexnetError {
    const bytes = concat(this.held, block);
    if (this.textEnd === 0) {
      const bom = utf16Bom(bytes);
      if (bom) return utf16Error(this.name, bom);
    }
    const { at, length } = firstInvalidUtf8(bytes);
    let lines = 0;
    for (let i = 0; i < at; i++) if (bytes[i] === 10) lines++;
    return invalidUtf8Error(this.name, line + lines, this.textEnd + at, bytes.subarray(at, at + length), this.where());
  }

  private where(): string {
    return this.gzip ? ' of the decompressed text' : '';
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export const hex = (b: Uint8Array): string => Array.from(b, (x) => `0x${x.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');

/** How many bytes at the end of `b` begin a multi-byte character that is not complete (0 to 3). */
export function incompleteTail(b: Uint8Array): number {
  for (let i = b.length - 1; i >= Math.max(0, b.length - 3); i--) {
    const x = b[i]!;
    if (x < 0x80) return 0;
    if (x >= 0xc0) {
      const need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2;
      const have = b.length - i;
      return have < need ? have : 0;
    }
  }
  return 0;
}

/**
 * Where `b` stops being well-formed UTF-8 (the WHATWG decoder's rules: no overlong forms,
 * surrogates or code points above U+10FFFF): `at`, the start of the bad sequence, and `length`,
 * its bytes up to the one that makes it invalid; a character cut off by the end counts as invalid
 * where it starts. `at` is `b.length` if all is well.
 */
export function firstInvalidUtf8(b: Uint8Array): { at: number; length: number } {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const x = b[i]!;
    if (x < 0x80) { i++; continue; }
    let need: number, lo = 0x80, hi = 0xbf;
    if (x >= 0xc2 && x <= 0xdf) need = 1;
    else if (x >= 0xe0 && x <= 0xef) { need = 2; if (x === 0xe0) lo = 0xa0; else if (x === 0xed) hi = 0x9f; }
    else if (x >= 0xf0 && x <= 0xf4) { need = 3; if (x === 0xf0) lo = 0x90; else if (x === 0xf4) hi = 0x8f; }
    else return { at: i, length: 1 };
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return { at: i, length: k };
      const y = b[i + k]!;
      if (k === 1 ? y < lo || y > hi : y < 0x80 || y > 0xbf) return { at: i, length: k + 1 };
    }
    i += need + 1;
  }
  return { at: n, length: 0 };
}

/**
 * The one message for bytes that are not UTF-8, whichever reader meets them:
 * `file:line: invalid UTF-8 at byte offset N (bytes …): …` (`line` null where the format has no
 * lines, as word2vec's binary vectors; `where` says what the offset counts, e.g. decompressed text).
 */
export function invalidUtf8Error(name: string, line: number | null, offset: number, bytes: Uint8Array, where = ''): LexnetError {
  return inputError(name, line,
    `invalid UTF-8 at byte offset ${offset}${where} (bytes ${hex(bytes)}): the file must be UTF-8 text ` +
      '(convert it first, e.g. iconv -f latin1 -t utf-8)');
}

/** The byte-order mark of UTF-16 text at the start of `b` ('FF FE' little-endian, 'FE FF' big-endian), or null. */
export function utf16Bom(b: Uint8Array): 'FF FE' | 'FE FF' | null {
  if (b.length < 2) return null;
  if (b[0] === 0xff && b[1] === 0xfe) return 'FF FE';
  if (b[0] === 0xfe && b[1] === 0xff) return 'FE FF';
  return null;
}

/** The error for a UTF-16 file, named as such (rather than its first byte called invalid UTF-8). */
export function utf16Error(name: string, bom: string): LexnetError {
  return inputError(name, null, `this file is UTF-16 (byte-order mark ${bom}); lexnet reads UTF-8: convert it, e.g. iconv -f UTF-16 -t UTF-8`);
}

/**
 * Decodes `bytes[start, end)` as strict UTF-8 (the same refusal as the streaming decoder, for
 * readers that hold their bytes: vector files, bytes in memory). `line` and `base` (the byte
 * offset of `bytes[0]` in the file) place the error. A byte-order mark is kept (the caller drops
 * the file's own).
 */
export function strictUtf8(name: string, bytes: Uint8Array, start: number, end: number, line: number | null, base: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) { ascii = false; break; }
  const piece = bytes.subarray(start, end);
  if (!ascii) {
    const { at, length } = firstInvalidUtf8(piece);
    if (at < piece.length) {
      if (base + start === 0) {
        const bom = utf16Bom(piece);
        if (bom) throw utf16Error(name, bom);
      }
      throw invalidUtf8Error(name, line, base + start + at, piece.subarray(at, at + length));
    }
  }
  return decoder.decode(piece);
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
