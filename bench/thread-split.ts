/**
 * How evenly a word2vec run's threads share the work (issue 21): each variant trained on Brown
 * (dim 100, 5 epochs, 2 threads unless given) for each seed, side by side in one run, with the CPU
 * seconds of each training thread (Linux /proc; a busy machine inflates them less than wall
 * seconds, but still by a few per cent, unevenly), the predictions each thread made (its loss
 * terms, `--json`'s threadLossTerms: the work, seed for seed, not disturbed by the load), the
 * spreads (the larger over the smaller), the whole command's CPU and wall seconds,
 * and quality: analogy accuracy, WordSim-353 ρ, and with `--sim DIR` every `*.tsv` set in DIR.
 *
 *   npm run build && LEXNET_DATA=… node dist/bench/thread-split.js [--seeds 3] [--threads 2] [--sim DIR]
 *     [--variants '{"name": ["--flag", "value", …], …}']   # default: subwords and plain skip-gram, contiguous and balanced
 */
import { join } from 'node:path';
import { readVectors } from '../src/io/vector-file.js';
import { evaluateAnalogies, evaluateSimilarity } from '../src/word2vec/evaluate.js';
import { arg, cli, data, similaritySets, workDir, writeBrownText } from './common.js';
import { median } from './measure.js';
import { busiestThreads, measureThreadCpu } from './thread-cpu.js';

const seeds = Number(arg('seeds', '3'));
const threads = Number(arg('threads', '2'));
const variants: Record<string, string[]> = JSON.parse(arg('variants', JSON.stringify({
  'subwords contiguous': ['--subwords', '--data-order', 'contiguous'],
  'subwords balanced': ['--subwords', '--data-order', 'balanced'],
  'skip-gram contiguous': ['--data-order', 'contiguous'],
  'skip-gram balanced': ['--data-order', 'balanced'],
})));
const work = workDir('lexnet-thread-split-');
const corpus = writeBrownText(work);
const analogies = join(data, 'word-eval/questions-words.txt');
const wordsim = join(data, 'word-eval/wordsim353.tsv');
const simDir = arg('sim', '');
const simSets = similaritySets(simDir);

interface Row { seconds: number; cpu: number; threads: number[]; spread: number; terms: number[]; termSpread: number; analogy: number; ws: number; sims: number[] }
const rows = new Map<string, Row[]>(Object.keys(variants).map((k) => [k, []]));
for (let seed = 1; seed <= seeds; seed++) {
  for (const [name, flags] of Object.entries(variants)) {
    const out = join(work, `v-${seed}.bin`);
    const r = await measureThreadCpu(process.execPath, [cli, 'word2vec', '--corpus', corpus, '--out', out, '--threads', String(threads), '--seed', String(seed), '--show', '', '--json', ...flags]);
    const t = busiestThreads(r, threads);
    const terms: number[] = JSON.parse(r.out.split('\n').pop()!).threadLossTerms ?? [];
    const v = readVectors(out);
    const row: Row = {
      seconds: r.seconds, cpu: r.cpuSeconds, threads: t, spread: Math.max(...t) / Math.min(...t), terms, termSpread: Math.max(...terms) / Math.min(...terms),
      analogy: evaluateAnalogies(v, analogies).accuracy, ws: evaluateSimilarity(v, wordsim).spearman,
      sims: simSets.map((f) => evaluateSimilarity(v, join(simDir, f)).spearman),
    };
    rows.get(name)!.push(row);
    process.stderr.write(`seed ${seed} ${name}: wall ${r.seconds.toFixed(1)} s, CPU ${r.cpuSeconds.toFixed(1)} s, threads' CPU ${t.map((x) => x.toFixed(2)).join(' / ')} s (slower ${((row.spread - 1) * 100).toFixed(1)} % longer), predictions ${terms.join(' / ')} (+${((row.termSpread - 1) * 100).toFixed(2)} %), analogy ${(100 * row.analogy).toFixed(2)} %, ρ ${row.ws.toFixed(3)}\n`);
  }
}

const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
console.log(`\nBrown, dim 100, 5 epochs, ${threads} threads, ${seeds} seeds (CPU seconds per thread from /proc; wall seconds on a busy machine are rough)`);
console.log(`${'variant'.padEnd(24)} ${'predictions +% (per seed)'.padEnd(28)} ${'slower thread CPU +% (per seed)'.padEnd(32)} ${'slowest thread CPU s'.padStart(20)} ${'command CPU s'.padStart(14)} ${'wall s'.padStart(8)} ${'analogy %'.padStart(10)} ${'WS-353 ρ'.padStart(9)}`);
for (const [name, rs] of rows) {
  const spreads = rs.map((r) => `${((r.spread - 1) * 100).toFixed(1)}`).join(', ');
  const work = rs.map((r) => `${((r.termSpread - 1) * 100).toFixed(2)}`).join(', ');
  console.log(`${name.padEnd(24)} ${work.padEnd(28)} ${spreads.padEnd(32)} ${median(rs.map((r) => Math.max(...r.threads))).toFixed(2).padStart(20)} ${median(rs.map((r) => r.cpu)).toFixed(2).padStart(14)} ${median(rs.map((r) => r.seconds)).toFixed(2).padStart(8)} ${(100 * mean(rs.map((r) => r.analogy))).toFixed(2).padStart(10)} ${mean(rs.map((r) => r.ws)).toFixed(4).padStart(9)}`);
}
console.log('(CPU, wall: medians over the seeds; quality: means)');
if (simSets.length > 0) {
  console.log(`similarity sets in ${simDir} (Spearman ρ, mean of the seeds):`);
  console.log(`  ${'set'.padEnd(18)}${[...rows.keys()].map((t) => t.padStart(24)).join('')}`);
  simSets.forEach((f, i) => console.log(`  ${f.replace(/\.tsv$/, '').padEnd(18)}${[...rows.values()].map((rs) => mean(rs.map((r) => r.sims[i]!)).toFixed(3).padStart(24)).join('')}`));
}
