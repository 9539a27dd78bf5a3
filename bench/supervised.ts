/**
 * fastText's supervised model (issue 22): `lexnet classify train --kind supervised` against
 * `fasttext supervised` at equal settings (epochs, dim, word n-grams, buckets, threads), on SST-2
 * train and on Brown sentences labelled by their file's genre (15 classes, every 10th sentence
 * held out as dev, the others shuffled), each training set repeated `--repeat` times (1: the set itself; 10: ten times
 * larger); rounds alternating the tools, medians of wall seconds, CPU seconds, peak memory and
 * each tool's dev accuracy (precision at 1; every round's printed too: Hogwild threads make runs differ). Goal: ≥ 2× fastText's speed at equal or better
 * accuracy, memory no more than fastText's. Not a test: run by hand on a quiet machine, after `npm run build`.
 *
 *   node dist/bench/supervised.js [--sets sst2,brown] [--repeat 10] [--rounds 3] [--threads 2] [--epochs 5] [--dim 100] [--word-ngrams 2] [--bucket 100000] [--fasttext fasttext]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../src/core/random.js';
import { brownFiles, brownTaggedSentences, brownDirectory } from '../src/text/corpus.js';
import { readLabelledTsv } from '../src/text/labelled.js';
import { arg, cli, data, workDir } from './common.js';

const repeat = Number(arg('repeat', '10')), rounds = Number(arg('rounds', '3')), threads = arg('threads', '2');
const epochs = arg('epochs', '5'), dim = arg('dim', '100'), wordNgrams = arg('word-ngrams', '2'), bucket = arg('bucket', '100000');
const fasttext = arg('fasttext', 'fasttext');
const sets = arg('sets', 'sst2,brown').split(',');
const work = workDir('lexnet-supervised-');

/** SST-2's train and dev sets as fastText lines. */
function sst2(): { train: string[]; dev: string[] } {
  const trainTsv = join(data, 'sst2/train.tsv'), devTsv = join(data, 'sst2/dev.tsv');
  if (!existsSync(trainTsv)) {
    console.error(`no SST-2 data at ${trainTsv}; set LEXNET_DATA`);
    process.exit(1);
  }
  const asLines = (path: string): string[] => {
    const d = readLabelledTsv(path);
    return d.texts.map((t, i) => `__label__${d.labels[i]} ${t.join(' ')}`);
  };
  return { train: asLines(trainTsv), dev: asLines(devTsv) };
}

/** Brown's sentences (words as written, tags dropped) labelled by their file's genre (cats.txt), every 10th held out. */
function brownGenres(): { train: string[]; dev: string[] } {
  const genre = new Map(readFileSync(join(brownDirectory(), 'cats.txt'), 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/) as [string, string]));
  const train: string[] = [], dev: string[] = [];
  let i = 0;
  for (const f of brownFiles()) {
    for (const s of brownTaggedSentences(f)) (i++ % 10 === 9 ? dev : train).push(`__label__${genre.get(f)} ${s.map(([w]) => w).join(' ')}`);
  }
  // shuffled (seed 1): in file order, genre after genre, what a run ends on decides its accuracy (8 % with one thread)
  const rng = new Random(1);
  for (let j = train.length - 1; j > 0; j--) {
    const k = Math.floor(rng.next() * (j + 1));
    [train[j], train[k]] = [train[k]!, train[j]!];
  }
  return { train, dev };
}

const timeTool = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs a command under /usr/bin/time (when there is one): wall and CPU seconds, peak memory in MB, stdout. */
function measure(command: string, args: string[]): { wall: number; cpu: number; mb: number; stdout: string } {
  const stats = join(work, 'time.txt');
  const start = process.hrtime.bigint();
  const r = timeTool
    ? spawnSync(timeTool, ['-f', '%U %S %M', '-o', stats, command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${r.stderr}`);
  const [user, sys, kb] = timeTool ? readFileSync(stats, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) : [NaN, NaN, NaN];
  return { wall, cpu: user! + sys!, mb: kb! / 1024, stdout: r.stdout };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// what every lexnet run starts from (peak memory): Node alone, and the CLI loading no command
if (timeTool) console.log(`start-up peak memory: node ${measure(process.execPath, ['-e', '0']).mb.toFixed(0)} MB, lexnet --version ${measure(process.execPath, [cli, '--version']).mb.toFixed(0)} MB\n`);

for (const set of sets) {
  const lines = set === 'sst2' ? sst2() : set === 'brown' ? brownGenres() : null;
  if (!lines) throw new Error(`--sets: unknown set ${set} (sst2, brown)`);
  const train = join(work, `${set}-train.txt`), dev = join(work, `${set}-dev.txt`);
  writeFileSync(train, Array.from({ length: repeat }, () => lines.train.join('\n')).join('\n') + '\n');
  writeFileSync(dev, lines.dev.join('\n') + '\n');
  const runs: Record<'lexnet' | 'fastText', { wall: number[]; cpu: number[]; mb: number[]; accuracy: number[] }> = {
    lexnet: { wall: [], cpu: [], mb: [], accuracy: [] }, fastText: { wall: [], cpu: [], mb: [], accuracy: [] },
  };
  const model = join(work, 'model');
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['lexnet', 'fastText'] as const) : (['fastText', 'lexnet'] as const);
    for (const tool of order) {
      const r = tool === 'lexnet'
        ? measure(process.execPath, [cli, 'classify', 'train', '--kind', 'supervised', '--train', train, '--dev', dev, '--threads', threads, '--epochs', epochs, '--dim', dim,
          '--word-ngrams', wordNgrams, '--bucket', bucket, '--out', `${model}.lexnet`, '--json', '--quiet'])
        : measure(fasttext, ['supervised', '-input', train, '-output', model, '-thread', threads, '-epoch', epochs, '-dim', dim, '-wordNgrams', wordNgrams, '-bucket', bucket, '-verbose', '0']);
      const x = runs[tool];
      x.wall.push(r.wall);
      x.cpu.push(r.cpu);
      x.mb.push(r.mb);
      if (tool === 'lexnet') x.accuracy.push(JSON.parse(r.stdout.trim().split('\n').at(-1)!).devAccuracy as number);
      else x.accuracy.push(Number(/P@1\s+([\d.]+)/.exec(spawnSync(fasttext, ['test', `${model}.bin`, dev], { encoding: 'utf8' }).stdout)?.[1]));
    }
  }
  const name = set === 'sst2' ? 'SST-2 train' : 'Brown sentences by genre (15 classes)';
  console.log(`${name} ×${repeat} (${lines.train.length * repeat} lines), ${threads} threads, ${epochs} epochs, dim ${dim}, word n-grams ${wordNgrams}, ${bucket} buckets; medians of ${rounds} alternating rounds`);
  for (const [tool, x] of Object.entries(runs)) {
    const pct = (a: number): string => (100 * a).toFixed(2);
    console.log(`${tool.padEnd(9)} ${median(x.wall).toFixed(2).padStart(7)} s wall ${median(x.cpu).toFixed(2).padStart(7)} s CPU ${median(x.mb).toFixed(0).padStart(6)} MB   dev accuracy ${pct(median(x.accuracy))} % (median; rounds: ${x.accuracy.map(pct).join(', ')})`);
  }
  console.log(`lexnet / fastText: ${(median(runs.fastText.wall) / median(runs.lexnet.wall)).toFixed(2)}× the speed (wall), ${(median(runs.fastText.cpu) / median(runs.lexnet.cpu)).toFixed(2)}× (CPU), ${(median(runs.lexnet.mb) / median(runs.fastText.mb)).toFixed(2)}× the memory\n`);
}
