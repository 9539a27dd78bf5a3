/**
 * Corpora as streams: does a corpus that is one long line (text8's layout) cost the same time
 * and memory as the same text with a newline every 20 words? Generates a text8-like corpus of
 * `--mb` megabytes (Zipf-distributed pseudo-words over a 500,000-word vocabulary, one line) and
 * the same bytes with every 20th space turned into a newline, then runs the built CLI
 *
 *   lexnet word2vec --corpus FILE --epochs 1 --threads 2 --out <tmp> --quiet --json
 *
 * on each as a child process and reports wall time, words per second and peak resident memory
 * (GNU `/usr/bin/time -v` when installed, else /proc/<pid>/status VmHWM polled), and the ratio
 * of the two peaks (the goal: within 1.5×). The temporary folder is removed at the end unless
 * `--keep`.
 *
 *   npm run build && node dist/bench/corpus-stream.js [--mb 100] [--threads 2] [--epochs 1] [--keep]
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../src/core/random.js';
import { cli, arg } from './common.js';

const mb = Number(arg('mb', '100'));
const threads = arg('threads', '2');
const epochs = arg('epochs', '1');
const keep = process.argv.includes('--keep');
if (!(mb > 0)) {
  console.error('--mb must be a number of megabytes > 0');
  process.exit(1);
}

const VOCABULARY = 500_000;
const WORDS_PER_LINE = 20;

/** Pseudo-word number r (0-based rank): frequent words are short, as in English. */
function word(r: number): string {
  const letters = 'etaoinshrdlucmfwypvbgkjqxz';
  let s = '';
  let n = r + 1;
  do {
    s += letters[n % 26];
    n = Math.floor(n / 26);
  } while (n > 0);
  return s + letters[r % 5]! + letters[r % 7]!; // longer than the shortest spelling: about text8's 5.9 bytes a token
}

/**
 * Writes about `bytes` bytes of Zipf(1)-distributed words to `oneLine` (separated by spaces,
 * one newline at the end) and the same words to `lines`, a newline after every 20th word.
 */
function generate(oneLine: string, lines: string, bytes: number): { tokens: number } {
  const words = Array.from({ length: VOCABULARY }, (_, r) => Buffer.from(word(r)));
  const cdf = new Float64Array(VOCABULARY);
  let z = 0;
  for (let r = 0; r < VOCABULARY; r++) cdf[r] = z += 1 / (r + 1);
  for (let r = 0; r < VOCABULARY; r++) cdf[r]! /= z;
  const rng = new Random(1);
  const a = openSync(oneLine, 'w'), b = openSync(lines, 'w');
  const bufA = Buffer.alloc(1 << 20), bufB = Buffer.alloc(1 << 20);
  let n = 0, written = 0, tokens = 0;
  const flush = (): void => {
    writeSync(a, bufA, 0, n);
    writeSync(b, bufB, 0, n);
    written += n;
    n = 0;
  };
  while (written + n < bytes) {
    const u = rng.next();
    let lo = 0, hi = VOCABULARY - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    const w = words[lo]!;
    if (n + w.length + 1 > bufA.length) flush();
    w.copy(bufA, n);
    w.copy(bufB, n);
    n += w.length;
    tokens++;
    bufA[n] = 0x20;
    bufB[n] = tokens % WORDS_PER_LINE === 0 ? 0x0a : 0x20;
    n++;
  }
  bufA[n - 1] = 0x0a;
  bufB[n - 1] = 0x0a;
  flush();
  closeSync(a);
  closeSync(b);
  return { tokens };
}

const gnuTime = spawnSync('/usr/bin/time', ['-v', 'true'], { encoding: 'utf8' }).stderr?.includes('Maximum resident set size') ?? false;

interface Run { wall: number; peakMiB: number; json: Record<string, number> }

/** Runs lexnet word2vec on `corpus`, measuring wall time and the child's peak resident memory. */
async function word2vec(corpus: string, out: string): Promise<Run> {
  const args = [cli, 'word2vec', '--corpus', corpus, '--epochs', epochs, '--threads', threads, '--out', out, '--quiet', '--json', '--show', ''];
  const [cmd, all] = gnuTime ? ['/usr/bin/time', ['-v', process.execPath, ...args]] : [process.execPath, args];
  const t0 = performance.now();
  const child = spawn(cmd, all, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '', hwm = 0;
  child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const poll = gnuTime ? undefined : setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) hwm = Math.max(hwm, Number(m[1]));
    } catch { /* the process has ended */ }
  }, 20);
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  const wall = (performance.now() - t0) / 1000;
  if (poll) clearInterval(poll);
  if (code !== 0) throw new Error(`lexnet word2vec --corpus ${corpus} failed (${code}):\n${stderr}`);
  if (gnuTime) hwm = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
  return { wall, peakMiB: hwm / 1024, json: JSON.parse(stdout.trim().split('\n').at(-1)!) };
}

const work = mkdtempSync(join(tmpdir(), 'lexnet-corpus-bench-'));
try {
  const oneLine = join(work, 'one-line.txt'), lines = join(work, 'lines.txt');
  const g0 = performance.now();
  const { tokens } = generate(oneLine, lines, mb * 1e6);
  console.log(`generated ${(statSync(oneLine).size / 1e6).toFixed(1)} MB twice (${tokens.toLocaleString('en-US')} Zipf-distributed tokens; one line, and ${WORDS_PER_LINE} words per line) in ${((performance.now() - g0) / 1000).toFixed(1)} s in ${work}`);
  console.log(`peak memory from ${gnuTime ? '/usr/bin/time -v' : '/proc/<pid>/status VmHWM (polled every 20 ms)'}; lexnet word2vec --epochs ${epochs} --threads ${threads}\n`);
  const rows: [string, Run][] = [];
  for (const [name, file] of [['one line', oneLine], [`${WORDS_PER_LINE} words per line`, lines]] as const) {
    const r = await word2vec(file, join(work, 'vectors.bin'));
    rows.push([name, r]);
  }
  console.log('corpus layout          wall s   words/s      peak RSS MiB');
  for (const [name, r] of rows) {
    console.log(`${name.padEnd(22)} ${r.wall.toFixed(1).padStart(6)}   ${Math.round(r.json.wordsPerSecond!).toLocaleString('en-US').padStart(10)}   ${r.peakMiB.toFixed(0).padStart(12)}`);
  }
  const ratio = rows[0]![1].peakMiB / rows[1]![1].peakMiB;
  console.log(`\npeak RSS one line / lines: ${ratio.toFixed(2)}× (goal ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'NOT met'}); wall time ratio ${(rows[0]![1].wall / rows[1]![1].wall).toFixed(2)}×`);
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
