/**
 * lexnet vs scikit-learn by 5-fold cross-validation, THE SAME folds for both, on scikit-learn's
 * bundled data sets: breast_cancer, wine, iris, digits (accuracy) and diabetes (R²).
 *
 * The fold assignment is drawn once per data set here (seeded; stratified by class for the
 * classifiers, shuffled for the regression) and written to a file that the scikit-learn side
 * (bench/sklearn_tabular.py, run with Debian's /usr/bin/python3) reads, together with the same
 * rows as a plain CSV. Both tools run with their defaults, as a user would:
 * - lexnet through its CLI, `lexnet fit --train FOLD-train.csv --test FOLD-test.csv --model M --json`
 *   with M = logistic (breast_cancer, two classes), softmax (wine, iris, digits), linear (diabetes);
 *   nothing else is set (lbfgs, λ = 1/n, standardized inputs).
 * - scikit-learn: make_pipeline(StandardScaler(), LogisticRegression()) for the classifiers, and
 *   make_pipeline(StandardScaler(), Ridge()) for diabetes: Ridge's default alpha = 1 is the
 *   regularised linear model a user gets by default, and the same objective as lexnet's default
 *   λ = 1/n; LinearRegression (no penalty) is printed too.
 *
 *   npm run build && node dist/bench/tabular.js [--folds 5] [--seed 1] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../src/core/random.js';
import { readTable } from '../src/io/table.js';
import { readText } from '../src/io/read-text.js';
import { arg, cli, data, python, root, workDir } from './common.js';

const tabular = join(data, 'tabular');
const folds = Number(arg('folds', '5'));
const seed = Number(arg('seed', '1'));
if (!existsSync(tabular)) {
  console.error(`no data at ${tabular}; set LEXNET_DATA to the folder that holds tabular/`);
  process.exit(1);
}
const haveSklearn = (() => {
  try { execFileSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' }); return true; } catch { return false; }
})();
if (!haveSklearn) console.log(`scikit-learn not found in ${python} (apt-get install python3-sklearn): lexnet column only\n`);
const work = workDir('lexnet-bench-');

/** Rows of a data set as numbers, label last. */
function rowsOf(file: string): number[][] {
  const t = readTable(file);
  return Array.from({ length: t.rows }, (_, r) => Array.from(t.data.subarray(r * t.cols, (r + 1) * t.cols)));
}

function diabetesRows(): number[][] {
  const x = readText(join(tabular, 'diabetes_data_raw.csv.gz')).trim().split('\n');
  const y = readText(join(tabular, 'diabetes_target.csv.gz')).trim().split('\n');
  return x.map((l, i) => [...l.trim().split(/\s+/).map(Number), Number(y[i])]);
}

/**
 * Fold of each row. Stratified: each class's rows, shuffled, are dealt to the folds in turn,
 * the deal continuing from class to class so fold sizes differ by one at most. Otherwise one
 * shuffled deal of all rows.
 */
function foldAssignment(labels: number[], k: number, seed: number, stratified: boolean): Int32Array {
  const rng = new Random(seed);
  const fold = new Int32Array(labels.length);
  const groups = new Map<number, number[]>();
  labels.forEach((y, i) => {
    const key = stratified ? y : 0;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(i);
  });
  let next = 0;
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const rows = groups.get(key)!;
    for (const j of rng.permutation(rows.length)) fold[rows[j]!] = next++ % k;
  }
  return fold;
}

const csv = (rows: number[][]): string => rows.map((r) => r.join(',')).join('\n') + '\n';
const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
/** Sample standard deviation over folds. */
const sd = (a: number[]): number => Math.sqrt(a.reduce((s, v) => s + (v - mean(a)) ** 2, 0) / Math.max(1, a.length - 1));

const tasks = [
  { name: 'breast_cancer', rows: rowsOf(join(tabular, 'breast_cancer.csv')), model: 'logistic', metric: 'accuracy' },
  { name: 'wine', rows: rowsOf(join(tabular, 'wine_data.csv')), model: 'softmax', metric: 'accuracy' },
  { name: 'iris', rows: rowsOf(join(tabular, 'iris.csv')), model: 'softmax', metric: 'accuracy' },
  { name: 'digits', rows: rowsOf(join(tabular, 'digits.csv.gz')), model: 'softmax', metric: 'accuracy' },
  { name: 'diabetes', rows: diabetesRows(), model: 'linear', metric: 'r2' },
] as const;

