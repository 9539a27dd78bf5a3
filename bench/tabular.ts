/**
 * lexnet vs scikit-learn on scikit-learn's bundled data sets, the same seeded split for both:
 * logistic regression on breast_cancer, a 100-unit MLP classifier on digits, a 100-unit
 * sigmoid network regressor on diabetes. Reads ../shared/data/tabular (or LEXNET_DATA/tabular).
 *
 *   npm run build && node dist/bench/tabular.js [--seeds 3]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTable } from '../src/io/table.js';
import { trainTestSplit } from '../src/io/dataset.js';
import { readText } from '../src/io/read-text.js';
import { workDir } from './common.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const data = join(process.env.LEXNET_DATA ?? join(root, '../shared/data'), 'tabular');
const cli = join(root, 'dist/src/cli/main.js');
const python = '/usr/bin/python3';
const seedsArg = process.argv.indexOf('--seeds');
const seeds = seedsArg > 0 ? Number(process.argv[seedsArg + 1]) : 3;

if (!existsSync(data)) {
  console.error(`no data at ${data}; set LEXNET_DATA to the folder that holds tabular/`);
  process.exit(1);
}
const haveSklearn = (() => {
  try { execFileSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' }); return true; } catch { return false; }
})();
if (!haveSklearn) console.log('scikit-learn not found in /usr/bin/python3 (apt-get install python3-sklearn): lexnet column only\n');

const work = workDir('lexnet-bench-');

function diabetesCsv(): string {
  const x = readText(join(data, 'diabetes_data_raw.csv.gz')).trim().split('\n');
  const y = readText(join(data, 'diabetes_target.csv.gz')).trim().split('\n');
  const path = join(work, 'diabetes.csv');
  writeFileSync(path, x.map((l, i) => `${l.trim().split(/\s+/).join(',')},${Number(y[i])}`).join('\n') + '\n');
  return path;
}

/** Writes the seeded 80/20 split of a file as two plain CSVs (label last). */
function split(file: string, seed: number): { train: string; test: string } {
  const t = readTable(file);
  const rows = Array.from({ length: t.rows }, (_, r) => Array.from(t.data.subarray(r * t.cols, (r + 1) * t.cols)).join(','));
  const { train, test } = trainTestSplit(t.rows, 0.2, seed);
  const base = join(work, `${file.split('/').pop()}-${seed}`);
  writeFileSync(`${base}-train.csv`, Array.from(train, (i) => rows[i]).join('\n') + '\n');
  writeFileSync(`${base}-test.csv`, Array.from(test, (i) => rows[i]).join('\n') + '\n');
  return { train: `${base}-train.csv`, test: `${base}-test.csv` };
}

const tasks = [
  { name: 'breast_cancer', file: join(data, 'breast_cancer.csv'), model: 'logistic', metric: 'accuracy',
    // scikit-learn's C=1 on n rows is λ = 1/n in lexnet's (λ/2)‖w‖² convention
    args: (n: number) => ['--kind', 'logistic', '--l2', String(1 / n), '--lr', '0.01', '--epochs', '300'] },
  { name: 'digits', file: join(data, 'digits.csv.gz'), model: 'mlp', metric: 'accuracy',
    args: () => ['--kind', 'mlp', '--hidden', '100', '--activation', 'relu', '--lr', '0.001', '--epochs', '200'] },
  { name: 'diabetes', file: diabetesCsv(), model: 'regressor', metric: 'r2',
    args: () => ['--kind', 'regressor', '--hidden', '100', '--activation', 'sigmoid', '--lr', '0.001', '--epochs', '2000', '--patience', '20'] },
];

console.log('task           metric     lexnet (mean of seeds)   scikit-learn   difference   time ratio lexnet/sklearn');
for (const task of tasks) {
  const ours: number[] = [], theirs: number[] = [];
  let tOurs = 0, tTheirs = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const { train, test } = split(task.file, seed);
    const n = readTable(train).rows;
    let t0 = performance.now();
    const out = execFileSync(process.execPath, [cli, 'fit', '--train', train, '--test', test, '--json', '--seed', String(seed), ...task.args(n)], { encoding: 'utf8' });
    tOurs += performance.now() - t0;
    ours.push(JSON.parse(out.trim().split('\n').pop()!)[task.metric]);
    if (haveSklearn) {
      t0 = performance.now();
      const ref = execFileSync(python, [join(root, 'bench/sklearn_tabular.py'), task.model, train, test, String(seed)], { encoding: 'utf8' });
      tTheirs += performance.now() - t0;
      theirs.push(JSON.parse(ref.trim())[task.metric]);
    }
  }
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const fmt = (v: number) => (task.metric === 'accuracy' ? `${(100 * v).toFixed(2)}%` : v.toFixed(4));
  const diff = haveSklearn ? (task.metric === 'accuracy' ? `${(100 * (mean(ours) - mean(theirs))).toFixed(2)} pt` : (mean(ours) - mean(theirs)).toFixed(4)) : '-';
  console.log(
    `${task.name.padEnd(14)} ${task.metric.padEnd(10)} ${fmt(mean(ours)).padEnd(24)} ${(haveSklearn ? fmt(mean(theirs)) : '-').padEnd(14)} ${diff.padEnd(12)} ${haveSklearn ? (tOurs / tTheirs).toFixed(2) : '-'}`,
  );
  console.log(`               per seed   ${ours.map(fmt).join(' ')}   |   ${theirs.map(fmt).join(' ')}`);
}
