import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LexnetError } from '../io/errors.js';
import { loadOptionalModule } from '../io/optional-package.js';
import { readLines } from '../text/line-reader.js';
import { ON_ERROR, type OnError } from './jsonl-stream.js';
import type { BatchRunner } from './jsonl-tasks.js';
import { intIn, oneOf, positiveInt } from './options.js';
import { MANIFEST, parseTask, readManifest, shardFile, writeManifest, type ShardJob } from './queue-shards.js';
import { processShard } from './queue-work.js';
import { warn } from './quiet.js';
import { printResult, report } from './stdout.js';
import { UsageError } from './usage-error.js';

/** BullMQ's connection options from `redis://[user:password@]host[:port][/db]`. */
function connection(url: string): { host: string; port: number; username?: string; password?: string; db?: number; maxRetriesPerRequest: null } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`--redis must be a URL such as redis://127.0.0.1:6379, got "${url}"`);
  }
  if (u.protocol !== 'redis:') throw new UsageError(`--redis must be a redis:// URL, got "${url}"`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  if (db !== undefined && !(Number.isSafeInteger(db) && db >= 0)) throw new UsageError(`--redis: the database after the / must be a number, got "${u.pathname.slice(1)}"`);
  return {
    host: u.hostname || '127.0.0.1', port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}), ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db !== undefined ? { db } : {}), maxRetriesPerRequest: null,
  };
}

/** BullMQ and its Redis client are optional peer dependencies, loaded by `lexnet queue` only. */
const QUEUE_PACKAGES_MISSING = 'lexnet queue needs the packages bullmq and ioredis: npm install bullmq ioredis';

/** The last connection error, said if Redis never answers. */
let lastRedisError = '';

/** A Redis client for BullMQ (ioredis; BullMQ under ESM takes a client, not options). */
async function redisClient(url: string): Promise<import('ioredis').Redis> {
  const { Redis } = await loadOptionalModule(() => import('ioredis'), QUEUE_PACKAGES_MISSING);
  const client = new Redis(connection(url));
  // a lost connection is retried; a first one that never comes is said by reachable()
  client.on('error', (e: Error) => { lastRedisError = e.message; });
  return client;
}

/** Resolves with `p`, or fails with a LexnetError saying that Redis did not answer. */
async function reachable<T>(p: Promise<T>, url: string, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new LexnetError(`--redis ${url}: no answer from Redis within ${ms / 1000} s${lastRedisError ? ` (${lastRedisError})` : ''}; is redis-server running there?`)), ms); });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

const SHARD_NAME = /^shard-\d{6}\.jsonl$/;

