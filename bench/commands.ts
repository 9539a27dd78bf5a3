/**
 * The commands a user waits for, timed as typed (issue 23), each next to its reference in the
 * same run (interleaved, so a change of machine load hits both alike), with the ratios and goals:
 *
 *  1. `lexnet word2vec` on Brown (the defaults: dim 100, window 5, 7 negatives, interleaved data
 *     order, sample 1e-3, min-count 5, 5 epochs; `--threads`, default 2; gensim's defaults, 5
 *     negatives, on its side) writing word2vec text vectors, the
 *     built CLI the installed `lexnet` bin runs, against gensim's whole script writing text
 *     (`bench/gensim_word2vec.py`): medians of `--pairs` (default 3) pairs; goal ≥ 3×.
 *  2. The same lexnet command writing `.bin` and writing `.txt` (goal: text ≤ 0.2 s more), and in
 *     the process the encoding of those vectors as text and as binary (with the string-per-number
 *     formatting of lexnet before issue 23 for comparison).
 *  3. `lexnet similar`, `lexnet analogy` and `lexnet eval-vectors` on a generated `.bin` of `--gb`
 *     GB (default 2.2: 1.9 M × 300, GoogleNews's layout), end to end (loading, norms, search),
 *     against gensim's load + `most_similar` / `evaluate_word_analogies` + `evaluate_word_pairs`
 *     (`bench/gensim_vectors_query.py`): wall time and peak memory, medians of `--runs` (default
 *     2); goals ≤ 0.6× gensim's time and peak ≤ 1.2× the float32 matrix. The answers are compared.
 *  4. `import('lexnet')` in a fresh consumer (a folder whose node_modules/lexnet is this
 *     package) over bare `node`: medians of `--imports` (default 15) alternating runs; goal < 0.1 s.
 *
 *   npm run build && LEXNET_DATA=… node dist/bench/commands.js [--only word2vec,big,import]
 *     [--pairs 3] [--threads 2] [--corpus FILE] [--gb 2.2] [--dim 300] [--runs 2] [--imports 15] [--dir /tmp] [--keep]
 */
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readVectors } from '../src/io/vector-file.js';
import { encodeVectors } from '../src/io/vector-encode.js';
import type { WordVectors } from '../src/io/word-vectors.js';
import { brownCorpus } from '../src/text/corpus.js';
import { root, cli, python, arg, workDir } from './common.js';
import { measure, median, runs as succeeds, type Measured } from './measure.js';
import { generateVectors, wordOf } from './vector-generator.js';

const only = new Set(arg('only', 'word2vec,big,import').split(','));
const pairs = Number(arg('pairs', '3'));
const threads = Number(arg('threads', '2'));
const gb = Number(arg('gb', '2.2'));
const dim = Number(arg('dim', '300'));
const repeats = Number(arg('runs', '2'));
const imports = Number(arg('imports', '15'));
const whole = (n: number) => Number.isInteger(n) && n >= 1;
if (![pairs, threads, dim, repeats, imports].every(whole) || !(gb > 0) || [...only].some((o) => !['word2vec', 'big', 'import'].includes(o))) {
  console.error('usage: node dist/bench/commands.js [--only word2vec,big,import] [--pairs N] [--threads N] [--corpus FILE] [--gb N] [--dim N] [--runs N] [--imports N] [--dir DIR] [--keep]');
  process.exit(1);
}
const haveGensim = succeeds(python, ['-c', 'import gensim']);
if (!haveGensim) console.error(`gensim is missing (${python} -c "import gensim" failed; apt-get install -y python3-gensim): lexnet's side only`);
const work = workDir('lexnet-commands-bench-', arg('dir', tmpdir()));
const node = process.execPath;

/** One line of the summary: the issue's table, measured. */
interface Row { job: string; lexnet: string; reference: string; ratio: string; goal: string; met: boolean | null }
const table: Row[] = [];
const s = (x: number, digits = 2) => `${x.toFixed(digits)} s`;
const mib = (x: number) => `${Math.round(x).toLocaleString('en-US')} MiB`;

