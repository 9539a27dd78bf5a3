/**
 * Subword vectors (issue 21): lexnet's `word2vec --subwords` against `fasttext skipgram` and
 * gensim's `FastText` on Brown with the same settings (skip-gram, negative sampling, dim 100,
 * window 5, negative 5, sample 1e-3, min-count 5, 5 epochs, minn 3, maxn 6, `--bucket`, default
 * 2,000,000; `--threads`, default 2), plus lexnet's word2vec without subwords on the same job.
 * Seeds interleave the tools. Every model is written in fastText's .bin format and scored by the
 * same evaluator: analogy accuracy (questions whose words are all in the vocabulary) and
 * WordSim-353 ρ over every pair (words outside the vocabulary get their n-gram vector), and with
 * `--sim DIR` every `*.tsv` similarity set in DIR (word, word, score; e.g. rare words, rw.tsv).
 * Prints whole-command seconds, peak memory, quality, and the speed ratios the issue sets as goals
 * (≥ 5× fastText, ≥ 3× gensim FastText, within 2.5× of lexnet's own word2vec).
 *
 *   npm run build && LEXNET_DATA=… node dist/bench/subwords.js [--seeds 3] [--threads 2] [--bucket 2000000] [--sim DIR]
 *
 * lexnet's subword skip-gram against fastText 0.9.2's source (fasttext.cc skipgram, model.cc
 * update, loss.cc NegativeSamplingLoss, dictionary.cc getLine/initDiscard), session 10, 3 seeds on
 * analogy and 14 similarity sets (README, subword rows): the same — the window, uniform in
 * [1, ws]; subsampling, keep √(t/f) + t/f per token read; the rate, 0.05 falling linearly with
 * the tokens processed; each row gets the whole input gradient (normalizeGradient_ is for `sup`
 * only); output rows start at zero. Different, and what each did here: `</s>` — fastText's lines
 * end with it, a word of the dictionary (once a line: in the negative table and subsampling) and
 * of the windows — now lexnet's too with subwords (similarity sets: the sum of the 15 ρ went from
 * +0.00 to +0.10 over fastText's); negatives from count^0.5, not 0.75 (alone: analogy −2.5 points,
 * Σρ −0.16; not used); a negative equal to its target drawn again, not dropped (with `</s>`: no
 * gain); input rows U(±1/dim), not U(±0.5/dim) (with `</s>`: SimLex −0.05, WS-353-rel +0.02, no
 * gain overall); σ saturated at ±8 and every pair updated, not gensim's skip at |score| ≥ 6
 * (`--no-skip-saturated`: no gain); h recomputed and the rows written after every context, not
 * once a window — the one that matters: with `</s>`, 3 seeds, SimLex 0.073 (fastText 0.057),
 * SimVerb 0.105 (0.087), SemEval 0.239 (0.222), Verb-143 0.237, YP-130 0.221, all ≥ fastText but
 * analogy 48.2 % (49.2) and WS-353-sim 0.418 (0.430); it took 1.57× the CPU time (|G| row reads and
 * writes per pair), outside the speed goals, so not used. Its h could be had at a window's cost:
 * h_{i+1} = h_i + e_i (each row gets e_i, so their mean moves by e_i, times Σm²/|G| with repeated
 * n-grams), the rows given Σ e_i once: tried unblocked (word2vec's per-pair step), 3 seeds: the
 * sum of the 15 ρ +0.12 over fastText's (−0.04 without), SimVerb 0.088, SimLex 0.049, SemEval 0.220,
 * 1.3× the CPU time on the busy machine; with the six-target blocking it may fit the speed goals
 * (session 10's follow-up).
 */
import { join } from 'node:path';
import { readVectors } from '../src/io/vector-file.js';
import { evaluateAnalogies, evaluateSimilarity } from '../src/word2vec/evaluate.js';
import { arg, cli, data, python, root, similaritySets, workDir, writeBrownText } from './common.js';
import { measure, median, runs } from './measure.js';
import { busiestThreads, measureThreadCpu } from './thread-cpu.js';

const seeds = Number(arg('seeds', '3'));
const threads = arg('threads', '2');
const bucket = arg('bucket', '2000000');
const work = workDir('lexnet-subwords-bench-');
const corpus = writeBrownText(work);
const analogies = join(data, 'word-eval/questions-words.txt');
const wordsim = join(data, 'word-eval/wordsim353.tsv');
const simDir = arg('sim', '');
const simSets = similaritySets(simDir);

const haveFasttext = runs('sh', ['-c', 'command -v fasttext']);
const haveGensim = runs(python, ['-c', 'import gensim']);
const common = { dim: '100', ws: '5', neg: '5', t: '1e-3', minCount: '5', epoch: '5' };

interface Row { seconds: number; peakMiB: number; analogy: number; semantic: number; syntactic: number; coverage: number; ws: number; sims: number[] }
const rows = new Map<string, Row[]>();
const threadCpu: number[][] = [];
function record(tool: string, seconds: number, peakMiB: number, model: string): void {
  const v = readVectors(model);
  const a = evaluateAnalogies(v, analogies);
  // questions-words.txt: the gram* sections are syntactic, the others semantic
  const part = (syntactic: boolean): number => {
    const s = a.sections.filter((x) => x.section.startsWith('gram') === syntactic);
    return s.reduce((t, x) => t + x.correct, 0) / Math.max(1, s.reduce((t, x) => t + x.total, 0));
  };
  const sims = simSets.map((f) => evaluateSimilarity(v, join(simDir, f)).spearman);
  const r = { seconds, peakMiB, analogy: a.accuracy, semantic: part(false), syntactic: part(true), coverage: a.coverage, ws: evaluateSimilarity(v, wordsim).spearman, sims };
  rows.set(tool, [...(rows.get(tool) ?? []), r]);
  process.stderr.write(`  ${tool}: ${seconds.toFixed(1)} s, ${peakMiB.toFixed(0)} MiB, analogy ${(100 * r.analogy).toFixed(2)} %, ρ ${r.ws.toFixed(3)}\n`);
}

