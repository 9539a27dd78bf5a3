// `lexnet classify predict` with a fastText model read as bytes (issue 22): its output is the
// library's predictions line for line in every format, with empty and blank lines, \r\n, a last
// line without a newline, from a file, a gzip file or standard input; a reader closing the pipe
// ends it quietly; the byte-block line reader refuses what readLines refuses, in the same words;
// FastTextClassifier.predictUtf8 gives predict's labels and probabilities.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { loadFastTextClassifier, type FastTextClassifier, type FastTextPrediction } from '../src/index.js';
import { formatG } from '../src/cli/fasttext-predict.js';
import { writeG6 } from '../src/cli/format-g.js';
import { Utf8WordCache } from '../src/fasttext/utf8-word-cache.js';
import { readLineBlocks } from '../src/text/line-blocks.js';
import { readLines } from '../src/text/line-reader.js';
import { CLI, lexnet, tempDir, writeTemp } from './cli.js';
import { LID, NO_LID } from './fasttext-tool.js';

const dir = tempDir();

/** lexnet with room for a long output (spawnSync keeps 1 MiB by default, then closes the pipe). */
function lexnetBig(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, maxBuffer: 1 << 28, env: { ...process.env, LEXNET_DEBUG: '' } });
}

const WORDS = [
  'the quick brown fox jumps over the lazy dog and runs into the forest',
  'le renard brun saute par dessus le chien paresseux dans la forêt',
  'der schnelle braune Fuchs springt über den faulen Hund in den Wald',
  'el rápido zorro marrón salta sobre el perro perezoso hacia el bosque',
  'быстрая коричневая лиса прыгает через ленивую собаку в лес',
  'η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο',
  'الثعلب البني السريع يقفز فوق الكلب الكسول',
  '敏捷 的 棕色 狐狸 跳过 了 懒 狗',
  'すばやい 茶色 の 狐 が のろま な 犬 を 飛び越え',
  '빠른 갈색 여우가 게으른 개를 뛰어넘는다',
].map((s) => s.split(' '));

