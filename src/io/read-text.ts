import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { LexnetError } from './errors.js';

/** Reads a whole text file (gunzipping `.gz`), turning file-system failures into clear errors. */
export function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new LexnetError(`${path}: cannot read (${describeFsError(e)})`);
  }
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
