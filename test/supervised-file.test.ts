// Issue 22: `classify train --kind supervised` reads a fastText-format training file straight into
// token ids (no string per token); the models it trains are the ones the line-by-line path trained:
// seeded single-thread models are byte-identical to those trained before the change (SHA-256 of the
// written .bin, plain SIMD kernels so that every machine computes the same floats).
process.env.LEXNET_SIMD = 'plain';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../src/core/random.js';
import { lexnet, tempDir, writeTemp } from './cli.js';

/** Lines written in Treebank tokens, lower case (as SST-2): clitics apart, `mr.` before a name, escapes, several labels. */
function treebankLines(n: number, seed: number): string {
  const rng = new Random(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rng.next() * a.length)]!;
  const words = ['the', 'film', 'it', "'s", 'does', "n't", 'work', 'mr.', 'lopez', 'a', 'sci-fi', '-lrb-', 'plot', '-rrb-', '``', 'fun', "''", 'dull', 'great', '...', 'writer\\/director', 'u.s.', '1.', ',', '.'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const labels = rng.next() < 0.1 ? '__label__1 __label__2' : `__label__${Math.floor(rng.next() * 3)}`;
    out.push(`${labels} ${Array.from({ length: 1 + Math.floor(rng.next() * 9) }, () => pick(words)).join(rng.next() < 0.05 ? '\t' : ' ')}`);
    if (rng.next() < 0.02) out.push('');
  }
  return out.join('\n') + '\n';
}

/** Lines of raw text with upper case and attached clitics (split at white space, case kept). */
function rawLines(n: number, seed: number): string {
  const rng = new Random(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rng.next() * a.length)]!;
  const words = ['The', 'film', "it's", "doesn't", 'work', 'Mr.', 'Lopez', 'a', 'Sci-Fi', '(plot)', 'fun!', 'dull', 'GREAT', 'Ωμέγα', 'naïve', '"quoted"'];
  return Array.from({ length: n }, () => `__label__${pick(['pos', 'neg'])} ${Array.from({ length: 1 + Math.floor(rng.next() * 8) }, () => pick(words)).join(' ')}`).join('\n') + '\n';
}

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

for (const [name, text, expected] of [
  ['Treebank tokens, lower case', treebankLines(400, 1), '43d7054e1938e25ab83aef945f428c7830ffb0fb5c6621b73d501efc6397678c'],
  ['raw text with upper case', rawLines(300, 2), '3644bc0b1389e929fb7bd8eeec9fd3726f8743912c0c341dcbd4059c694a880f'],
] as const) {
  test(`a seeded single-thread model is the one trained before the file was read into ids: ${name}`, () => {
    const dir = tempDir();
    const train = writeTemp(dir, 'train.txt', text), model = join(dir, 'model.bin');
    const r = lexnet(['classify', 'train', '--kind', 'supervised', '--train', train, '--threads', '1', '--seed', '3', '--dim', '8', '--epochs', '2', '--word-ngrams', '2', '--bucket', '1000', '--out', model, '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(sha(model), expected);
  });
}
