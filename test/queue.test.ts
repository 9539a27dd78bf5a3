// lexnet queue (issue 24, part 2): a redis-server started on a loopback port inside the test;
// the tests are skipped, saying why, when redis-server is not installed (.ci/run installs it).
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CLI, lexnet, tempDir, writeTemp } from './cli.js';
import { writeModelFixtures } from './model-fixtures.js';

const redisServer = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
const skip = redisServer ? false : 'redis-server is not installed (apt-get install redis-server)';
const dir = tempDir();
const models = writeModelFixtures(dir);
let server: ChildProcess | undefined;
let url = '';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection({ port, host: '127.0.0.1' }, () => c.write('PING\r\n'));
    c.on('data', (d) => { c.destroy(); resolve(d.toString().startsWith('+PONG')); });
    c.on('error', () => resolve(false));
  });
}

before(async () => {
  if (!redisServer) return;
  const port = await freePort();
  server = spawn(redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--dbfilename', 'unused.rdb'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(await answers(port), 'redis-server answers');
  url = `redis://127.0.0.1:${port}`;
});
after(() => { server?.kill('SIGKILL'); });

const words = ['good', 'bad', 'film', 'the', 'cat', 'dull'];
function records(n: number, length = 7): string {
  return `${Array.from({ length: n }, (_, i) => {
    const ws = Array.from({ length: 1 + (i % length) }, (_, k) => words[(i * 3 + k * 5) % words.length]!);
    return JSON.stringify(i % 3 === 0 ? { id: `r${i}`, tokens: ws } : { id: i, text: ws.join(' ') });
  }).join('\n')}\n`;
}

/** lexnet with room for a large standard output. */
function big(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
}

/** Runs the CLI in the background; resolves with its status and standard error. */
function background(args: string[]): { child: ChildProcess; done: Promise<{ status: number | null; signal: string | null; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  return { child, done: new Promise((resolve) => child.on('exit', (status, signal) => resolve({ status, signal, stderr }))) };
}

test('queue submit, work and collect: the merged output is byte-identical to one process over the input', { skip }, async () => {
  const a = writeTemp(dir, 'a.jsonl', records(1300));
  const b = writeTemp(dir, 'b.jsonl', records(250, 3));
  const single = lexnet(['classify', 'predict', '--model', models.mlp, '--data', '-', '--format', 'jsonl'], records(1300) + records(250, 3));
  assert.equal(single.status, 0, single.stderr);
  const out = join(dir, 'run1');
  const task = `classify predict --model ${models.mlp}`;
  const submit = lexnet(['queue', 'submit', '--redis', url, '--queue', 'q1', '--task', task, '--out-dir', out, '--input', a, b, '--shard-size', '200']);
  assert.equal(submit.status, 0, submit.stderr);
  assert.match(submit.stdout, /^1550 records in 9 shards put on queue q1/);
  // before any worker: collect says what is missing
  const early = lexnet(['queue', 'collect', '--out-dir', out]);
  assert.equal(early.status, 1);
  assert.match(early.stderr, /9 of 9 shards have no output yet/);
  const work = await background(['queue', 'work', '--redis', url, '--queue', 'q1', '--exit-when-empty']).done;
  assert.equal(work.status, 0, work.stderr);
  const merged = lexnet(['queue', 'collect', '--out-dir', out]);
  assert.equal(merged.status, 0, merged.stderr);
  assert.equal(merged.stdout, single.stdout);
  // a second run may not reuse the folder (its shard files would mix with the first's)
  const again = lexnet(['queue', 'submit', '--redis', url, '--queue', 'q1', '--task', task, '--out-dir', out, '--input', a]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /holds an earlier run/);
});

test('a worker killed with SIGKILL mid-run loses nothing: its shard goes to another worker, the output is the same', { skip }, async () => {
  const input = records(12_000, 40);
  const file = writeTemp(dir, 'kill.jsonl', input);
  const single = big(['tagger', 'tag', '--model', models.tagger, '--data', file, '--format', 'jsonl']);
  assert.equal(single.status, 0, single.stderr);
  const out = join(dir, 'run2');
  const submit = lexnet(['queue', 'submit', '--redis', url, '--queue', 'q2', '--task', `tagger tag --model ${models.tagger}`, '--out-dir', out, '--input', file, '--shard-size', '500']);
  assert.equal(submit.status, 0, submit.stderr);
  const first = background(['queue', 'work', '--redis', url, '--queue', 'q2', '--lock-ms', '1000']);
  const client = new Redis(url, { maxRetriesPerRequest: null });
  const q = new Queue('q2', { connection: client });
  try {
    // kill it once it has written a shard and holds another
    for (let i = 0; i < 600; i++) {
      if (readdirSync(out).some((n) => n.startsWith('shard-')) && (await q.getActiveCount()) > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    first.child.kill('SIGKILL');
    const killed = await first.done;
    assert.equal(killed.signal, 'SIGKILL');
    assert.ok(readdirSync(out).filter((n) => n.startsWith('shard-')).length < 24, 'the first worker was killed before the end');
    const second = await background(['queue', 'work', '--redis', url, '--queue', 'q2', '--lock-ms', '1000', '--exit-when-empty']).done;
    assert.equal(second.status, 0, second.stderr);
  } finally {
    await q.close();
    client.disconnect();
  }
  const merged = big(['queue', 'collect', '--out-dir', out]);
  assert.equal(merged.status, 0, merged.stderr);
  assert.equal(merged.stdout, single.stdout);
});

test('malformed lines: --on-error stop fails the shard for good (collect names it missing), skip leaves them out with a warning naming FILE:LINE', { skip }, async () => {
  const bad = writeTemp(dir, 'bad.jsonl', '{"id":1,"text":"good"}\n{"id":2,"text":"bad"}\n{"id":3}\n{"id":4,"text":"film"}\n');
  const task = `classify predict --model ${models.fasttext}`;
  for (const onError of ['stop', 'skip']) {
    const out = join(dir, `run-${onError}`);
    const submit = lexnet(['queue', 'submit', '--redis', url, '--queue', `q-${onError}`, '--task', task, '--out-dir', out, '--input', bad, '--shard-size', '2', '--on-error', onError]);
    assert.equal(submit.status, 0, submit.stderr);
    const work = await background(['queue', 'work', '--redis', url, '--queue', `q-${onError}`, '--exit-when-empty']).done;
    assert.equal(work.status, 0, work.stderr);
    const merged = lexnet(['queue', 'collect', '--out-dir', out]);
    if (onError === 'stop') {
      assert.match(work.stderr, new RegExp(`shard 1 failed: ${bad}:3: missing "text" \\(a string\\) or "tokens" \\(an array of strings\\)\\n`));
      assert.equal(merged.status, 1);
      assert.match(merged.stderr, /1 of 2 shards have no output yet \(.*shard-000001\.jsonl\)/);
    } else {
      assert.match(work.stderr, new RegExp(`warning: ${bad}:3: missing "text" .* \\(skipped\\)`));
      assert.equal(merged.status, 0, merged.stderr);
      assert.deepEqual(merged.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id), [1, 2, 4]);
    }
  }
});

test('queue options: a task that is not a jsonl command, a Redis URL that is not one', { skip }, () => {
  const task = lexnet(['queue', 'submit', '--redis', url, '--queue', 'q', '--task', 'fit --train x', '--out-dir', join(dir, 'r3')]);
  assert.equal(task.status, 2);
  assert.match(task.stderr, /^lexnet: --task must be one of 'tagger tag --model FILE'/);
  const redis = lexnet(['queue', 'work', '--redis', 'http://x', '--queue', 'q']);
  assert.equal(redis.status, 2);
  assert.equal(redis.stderr, 'lexnet: --redis must be a redis:// URL, got "http://x"\n');
});