/** `n` lines: sentences of mixed languages, and the odd ones a file holds (empty, blank, \r, tabs, labels, emoji, a long line). */
function sampleLines(n: number): string[] {
  let s = 7;
  const rnd = (k: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % k;
  const odd = ['', '   ', '\t', 'bonjour\r', '__label__en hello world', '__label__fr', 'ok 🙂 😀', 'a\tb\vc\fd', 'zzqx', Array.from({ length: 3000 }, (_, i) => WORDS[i % 10]![i % 7]).join(' ')];
  return Array.from({ length: n }, (_, i) => {
    if (i % 97 === 3) return odd[rnd(odd.length)]!;
    const words = WORDS[rnd(WORDS.length)]!;
    return Array.from({ length: 1 + rnd(15) }, () => {
      const w = words[rnd(words.length)]!;
      return rnd(5) === 0 ? w + words[rnd(words.length)]!.slice(0, 2) : w;
    }).join(rnd(9) === 0 ? '  ' : ' ');
  });
}

interface Format { name: string; flags: string[]; k: number; threshold: number; probabilities: boolean; json: boolean }
const FORMATS: Format[] = [
  { name: 'labels', flags: [], k: 1, threshold: 0, probabilities: false, json: false },
  { name: '-k 3 labels', flags: ['-k', '3'], k: 3, threshold: 0, probabilities: false, json: false },
  { name: '--probabilities', flags: ['--probabilities'], k: 1, threshold: 0, probabilities: true, json: false },
  { name: '-k 4 --probabilities --threshold 0.01', flags: ['-k', '4', '--probabilities', '--threshold', '0.01'], k: 4, threshold: 0.01, probabilities: true, json: false },
  { name: '-k 2 --json', flags: ['-k', '2', '--json'], k: 2, threshold: 0, probabilities: false, json: true },
  { name: '--json --threshold 0.9', flags: ['--json', '--threshold', '0.9'], k: 1, threshold: 0.9, probabilities: false, json: true },
];

/** What classify predict prints: the library's predictions of each line, as fasttext predict(-prob) prints them, or the JSON object. */
function expected(c: FastTextClassifier, lines: readonly string[], terminated: boolean, f: Format, model: string, data: string): string {
  const all: FastTextPrediction[][] = lines.map((l, i) => c.predict(l, { k: f.k, threshold: f.threshold, endOfLine: terminated || i < lines.length - 1 }));
  if (f.json) return `${JSON.stringify({ model, data, predictions: all })}\n`;
  return all.map((p) => p.map((x) => (f.probabilities ? `${x.label} ${formatG(x.probability)}` : x.label)).join(' ') + '\n').join('');
}

test('classify predict with lid.176.ftz prints the library\'s predictions line for line, in every format (file, gzip, stdin; with and without a last newline)', { skip: NO_LID }, async () => {
  const c = await loadFastTextClassifier(LID!);
  const lines = sampleLines(3000);
  for (const terminated of [true, false]) {
    const text = lines.join('\n') + (terminated ? '\n' : '');
    const file = writeTemp(dir, `lines-${terminated}.txt`, text);
    const gz = writeTemp(dir, `lines-${terminated}.txt.gz`, gzipSync(text));
    for (const f of FORMATS) {
      const r = lexnet(['classify', 'predict', '--model', LID!, '--data', file, ...f.flags]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      const want = expected(c, lines, terminated, f, LID!, file);
      assert.equal(r.stdout.split('\n').length, f.json ? 2 : lines.length + 1, f.name);
      assert.equal(r.stdout, want, `${f.name}, terminated ${terminated}`);
      // standard input and gzip: the same lines (standard input's last line without a newline too, as fastText reads it)
      const stdin = lexnet(['classify', 'predict', '--model', LID!, '--data', '-', ...f.flags], text);
      assert.equal(stdin.status, 0, stdin.stderr);
      assert.equal(stdin.stdout, expected(c, lines, terminated, f, LID!, '-'), `${f.name} from stdin, terminated ${terminated}`);
      if (f.name === 'labels' || f.json) {
        const z = lexnet(['classify', 'predict', '--model', LID!, '--data', gz, ...f.flags]);
        assert.equal(z.stdout, expected(c, lines, terminated, f, LID!, gz), `${f.name} from gzip`);
      }
    }
  }
  // no lines: nothing printed, or an object with no predictions; a byte-order mark is dropped
  const empty = writeTemp(dir, 'empty.txt', '');
  assert.equal(lexnet(['classify', 'predict', '--model', LID!, '--data', empty]).stdout, '');
  assert.equal(lexnet(['classify', 'predict', '--model', LID!, '--data', empty, '--json']).stdout, `${JSON.stringify({ model: LID, data: empty, predictions: [] })}\n`);
  const bom = writeTemp(dir, 'bom.txt', '\uFEFFder Hund\n');
  assert.equal(lexnet(['classify', 'predict', '--model', LID!, '--data', bom, '--probabilities']).stdout, expected(c, ['der Hund'], true, FORMATS[2]!, LID!, bom));
});

test('classify predict with lid.176.ftz past the first MiB: worker threads print the same lines in input order (--threads 1 (the default), 2)', { skip: NO_LID }, async () => {
  const c = await loadFastTextClassifier(LID!);
  const lines = sampleLines(45_000);
  const text = lines.join('\n');
  assert.ok(Buffer.byteLength(text) > 2.5 * 2 ** 20, 'several blocks of 1 MiB');
  const file = writeTemp(dir, 'big.txt', text); // no newline after the last line
  for (const f of [FORMATS[0]!, FORMATS[3]!, FORMATS[4]!]) {
    const want = expected(c, lines, false, f, LID!, file);
    for (const threads of [['--threads', '1'], ['--threads', '2'], []]) {
      const r = lexnetBig(['classify', 'predict', '--model', LID!, '--data', file, ...f.flags, ...threads]);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout === want, `${f.name} ${threads.join(' ')}: the output differs from the library's predictions`);
    }
  }
  const stdin = lexnetBig(['classify', 'predict', '--model', LID!, '--data', '-', '--threads', '3'], text + '\n');
  assert.ok(stdin.stdout === expected(c, lines, true, FORMATS[0]!, LID!, '-'), 'standard input, 3 threads');
  // a bad byte past the first blocks: the blocks before it are printed, with threads or not, and the status is 1
  const bad = writeTemp(dir, 'big-bad.txt', Buffer.concat([Buffer.from(text + '\n'), Buffer.from([0x61, 0xff, 10])]));
  const one = lexnetBig(['classify', 'predict', '--model', LID!, '--data', bad]);
  const two = lexnetBig(['classify', 'predict', '--model', LID!, '--data', bad, '--threads', '2']);
  assert.equal(one.status, 1);
  assert.equal(two.status, 1);
  assert.match(two.stderr, new RegExp(`big-bad\\.txt:${lines.length + 1}: invalid UTF-8`));
  assert.ok(one.stdout.length > 0 && two.stdout === one.stdout, 'the same lines printed before the error');
});

test('classify predict with lid.176.ftz refuses text that is not UTF-8, naming the line, and prints nothing after it', { skip: NO_LID }, () => {
  const bad = writeTemp(dir, 'bad.txt', Buffer.concat([Buffer.from('hello world\nguten Tag\n'), Buffer.from([0x61, 0xc3, 0x28, 10]), Buffer.from('bonjour\n')]));
  const r = lexnet(['classify', 'predict', '--model', LID!, '--data', bad]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bad\.txt:3: invalid UTF-8 at byte offset 23 \(bytes 0xC3 0x28\)/);
  assert.equal(r.stdout, '', 'the lines of a block are checked before any is predicted');
  assert.equal(lexnet(['classify', 'predict', '--model', LID!, '--data', bad, '--json']).stdout, '', 'no JSON head alone');
  const nul = writeTemp(dir, 'nul.txt', 'hello\nwor\0ld\n');
  const n = lexnet(['classify', 'predict', '--model', LID!, '--data', nul]);
  assert.equal(n.status, 1);
  assert.match(n.stderr, /nul\.txt:2: NUL byte: this is not a UTF-8 text file/);
});

test('classify predict with lid.176.ftz: a reader that closes the pipe (| head -c 100) ends it quietly with 141', { skip: NO_LID }, () => {
  const file = writeTemp(dir, 'many.txt', sampleLines(2000).join('\n').repeat(20) + '\n');
  for (const flags of ['', '-k 3 --probabilities', '--json']) {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" classify predict --model "${LID}" --data "${file}" ${flags} | head -c 100 > /dev/null; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
    assert.equal(r.stderr, 'status 141\n', flags);
  }
});

test('readLineBlocks gives readLines\' lines whatever the block size, and refuses the same texts in the same words', () => {
  const lineOf = (b: { bytes: Uint8Array; start: number; ends: Int32Array }, i: number) => Buffer.from(b.bytes.subarray(i === 0 ? b.start : b.ends[i - 1]! + 1, b.ends[i]!)).toString('utf8').replace(/\r$/, '');
  const read = (path: string, block: number) => {
    const out: [number, string, boolean][] = [];
    for (const b of readLineBlocks(path, block)) for (let i = 0; i < b.count; i++) out.push([b.firstLine + i, lineOf(b, i), b.terminated || i < b.count - 1]);
    return out;
  };
  const path = join(dir, 'blocks.txt');
  fc.assert(fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('\n', '\r\n', '\r', 'é', '€', '𝄞', ' ', '\uFEFF')), { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), (parts, block) => {
    const text = parts.join('').replace(/\0/g, '');
    writeFileSync(path, text);
    const want = [...readLines(path)].map(([n, l]) => [n, l]);
    const got = read(path, block);
    assert.deepEqual(got.map(([n, l]) => [n, l]), want);
    if (got.length) assert.equal(got[got.length - 1]![2], text.endsWith('\n'));
  }), { numRuns: 200 });
  const cases: [string, Uint8Array][] = [
    ['invalid', Buffer.concat([Buffer.from('ab\ncd\n'), Buffer.from([0x78, 0xe2, 0x28, 0xa1, 10, 0x41])])],
    ['invalid last line', Buffer.concat([Buffer.from('ab\nc'), Buffer.from([0xff])])],
    ['cut', Buffer.concat([Buffer.from('ab\n€'), Buffer.from([0xe2, 0x82])])],
    ['utf16', Buffer.from('\uFEFFhello\n', 'utf16le')],
    ['utf16be', Buffer.from([0xfe, 0xff, 0, 0x68, 0, 10])],
    ['nul', Buffer.from('one\ntwo\nth\0ree\n')],
  ];
  for (const [name, bytes] of cases) {
    const p = writeTemp(dir, `${name}.txt`, bytes);
    let want = '';
    try { [...readLines(p)]; } catch (e) { want = (e as Error).message; }
    assert.notEqual(want, '', name);
    for (const block of [1, 2, 3, 5, 1 << 20]) assert.throws(() => read(p, block), (e: Error) => e.message === want, `${name}, block ${block}`);
  }
  const gz = writeTemp(dir, 'cut.txt.gz', gzipSync(cases[2]![1]));
  let want = '';
  try { [...readLines(gz)]; } catch (e) { want = (e as Error).message; }
  assert.throws(() => read(gz, 4), (e: Error) => e.message === want);
});

