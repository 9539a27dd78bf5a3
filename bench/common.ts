// What every benchmark script shares: where things are, and its command-line arguments.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brownCorpus } from '../src/text/corpus.js';

/** The repository (benchmarks run from dist/bench). */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built CLI. */
export const cli = join(root, 'dist/src/cli/main.js');
/** Shared data sets: LEXNET_DATA, or ../shared/data beside the repository. */
export const data = process.env.LEXNET_DATA ?? join(root, '../shared/data');
/** Debian's Python, where the reference tools (gensim, scikit-learn, PyTorch) are installed. */
export const python = '/usr/bin/python3';

/** The value after `--name` on the command line, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

/** A scratch folder for a benchmark run, removed when the process exits (kept with `--keep`). */
export function workDir(prefix: string, parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, prefix));
  if (!process.argv.includes('--keep')) process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Brown, lower-cased, one sentence a line, written to `dir`/brown.txt (the word-vector benches' corpus); its path. */
export function writeBrownText(dir: string): string {
  const path = join(dir, 'brown.txt');
  writeFileSync(path, [...brownCorpus({ lowercase: true }).sentences()].map((s) => s.join(' ')).join('\n') + '\n');
  return path;
}

/** The similarity sets (`*.tsv`) in `dir`, sorted by name; none when `dir` is ''. */
export function similaritySets(dir: string): string[] {
  return dir ? readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort() : [];
}