function word2vecRows(): void {
  let corpus = arg('corpus', '');
  if (!corpus) {
    corpus = join(work, 'brown.txt');
    const lines: string[] = [];
    for (const sentence of brownCorpus({ lowercase: true }).sentences()) lines.push(sentence.join(' '));
    writeFileSync(corpus, lines.join('\n') + '\n');
  }
  const lexnet = (out: string, seed: number) => measure(node, [cli, 'word2vec', '--corpus', corpus, '--out', out, '--threads', String(threads), '--seed', String(seed)]);
  const seen = { txt: [] as Measured[], gensim: [] as Measured[], bin: [] as Measured[] };
  for (let p = 1; p <= pairs; p++) {
    // the order turns each pair, so no side always runs first
    const steps: [keyof typeof seen, () => Measured][] = [
      ['txt', () => lexnet(join(work, `lexnet-${p}.txt`), p)],
      ['bin', () => lexnet(join(work, `lexnet-${p}.bin`), p)],
    ];
    if (haveGensim) steps.push(['gensim', () => measure(python, [join(root, 'bench/gensim_word2vec.py'), corpus, join(work, `gensim-${p}.txt`), String(p), String(threads)])]);
    for (let k = 0; k < steps.length; k++) {
      const [name, run] = steps[(k + p - 1) % steps.length]!;
      seen[name].push(run());
    }
    process.stderr.write(`word2vec pair ${p}: lexnet .txt ${s(seen.txt.at(-1)!.seconds)}, .bin ${s(seen.bin.at(-1)!.seconds)}${haveGensim ? `, gensim .txt ${s(seen.gensim.at(-1)!.seconds)}` : ''}\n`);
  }
  const txt = median(seen.txt.map((m) => m.seconds)), bin = median(seen.bin.map((m) => m.seconds));
  const gensim = haveGensim ? median(seen.gensim.map((m) => m.seconds)) : NaN;
  table.push({ job: `lexnet word2vec, Brown, ${threads} threads, writing .txt (median of ${pairs} pairs)`, lexnet: s(txt), reference: haveGensim ? `gensim ${s(gensim)}` : '-',
    ratio: haveGensim ? `${(gensim / txt).toFixed(2)}× faster` : '-', goal: '≥ 3×', met: haveGensim ? gensim / txt >= 3 : null });
  table.push({ job: 'the same writing .bin / writing .txt', lexnet: `${s(bin)} / ${s(txt)}`, reference: '', ratio: `text ${txt >= bin ? '+' : '−'}${Math.abs(txt - bin).toFixed(2)} s`, goal: 'text ≤ 0.2 s more', met: txt - bin <= 0.2 });

  // in the process: the encoding alone, of the vectors just trained
  const v = readVectors(join(work, 'lexnet-1.bin'));
  const time = (f: () => unknown, n = 3) => median(Array.from({ length: n }, () => { const t0 = performance.now(); f(); return (performance.now() - t0) / 1000; }));
  const tText = time(() => encodeVectors(v, 'text')), tBin = time(() => encodeVectors(v, 'binary')), tStrings = time(() => stringsText(v));
  const same = Buffer.from(encodeVectors(v, 'text')).equals(stringsText(v));
  table.push({ job: `encoding ${v.size.toLocaleString('en-US')} × ${v.dim} (${(v.data.length / 1e6).toFixed(2)} M floats) in the process, text / binary`, lexnet: `${s(tText, 3)} / ${s(tBin, 3)}`,
    reference: `strings per number ${s(tStrings, 3)}`, ratio: `${(tStrings / tText).toFixed(1)}× faster, bytes ${same ? 'identical' : 'DIFFER'}`, goal: 'identical bytes', met: same });
}