test('predictUtf8 gives predict\'s labels and probabilities for a line anywhere in a buffer', { skip: NO_LID }, async () => {
  const c = await loadFastTextClassifier(LID!);
  const fresh = await loadFastTextClassifier(LID!);
  const lines = sampleLines(400);
  const ids = new Int32Array(200), probs = new Float32Array(200);
  for (const [k, threshold] of [[1, 0], [5, 0], [Infinity, 0], [3, 0.2]] as const) {
    for (const [i, line] of lines.entries()) {
      const bytes = Buffer.from(`  x\n${line}\nmore`);
      const endOfLine = i % 3 !== 0;
      const n = fresh.predictUtf8(bytes, 4, bytes.length - 5, endOfLine, k, threshold, ids, probs);
      const want = c.predict(line, { k, threshold, endOfLine });
      assert.deepEqual(Array.from({ length: n }, (_, j) => ({ label: c.labels[ids[j]!]!, probability: probs[j]! })), want, `line ${i}, k ${k}`);
    }
  }
  assert.equal(fresh.predictUtf8(Buffer.from('hello'), 0, 5, true, 2, 0, new Int32Array(1), new Float32Array(1)), 1, 'at most the arrays\' length');
  assert.throws(() => fresh.predictUtf8(Buffer.from('x'), 0, 1, true, 0, 0, ids, probs), /k must be a whole number ≥ 1, got 0/);
  assert.throws(() => fresh.predictUtf8(Buffer.from('x'), 0, 1, true, 1, 2, ids, probs), /threshold must be a probability/);
});

