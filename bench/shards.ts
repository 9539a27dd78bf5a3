/**
 * word2vec over several WebAssembly memories (`shards`, issue 24 part 3).
 *
 * Quality and speed on Brown: S = 1, 2, 4 shards × seeds, analogy accuracy (30,000 most frequent
 * words, 3CosAdd) and WordSim-353 Spearman ρ, words/s (and its ratio to one shard), and where a
 * sharded run's time goes besides training (the barriers: waiting for the last memory, rotating):
 *
 *   npm run build && LEXNET_DATA=../shared/data nice node dist/bench/shards.js --brown [--seeds 3] [--first-seed 1] [--threads 2] [--shards 1,2,4] [--options JSON] [--simdata DIR]
 *
 * `--simdata DIR`: also Spearman ρ on every similarity set `DIR/*.tsv` (word, word, score).
 *
 * A model beyond one memory: a generated vocabulary (`--words`, default 3 M) × `--dim` (300: 2 ×
 * 3.6 GB of floats), a generated Zipf corpus (`--tokens`, default 4 words per vocabulary word, every
 * word at least once) in a temporary folder under /tmp, 1 epoch; prints words/s, peak RSS, the
 * time to write the vectors (.bin) and to read them back and answer `similar`:
 *
 *   node dist/bench/shards.js [--words 3000000] [--dim 300] [--shards 2] [--threads 2] [--tokens N] [--tmp /tmp]
 *
 * (Small check: `--words 20000 --dim 32`.) The full size needs ~15 GB of memory and a quiet machine.
 */
