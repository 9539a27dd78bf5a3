import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeFsError } from './read-text.js';
import { LexnetError } from './errors.js';

/**
 * Checks, before any work starts, that an output can be created at `path` (its folder exists
 * and is writable, and it is not a folder itself), so that a typo does not lose a long run.
 * `-` (standard output) always passes. Throws a LexnetError naming the option and the path.
 */
export function checkOutputPath(path: string, option = 'output'): void {
  if (path === '-') return;
  const dir = dirname(resolve(path));
  try {
    if (!statSync(dir).isDirectory()) throw new LexnetError(`${option} ${path}: ${dir} is not a directory`);
    accessSync(dir, constants.W_OK);
  } catch (e) {
    if (e instanceof LexnetError) throw e;
    throw new LexnetError(`${option} ${path}: cannot create the file in ${dir} (${describeFsError(e)})`);
  }
  try {
    if (statSync(path).isDirectory()) throw new LexnetError(`${option} ${path}: is a directory`);
  } catch (e) {
    if (e instanceof LexnetError) throw e;
  }
}