test('Utf8WordCache finds words by their bytes, tells apart words of one hash, and starts again when full', () => {
  const cache = new Utf8WordCache<number>(3);
  const b = Buffer.from('..alpha..beta..gamma..delta');
  const words: [number, number][] = [[2, 7], [9, 13], [15, 20], [22, 27]];
  // all under one hash: the bytes tell them apart
  words.slice(0, 3).forEach(([s, e], i) => cache.set(b, s, e, 42, i));
  words.slice(0, 3).forEach(([s, e], i) => assert.equal(cache.get(b, s, e, 42), i));
  assert.equal(cache.get(Buffer.from('alpha'), 0, 5, 42), 0, 'the same bytes in another buffer');
  assert.equal(cache.get(b, 2, 6, 42), undefined, 'a prefix is another word');
  assert.equal(cache.get(b, 2, 7, 43), undefined);
  cache.set(b, 22, 27, -7, 3); // full: cleared first
  assert.equal(cache.get(b, 2, 7, 42), undefined);
  assert.equal(cache.get(b, 22, 27, -7), 3);
});

test('writeG6 writes formatG\'s digits for probabilities, or leaves a near-tie to it', () => {
  const buf = new Uint8Array(16), f32 = new Float32Array(1);
  let s = 99;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const values = [1e-4, 1e-5, 1.00001e-5, 2.5e-7, 0.5, 1, 1.00001, 10, 99999, 12345.6, 0.1, 0.25, 0.9999995, 1.5, 9.99995, 2 ** -10, 5e-5, 1e5, 0.697451];
  for (let i = 0; i < 200_000; i++) values.push(Math.exp(-rnd() * 23), rnd() * 1e5, 10 ** (rnd() * 9 - 4));
  let fallback = 0;
  for (const v of values) {
    f32[0] = v;
    const x = f32[0]!;
    const end = writeG6(buf, 2, x);
    if (end < 0) { fallback++; continue; }
    assert.equal(Buffer.from(buf.subarray(2, end)).toString('latin1'), formatG(x), `${x}`);
  }
  assert.ok(fallback < values.length / 50, `${fallback} left to formatG`);
  assert.equal(writeG6(buf, 0, 2 ** -10), -1, 'an exact tie (0.0009765625) is formatG\'s');
});
