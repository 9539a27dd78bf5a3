import { lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errnoCode } from './write-errors.js';

/** Where a write to a path lands once symbolic links are followed, and what is there now. */
export interface OutputTarget {
  /** The path itself, or what its chain of symbolic links points at (existing or not). */
  path: string;
  /** What is at `path` now; null when nothing is (a new file). */
  stat: Stats | null;
}

/** Linux's limit on symbolic links followed in one lookup. */
const MAX_LINKS = 40;

/**
 * Follows `path` through symbolic links, dangling ones included, as open(2) would: a write to
 * a link goes to what it points at (as word2vec.c and gensim do) and the link stays a link.
 * File-system errors (ENOTDIR, ELOOP, EACCES) are thrown as they are.
 */
export function resolveOutputTarget(path: string): OutputTarget {
  let p = path;
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    let st: Stats;
    try {
      st = lstatSync(p);
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return { path: p, stat: null };
      throw e;
    }
    if (!st.isSymbolicLink()) return { path: p, stat: st };
    // the link's folder exists (lstat found the link); a relative target is relative to its real path
    p = resolve(realpathSync(dirname(p)), readlinkSync(p));
  }
  throw Object.assign(new Error(`${path}: too many levels of symbolic links`), { code: 'ELOOP' });
}

/**
 * The nearest of `path` and its ancestors that exists (symbolic links followed), with its
 * status; `/` always does. Other errors than "missing" (EACCES, ELOOP) are thrown.
 */
export function firstExisting(path: string): { path: string; stat: Stats } {
  let p = resolve(path);
  for (;;) {
    try {
      return { path: p, stat: statSync(p) };
    } catch (e) {
      const code = errnoCode(e);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(p) === p) throw e;
      p = dirname(p);
    }
  }
}
