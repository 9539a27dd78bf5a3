// Issue 22: `classify train --kind supervised` reads a fastText-format training file straight into
// token ids (no string per token); the models it trains are the ones the line-by-line path trained:
// seeded single-thread models are byte-identical to those trained before the change (SHA-256 of the
// written .bin, plain SIMD kernels so that every machine computes the same floats).
process.env.LEXNET_SIMD = 'plain';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../src/core/random.js';
import fc from 'fast-check';
import { CLI, lexnet, tempDir, writeTemp } from './cli.js';
import { readFastText } from '../src/text/labelled.js';
import { readLabelledIds } from '../src/text/labelled-ids.js';
import { labelledData, surveyedNormalization, trainingNormalization } from '../src/classify/labelled-input.js';
import { indexLines, type IndexedLines } from '../src/fasttext/supervised-data.js';

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

/** What the line reader's path gives the trainer: readFastText, the survey, the texts split again, then numbered. */
function linePath(path: string, prefix: string, o: { tokenizer?: 'ptb' | 'words' | 'whitespace'; lowercase?: boolean } = {}) {
  const read = readFastText(path, undefined, prefix);
  const n = trainingNormalization(read, o);
  const d = labelledData(read, path, n);
  return { normalization: n, indexed: indexLines(d.texts.map((words, i) => ({ words, labels: d.labelSets![i]!.map((l) => prefix + l) }))) };
}

/** The lines as plain arrays (without the kernel memory a file's words are read into). */
const plain = ({ memory: _, ...x }: IndexedLines) => ({ ...x, wordCounts: [...Array.from(x.wordCounts)], labelCounts: [...Array.from(x.labelCounts)], wordIds: [...x.wordIds], wordOffsets: [...x.wordOffsets], labelIds: [...x.labelIds], labelOffsets: [...x.labelOffsets] });

test('readLabelledIds numbers the words and labels the line reader\'s path gives, split as its survey says', () => {
  const dir = tempDir();
  for (const [i, text] of [treebankLines(300, 5), rawLines(200, 6)].entries()) {
    const path = writeTemp(dir, `t${i}.txt`, text);
    for (const o of [{}, { tokenizer: 'ptb' as const }, { tokenizer: 'words' as const, lowercase: true }, { lowercase: false }]) {
      const ids = readLabelledIds(path, '__label__', (s) => surveyedNormalization(s, o));
      assert.ok(ids, 'read into ids');
      const lines = linePath(path, '__label__', o);
      assert.deepEqual(ids.normalization, lines.normalization);
      assert.deepEqual(plain(ids.indexed!), plain(lines.indexed));
    }
  }
});

// lines of tokens from pieces: labels (one empty), Treebank marks, context tokens, Unicode white space, \r\n, blank lines
const PIECES = ['__label__a', '__label__b', '#x', 'the', 'It', "'s", "it's", 'mr.', 'U.S.', '1.', '(', '"', '-lrb-', 'n\'t', 'naïve', 'Σ', '😀', ',', '.'];
const SPACES = [' ', ' ', '\t', '\u00a0', '\u3000', '\r\n', '\n', '\n\n'];
const fileText = fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SPACES)), { maxLength: 60 }).map((p) => p.map(([t, s]) => t + s).join(''));

test('property: a file read into ids gives the line reader\'s numbered lines, or null where the line reader has an error to name', () => {
  const dir = tempDir();
  fc.assert(fc.property(fileText, fc.constantFrom('__label__', '#'), (text, prefix) => {
    const path = writeTemp(dir, 'p.txt', text);
    const ids = readLabelledIds(path, prefix, (s) => surveyedNormalization(s, {}));
    let lines: ReturnType<typeof linePath> | null = null;
    try {
      lines = linePath(path, prefix);
    } catch {
      assert.equal(ids, null, 'the line reader refuses what was read into ids');
      return;
    }
    assert.ok(ids, 'read into ids');
    assert.deepEqual(ids.normalization, lines.normalization);
    assert.deepEqual(plain(ids.indexed!), plain(lines.indexed));
  }), { numRuns: 300 });
});

test('a line without a label, or bytes that are not UTF-8, are refused naming the line, as before', () => {
  const dir = tempDir();
  for (const [body, problem] of [['__label__a good\nno label here\n', /t\.txt:2: no __label__ on this line/], [Buffer.from('__label__a good\n__label__b \xff\n', 'latin1'), /t\.txt:2/]] as const) {
    const train = writeTemp(dir, 't.txt', body);
    const r = lexnet(['classify', 'train', '--kind', 'supervised', '--train', train, '--threads', '1', '--out', join(dir, 'm.bin')]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, problem);
  }
});

test('a FIFO is read once, by the line reader: a line without a label is named, not waited on', async () => {
  const dir = tempDir();
  const fifo = join(dir, 'train.fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const child = spawn(process.execPath, [CLI, 'classify', 'train', '--kind', 'supervised', '--train', fifo, '--threads', '1', '--out', join(dir, 'm.bin')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const ended = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  writeFileSync(fifo, '__label__a good\nno label here\n'); // blocks until the CLI opens the FIFO
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await ended;
  clearTimeout(timer);
  assert.equal(code, 1, stderr);
  assert.match(stderr, /train\.fifo:2: no __label__ on this line/);
});