/** The text lexnet wrote before issue 23: a string per number, String(Number(v.toPrecision(9))). */
function stringsText(v: WordVectors): Buffer {
  const lines = [`${v.size} ${v.dim}\n`];
  for (let i = 0; i < v.size; i++) lines.push(`${v.words[i]} ${Array.from(v.data.subarray(i * v.dim, (i + 1) * v.dim), (x) => String(Number(x.toPrecision(9)))).join(' ')}\n`);
  return Buffer.from(lines.join(''));
}

function bigFileRows(): void {
  const rows = Math.max(1000, Math.round((gb * 1e9) / (dim * 4 + 8)));
  const file = join(work, 'big.bin');
  const t0 = performance.now();
  generateVectors(file, rows, dim, 'binary');
  process.stderr.write(`wrote ${file}: ${rows.toLocaleString('en-US')} × ${dim}, ${(statSync(file).size / 1e9).toFixed(2)} GB in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  const matrixMiB = (rows * dim * 4) / 2 ** 20;
  // evaluation files of the generated words (the first 30,000 are searched, as gensim's restrict_vocab)
  const pick = (k: number) => wordOf((k * 7919) % Math.min(rows, 30000));
  const analogies = join(work, 'analogies.txt'), pairsFile = join(work, 'pairs.tsv');
  writeFileSync(analogies, ': generated\n' + Array.from({ length: 200 }, (_, k) => `${pick(4 * k)} ${pick(4 * k + 1)} ${pick(4 * k + 2)} ${pick(4 * k + 3)}`).join('\n') + '\n');
  writeFileSync(pairsFile, '# generated pairs\n' + Array.from({ length: 300 }, (_, k) => `${pick(2 * k + 1000)}\t${pick(2 * k + 1001)}\t${((k * 37) % 100) / 10}`).join('\n') + '\n');
  const [a, b, c, word] = [wordOf(11), wordOf(222), wordOf(3333), wordOf(44)];
  const jobs: { name: string; lexnet: string[]; gensim: string[]; compare: (l: string, g: string) => string }[] = [
    { name: `similar FILE ${word}`, lexnet: ['similar', file, word, '--json'], gensim: ['similar', word, '10'], compare: sameWords('neighbours') },
    { name: `analogy FILE ${a} ${b} ${c} --topn 10`, lexnet: ['analogy', file, a, b, c, '--topn', '10', '--json'], gensim: ['analogy', a, b, c, '10'], compare: sameWords('answers') },
    { name: 'eval-vectors FILE --analogies Q --similarity P', lexnet: ['eval-vectors', file, '--analogies', analogies, '--similarity', pairsFile, '--json'], gensim: ['eval', analogies, pairsFile, '30000'], compare: sameScores },
  ];
  for (const job of jobs) {
    const ours: Measured[] = [], theirs: Measured[] = [];
    for (let r = 0; r < repeats; r++) {
      const l = () => ours.push(measure(node, [cli, ...job.lexnet]));
      const g = () => { if (haveGensim) theirs.push(measure(python, [join(root, 'bench/gensim_vectors_query.py'), file, ...job.gensim])); };
      if (r % 2) { g(); l(); } else { l(); g(); }
      process.stderr.write(`${job.name} run ${r + 1}: lexnet ${s(ours.at(-1)!.seconds, 1)} ${mib(ours.at(-1)!.peakMiB)}${haveGensim ? `, gensim ${s(theirs.at(-1)!.seconds, 1)} ${mib(theirs.at(-1)!.peakMiB)}` : ''}\n`);
    }
    const t = median(ours.map((m) => m.seconds)), p = median(ours.map((m) => m.peakMiB));
    const gt = haveGensim ? median(theirs.map((m) => m.seconds)) : NaN, gp = haveGensim ? median(theirs.map((m) => m.peakMiB)) : NaN;
    table.push({ job: `lexnet ${job.name} (${rows.toLocaleString('en-US')} × ${dim}, ${(statSync(file).size / 1e9).toFixed(2)} GB .bin)`, lexnet: `${s(t, 1)}, ${mib(p)} (${(p / matrixMiB).toFixed(2)}× matrix)`,
      reference: haveGensim ? `gensim ${s(gt, 1)}, ${mib(gp)} (${(gp / matrixMiB).toFixed(2)}×)` : '-',
      ratio: haveGensim ? `${(t / gt).toFixed(2)}× gensim's time; ${job.compare(ours[0]!.out, theirs[0]!.out)}` : '-',
      goal: '≤ 0.6× time, peak ≤ 1.2× matrix', met: haveGensim ? t / gt <= 0.6 && p / matrixMiB <= 1.2 : p / matrixMiB <= 1.2 });
  }
}

