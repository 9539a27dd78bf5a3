import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { LexnetError } from './errors.js';
import { resolveOutputTarget } from './output-target.js';

/** A file named by an option: `{ option: '--train', path: 'data.csv' }`. */
export interface FileRole {
  option: string;
  path: string;
}

/**
 * What a path names on disk, so that two spellings of one file compare equal: an existing
 * file's device and inode (hard and symbolic links included); for a path still to be created,
 * the real path it will be created at. `-` (a standard stream) and unresolvable paths give null.
 */
export function fileIdentity(path: string): string | null {
  if (path === '-' || path === '') return null;
  try {
    const st = statSync(path);
    return `inode ${st.dev}:${st.ino}`;
  } catch { /* missing (or unreadable): where it would be created */ }
  try {
    const target = resolveOutputTarget(path).path;
    return `new ${resolve(realpathSync(dirname(resolve(target))), basename(target))}`;
  } catch {
    return null;
  }
}

/**
 * Refuses, before any work starts, file roles that would lose data or give a meaningless
 * answer: an output that is one of the inputs (writing it would destroy the input, possibly
 * before it is read), two outputs written to one file (one would overwrite the other), and
 * two data files that must differ but are the same (`--dev` or `--test` equal to `--train`
 * scores the model on its own training data). Paths are compared as files, not as strings,
 * so `./a`, a symbolic link to `a` and a hard link all count as `a`.
 */
export function checkFileRoles(inputs: readonly FileRole[], outputs: readonly FileRole[], distinct: readonly (readonly [FileRole, FileRole])[] = []): void {
  const id = new Map<FileRole, string | null>();
  const of = (r: FileRole): string | null => {
    if (!id.has(r)) id.set(r, fileIdentity(r.path));
    return id.get(r)!;
  };
  const same = (a: FileRole, b: FileRole): boolean => of(a) !== null && of(a) === of(b);
  // an input that does not exist clashes with nothing (reading it fails with its own message)
  const sameExisting = (a: FileRole, input: FileRole): boolean => same(a, input) && of(input)!.startsWith('inode');
  const names = (a: FileRole, b: FileRole): string =>
    a.path === b.path ? `${a.option} ${a.path} is also ${b.option}` : `${a.option} ${a.path} is the same file as ${b.option} ${b.path}`;
  for (const out of outputs) {
    for (const input of inputs) {
      if (sameExisting(out, input)) throw new LexnetError(`${names(out, input)}: writing it would destroy the input; give ${out.option} another file`);
    }
  }
  outputs.forEach((a, i) => {
    for (const b of outputs.slice(i + 1)) {
      if (same(a, b)) {
        const both = a.path === b.path ? `${a.option} and ${b.option} both name ${a.path}` : names(a, b);
        throw new LexnetError(`${both}: one would overwrite the other; give them different files`);
      }
    }
  });
  for (const [a, b] of distinct) {
    if (sameExisting(a, b)) throw new LexnetError(`${names(b, a)}: the scores would be measured on the training data itself; give a held-out file`);
  }
}
