/**
 * word2vec update variants × every word-similarity set at hand, against gensim: which default
 * keeps similarity (SimLex-999, SimVerb-3500) and relatedness (WordSim-353 relatedness, MEN, MTurk)
 * at once. Each variant is the lexnet CLI with extra flags; every run is scored by the same
 * evaluator (Spearman ρ on the pairs both words of which are in the vocabulary; analogy accuracy
 * on the 30,000 most frequent words), and the table prints 3-seed means, the worst difference to
 * gensim and how many sets are within 0.015 of it.
 *
 *   npm run build && node dist/bench/word2vec-variants.js --sets DIR [--seeds 3] [--first-seed 1] [--threads 2]
 *        [--variants '{"default":[],"per-pair":["--no-batch-negatives"],"negative 15":["--negative","15"]}']
 *        [--speed N]
 *
 * `--speed N` times instead of scoring: N rounds, each running every variant once back to back (and
 * gensim's whole script, writing the same `.bin`), and prints each variant's median training words/s,
 * the median of its per-round ratios to the first variant's, and its whole-command time against
 * gensim's (medians); on a shared machine read the ratios, not the figures.
 *
 * DIR holds similarity sets in WordSim-353's layout (`#` comments, then `word1<TAB>word2<TAB>score`,
 * one file per set, `*.tsv`); WordSim-353 and the analogy questions come from the shared data.
 * Public sets (SimLex-999, SimVerb-3500, MEN, RW, MTurk, RG-65, MC-30, YP-130, Verb-143, SemEval-17,
 * WordSim-353's similarity and relatedness halves) are not shipped here: convert them to that layout.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readVectors } from '../src/io/vector-file.js';
import { evaluateAnalogies, evaluateSimilarity } from '../src/word2vec/evaluate.js';
import { arg, cli, data, python, root, similaritySets, workDir, writeBrownText } from './common.js';

const seeds = Number(arg('seeds', '3'));
const firstSeed = Number(arg('first-seed', '1')); // an independent run: other seeds (e.g. --first-seed 4)
const threads = arg('threads', '2');
const setsDir = arg('sets', '');
// the default rows: the README's table (session 10): the default is interleaved with 5 negatives weighted 1.6
const defaultVariants = {
  'default (interleaved, 5 × 1.6)': [], 'interleaved, 5 × 1.4 (session 10, first)': ['--negative-weight', '1.4'], 'interleaved, 7 (session 9)': ['--negative', '7', '--negative-weight', '1'],
  'interleaved, 5': ['--negative-weight', '1'], 'contiguous, 5 (before session 9)': ['--data-order', 'contiguous', '--negative-weight', '1'],
};
const variants = JSON.parse(arg('variants', JSON.stringify(defaultVariants))) as Record<string, string[]>;
const analogies = join(data, 'word-eval/questions-words.txt');
if (!existsSync(analogies)) {
  console.error(`no evaluation data at ${data}/word-eval; set LEXNET_DATA`);
  process.exit(1);
}
const sets = new Map<string, string>([['wordsim353', join(data, 'word-eval/wordsim353.tsv')]]);
for (const f of similaritySets(setsDir)) sets.set(f.slice(0, -4), join(setsDir, f));
const haveGensim = (() => { try { execFileSync(python, ['-c', 'import gensim'], { stdio: 'ignore' }); return true; } catch { return false; } })();

const work = workDir('lexnet-w2v-variants-');
const corpus = writeBrownText(work);

const speedRounds = Number(arg('speed', '0'));
if (speedRounds > 0) {
  const rounds: Map<string, { wps: number; whole: number }[]> = new Map();
  for (let r = 0; r < speedRounds; r++) {
    for (const [name, extra] of [...Object.entries(variants), ...(haveGensim ? [['gensim', null] as const] : [])]) {
      const out = join(work, 'speed.bin');
      const t0 = performance.now();
      let wps = 0;
      if (extra === null) execFileSync(python, [join(root, 'bench/gensim_word2vec.py'), corpus, out, '1', threads], { stdio: ['ignore', 'ignore', 'inherit'] });
      else {
        const printed = execFileSync(process.execPath, [cli, 'word2vec', '--corpus', corpus, '--out', out, '--seed', '1', '--threads', threads, '--show', '', '--json', ...extra], { encoding: 'utf8' });
        wps = (JSON.parse(printed.trim().split('\n').pop()!) as { wordsPerSecond: number }).wordsPerSecond;
      }
      rounds.set(name, [...(rounds.get(name) ?? []), { wps, whole: (performance.now() - t0) / 1000 }]);
    }
  }
  const median = (a: number[]): number => { const b = [...a].sort((x, y) => x - y); return b.length % 2 ? b[b.length >> 1]! : (b[b.length / 2 - 1]! + b[b.length / 2]!) / 2; };
  const [first] = rounds.values();
  const gensim = rounds.get('gensim');
  console.log(`\nskip-gram, Brown, ${threads} threads, ${speedRounds} rounds back to back: medians (rough on a shared machine)`);
  console.log(['variant'.padEnd(32), 'words/s'.padStart(10), '× first'.padStart(8), 'whole s'.padStart(8), ...(gensim ? ['gensim ÷'.padStart(9)] : [])].join(' '));
  for (const [name, rs] of rounds) {
    const cells = [name.padEnd(32), name === 'gensim' ? '-'.padStart(10) : median(rs.map((x) => x.wps)).toFixed(0).padStart(10),
      name === 'gensim' ? '-'.padStart(8) : median(rs.map((x, i) => x.wps / first![i]!.wps)).toFixed(3).padStart(8), median(rs.map((x) => x.whole)).toFixed(2).padStart(8)];
    if (gensim) cells.push(median(rs.map((x, i) => gensim[i]!.whole / x.whole)).toFixed(2).padStart(9));
    console.log(cells.join(' '));
  }
  process.exit(0);
}

type Scores = Record<string, number>;
function score(file: string): Scores {
  const v = readVectors(file);
  const s: Scores = { analogy: evaluateAnalogies(v, analogies).accuracy };
  for (const [name, path] of sets) s[name] = evaluateSimilarity(v, path).spearman;
  return s;
}

const results = new Map<string, Scores[]>();
const runs: [string, string[] | 'gensim'][] = [...Object.entries(variants), ...(haveGensim ? [['gensim', 'gensim'] as [string, 'gensim']] : [])];
// seeds interleave the variants, so a change of machine load hits all of them alike
for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
  for (const [name, extra] of runs) {
    const out = join(work, `${name.replace(/\W+/g, '-')}-${seed}.bin`);
    if (extra === 'gensim') execFileSync(python, [join(root, 'bench/gensim_word2vec.py'), corpus, out, String(seed), threads], { stdio: ['ignore', 'ignore', 'inherit'] });
    else execFileSync(process.execPath, [cli, 'word2vec', '--corpus', corpus, '--out', out, '--seed', String(seed), '--threads', threads, '--show', '', '--quiet', ...extra], { stdio: ['ignore', 'ignore', 'inherit'] });
    const s = score(out);
    results.set(name, [...(results.get(name) ?? []), s]);
    process.stderr.write(`seed ${seed} ${name}: analogy ${(100 * s.analogy!).toFixed(2)} %, SimLex ${s.simlex999?.toFixed(3) ?? '-'}\n`);
  }
}

const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
const names = ['analogy', ...sets.keys()];
const means = new Map([...results].map(([v, rows]) => [v, Object.fromEntries(names.map((k) => [k, mean(rows.map((r) => r[k]!))]))]));
const ref = means.get('gensim');
console.log(`\nskip-gram, Brown, dim 100, 5 epochs, ${threads} threads: means of ${seeds} seeds (analogy as a fraction, the rest Spearman ρ)`);
console.log(['variant'.padEnd(14), ...names.map((k) => k.replace('wordsim353', 'ws353').slice(0, 10).padStart(10)), ...(ref ? ['worst Δ'.padStart(9), 'within'.padStart(7), 'mean Δ'.padStart(8)] : [])].join(' '));
for (const [v, m] of means) {
  const cells = names.map((k) => m[k]!.toFixed(4).padStart(10));
  if (ref) {
    const d = names.map((k) => m[k]! - ref[k]!);
    cells.push(Math.min(...d).toFixed(4).padStart(9), `${d.filter((x) => x >= -0.015).length}/${d.length}`.padStart(7), mean(d).toFixed(4).padStart(8));
  }
  console.log([v.padEnd(14), ...cells].join(' '));
}
if (ref) console.log('Δ: the variant minus gensim; within: sets where the variant is at most 0.015 below gensim.');
