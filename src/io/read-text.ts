import { readFileSync } from 'node:fs';
import { constants } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { inputError, LexnetError } from './errors.js';

/** Reads a whole file's bytes, turning file-system failures into clear errors. */
export function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new LexnetError(`${path}: cannot read (${describeFsError(e)})`);
  }
}

/**
 * Reads a whole text file (gunzipping `.gz`), turning file-system failures into clear errors.
 * A leading byte-order mark is dropped; a file too large for one string is refused, and so is
 * a `.gz` that would inflate beyond that (a gzip bomb is stopped, not inflated).
 */
export function readText(path: string): string {
  let bytes = readBytes(path);
  if (path.endsWith('.gz')) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: constants.MAX_STRING_LENGTH + 1 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(path);
      throw new LexnetError(`${path}: not a valid gzip file`);
    }
  }
  return bytesToText(path, bytes);
}

/** UTF-8 bytes as a string without a byte-order mark; a file too large for one string is an error. */
export function bytesToText(path: string, bytes: Buffer): string {
  if (bytes.length > constants.MAX_STRING_LENGTH) throw tooLarge(path);
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const tooLarge = (path: string): LexnetError =>
  inputError(path, null, `too large to read whole (more than ${constants.MAX_STRING_LENGTH} characters of text)`);

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ERR_FS_FILE_TOO_LARGE': return 'larger than 2 GiB, the most this reader loads whole';
    default: return code ?? String(e);
  }
}
