import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildVocabulary, textCorpus, type Corpus } from '../src/index.js';
import { LexnetError } from '../src/io/errors.js';
import { liveTemporaries } from '../src/io/temp-files.js';
import { encodeCorpus } from '../src/word2vec/encode.js';
import { CLI, lexnet, tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';

const dir = tempDir();
const corpus = textCorpus(writeTemp(dir, 'topics.txt', topicCorpus(200, 1)));
const { vocab, sentences } = buildVocabulary(corpus, 1);

function freshFolder(name: string): string {
  const p = join(dir, name);
  mkdirSync(p);
  return p;
}

test('the encoded corpus goes to tmpDir and remove() takes it away', () => {
  const tmp = freshFolder('ok');
  const e = encodeCorpus(corpus, vocab, { tmpDir: tmp, sentences });
  assert.equal(e.ids, vocab.totalCount + sentences);
  assert.match(readdirSync(tmp).join(), /^lexnet-w2v-\w+$/);
  assert.ok(existsSync(e.path));
  e.remove();
  assert.deepEqual(readdirSync(tmp), []);
  assert.deepEqual(liveTemporaries(), []);
});

test('a full disk is a LexnetError naming the folder and the bytes needed, and nothing is left behind', () => {
  const tmp = freshFolder('full');
  const write = (): number => {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };
  const need = 4 * (vocab.totalCount + sentences);
  assert.throws(() => encodeCorpus(corpus, vocab, { tmpDir: tmp, sentences, write }), (e: Error) =>
    e instanceof LexnetError &&
    e.message.startsWith(`temporary folder ${tmp}: no space left on device`) &&
    e.message.includes(`${need.toLocaleString('en-US')} bytes`) &&
    e.message.includes('tmpDir or TMPDIR') && e.option === 'tmpDir');
  assert.deepEqual(readdirSync(tmp), []);
  assert.deepEqual(liveTemporaries(), []);
});

test('a short write is completed rather than silently dropped', () => {
  const tmp = freshFolder('short');
  const write = (fd: number, bytes: Uint8Array, offset: number, length: number): number => {
    writeFileSync(fd, bytes.subarray(offset, offset + Math.min(length, 3)));
    return Math.min(length, 3);
  };
  const e = encodeCorpus(corpus, vocab, { tmpDir: tmp, sentences, write });
  const full = encodeCorpus(corpus, vocab, { tmpDir: tmp, sentences });
  assert.equal(e.ids, full.ids);
  assert.deepEqual(readFileSync(e.path), readFileSync(full.path));
  e.remove();
  full.remove();
});

test('a missing temporary folder, or a file in its place, is a clear error', () => {
  assert.throws(() => encodeCorpus(corpus, vocab, { tmpDir: join(dir, 'nope') }),
    new LexnetError(`temporary folder ${join(dir, 'nope')}: does not exist; set tmpDir or TMPDIR`, { option: 'tmpDir' }));
  const file = writeTemp(dir, 'plain', 'x');
  assert.throws(() => encodeCorpus(corpus, vocab, { tmpDir: file }), /temporary folder .*plain: is not a folder; set tmpDir or TMPDIR/);
});

test('a corpus that fails while it is read leaves no temporary folder', () => {
  const tmp = freshFolder('broken');
  const broken: Corpus = {
    name: 'broken',
    *sentences() {
      yield ['cat', 'dog'];
      throw new LexnetError('broken:2: invalid UTF-8');
    },
  };
  assert.throws(() => encodeCorpus(broken, vocab, { tmpDir: tmp }), /broken:2: invalid UTF-8/);
  assert.deepEqual(readdirSync(tmp), []);
});

test('lexnet word2vec --tmp-dir: a missing folder fails before any work', () => {
  const r = lexnet(['word2vec', '--corpus', corpus.name, '--out', join(dir, 'v.bin'), '--tmp-dir', join(dir, 'absent')]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `lexnet: temporary folder ${join(dir, 'absent')}: does not exist; set --tmp-dir or TMPDIR\n`);
  assert.equal(r.stdout, '');
});

const bigCorpus = writeTemp(dir, 'big.txt', topicCorpus(40000, 2));

/** Starts a long word2vec run, waits for its temporary folder, sends `signal`, and waits for the end. */
async function interrupt(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; left: string[]; stderr: string }> {
  const tmp = freshFolder(`t-${signal}`);
  const child = spawn(process.execPath, [CLI, 'word2vec', '--corpus', bigCorpus, '--out', join(dir, `${signal}.bin`),
    '--epochs', '50', '--threads', '1', '--dim', '20', '--min-count', '1', '--tmp-dir', tmp, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
  let exited = false;
  void ended.then(() => { exited = true; });
  while (!exited && !readdirSync(tmp).some((f) => f.startsWith('lexnet-w2v-'))) await new Promise((r) => setTimeout(r, 10));
  assert.ok(!exited, `word2vec ended before its temporary folder appeared: ${stderr}`);
  child.kill(signal);
  const end = await ended;
  return { ...end, left: readdirSync(tmp), stderr };
}

for (const [signal, status] of [['SIGTERM', 143], ['SIGINT', 130], ['SIGHUP', 129]] as const) {
  test(`${signal} removes the temporary corpus and exits with ${status}`, async () => {
    const r = await interrupt(signal);
    assert.deepEqual({ code: r.code, signal: r.signal }, { code: status, signal: null }, r.stderr);
    assert.deepEqual(r.left, []);
    assert.match(r.stderr, new RegExp(`stopped by ${signal}`));
    assert.equal(existsSync(join(dir, `${signal}.bin`)), false);
  });
}