export function registerQueue(program: Command): void {
  const queue = program.command('queue').description('batch inference across machines: shards of JSON Lines on a BullMQ queue (Redis), outputs in a shared folder');

  queue
    .command('submit')
    .description('cut JSON Lines inputs into shards and put one job per shard on the queue')
    .requiredOption('--redis <url>', 'Redis server, redis://host:port[/db]')
    .requiredOption('--queue <name>', 'queue name')
    .requiredOption('--task <command>', "what each worker runs on a shard: 'tagger tag --model FILE', 'classify predict --model FILE', 'predict --model FILE' or 'lookup VECTORS [--limit N]' (paths every worker can read)")
    .requiredOption('--out-dir <dir>', 'shared folder for the shard outputs (the same path on every machine); must hold no earlier run')
    .option('--input <files...>', 'JSON Lines inputs, in order (- for standard input)', ['-'])
    .option('--shard-size <n>', 'records per shard', intIn(1, 10_000_000), 1000)
    .option('--on-error <mode>', 'a malformed line fails its shard (stop: not retried, collect then reports the shard missing) or is skipped (skip: a warning from the worker)', oneOf(ON_ERROR), 'stop')
    .option('--attempts <n>', 'tries of a shard whose worker fails (an error, not a malformed line) before the queue gives it up', positiveInt, 5)
    .option('--quiet', 'no summary', false)
    .action(async (f: { redis: string; queue: string; task: string; outDir: string; input: string[]; shardSize: number; onError: OnError; attempts: number }) => {
      const task = parseTask(f.task);
      if (!existsSync(task.model)) throw new LexnetError(`--task: ${task.model}: no such file`);
      if (f.input.filter((i) => i === '-').length > 1) throw new UsageError('--input names standard input (-) twice');
      const outDir = resolve(f.outDir);
      mkdirSync(outDir, { recursive: true });
      if (readdirSync(outDir).some((n) => n === MANIFEST || SHARD_NAME.test(n))) throw new UsageError(`--out-dir ${f.outDir} holds an earlier run (${MANIFEST} or shard files): give an empty folder`);
      const { Queue } = await loadOptionalModule(() => import('bullmq'), QUEUE_PACKAGES_MISSING);
      const client = await redisClient(f.redis);
      const q = new Queue<ShardJob>(f.queue, { connection: client });
      q.on('error', () => {}); // connection errors: see reachable()
      try {
        await reachable(q.waitUntilReady(), f.redis);
        // a run's jobs have ids of their own, so a second run on the same queue never meets the first's
        const run = randomBytes(6).toString('hex');
        let shards = 0, records = 0;
        let pending: { name: string; data: ShardJob; opts: { jobId: string; attempts: number; backoff: { type: 'fixed'; delay: number }; removeOnComplete: boolean } }[] = [];
        const flush = async (): Promise<void> => { if (pending.length) await q.addBulk(pending); pending = []; };
        const add = async (name: string, lines: [number, string][]): Promise<void> => {
          const shard = shards++;
          records += lines.length;
          pending.push({ name: 'shard', data: { shard, task, onError: f.onError, outDir, name, lines }, opts: { jobId: `${run}-${shard}`, attempts: f.attempts, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: true } });
          if (pending.length >= 32) await flush();
        };
        for (const input of f.input) {
          const name = input === '-' ? 'stdin' : input;
          let lines: [number, string][] = [];
          for (const [lineNo, line] of readLines(input)) {
            if (line.trim() === '') continue;
            lines.push([lineNo, line]);
            if (lines.length >= f.shardSize) { await add(name, lines); lines = []; }
          }
          if (lines.length) await add(name, lines);
        }
        await flush();
        writeManifest(outDir, { lexnet: 'queue-run', queue: f.queue, shards, inputs: f.input, task: f.task });
        report(`${records} records in ${shards} shards put on queue ${f.queue}; outputs go to ${outDir}`);
      } finally {
        await q.close();
        client.disconnect();
      }
    });

  queue
    .command('work')
    .description('process shards of the queue (any number of workers, on any machines): the model loaded once, each shard\'s output written atomically')
    .requiredOption('--redis <url>', 'Redis server, redis://host:port[/db]')
    .requiredOption('--queue <name>', 'queue name')
    .option('--exit-when-empty', 'end once the queue has no waiting or running shard (without it: wait for more shards until stopped)', false)
    .option('--lock-ms <ms>', 'how long a shard stays claimed without a sign of life from its worker; a worker killed mid-shard loses its shard to another worker after about this long', intIn(100, 3_600_000), 30_000)
    .option('--quiet', 'no warnings or summary', false)
    .action(async (f: { redis: string; queue: string; exitWhenEmpty: boolean; lockMs: number }) => {
      const { Queue, UnrecoverableError, Worker } = await loadOptionalModule(() => import('bullmq'), QUEUE_PACKAGES_MISSING);
      const conn = await redisClient(f.redis);
      const runners = new Map<string, BatchRunner>();
      let done = 0, failed = 0;
      const worker = new Worker<ShardJob, number>(f.queue, (job) => processShard(job.data, runners, (m) => new UnrecoverableError(m), (m) => warn(`${m} (skipped)`)), {
        connection: conn, concurrency: 1, lockDuration: f.lockMs, stalledInterval: f.lockMs, maxStalledCount: 1000, autorun: false,
      });
      worker.on('completed', () => { done++; });
      worker.on('failed', (job, e) => { failed++; warn(`shard ${job?.data.shard ?? '?'} failed${job && job.attemptsMade < (job.opts.attempts ?? 1) && !(e instanceof UnrecoverableError) ? ' (it will be retried)' : ''}: ${e.message}`); });
      worker.on('error', (e) => warn(`queue ${f.queue}: ${e.message}`));
      await reachable(worker.waitUntilReady(), f.redis);
      const running = worker.run();
      if (f.exitWhenEmpty) {
        const client = await redisClient(f.redis);
        const q = new Queue(f.queue, { connection: client });
        q.on('error', (e) => warn(`queue ${f.queue}: ${e.message}`));
        try {
          for (;;) {
            await new Promise((r) => setTimeout(r, Math.min(500, f.lockMs)));
            const counts = await q.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'waiting-children');
            if (Object.values(counts).every((n) => n === 0)) break;
          }
        } finally {
          await q.close();
          client.disconnect();
        }
        await worker.close();
      }
      await running;
      conn.disconnect();
      report(`${done} shards done${failed ? `, ${failed} failed` : ''}`);
    });

  queue
    .command('collect')
    .description('print the outputs of every shard of a run, in input order (the output of one `--format jsonl` process over the whole input)')
    .requiredOption('--out-dir <dir>', 'the --out-dir of `lexnet queue submit`')
    .option('--quiet', 'no summary', false)
    .action((f: { outDir: string }) => {
      const m = readManifest(f.outDir);
      const missing: string[] = [];
      for (let k = 0; k < m.shards; k++) if (!existsSync(shardFile(f.outDir, k))) missing.push(shardFile(f.outDir, k));
      if (missing.length) {
        throw new LexnetError(`${f.outDir}: ${missing.length} of ${m.shards} shards have no output yet (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}): wait for the workers, or look for failed shards in their warnings`);
      }
      for (let k = 0; k < m.shards; k++) {
        const text = readFileSync(shardFile(f.outDir, k), 'utf8');
        if (text) printResult(text.slice(0, -1));
      }
    });
}