/** Whether both tools name the same words in the same order. */
function sameWords(key: string) {
  return (l: string, g: string): string => {
    const ours = (JSON.parse(l.split('\n').at(-1)!)[key] as { word: string }[]).map((n) => n.word);
    const theirs = (JSON.parse(g.split('\n').at(-1)!).answers as [string, number][]).map(([w]) => w);
    return JSON.stringify(ours) === JSON.stringify(theirs) ? 'same answers' : `answers DIFFER (lexnet ${ours.join(' ')} | gensim ${theirs.join(' ')})`;
  };
}

function sameScores(l: string, g: string): string {
  const ours = JSON.parse(l.split('\n').at(-1)!), theirs = JSON.parse(g.split('\n').at(-1)!);
  const acc = Math.abs(ours.analogy.accuracy - theirs.accuracy) < 1e-9, rho = Math.abs(ours.similarity.spearman - theirs.spearman) < 1e-3;
  return `accuracy ${ours.analogy.accuracy.toFixed(4)}/${theirs.accuracy.toFixed(4)}, ρ ${ours.similarity.spearman.toFixed(4)}/${theirs.spearman.toFixed(4)}${acc && rho ? ' (same)' : ' (DIFFER)'}`;
}

function importRow(): void {
  const consumer = join(work, 'consumer');
  mkdirSync(join(consumer, 'node_modules'), { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  symlinkSync(root, join(consumer, 'node_modules/lexnet'), 'dir');
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const check = measure(node, ['-e', 'import("lexnet").then((m) => console.log(typeof m.trainWord2vec))'], consumer);
  if (check.out !== 'function') throw new Error(`the consumer did not import lexnet ${version}: ${check.out}`);
  const bare: number[] = [], imported: number[] = [];
  for (let i = 0; i < imports; i++) {
    const b = () => bare.push(measure(node, ['-e', '0'], consumer).seconds);
    const m = () => imported.push(measure(node, ['-e', "import('lexnet')"], consumer).seconds);
    if (i % 2) { m(); b(); } else { b(); m(); }
  }
  const extra = median(imported) - median(bare);
  table.push({ job: `import('lexnet') in a fresh consumer, over bare node (median of ${imports})`, lexnet: `+${s(extra, 3)}`, reference: `bare node ${s(median(bare), 3)}`, ratio: '', goal: '< 0.1 s', met: extra < 0.1 });
}

if (only.has('word2vec')) word2vecRows();
if (only.has('big')) bigFileRows();
if (only.has('import')) importRow();

console.log(`\nthe commands a user waits for (${new Date().toISOString()}, node ${process.version})`);
const cols: (keyof Row)[] = ['job', 'lexnet', 'reference', 'ratio', 'goal'];
const width = cols.map((k) => Math.max(k.length, ...table.map((r) => String(r[k]).length)));
console.log(cols.map((k, i) => k.padEnd(width[i]!)).join(' | ') + ' | met');
for (const r of table) console.log(cols.map((k, i) => String(r[k]).padEnd(width[i]!)).join(' | ') + ` | ${r.met === null ? '-' : r.met ? 'yes' : 'NO'}`);
