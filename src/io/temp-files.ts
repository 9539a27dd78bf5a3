import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LexnetError } from './errors.js';
import { describeWriteError, errnoCode } from './write-errors.js';

/**
 * Temporary folders alive in this process. The library creates and removes them; the CLI
 * removes whatever is left when a signal (Ctrl-C, SIGTERM, SIGHUP) ends the process early,
 * since the library itself installs no signal handlers.
 */
const live = new Set<string>();

/**
 * Creates a private folder (mode 700) named `prefix` + random characters in `parent` (default:
 * the system's, i.e. TMPDIR) and records it until removeTemporary. A missing, unwritable or full
 * `parent` is a LexnetError that says how to choose another.
 */
export function createTemporaryFolder(prefix: string, parent: string = tmpdir()): string {
  let dir: string;
  try {
    dir = mkdtempSync(join(parent, prefix));
  } catch (e) {
    if (errnoCode(e) === undefined) throw e;
    throw temporaryFolderError(parent, e);
  }
  live.add(dir);
  return dir;
}

/** Checks, before any work starts, that temporary folders can be created in `parent`. */
export function checkTemporaryFolder(parent: string = tmpdir()): void {
  try {
    if (!statSync(parent).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(parent, constants.W_OK | constants.X_OK);
  } catch (e) {
    if (errnoCode(e) === undefined) throw e;
    throw temporaryFolderError(parent, e);
  }
}

/** `temporary folder DIR: what is wrong; set tmpDir or TMPDIR` (the CLI says --tmp-dir). */
export function temporaryFolderError(parent: string, e: unknown): LexnetError {
  const code = errnoCode(e);
  const why = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : `cannot create files there (${describeWriteError(e)})`;
  return new LexnetError(`temporary folder ${parent}: ${why}; set tmpDir or TMPDIR`, { option: 'tmpDir' });
}

/** Removes a temporary folder and all it holds (best effort: nothing is thrown). */
export function removeTemporary(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch { /* nothing more can be done */ }
  live.delete(dir);
}

/** Removes every temporary folder still alive: for exit paths that skip the usual clean-up. */
export function removeAllTemporaries(): void {
  for (const dir of [...live]) removeTemporary(dir);
}

/** The temporary folders alive now. */
export function liveTemporaries(): string[] {
  return [...live];
}