import { createWriteStream, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { once } from 'node:events';
import { Random } from '../src/core/random.js';
import { readVectors, writeVectors } from '../src/io/vector-file.js';
import { brownCorpus, textCorpus } from '../src/text/corpus.js';
import { evaluateAnalogies, evaluateSimilarity } from '../src/word2vec/evaluate.js';
import { mostSimilar } from '../src/word2vec/similarity.js';
import { trainWord2vec } from '../src/word2vec/train.js';
import { arg, data, workDir } from './common.js';

const threads = Number(arg('threads', '2'));
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

if (process.argv.includes('--brown')) await brown();
else await big();

async function brown(): Promise<void> {
  const seeds = Number(arg('seeds', '3'));
  const counts = arg('shards', '1,2,4').split(',').map(Number);
  // every row trains with the same settings: one memory's default (interleaved, 5 negatives weighted 1.6) is not open to shards,
  // so all rows take the sharded default, contiguous with 5 unweighted negatives, unless --options says otherwise
  const extra: Record<string, unknown> = { dataOrder: 'contiguous', negative: 5, negativeWeight: 1, ...JSON.parse(arg('options', '{}')) as Record<string, unknown> }; // more trainWord2vec options, e.g. '{"batchNegatives":false}'
  const first = Number(arg('first-seed', '1'));
  const analogies = join(data, 'word-eval/questions-words.txt'), ws353 = join(data, 'word-eval/wordsim353.tsv');
  const corpus = [...brownCorpus({ lowercase: true }).sentences()];
  const simDir = arg('simdata', '');
  const sets: [string, string][] = [['WS-353', ws353], ...(simDir ? readdirSync(simDir).filter((f) => f.endsWith('.tsv')).sort().map((f): [string, string] => [basename(f, '.tsv'), join(simDir, f)]) : [])];
  const rows: { shards: number; seed: number; analogy: number; sims: number[]; wps: number; seconds: number; wait: number; rotate: number; barriers: number }[] = [];
  // seeds interleave the shard counts, so a change of machine load hits all of them alike
  for (let seed = first; seed < first + seeds; seed++) {
    for (const shards of counts) {
      const r = await trainWord2vec(corpus, { ...extra, shards, threads, seed });
      const row = { shards, seed, analogy: evaluateAnalogies(r.vectors, analogies).accuracy, sims: sets.map(([, f]) => evaluateSimilarity(r.vectors, f).spearman), wps: r.wordsPerSecond, seconds: r.seconds,
        wait: r.shardTimes?.waitSeconds ?? 0, rotate: r.shardTimes?.rotateSeconds ?? 0, barriers: r.shardTimes?.barriers ?? 0 };
      rows.push(row);
      console.error(`seed ${seed} shards ${shards}: analogy ${(100 * row.analogy).toFixed(2)} %, ${sets.map(([n], i) => `${n} ${row.sims[i]!.toFixed(3)}`).join(', ')}, ${Math.round(row.wps).toLocaleString('en-US')} words/s` +
        (row.barriers ? ` (${row.seconds.toFixed(1)} s: ${row.barriers} barriers, ${row.wait.toFixed(1)} s waiting for the last memory, ${row.rotate.toFixed(1)} s rotating)` : ''));
    }
  }
  const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
  const sd = (a: number[]): number => Math.sqrt(a.reduce((s, x) => s + (x - mean(a)) ** 2, 0) / Math.max(1, a.length - 1));
  const base = mean(rows.filter((r) => r.shards === counts[0]).map((r) => r.wps));
  console.log(`\nskip-gram, Brown, dim 100, 5 epochs, ${threads} threads, ${seeds} seeds: mean ± sd (Spearman ρ for the similarity sets)`);
  console.log(['shards', 'analogy %', ...sets.map(([n]) => n), 'words/s (ratio)', 'barrier wait, rotation (share of time)'].join(' | '));
  for (const shards of counts) {
    const mine = rows.filter((r) => r.shards === shards);
    const a = mine.map((r) => 100 * r.analogy), s = mine.map((r) => r.wps);
    const sims = sets.map((_, i) => mine.map((r) => r.sims[i]!));
    console.log([String(shards), `${mean(a).toFixed(2)} ± ${sd(a).toFixed(2)}`, ...sims.map((w) => `${mean(w).toFixed(3)} ± ${sd(w).toFixed(3)}`), `${Math.round(mean(s)).toLocaleString('en-US')} (${(mean(s) / base).toFixed(2)})`,
      `${(100 * mean(mine.map((r) => r.wait / r.seconds))).toFixed(0)} %, ${(100 * mean(mine.map((r) => r.rotate / r.seconds))).toFixed(0)} %`].join(' | '));
  }
}

async function big(): Promise<void> {
  const words = Number(arg('words', '3000000')), dim = Number(arg('dim', '300')), shards = Number(arg('shards', '2'));
  const tokens = Number(arg('tokens', String(words * 4)));
  const work = workDir('lexnet-shards-', arg('tmp', '/tmp'));
  const file = join(work, 'corpus.txt');
  // Zipf(1) over the vocabulary by inverse transform on the harmonic numbers' approximation, then every word once more
  const rng = new Random(1);
  const name = (i: number): string => `w${i.toString(36)}`;
  const out = createWriteStream(file);
  let line: string[] = [], written = 0;
  const H = Math.log(words) + 0.5772156649;
  const emit = async (w: string): Promise<void> => {
    line.push(w);
    if (line.length === 20) {
      if (!out.write(line.join(' ') + '\n')) await once(out, 'drain');
      line = [];
    }
    written++;
  };
  for (let t = 0; t < tokens - words; t++) await emit(name(Math.min(words - 1, Math.floor(Math.exp(rng.next() * H - 0.5772156649)))));
  for (let i = 0; i < words; i++) await emit(name(i));
  if (line.length > 0) out.write(line.join(' ') + '\n');
  out.end();
  await once(out, 'finish');
  console.log(`corpus: ${written.toLocaleString('en-US')} tokens, ${words.toLocaleString('en-US')} words, ${mib(statSync(file).size)} (${file})`);
  console.log(`model: ${words.toLocaleString('en-US')} × ${dim} × 2 matrices × 4 bytes = ${(words * dim * 8 / 1e9).toFixed(2)} GB of floats over ${shards} shards`);
  const bin = join(work, 'vectors.bin');
  await trainAndWrite(file, bin, work, dim, shards); // its vectors are garbage once written: the reading below does not hold both
  let t = performance.now();
  const v = readVectors(bin);
  console.log(`read back ${v.size.toLocaleString('en-US')} × ${v.dim} in ${((performance.now() - t) / 1000).toFixed(1)} s; peak RSS ${mib(peakRss())}`);
  t = performance.now();
  const near = mostSimilar(v, [name(0)], [], { topn: 5 });
  console.log(`similar ${name(0)}: ${near.map((n) => `${n.word} ${n.similarity.toFixed(2)}`).join(', ')} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
}

/** Trains the generated corpus for one epoch and writes the vectors to `bin`, printing words/s, peak RSS and the writing time. */
async function trainAndWrite(file: string, bin: string, work: string, dim: number, shards: number): Promise<void> {
  const start = performance.now();
  let lastShown = 0;
  const r = await trainWord2vec(textCorpus(file), {
    dim, shards, threads, epochs: 1, minCount: 1, tmpDir: work,
    onProgress: (e) => {
      if (e.stage === 'training' && performance.now() - lastShown > 10_000) {
        lastShown = performance.now();
        console.error(`  ${(100 * e.fraction).toFixed(1)} %, ${Math.round(e.wordsPerSecond ?? 0).toLocaleString('en-US')} words/s, RSS ${mib(process.memoryUsage.rss())}`);
      }
    },
  });
  console.log(`trained in ${r.seconds.toFixed(1)} s (${((performance.now() - start) / 1000).toFixed(1)} s with counting): ${Math.round(r.wordsPerSecond).toLocaleString('en-US')} words/s, final loss ${r.finalLoss.toFixed(3)}, peak RSS ${mib(peakRss())}`);
  const t = performance.now();
  writeVectors(bin, r.vectors);
  console.log(`wrote ${bin}: ${mib(statSync(bin).size)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
