import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readWord2vecCheckpoint, writeWord2vecCheckpoint, type Word2vecCheckpoint } from '../src/word2vec/checkpoint.js';
import { CLI, lexnet, tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';

const dir = tempDir();
const tmp = join(dir, 'tmp'); // TMPDIR of the killed runs: their encoded corpora stay in here
mkdirSync(tmp);
const corpus = writeTemp(dir, 'kill.txt', topicCorpus(12000, 4)); // 96,000 tokens
const options = ['--dim', '16', '--min-count', '1', '--sample', '0', '--epochs', '6', '--threads', '1', '--seed', '3', '--quiet', '--show', ''];

/** Runs `lexnet args` without blocking; resolves to its exit status. */
function run(args: string[]): Promise<number | null> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

/**
 * Starts `lexnet args` and kill -9s it once its checkpoint shows progress beyond `after`
 * (and the run is not finished). Every read of the checkpoint while it runs must find a whole file.
 */
async function killAfterCheckpoint(args: string[], ck: string, after: number): Promise<Word2vecCheckpoint> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore', env: { ...process.env, TMPDIR: tmp } });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => { exited = true; resolve(); }));
  try {
    for (;;) {
      if (exited) assert.fail('the run ended before a checkpoint beyond the start was seen');
      if (existsSync(ck)) {
        const c = readWord2vecCheckpoint(ck); // atomic writes: never partial
        if (c.done > after && !c.threads.every((t) => t.epoch >= c.options.epochs)) {
          child.kill('SIGKILL');
          await exit;
          return readWord2vecCheckpoint(ck);
        }
      }
      await sleep(10);
    }
  } finally {
    if (!exited) child.kill('SIGKILL');
  }
}

test('kill -9 twice, then --resume: exit 0 and the same vectors, byte for byte, as an uninterrupted run', async () => {
  const reference = join(dir, 'reference.bin');
  const plain = run(['word2vec', '--corpus', corpus, '--out', reference, ...options]); // meanwhile, on the other core
  const out = join(dir, 'killed.bin'), ck = join(dir, 'run.ck');
  const first = await killAfterCheckpoint(['word2vec', '--corpus', corpus, '--out', out, ...options, '--checkpoint', ck, '--checkpoint-every', '0.2'], ck, 0);
  assert.equal(existsSync(out), false);
  const second = await killAfterCheckpoint(['word2vec', '--resume', ck], ck, first.done); // options, corpus and --out from the checkpoint
  assert.ok(second.done > first.done);
  const r = lexnet(['word2vec', '--resume', ck]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /resuming from .*run.ck at \d+\.\d% of 6 epochs/);
  assert.match(r.stdout, /wrote 12 vectors of dimension 16 to .*killed.bin/);
  assert.equal(await plain, 0);
  assert.ok(readFileSync(out).equals(readFileSync(reference)), 'resumed vectors differ from the uninterrupted run');
});

