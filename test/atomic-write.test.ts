import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { LexnetError } from '../src/io/errors.js';
import { tempDir } from './cli.js';

const mode = (p: string): number => statSync(p).mode & 0o777;
const tmpNames = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

test('a new file gets its content and the usual mode, 0666 & ~umask', () => {
  const dir = tempDir();
  const p = join(dir, 'new.txt');
  writeFileAtomic(p, ['a', new Uint8Array([98]), 'c']);
  assert.equal(readFileSync(p, 'utf8'), 'abc');
  assert.equal(mode(p), 0o666 & ~process.umask());
  assert.deepEqual(tmpNames(dir), []);
});

test('the temporary file has an unpredictable name, mode 600, and planted files at the old name are left alone', () => {
  const dir = tempDir();
  const outside = join(dir, 'outside');
  mkdirSync(outside);
  const victim = join(outside, 'victim.txt');
  writeFileSync(victim, 'precious');
  const work = join(dir, 'work');
  mkdirSync(work);
  const target = join(work, 'x.bin');
  // the old scheme's name, `.<name>.<pid>.tmp`: a symbolic link to another file, and a plain file
  const oldName = join(work, `.x.bin.${process.pid}.tmp`);
  symlinkSync(victim, oldName);
  const other = join(work, 'y.bin');
  const oldOther = join(work, `.y.bin.${process.pid}.tmp`);
  writeFileSync(oldOther, 'planted');
  const seen: { name: string; mode: number }[] = [];
  writeFileAtomic(target, (function* () {
    yield 'first ';
    for (const f of tmpNames(work)) {
      if (f !== basename(oldName) && f !== basename(oldOther)) seen.push({ name: f, mode: lstatSync(join(work, f)).mode & 0o777 });
    }
    yield 'second';
  })());
  writeFileAtomic(other, 'fine');
  assert.equal(seen.length, 1);
  assert.match(seen[0]!.name, /^\.x\.bin\.[0-9a-f]{16}\.tmp$/);
  assert.equal(seen[0]!.mode, 0o600);
  assert.equal(readFileSync(target, 'utf8'), 'first second');
  assert.equal(readFileSync(other, 'utf8'), 'fine');
  assert.equal(readFileSync(victim, 'utf8'), 'precious');
  assert.deepEqual(readdirSync(outside), ['victim.txt']);
  assert.ok(lstatSync(oldName).isSymbolicLink());
  assert.equal(readFileSync(oldOther, 'utf8'), 'planted');
  assert.deepEqual(tmpNames(work).sort(), [basename(oldName), basename(oldOther)].sort());
});

test('a symbolic link stays a link and what it points at gets the content and keeps its mode', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'data'));
  const real = join(dir, 'data', 'vectors.txt');
  writeFileSync(real, 'old');
  chmodSync(real, 0o640);
  const link = join(dir, 'link.txt');
  symlinkSync('data/vectors.txt', link); // relative, as ln -s makes them
  const chain = join(dir, 'chain.txt');
  symlinkSync('link.txt', chain);
  writeFileAtomic(chain, 'new');
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.ok(lstatSync(chain).isSymbolicLink());
  assert.equal(readlinkSync(link), 'data/vectors.txt');
  assert.equal(readFileSync(real, 'utf8'), 'new');
  assert.equal(mode(real), 0o640);
  assert.deepEqual(tmpNames(dir), []);
  assert.deepEqual(tmpNames(join(dir, 'data')), []);
});

test('a dangling symbolic link is written through: the file it names is created', () => {
  const dir = tempDir();
  const link = join(dir, 'out.bin');
  symlinkSync('made.bin', link);
  writeFileAtomic(link, 'hello');
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readFileSync(join(dir, 'made.bin'), 'utf8'), 'hello');
});

test('a mode-600 file stays 600 (and 755 stays 755)', () => {
  const dir = tempDir();
  for (const m of [0o600, 0o755]) {
    const p = join(dir, `f${m.toString(8)}`);
    writeFileSync(p, 'old');
    chmodSync(p, m);
    writeFileAtomic(p, 'new');
    assert.equal(readFileSync(p, 'utf8'), 'new');
    assert.equal(mode(p), m);
  }
});

