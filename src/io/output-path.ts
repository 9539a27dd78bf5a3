import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, lstatSync, openSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LexnetError } from './errors.js';
import { firstExisting, resolveOutputTarget } from './output-target.js';
import { describeWriteError, errnoCode } from './write-errors.js';

/**
 * Checks, before any work starts, that `writeFileAtomic` will be able to write `path`, so that
 * a typo does not lose a long run: a regular file (or a new one) needs a writable folder, and an
 * existing file must itself be writable; a FIFO or a device must be writable; a folder is refused.
 * Symbolic links are followed as the write will follow them. `-` (standard output) always passes.
 * Permissions are not only read but tried: a probe file is created exclusively (and removed) in
 * the folder where the write's temporary file will go, and, for a new file, at the path itself,
 * so that a name ending in `/`, a missing folder, a read-only file system or a name too long fail
 * here, before the work, rather than when the result is written. FIFOs and devices are not probed.
 * Throws a LexnetError naming the option, the path and what is wrong.
 */
export function checkOutputPath(path: string, option = 'output'): void {
  if (path === '-') return;
  const fail = (why: string): LexnetError => new LexnetError(`${option} ${path}: ${why}`);
  let target;
  try {
    target = resolveOutputTarget(path);
  } catch (e) {
    if (errnoCode(e) === 'ENOTDIR') throw fail(notAFolder(path));
    throw fail(describeWriteError(e));
  }
  const { path: real, stat } = target;
  const via = real !== path ? `links to ${real}, but ` : '';
  if (stat?.isDirectory()) throw fail(`${via}${via ? 'that ' : ''}is a folder`);
  if (stat?.isSocket()) throw fail(`${via}${via ? 'that ' : ''}is a socket, which cannot be opened as a file`);
  if (stat) {
    try {
      accessSync(real, constants.W_OK);
    } catch (e) {
      throw fail(`${via}cannot write ${via ? 'it' : 'the file'} (${describeWriteError(e)})`);
    }
    if (!stat.isFile()) return; // a FIFO or a device is written to directly
  }
  if (!stat && /[/\\]$/.test(real)) throw fail(`${via}ends in /, so it names a folder, and there is none; give a file name`);
  const dir = dirname(resolve(real));
  checkWritableFolder(dir, (why) => fail(`${via}${why}`), false);
  probeFolder(dir, basename(real), (why) => fail(`${via}cannot create files in ${dir} (${why})`));
  if (!stat) probeExactly(real, (why) => fail(`${via}cannot create ${via ? 'it' : 'the file'} (${why})`));
}

/** Creates (exclusively, mode 600) and removes a uniquely named file in `dir`, as the atomic write's temporary file will be. */
function probeFolder(dir: string, name: string, fail: (why: string) => LexnetError): void {
  const stem = Buffer.byteLength(name) > 200 ? 'lexnet' : name;
  for (let attempt = 0; ; attempt++) {
    const probe = join(dir, `.${stem}.${randomBytes(8).toString('hex')}.probe`);
    try {
      closeSync(openSync(probe, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600));
    } catch (e) {
      if (errnoCode(e) === 'EEXIST' && attempt < 16) continue;
      throw fail(describeWriteError(e));
    }
    try { unlinkSync(probe); } catch { /* removed already */ }
    return;
  }
}

/** Creates the new file `path` exclusively (never touching anything already there) and removes it. */
function probeExactly(path: string, fail: (why: string) => LexnetError): void {
  try {
    closeSync(openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600));
  } catch (e) {
    if (errnoCode(e) === 'EEXIST') return; // made meanwhile by someone else: the write will replace it, as it would have
    throw fail(errnoCode(e) === 'EISDIR' ? 'the name ends in /, which names a folder' : describeWriteError(e));
  }
  try { unlinkSync(path); } catch { /* removed already */ }
}

/**
 * Checks, before any work starts, that files can be written in the folder `dir` (for `--plots
 * DIR`): the folder, or its nearest existing ancestor when it is still to be created, must be a
 * writable folder. When the folder exists, each of `files` in it is checked with checkOutputPath.
 */
export function checkOutputDir(dir: string, option = 'output folder', files: readonly string[] = []): void {
  const fail = (why: string): LexnetError => new LexnetError(`${option} ${dir}: ${why}`);
  let isLink = false;
  try {
    isLink = lstatSync(dir).isSymbolicLink();
  } catch { /* missing: created later */ }
  const exists = checkWritableFolder(resolve(dir), fail, true, isLink);
  if (exists) for (const f of files) checkOutputPath(join(dir, f), option);
}

/**
 * `dir` (or, with `mayCreate`, its nearest existing ancestor) must be a folder where files can be
 * created. Returns whether `dir` itself exists.
 */
function checkWritableFolder(dir: string, fail: (why: string) => LexnetError, mayCreate: boolean, isLink = false): boolean {
  let found;
  try {
    found = firstExisting(dir);
  } catch (e) {
    throw fail(`cannot look up ${dir} (${describeWriteError(e)})`);
  }
  const { path: at, stat } = found;
  if (at !== dir && isLink) throw fail('is a broken symbolic link');
  if (at !== dir && !mayCreate) {
    throw fail(stat.isDirectory() ? `folder ${dir} does not exist` : `${at} is a file, not a folder`);
  }
  if (!stat.isDirectory()) throw fail(at === dir ? 'is not a folder' : `${at} is a file, not a folder`);
  try {
    accessSync(at, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw fail(`cannot create files in ${at} (${describeWriteError(e)})`);
  }
  if (mayCreate && at !== dir) probeFolder(at, 'lexnet', (why) => fail(`cannot create files in ${at} (${why})`));
  return at === dir;
}

/** The message for a path with a regular file where a folder should be (`file.txt/out.bin`). */
function notAFolder(path: string): string {
  try {
    const { path: at, stat } = firstExisting(path);
    if (!stat.isDirectory()) return `${at} is a file, not a folder`;
  } catch { /* fall through */ }
  return 'a part of the path is not a folder';
}
