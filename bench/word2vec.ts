/**
 * lexnet vs gensim vs fastText: skip-gram with negative sampling on the Brown corpus with the
 * settings (dim 100, window 5, sample 1e-3, min-count 5, 5 epochs, 2 threads; each tool's default
 * negatives: lexnet's skip-gram 7 with interleaved threads, its CBOW 5, gensim's and fastText's 5),
 * several seeds each, in one run. Prints training time, words per second, peak memory, analogy
 * accuracy and WordSim-353 Spearman (both scored by the same lexnet evaluator), and the ratio
 * of each tool's speed to gensim's. Then checks that gensim loads lexnet's files and finds the
 * same neighbours.
 *
 *   npm run build && node dist/bench/word2vec.js [--seeds 3] [--threads 2] [--corpus FILE] [--model cbow]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readVectors, writeVectors } from '../src/io/vector-file.js';
import { brownCorpus } from '../src/text/corpus.js';
import { evaluateAnalogies, evaluateSimilarity, type AnalogySection } from '../src/word2vec/evaluate.js';
import { mostSimilar } from '../src/word2vec/similarity.js';
import { root, data, cli, python, arg, workDir } from './common.js';

const seeds = Number(arg('seeds', '3'));
const threads = Number(arg('threads', '2'));
const model = arg('model', 'skipgram');
const analogies = join(data, 'word-eval/questions-words.txt');
const wordsim = join(data, 'word-eval/wordsim353.tsv');
if (!existsSync(analogies)) {
  console.error(`no evaluation data at ${data}/word-eval; set LEXNET_DATA`);
  process.exit(1);
}
const work = workDir('lexnet-w2v-bench-');
let corpus = arg('corpus', '');
if (!corpus) {
  corpus = join(work, 'brown.txt');
  const lines: string[] = [];
  for (const s of brownCorpus({ lowercase: true }).sentences()) lines.push(s.join(' '));
  writeFileSync(corpus, lines.join('\n') + '\n');
}

const has = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const haveGensim = has(python, ['-c', 'import gensim']);
const haveFasttext = has('fasttext', ['skipgram', '-h']) || spawnSync('fasttext', [], { stdio: 'ignore' }).error === undefined;
const haveRusage = has(python, ['-c', 'import resource']);

/** Runs a command, returning stdout, wall seconds and peak resident memory (MiB) of the child. */
function run(cmd: string, args: string[]): { stdout: string; wall: number; peakMiB: number } {
  const t0 = performance.now();
  if (haveRusage) {
    const wrapper = 'import resource,subprocess,sys\nr=subprocess.run(sys.argv[1:],stdout=subprocess.PIPE)\nsys.stdout.buffer.write(r.stdout)\nsys.stdout.write("\\n@@maxrss %d\\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\nsys.exit(r.returncode)';
    const out = execFileSync(python, ['-c', wrapper, cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
    const m = /@@maxrss (\d+)/.exec(out);
    return { stdout: out.replace(/\n@@maxrss \d+\n$/, ''), wall: (performance.now() - t0) / 1000, peakMiB: m ? Number(m[1]) / 1024 : NaN };
  }
  const out = execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { stdout: out, wall: (performance.now() - t0) / 1000, peakMiB: NaN };
}

interface Row { seconds: number; wall: number; peakMiB: number; analogy: number; ws: number; wordnet: number; sections: AnalogySection[] }
const results: Record<string, Row[]> = { lexnet: [], gensim: [], fastText: [] };
let trainWords = 0;
const haveWordnet = existsSync('/usr/share/wordnet/data.noun') && haveGensim;

/** Analogy accuracy (with its sections), WordSim-353 ρ and, with Debian's wordnet-base, the WordNet synonym AUC. */
function score(path: string): Omit<Row, 'seconds' | 'wall' | 'peakMiB'> {
  const v = readVectors(path);
  const a = evaluateAnalogies(v, analogies);
  const wordnet = haveWordnet
    ? Number(/auc ([\d.]+)/.exec(execFileSync(python, [join(root, 'bench/wordnet_synonyms.py'), path], { encoding: 'utf8' }))![1])
    : NaN;
  return { analogy: a.accuracy, ws: evaluateSimilarity(v, wordsim).spearman, wordnet, sections: a.sections };
}

// seeds interleave the tools, so a change of machine load hits all of them alike
for (let seed = 1; seed <= seeds; seed++) {
  const ours = join(work, `lexnet-${seed}.bin`);
  const r = run(process.execPath, [cli, 'word2vec', '--corpus', corpus, '--kind', model, '--out', ours, '--threads', String(threads), '--seed', String(seed), '--show', '', '--json']);
  const j = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  trainWords = j.trainWords;
  results.lexnet!.push({ seconds: j.seconds, wall: r.wall, peakMiB: r.peakMiB, ...score(ours) });
  process.stderr.write(`seed ${seed}: lexnet ${j.seconds.toFixed(1)} s (command ${r.wall.toFixed(1)} s)`);
  if (haveGensim) {
    const out = join(work, `gensim-${seed}.bin`);
    const g = run(python, [join(root, 'bench/gensim_word2vec.py'), corpus, out, String(seed), String(threads), model]);
    const gj = JSON.parse(g.stdout.trim().split('\n').at(-1)!);
    results.gensim!.push({ seconds: gj.train_seconds, wall: g.wall, peakMiB: g.peakMiB, ...score(out) });
    process.stderr.write(`, gensim ${gj.train_seconds.toFixed(1)} s (command ${g.wall.toFixed(1)} s)`);
  }
  if (haveFasttext) {
    const out = join(work, `fasttext-${seed}`);
    const f = run('fasttext', [model === 'cbow' ? 'cbow' : 'skipgram', '-input', corpus, '-output', out, '-minn', '0', '-maxn', '0', '-thread', String(threads),
      '-dim', '100', '-ws', '5', '-neg', '5', '-t', '1e-3', '-minCount', '5', '-epoch', '5', '-verbose', '0', '-seed', String(seed)]);
    results.fastText!.push({ seconds: f.wall, wall: f.wall, peakMiB: f.peakMiB, ...score(`${out}.vec`) });
    process.stderr.write(`, fastText ${f.wall.toFixed(1)} s (wall)`);
  }
  process.stderr.write('\n');
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const sd = (a: number[]) => (a.length > 1 ? Math.sqrt(a.reduce((s, v) => s + (v - mean(a)) ** 2, 0) / (a.length - 1)) : 0);
const pm = (a: number[], f: (v: number) => string) => `${f(mean(a))} ± ${f(sd(a))}`;
const median = (a: number[]) => { const b = [...a].sort((x, y) => x - y); const m = b.length >> 1; return b.length % 2 ? b[m]! : (b[m - 1]! + b[m]!) / 2; };
const tools = Object.entries(results).filter(([, rows]) => rows.length > 0);
const gensimRows = results.gensim!;
const gensimWps = gensimRows.length ? (trainWords * 5) / mean(gensimRows.map((r) => r.seconds)) : NaN;
const gensimWall = gensimRows.length ? mean(gensimRows.map((r) => r.wall)) : NaN;
console.log(`\n${model}, negative sampling, Brown (${trainWords.toLocaleString('en-US')} training words), dim 100, window 5, negative ${model === 'cbow' ? 5 : '7 (lexnet) / 5 (gensim, fastText)'}, sample 1e-3, min-count 5, 5 epochs, ${threads} threads, ${seeds} seeds (mean ± sd)`);
console.log('\nspeed      train seconds   words/s      vs gensim   command seconds   vs gensim   peak MiB');
for (const [tool, rows] of Object.entries(results)) {
  if (!rows.length) { console.log(`${tool.padEnd(10)} (not installed)`); continue; }
  const secs = rows.map((r) => r.seconds), walls = rows.map((r) => r.wall);
  const wps = (trainWords * 5) / mean(secs);
  const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '-');
  console.log(
    `${tool.padEnd(10)} ${pm(secs, (v) => v.toFixed(2)).padEnd(15)} ${Math.round(wps).toLocaleString('en-US').padEnd(12)} ${ratio(wps / gensimWps).padEnd(11)} ` +
    `${pm(walls, (v) => v.toFixed(2)).padEnd(17)} ${ratio(gensimWall / mean(walls)).padEnd(11)} ${mean(rows.map((r) => r.peakMiB)).toFixed(0)}`,
  );
}
console.log('train seconds: lexnet and gensim time training only (vocabulary excluded); fastText\'s is the whole command. Command seconds: the whole process, start to exit.');
// a shared virtual machine has bursts of slowness that hit one run in several: medians resist them
console.log('\nmedians    train seconds   vs gensim   command seconds   vs gensim   (per-run times: train / command)');
for (const [tool, rows] of tools) {
  const secs = rows.map((r) => r.seconds), walls = rows.map((r) => r.wall);
  const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '-');
  console.log(
    `${tool.padEnd(10)} ${median(secs).toFixed(2).padEnd(15)} ${ratio(median(gensimRows.map((r) => r.seconds)) / median(secs)).padEnd(11)} ` +
    `${median(walls).toFixed(2).padEnd(17)} ${ratio(median(gensimRows.map((r) => r.wall)) / median(walls)).padEnd(11)} ${rows.map((r) => `${r.seconds.toFixed(2)}/${r.wall.toFixed(2)}`).join(', ')}`,
  );
}

console.log(`\nquality    analogy %         WordSim-353 ρ      WordNet synonym AUC${haveWordnet ? '' : ' (needs Debian wordnet-base)'}`);
for (const [tool, rows] of tools) {
  console.log(`${tool.padEnd(10)} ${pm(rows.map((r) => 100 * r.analogy), (v) => v.toFixed(2)).padEnd(17)} ${pm(rows.map((r) => r.ws), (v) => v.toFixed(4)).padEnd(18)} ${pm(rows.map((r) => r.wordnet), (v) => v.toFixed(4))}`);
}
console.log('\nper seed   ' + Array.from({ length: seeds }, (_, i) => `seed ${i + 1}: analogy % / ρ / AUC`.padEnd(34)).join(''));
for (const [tool, rows] of tools) {
  console.log(`${tool.padEnd(10)} ${rows.map((r) => `${(100 * r.analogy).toFixed(2)} / ${r.ws.toFixed(4)} / ${r.wordnet.toFixed(4)}`.padEnd(34)).join('')}`);
}
console.log(`\nanalogy by section (mean % over seeds; questions answered)`);
console.log(`${'section'.padEnd(36)}${tools.map(([t]) => t.padEnd(10)).join('')}`);
const sectionNames = tools[0]![1][0]!.sections.map((s) => s.section);
for (const name of sectionNames) {
  const cell = (rows: Row[]) => mean(rows.map((r) => { const s = r.sections.find((x) => x.section === name)!; return s.total ? (100 * s.correct) / s.total : 0; }));
  const total = tools[0]![1][0]!.sections.find((s) => s.section === name)!.total;
  console.log(`${`${name} (${total})`.padEnd(36)}${tools.map(([, rows]) => cell(rows).toFixed(2).padEnd(10)).join('')}`);
}
console.log('WordNet synonym AUC (bench/wordnet_synonyms.py): how often a WordNet synonym of a word is closer to it than a random word of the 10,000 most frequent — a similarity check on data no tool was tuned on.');

if (haveGensim) {
  const bin = join(work, 'lexnet-1.bin');
  const txt = join(work, 'lexnet-1.txt');
  const back = join(work, 'gensim-roundtrip.bin');
  writeVectors(txt, readVectors(bin));
  const words = ['man', 'city', 'money', 'war', 'good'];
  const g = JSON.parse(execFileSync(python, [join(root, 'bench/gensim_interop.py'), bin, txt, back, ...words], { encoding: 'utf8' }).trim());
  const ours = readVectors(bin);
  const roundTrip = readVectors(back);
  let same = 0;
  for (const w of words) {
    const mine = mostSimilar(ours, [w], [], { topn: 10 }).map((n) => n.word);
    const ok = JSON.stringify(mine) === JSON.stringify(g[w].binary) && JSON.stringify(mine) === JSON.stringify(g[w].text);
    if (ok) same++;
    else console.log(`  ${w}: lexnet ${mine.join(' ')} | gensim ${g[w].binary.join(' ')}`);
  }
  const identical = roundTrip.size === ours.size && roundTrip.data.every((v, i) => v === ours.data[i]);
  console.log(`\ninterop: gensim loaded lexnet's .bin and .txt; top-10 neighbours identical for ${same}/${words.length} words; gensim's re-saved .bin read back by lexnet ${identical ? 'bit-identical' : 'DIFFERS'}`);
}