console.log(`${folds}-fold cross-validation, the same folds for both tools (seed ${seed}; stratified for the classifiers)`);
console.log('lexnet: CLI `fit --kind K` defaults (lbfgs, λ = 1/n); scikit-learn: StandardScaler + LogisticRegression() / Ridge()\n');
console.log(`${'data set'.padEnd(14)}${'model'.padEnd(10)}${'metric'.padEnd(10)}${'lexnet'.padEnd(18)}${'scikit-learn'.padEnd(18)}${'lexnet − sklearn'.padEnd(18)}s/fold lexnet (CLI process) | sklearn (fit)`);
const notes: string[] = [];
for (const task of tasks) {
  const labels = task.rows.map((r) => r.at(-1)!);
  const fold = foldAssignment(labels, folds, seed, task.metric === 'accuracy');
  const dataFile = join(work, `${task.name}.csv`), foldFile = join(work, `${task.name}.folds`);
  writeFileSync(dataFile, csv(task.rows));
  writeFileSync(foldFile, Array.from(fold).join('\n') + '\n');
  const ours: number[] = [], oursSeconds: number[] = [];
  const stops: string[] = [];
  for (let k = 0; k < folds; k++) {
    const train = join(work, `${task.name}-${k}-train.csv`), test = join(work, `${task.name}-${k}-test.csv`);
    writeFileSync(train, csv(task.rows.filter((_, i) => fold[i] !== k)));
    writeFileSync(test, csv(task.rows.filter((_, i) => fold[i] === k)));
    const t0 = performance.now();
    const out = execFileSync(process.execPath, [cli, 'fit', '--train', train, '--test', test, '--kind', task.model, '--json'], { encoding: 'utf8' });
    oursSeconds.push((performance.now() - t0) / 1000);
    const result = JSON.parse(out.trim().split('\n').pop()!);
    ours.push(result[task.metric]);
    if (result.lbfgs && result.lbfgs.stop !== 'converged') stops.push(`fold ${k}: ${result.lbfgs.stop}`);
  }
  let theirs: number[] = [], theirSeconds: number[] = [];
  if (haveSklearn) {
    const ref = JSON.parse(execFileSync(python, [join(root, 'bench/sklearn_tabular.py'), task.metric === 'accuracy' ? 'classify' : 'regress', dataFile, foldFile], { encoding: 'utf8' }).trim());
    theirs = ref.scores;
    theirSeconds = ref.seconds;
    if (ref.notConverged > 0) notes.push(`${task.name}: scikit-learn warned that ${ref.notConverged} of ${folds} fits did not converge (max_iter=100)`);
    if (ref.linearRegression) notes.push(`${task.name}: scikit-learn LinearRegression (no penalty) R² ${fmtStat(ref.linearRegression, 'r2')}`);
  }
  if (stops.length > 0) notes.push(`${task.name}: lexnet's L-BFGS did not meet its gradient tolerance in ${stops.join(', ')}`);
  const scale = task.metric === 'accuracy' ? 100 : 1;
  const diff = haveSklearn ? `${(scale * (mean(ours) - mean(theirs))).toFixed(task.metric === 'accuracy' ? 2 : 4)}${task.metric === 'accuracy' ? ' pt' : ''}` : '-';
  console.log(
    `${task.name.padEnd(14)}${task.model.padEnd(10)}${task.metric.padEnd(10)}${fmtStat(ours, task.metric).padEnd(18)}${(haveSklearn ? fmtStat(theirs, task.metric) : '-').padEnd(18)}${diff.padEnd(18)}` +
    `${mean(oursSeconds).toFixed(2)} | ${haveSklearn ? mean(theirSeconds).toFixed(3) : '-'}`,
  );
  const perFold = (a: number[]) => a.map((v) => (scale * v).toFixed(task.metric === 'accuracy' ? 2 : 4)).join(' ');
  console.log(`${''.padEnd(14)}per fold: ${perFold(ours)}${haveSklearn ? `  |  ${perFold(theirs)}` : ''}`);
}
for (const n of notes) console.log(`note: ${n}`);

function fmtStat(a: number[], metric: string): string {
  return metric === 'accuracy' ? `${(100 * mean(a)).toFixed(2)} ± ${(100 * sd(a)).toFixed(2)}%` : `${mean(a).toFixed(4)} ± ${sd(a).toFixed(4)}`;
}