test('a FIFO receives the content directly and stays a FIFO', async () => {
  const dir = tempDir();
  const fifo = join(dir, 'pipe');
  const out = join(dir, 'out.txt');
  execFileSync('mkfifo', [fifo]);
  const reader = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', fifo, out], { stdio: 'ignore' });
  const done = new Promise<number | null>((resolve) => reader.on('exit', (code) => resolve(code)));
  writeFileAtomic(fifo, (function* () {
    for (let i = 0; i < 1000; i++) yield `line ${i}\n`;
  })());
  const stillFifo = lstatSync(fifo).isFIFO();
  if (!stillFifo) reader.kill(); // replaced by a regular file: the reader would wait forever
  assert.ok(stillFifo);
  assert.equal(await done, 0);
  const lines = readFileSync(out, 'utf8').split('\n');
  assert.equal(lines.length, 1001);
  assert.equal(lines[999], 'line 999');
  assert.deepEqual(tmpNames(dir), []);
});

test('zero runs leave holes in a regular file and are written out as zeros to a FIFO: the same bytes either way', async () => {
  const dir = tempDir();
  const chunks = () => ['ab', { zeros: 5 }, new Uint8Array([1, 2]), { zeros: 1 << 21 }, 'z', { zeros: 3 }];
  const expected = Buffer.concat([Buffer.from('ab'), Buffer.alloc(5), Buffer.from([1, 2]), Buffer.alloc(1 << 21), Buffer.from('z'), Buffer.alloc(3)]);
  const p = join(dir, 'sparse.bin');
  writeFileAtomic(p, chunks());
  assert.deepEqual(readFileSync(p), expected);
  writeFileAtomic(p, ['x', { zeros: 2 }]); // a hole at the end: the file is extended over it
  assert.deepEqual(readFileSync(p), Buffer.from([120, 0, 0]));
  const fifo = join(dir, 'pipe'), out = join(dir, 'out.bin');
  execFileSync('mkfifo', [fifo]);
  const reader = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', fifo, out], { stdio: 'ignore' });
  const done = new Promise<number | null>((resolve) => reader.on('exit', (code) => resolve(code)));
  writeFileAtomic(fifo, chunks());
  assert.equal(await done, 0);
  assert.deepEqual(readFileSync(out), expected);
});

test('- writes to standard output', () => {
  const cwd = tempDir();
  const module = join(dirname(fileURLToPath(import.meta.url)), '../src/io/atomic-write.js');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `import { writeFileAtomic } from ${JSON.stringify(module)}; writeFileAtomic('-', ['to ', 'stdout', new Uint8Array(200000).fill(97)]);`], { encoding: 'utf8', cwd });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readdirSync(cwd), []);
  assert.equal(r.stdout.length, 'to stdout'.length + 200000);
  assert.ok(r.stdout.startsWith('to stdout'));
});

test('a failure while writing leaves the earlier file intact and no temporary file behind', () => {
  const dir = tempDir();
  const p = join(dir, 'model.bin');
  writeFileSync(p, 'earlier');
  assert.throws(() => writeFileAtomic(p, (function* () {
    yield 'partial';
    throw new LexnetError('cannot write the word "a b"');
  })()), /cannot write the word/);
  assert.equal(readFileSync(p, 'utf8'), 'earlier');
  assert.deepEqual(readdirSync(dir), ['model.bin']);
});

test('a missing folder, a file in the way, a folder and a socket as target are clear errors', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'file'), 'x');
  assert.throws(() => writeFileAtomic(join(dir, 'missing', 'a.bin'), 'x'), (e: Error) =>
    e instanceof LexnetError && e.message.includes('missing/a.bin') && /folder .*missing does not exist/.test(e.message));
  assert.throws(() => writeFileAtomic(join(dir, 'file', 'a.bin'), 'x'), (e: Error) =>
    e instanceof LexnetError && /file\/a\.bin: cannot write .*not a folder/.test(e.message));
  assert.throws(() => writeFileAtomic(dir, 'x'), (e: Error) => e instanceof LexnetError && /is a folder/.test(e.message));
  const loop = join(dir, 'loop');
  symlinkSync('loop', loop);
  assert.throws(() => writeFileAtomic(loop, 'x'), (e: Error) => e instanceof LexnetError && /symbolic links/.test(e.message));
  const socket = join(dir, 'sock');
  const server = createServer().listen(socket);
  await once(server, 'listening');
  try {
    assert.throws(() => writeFileAtomic(socket, 'x'), (e: Error) => e instanceof LexnetError && /sock: cannot write \(is a socket/.test(e.message));
  } finally {
    server.close();
  }
  assert.deepEqual(readdirSync(dir).sort(), ['file', 'loop']);
});