test('--resume refuses other options and other data, saying which; a damaged checkpoint is a clear error', () => {
  const ck = join(dir, 'small.ck'), out = join(dir, 'small.bin');
  const small = writeTemp(dir, 'small.txt', topicCorpus(300, 1));
  const r = lexnet(['word2vec', '--corpus', small, '--out', out, '--dim', '8', '--min-count', '1', '--epochs', '2', '--threads', '1', '--quiet', '--checkpoint', ck]);
  assert.equal(r.status, 0, r.stderr);
  // back to the start of the run, so that resuming it trains (and checks the data)
  const finished = readWord2vecCheckpoint(ck);
  writeWord2vecCheckpoint(ck, { ...finished, done: 0, threads: finished.threads.map((t) => ({ ...t, epoch: 0, pos: 0 })) });
  const dim = lexnet(['word2vec', '--resume', ck, '--dim', '16', '--kind', 'cbow']);
  assert.equal(dim.status, 1);
  assert.match(dim.stderr, /small.ck: the checkpoint was made with other options: --kind skipgram \(this run: cbow\), --dim 8 \(this run: 16\)/);
  const other = lexnet(['word2vec', '--resume', ck, '--corpus', writeTemp(dir, 'other.txt', topicCorpus(300, 2))]);
  assert.equal(other.status, 1);
  assert.match(other.stderr, /small.ck: the checkpoint was made with other data/);
  const upper = writeTemp(dir, 'upper.txt', topicCorpus(300, 1).toUpperCase());
  const kept = lexnet(['word2vec', '--resume', ck, '--no-lowercase', '--corpus', upper]);
  assert.equal(kept.status, 1);
  assert.match(kept.stderr, /word 1 of its vocabulary is "\w+" \(count \d+\), in this run "[A-Z]+"/);
  const lower = lexnet(['word2vec', '--resume', ck, '--lowercase', '--corpus', upper, '--out', join(dir, 'lower.bin')]);
  assert.equal(lower.status, 0, lower.stderr); // the same text once lower-cased
  const bytes = readFileSync(ck);
  const cut = writeTemp(dir, 'cut.ck', bytes.subarray(0, bytes.length - 20));
  const c = lexnet(['word2vec', '--resume', cut]);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /^lexnet: .*cut.ck: cut short in array "counts"/);
  const v = lexnet(['word2vec', '--resume', out]);
  assert.equal(v.status, 1);
  assert.match(v.stderr, /small.bin:1: not a lexnet-word2vec-checkpoint file/);
});

test('--checkpoint-every takes seconds > 0 (fractions too); --checkpoint must be writable and differ from --out', () => {
  for (const bad of ['0', '-1', 'soon']) {
    const r = lexnet(['word2vec', '--checkpoint', join(dir, 'x.ck'), '--checkpoint-every', bad]);
    assert.equal(r.status, 2); // a usage error
    assert.match(r.stderr, /--checkpoint-every must be (a number )?> 0, got/);
  }
  const alone = lexnet(['word2vec', '--checkpoint-every', '5']);
  assert.equal(alone.status, 2);
  assert.match(alone.stderr, /--checkpoint-every needs --checkpoint FILE/);
  const same = lexnet(['word2vec', '--checkpoint', join(dir, 'v.bin'), '--out', join(dir, 'v.bin')]);
  assert.equal(same.status, 2);
  assert.match(same.stderr, /--checkpoint and --out both name .*v.bin/);
  const dash = lexnet(['word2vec', '--checkpoint', '-']);
  assert.equal(dash.status, 1);
  assert.match(dash.stderr, /--checkpoint needs a file, not -/);
  mkdirSync(join(dir, 'folder.ck'));
  const folder = lexnet(['word2vec', '--checkpoint', join(dir, 'folder.ck')]);
  assert.equal(folder.status, 1);
  assert.match(folder.stderr, /--checkpoint .*folder.ck: (is a folder|is a directory|not a regular file)/);
  const nowhere = lexnet(['word2vec', '--checkpoint', join(dir, 'missing', 'x.ck')]);
  assert.equal(nowhere.status, 1);
  assert.match(nowhere.stderr, /--checkpoint .*x.ck: folder .*missing does not exist/);
});

test('a one-word corpus and a diverging run exit 1 with clear messages and no vectors', () => {
  const out = join(dir, 'one.bin');
  const one = lexnet(['word2vec', '--corpus', writeTemp(dir, 'one.txt', 'the the the the the\n'), '--out', out, '--min-count', '1', '--threads', '1']);
  assert.equal(one.status, 1);
  assert.match(one.stderr, /one.txt: the vocabulary has 1 word with count ≥ 1 \("the"\); word2vec needs at least 2/);
  const hot = lexnet(['word2vec', '--corpus', corpus, '--out', out, '--min-count', '1', '--dim', '8', '--alpha', '50', '--no-skip-saturated', '--threads', '1', '--quiet']);
  assert.equal(hot.status, 1);
  assert.match(hot.stderr, /diverged at epoch 1: the loss became .*--alpha 50 is probably too large/);
  assert.equal(existsSync(out), false);
});
