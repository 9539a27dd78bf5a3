import { randomBytes } from 'node:crypto';
import {
  accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, ftruncateSync, openSync, renameSync, unlinkSync, writeSync, type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LexnetError } from './errors.js';
import { resolveOutputTarget } from './output-target.js';
import { writeAll } from './write-all.js';
import { ClosedPipeError, describeWriteError, errnoCode } from './write-errors.js';
import { isZeroRun, type ZeroRun } from './zero-run.js';

type Chunks = Iterable<string | Uint8Array | ZeroRun> | string | Uint8Array;
/** The error for a failed write of the user's path, which lands on `real` (links followed). */
type Fail = (why: string, real?: string) => LexnetError;

/**
 * Writes a file so that a failure or a kill never leaves a partial file, and so that the write
 * cannot be turned against the user:
 * - a regular file (or a new path) is written to a temporary file with an unpredictable name,
 *   created exclusively with mode 600 in the target's folder, given the target's mode (a new file:
 *   0666 & ~umask), flushed to disk, and renamed over the target; a failure removes it and leaves
 *   any earlier file untouched;
 * - a symbolic link is written through: what it points at gets the content, the link stays;
 * - `-` (standard output) and anything else that is not a regular file (a FIFO, a device, a
 *   socket) are written to directly instead of being replaced by a regular file.
 * Failures are LexnetErrors naming the path and the cause (no space left on device, …).
 * A ZeroRun chunk leaves a hole in a regular file (the file is sparse there) and is written out
 * as zero bytes elsewhere.
 */
export function writeFileAtomic(path: string, chunks: Chunks): void {
  if (path === '-') {
    streamTo(path, 1, chunks);
    return;
  }
  const fail: Fail = (why, real = path) => new LexnetError(`${path}: cannot write${real !== path ? ` ${real}` : ''} (${why})`);
  let target;
  try {
    target = resolveOutputTarget(path);
  } catch (e) {
    throw fail(describeWriteError(e));
  }
  const { path: real, stat } = target;
  if (stat?.isDirectory()) throw fail('is a folder', real);
  if (stat?.isSocket()) throw fail('is a socket, which cannot be opened as a file', real);
  if (stat && !stat.isFile()) {
    let fd: number;
    try {
      fd = openSync(real, constants.O_WRONLY | constants.O_NOCTTY);
    } catch (e) {
      throw fail(describeWriteError(e), real);
    }
    try {
      streamTo(path, fd, chunks);
    } finally {
      closeSync(fd);
    }
    return;
  }
  if (stat) {
    // a read-only file is refused, as open(2) would, rather than silently replaced
    try {
      accessSync(real, constants.W_OK);
    } catch (e) {
      throw fail(describeWriteError(e), real);
    }
  }
  replaceFile(real, stat, chunks, fail);
}

/** Writes every chunk to an open descriptor (standard output, a FIFO, a device). */
function streamTo(path: string, fd: number, chunks: Chunks): void {
  for (const bytes of byteChunks(chunks, true)) {
    try {
      writeAll(fd, bytes as Uint8Array);
    } catch (e) {
      const code = errnoCode(e);
      if (code === undefined) throw e;
      if (path !== '-') throw new LexnetError(`${path}: cannot write (${describeWriteError(e)})`);
      throw code === 'EPIPE' ? new ClosedPipeError() : new LexnetError(`standard output: ${describeWriteError(e)}`);
    }
  }
}

/** Temporary file beside `real`, renamed over it once complete and on disk. */
function replaceFile(real: string, stat: Stats | null, chunks: Chunks, fail: Fail): void {
  const dir = dirname(real);
  const { fd, tmp } = createExclusive(real, fail);
  let open = true;
  try {
    // after a hole the writes are positioned; the file is extended over a hole at its end
    let at = 0, sparse = false;
    for (const c of byteChunks(chunks, false)) {
      if (isZeroRun(c)) { at += c.zeros; sparse = true; continue; }
      const from = at;
      if (sparse) writeAll(fd, c, (f, b, off, len) => writeSync(f, b, off, len, from + off));
      else writeAll(fd, c);
      at += c.length;
    }
    if (sparse) ftruncateSync(fd, at);
    if (stat) {
      // owner first: chown clears the set-id bits that chmod then restores
      if (stat.uid !== process.getuid?.() || stat.gid !== process.getgid?.()) {
        try { fchownSync(fd, stat.uid, stat.gid); } catch { /* only root may give files away */ }
      }
      fchmodSync(fd, stat.mode & 0o7777);
    } else {
      fchmodSync(fd, 0o666 & ~process.umask());
    }
    fsyncSync(fd);
    open = false;
    closeSync(fd);
    renameSync(tmp, real);
  } catch (e) {
    if (open) try { closeSync(fd); } catch { /* already closed */ }
    try { unlinkSync(tmp); } catch { /* gone already */ }
    if (e instanceof LexnetError || errnoCode(e) === undefined) throw e;
    throw fail(describeWriteError(e), real);
  }
  syncFolder(dir);
}

/**
 * Creates `.NAME.RANDOM.tmp` in `dir` with O_CREAT|O_EXCL (so a planted file or symbolic link
 * at that name is never opened) and mode 600, so nobody else can read it while it is written.
 */
function createExclusive(real: string, fail: Fail): { fd: number; tmp: string } {
  const dir = dirname(real), name = basename(real);
  const stem = Buffer.byteLength(name) > 200 ? 'lexnet' : name;
  for (let attempt = 0; ; attempt++) {
    const tmp = join(dir, `.${stem}.${randomBytes(8).toString('hex')}.tmp`);
    try {
      return { fd: openSync(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600), tmp };
    } catch (e) {
      if (errnoCode(e) === 'EEXIST' && attempt < 16) continue;
      throw fail(errnoCode(e) === 'ENOENT' ? `folder ${dir} does not exist` : describeWriteError(e), real);
    }
  }
}

/** Flushes the folder entry of a rename to disk; best effort (not every file system can). */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, constants.O_RDONLY);
    try { fsyncSync(fd); } finally { closeSync(fd); }
  } catch { /* not supported here */ }
}

/** Zero bytes written at a time for a ZeroRun where no hole can be left. */
const ZEROS = new Uint8Array(1 << 20);

/** The chunks as bytes; ZeroRuns kept, or (`expandZeros`) as zero bytes. */
function* byteChunks(chunks: Chunks, expandZeros: boolean): Generator<Uint8Array | ZeroRun> {
  if (typeof chunks === 'string') yield Buffer.from(chunks, 'utf8');
  else if (chunks instanceof Uint8Array) yield chunks;
  else {
    for (const c of chunks) {
      if (typeof c === 'string') yield Buffer.from(c, 'utf8');
      else if (!isZeroRun(c)) yield c;
      else if (!expandZeros) yield c;
      else for (let left = c.zeros; left > 0; left -= ZEROS.length) yield ZEROS.subarray(0, Math.min(left, ZEROS.length));
    }
  }
}