for (let seed = 1; seed <= seeds; seed++) {
  process.stderr.write(`seed ${seed}\n`);
  const ours = join(work, `lexnet-${seed}.bin`);
  const m = await measureThreadCpu(process.execPath, [cli, 'word2vec', '--corpus', corpus, '--subwords', '--bucket', bucket, '--out', ours, '--threads', threads, '--seed', String(seed), '--show', '', '--quiet']);
  // the training threads' CPU seconds: the command waits for the slower one
  threadCpu.push(busiestThreads(m, Number(threads)));
  record('lexnet --subwords', m.seconds, m.peakMiB, ours);
  const plain = join(work, `lexnet-plain-${seed}.bin`);
  const p = measure(process.execPath, [cli, 'word2vec', '--corpus', corpus, '--out', plain, '--threads', threads, '--seed', String(seed), '--show', '', '--quiet']);
  record('lexnet word2vec', p.seconds, p.peakMiB, plain);
  if (haveFasttext) {
    const out = join(work, `fasttext-${seed}`);
    const f = measure('fasttext', ['skipgram', '-input', corpus, '-output', out, '-minn', '3', '-maxn', '6', '-bucket', bucket, '-thread', threads, '-seed', String(seed), '-verbose', '0',
      '-dim', common.dim, '-ws', common.ws, '-neg', common.neg, '-t', common.t, '-minCount', common.minCount, '-epoch', common.epoch]);
    record('fastText', f.seconds, f.peakMiB, `${out}.bin`);
  }
  if (haveGensim) {
    const out = join(work, `gensim-${seed}.bin`);
    const g = measure(python, [join(root, 'bench/gensim_fasttext.py'), corpus, out, String(seed), threads, '3', '6', bucket]);
    record('gensim FastText', g.seconds, g.peakMiB, out);
  }
}

const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
const med = (tool: string): number => median((rows.get(tool) ?? []).map((r) => r.seconds));
const lex = med('lexnet --subwords');
console.log(`\nBrown, skip-gram with negative sampling, dim 100, 5 epochs, minn 3, maxn 6, bucket ${bucket}, ${threads} threads, ${seeds} seeds`);
console.log('tool                command s (median)  peak MiB   analogy %   answered   WordSim-353 ρ   lexnet --subwords is');
for (const [tool, rs] of rows) {
  const ratio = tool === 'lexnet --subwords' ? '' : tool === 'lexnet word2vec' ? `${(lex / med(tool)).toFixed(2)}× its time` : `${(med(tool) / lex).toFixed(2)}× faster`;
  console.log(`${tool.padEnd(19)} ${med(tool).toFixed(2).padStart(18)} ${mean(rs.map((r) => r.peakMiB)).toFixed(0).padStart(9)} ${(100 * mean(rs.map((r) => r.analogy))).toFixed(2).padStart(11)} ${(100 * mean(rs.map((r) => r.coverage))).toFixed(1).padStart(9)}% ${mean(rs.map((r) => r.ws)).toFixed(4).padStart(15)}   ${ratio}`);
}
console.log('command seconds per seed:');
for (const [tool, rs] of rows) console.log(`  ${tool.padEnd(19)} ${rs.map((r) => r.seconds.toFixed(2)).join(', ')}`);
if (threadCpu.some((t) => t.length > 0)) console.log(`lexnet --subwords, training threads' CPU seconds per seed: ${threadCpu.map((t) => t.map((x) => x.toFixed(2)).join(' / ')).join(', ')}`);
console.log('analogy by part (semantic / syntactic %):');
for (const [tool, rs] of rows) console.log(`  ${tool.padEnd(19)} ${(100 * mean(rs.map((r) => r.semantic))).toFixed(2)} / ${(100 * mean(rs.map((r) => r.syntactic))).toFixed(2)}`);
const sd = (a: number[]): number => Math.sqrt(a.reduce((t, x) => t + (x - mean(a)) ** 2, 0) / Math.max(1, a.length - 1));
const spread = (a: number[], digits: number): string => `${median(a).toFixed(digits)} (${mean(a).toFixed(digits)} ± ${sd(a).toFixed(digits)})`.padStart(26);
console.log(`analogy % and Spearman ρ, median (mean ± sd) of the ${seeds} seeds:`);
console.log(`  ${'set'.padEnd(22)}${[...rows.keys()].map((t) => t.padStart(26)).join('')}`);
console.log(`  ${'analogy'.padEnd(22)}${[...rows.values()].map((rs) => spread(rs.map((r) => 100 * r.analogy), 2)).join('')}`);
console.log(`  ${'wordsim353'.padEnd(22)}${[...rows.values()].map((rs) => spread(rs.map((r) => r.ws), 3)).join('')}`);
simSets.forEach((f, i) => console.log(`  ${f.replace(/\.tsv$/, '').padEnd(22)}${[...rows.values()].map((rs) => spread(rs.map((r) => r.sims[i]!), 3)).join('')}`));
console.log('goals: ≥ 5× fastText, ≥ 3× gensim FastText, within 2.5× of lexnet word2vec; quality ≥ theirs.');
