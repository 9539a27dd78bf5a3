import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeFsError } from './read-text.js';
import { LexnetError } from './errors.js';

/**
 * Writes a file atomically: everything goes to a temporary name beside the target, which is
 * renamed over the target only once complete. A failure leaves any earlier file untouched
 * and no partial file behind.
 */
export function writeFileAtomic(path: string, chunks: Iterable<string | Uint8Array> | string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (e) {
    throw new LexnetError(`${path}: cannot write (${describeFsError(e)})`);
  }
  try {
    const list = typeof chunks === 'string' || chunks instanceof Uint8Array ? [chunks] : chunks;
    for (const c of list) writeSync(fd, typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (e) {
    try { closeSync(fd); } catch { /* already closed */ }
    rmSync(tmp, { force: true });
    if (e instanceof LexnetError) throw e;
    throw new LexnetError(`${path}: cannot write (${describeFsError(e)})`);
  }
}
