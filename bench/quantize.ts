/**
 * Quantized fastText models (issue 22) on SST-2, side by side with fastText 0.9.2 in one run:
 * `lexnet classify quantize --qnorm --cutoff N` with and without `--retrain` against `fasttext
 * quantize` with the same flags (file size, dev accuracy as `fasttext test` reports it, wall and CPU
 * seconds), from one `fasttext supervised -wordNgrams 2 -bucket 100000` model; then
 * `lexnet classify autotune --kind supervised --model-size SIZE` against `fasttext supervised
 * -autotune-modelsize SIZE` for the same budget. Retraining and autotune are random (threads,
 * draws): lexnet's files are not fastText's bytes there. Not a test: run by hand after `npm run build`.
 *
 *   node dist/bench/quantize.js [--cutoffs 10000,50000] [--threads 2] [--epochs 5] [--lr 0.05]
 *                               [--model-size 2M] [--duration 120] [--fasttext fasttext]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLabelledTsv } from '../src/text/labelled.js';
import { arg, cli, data, workDir } from './common.js';

const cutoffs = arg('cutoffs', '10000,50000').split(',').map(Number), threads = arg('threads', '2');
const epochs = arg('epochs', '5'), lr = arg('lr', '0.05'), modelSize = arg('model-size', '2M'), duration = arg('duration', '120');
const fasttext = arg('fasttext', 'fasttext');
const trainTsv = join(data, 'sst2/train.tsv'), devTsv = join(data, 'sst2/dev.tsv');
if (!existsSync(trainTsv)) {
  console.error(`no SST-2 data at ${trainTsv}; set LEXNET_DATA`);
  process.exit(1);
}
const work = workDir('lexnet-quantize-');
const asLines = (path: string): string[] => {
  const d = readLabelledTsv(path);
  return d.texts.map((t, i) => `__label__${d.labels[i]} ${t.join(' ')}`);
};
const train = join(work, 'train.txt'), dev = join(work, 'dev.txt');
writeFileSync(train, asLines(trainTsv).join('\n') + '\n');
writeFileSync(dev, asLines(devTsv).join('\n') + '\n');
const timeTool = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs a command under /usr/bin/time (when there is one): wall and CPU seconds. */
function measure(command: string, args: string[]): { wall: number; cpu: number } {
  const stats = join(work, 'time.txt');
  const start = process.hrtime.bigint();
  const r = timeTool
    ? spawnSync(timeTool, ['-f', '%U %S', '-o', stats, command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${r.stderr}`);
  const [user, sys] = timeTool ? readFileSync(stats, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) : [NaN, NaN];
  return { wall, cpu: user! + sys! };
}

/** Dev accuracy (P@1, one label per line) as `fasttext test` reports it. */
const accuracy = (model: string): number => Number(/P@1\s+([\d.]+)/.exec(spawnSync(fasttext, ['test', model, dev], { encoding: 'utf8' }).stdout)?.[1]);
const row = (name: string, file: string, t?: { wall: number; cpu: number }) =>
  console.log(`${name.padEnd(72)} ${(statSync(file).size / 1e6).toFixed(2).padStart(7)} MB   dev ${(100 * accuracy(file)).toFixed(2)} %${t ? `   ${t.wall.toFixed(1).padStart(6)} s wall ${t.cpu.toFixed(1).padStart(6)} s CPU` : ''}`);

const base = join(work, 'base');
measure(fasttext, ['supervised', '-input', train, '-output', base, '-wordNgrams', '2', '-bucket', '100000', '-thread', threads, '-verbose', '0']);
console.log(`SST-2 (dev accuracy), ${threads} threads; retrain: ${epochs} epochs at ${lr}`);
row('fasttext supervised -wordNgrams 2 -bucket 100000', `${base}.bin`);
for (const cutoff of cutoffs) {
  for (const retrain of [false, true]) {
    const flags = ['--qnorm', '--cutoff', String(cutoff), ...(retrain ? ['--retrain', '--input', train, '--epochs', epochs, '--lr', lr, '--threads', threads] : [])];
    const ours = join(work, `lexnet-${cutoff}-${retrain}.ftz`);
    const t1 = measure(process.execPath, [cli, 'classify', 'quantize', '--model', `${base}.bin`, '--out', ours, ...flags, '--quiet']);
    row(`lexnet   ${flags.filter((f) => f !== train && f !== '--input').join(' ')}`, ours, t1);
    const theirs = join(work, `fasttext-${cutoff}-${retrain}`);
    copyFileSync(`${base}.bin`, `${theirs}.bin`);
    const t2 = measure(fasttext, ['quantize', '-input', train, '-output', theirs, '-qnorm', '-cutoff', String(cutoff), ...(retrain ? ['-retrain', '-epoch', epochs, '-lr', lr] : []), '-thread', threads, '-verbose', '0']);
    row(`fastText -qnorm -cutoff ${cutoff}${retrain ? ` -retrain -epoch ${epochs} -lr ${lr}` : ''}`, `${theirs}.ftz`, t2);
  }
}
console.log(`autotune, ${duration} s, model size ${modelSize}:`);
const ours = join(work, 'autotune.ftz');
const t1 = measure(process.execPath, [cli, 'classify', 'autotune', '--kind', 'supervised', '--train', train, '--dev', dev, '--duration', duration, '--model-size', modelSize, '--threads', threads, '--out', ours, '--quiet']);
row('lexnet   classify autotune --model-size', ours, t1);
const theirs = join(work, 'autotune-ft');
const t2 = measure(fasttext, ['supervised', '-input', train, '-output', theirs, '-autotune-validation', dev, '-autotune-duration', duration, '-autotune-modelsize', modelSize, '-thread', threads, '-verbose', '0']);
row('fastText supervised -autotune-modelsize', `${theirs}.ftz`, t2);
