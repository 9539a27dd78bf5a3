/**
 * `lexnet queue` throughput with 1 and 2 workers (issue 24). Writes a tagger of the default size
 * (window 5, 50-dim words, 300 hidden units, CRF decoding; random weights: the work per token is
 * what counts) and `--records` JSON Lines records of `--words` pseudo-words each, starts Debian's
 * redis-server on a free loopback port, and for 1 and 2 workers: submits the input in shards of
 * `--shard-size`, starts the workers (`lexnet queue work --exit-when-empty`, processes on this
 * machine, standing for machines), and times them until the last one ends; then checks that
 * `lexnet queue collect` gives the bytes of one `lexnet tagger tag --format jsonl` process.
 * Prints records per second (the workers' wall time, from their start to the last one's end:
 * model loading included) and the same for the single process. Run it on an idle machine with at
 * least 2 cores:
 *
 *   npm run build:ts && node dist/bench/queue.js [--records 100000] [--words 20] [--shard-size 2000] [--keep]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Random } from '../src/core/random.js';
import { Lexicon } from '../src/tagger/features.js';
import { DEFAULT_TAGGER_CONFIG, TaggerModel } from '../src/tagger/model.js';
import { saveTagger } from '../src/tagger/model-file.js';
import { arg, cli, workDir } from './common.js';

const records = Number(arg('records', '100000'));
const wordsPerRecord = Number(arg('words', '20'));
const shardSize = arg('shard-size', '2000');
const redisServer = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
if (!redisServer) {
  console.error('redis-server is not installed (apt-get install redis-server)');
  process.exit(1);
}
const dir = workDir('lexnet-bench-queue-');

// the model: a vocabulary of 5,000 pseudo-words, 9 tags
const rng = new Random(7);
const vocabulary = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}${'aeiou'[i % 5]}`);
const lexicon = (items: string[]): Lexicon => { const l = new Lexicon(); items.forEach((w) => l.add(w)); return l; };
const model = new TaggerModel(DEFAULT_TAGGER_CONFIG, lexicon(vocabulary), lexicon(vocabulary.map((w) => w.slice(0, 2))), lexicon(vocabulary.map((w) => w.slice(-2))),
  ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC']);
model.initialize(rng);
const modelFile = join(dir, 'bench.tagger');
saveTagger(modelFile, model);
const lines: string[] = [];
for (let i = 0; i < records; i++) {
  const text = Array.from({ length: wordsPerRecord }, () => vocabulary[rng.int(vocabulary.length)]!).join(' ');
  lines.push(JSON.stringify({ id: i, text }));
}
const input = join(dir, 'input.jsonl');
writeFileSync(input, `${lines.join('\n')}\n`);

const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port: p } = s.address() as { port: number }; s.close(() => resolve(p)); });
});
const redis: ChildProcess = spawn(redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
process.once('exit', () => redis.kill('SIGKILL'));
await new Promise((r) => setTimeout(r, 500));
const url = `redis://127.0.0.1:${port}`;

const run = (args: string[]): string => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 2 ** 30 });
  if (r.status !== 0) throw new Error(`lexnet ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const exit = (c: ChildProcess): Promise<void> => new Promise((resolve, reject) => c.on('exit', (s) => (s === 0 ? resolve() : reject(new Error(`a worker ended with ${s}`)))));

let t = performance.now();
const single = run(['tagger', 'tag', '--model', modelFile, '--data', input, '--format', 'jsonl']);
const singleSeconds = (performance.now() - t) / 1000;
console.log(`${records} records of ${wordsPerRecord} words, shards of ${shardSize}, default-size tagger (CRF)`);
console.log('| run | wall time | records/s |\n| --- | ---: | ---: |');
console.log(`| one process (tagger tag --format jsonl) | ${singleSeconds.toFixed(2)} s | ${Math.round(records / singleSeconds)} |`);
for (const workers of [1, 2]) {
  const out = join(dir, `out-${workers}`);
  const queue = `bench-${workers}`;
  run(['queue', 'submit', '--redis', url, '--queue', queue, '--task', `tagger tag --model ${modelFile}`, '--out-dir', out, '--input', input, '--shard-size', shardSize, '--quiet']);
  t = performance.now();
  await Promise.all(Array.from({ length: workers }, () => exit(spawn(process.execPath, [cli, 'queue', 'work', '--redis', url, '--queue', queue, '--exit-when-empty', '--quiet'], { stdio: 'inherit' }))));
  const seconds = (performance.now() - t) / 1000;
  if (run(['queue', 'collect', '--out-dir', out]) !== single) throw new Error(`${workers} workers: the merged output differs from one process's`);
  console.log(`| queue, ${workers} worker${workers > 1 ? 's' : ''} | ${seconds.toFixed(2)} s | ${Math.round(records / seconds)} |`);
}
redis.kill('SIGKILL');
