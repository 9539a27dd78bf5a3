import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { LexnetError } from './errors.js';

/** Reads a whole file's bytes, turning file-system failures into clear errors. */
export function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new LexnetError(`${path}: cannot read (${describeFsError(e)})`);
  }
}

/** Reads a whole text file (gunzipping `.gz`), turning file-system failures into clear errors. */
export function readText(path: string): string {
  let bytes = readBytes(path);
  if (path.endsWith('.gz')) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new LexnetError(`${path}: not a valid gzip file`);
    }
  }
  return bytes.toString('utf8');
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    default: return code ?? String(e);
  }
}
