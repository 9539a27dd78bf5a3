import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { checkOutputDir, checkOutputPath } from '../src/io/output-path.js';
import { LexnetError } from '../src/io/errors.js';
import { lexnet, tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';

const dir = tempDir();
writeFileSync(join(dir, 'file.txt'), 'x');
mkdirSync(join(dir, 'sub'));

const fails = (fn: () => void, pattern: RegExp): void =>
  assert.throws(fn, (e: Error) => e instanceof LexnetError && pattern.test(e.message), 'expected a LexnetError matching ' + pattern);

test('checkOutputPath accepts new and existing files, -, and FIFOs (without opening them)', () => {
  checkOutputPath('-', '--out');
  checkOutputPath(join(dir, 'new.bin'), '--out');
  checkOutputPath(join(dir, 'file.txt'), '--out');
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  checkOutputPath(fifo, '--out'); // would block if it opened the FIFO
  symlinkSync('sub/linked.bin', join(dir, 'to-sub'));
  checkOutputPath(join(dir, 'to-sub'), '--out');
});

test('checkOutputPath refuses a missing folder, a file in the way, a folder, a socket, and a link into a missing folder', async () => {
  fails(() => checkOutputPath(join(dir, 'missing', 'x.bin'), '--out'), /^--out .*missing\/x\.bin: folder .*missing does not exist$/);
  fails(() => checkOutputPath(join(dir, 'missing', 'deeper', 'x.bin'), '--out'), /folder .*missing\/deeper does not exist/);
  fails(() => checkOutputPath(join(dir, 'file.txt', 'x.bin'), '--out'), /^--out .*: .*file\.txt is a file, not a folder$/);
  fails(() => checkOutputPath(join(dir, 'sub'), '--out'), /sub: is a folder$/);
  symlinkSync('nowhere/x.bin', join(dir, 'dangling'));
  fails(() => checkOutputPath(join(dir, 'dangling'), '--out'), /dangling: links to .*nowhere\/x\.bin, but folder .*nowhere does not exist/);
  symlinkSync('sub', join(dir, 'to-folder'));
  fails(() => checkOutputPath(join(dir, 'to-folder'), '--out'), /links to .*sub, but that is a folder/);
  const socket = join(dir, 'sock');
  const server = createServer().listen(socket);
  await once(server, 'listening');
  try {
    fails(() => checkOutputPath(socket, '--out'), /sock: is a socket/);
  } finally {
    server.close();
  }
});

test('checkOutputDir accepts a folder to be created under a writable one, and refuses files in the way', () => {
  checkOutputDir(join(dir, 'sub'), '--plots', ['a.svg']);
  checkOutputDir(join(dir, 'plots', 'deep'), '--plots', ['a.svg']);
  fails(() => checkOutputDir(join(dir, 'file.txt'), '--plots'), /^--plots .*file\.txt: is not a folder$/);
  fails(() => checkOutputDir(join(dir, 'file.txt', 'p'), '--plots'), /file\.txt is a file, not a folder/);
  mkdirSync(join(dir, 'sub', 'confusion.svg'));
  fails(() => checkOutputDir(join(dir, 'sub'), '--plots', ['confusion.svg']), /confusion\.svg: is a folder/);
  symlinkSync('gone', join(dir, 'broken-plots'));
  fails(() => checkOutputDir(join(dir, 'broken-plots'), '--plots'), /broken symbolic link/);
});

test('word2vec checks --out before reading the corpus or training', () => {
  const corpus = writeTemp(dir, 'big.txt', topicCorpus(20000, 3));
  const out = join(dir, 'no-such-folder', 'x.bin');
  const r = lexnet(['word2vec', '--corpus', corpus, '--out', out, '--epochs', '50', '--threads', '1', '--min-count', '1']);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, `lexnet: --out ${out}: folder ${join(dir, 'no-such-folder')} does not exist\n`);
  assert.equal(r.stdout, '');
  assert.equal(existsSync(join(dir, 'no-such-folder')), false);
});

test('tagger train, classify train/eval and fit check --out, --plots and --out first', () => {
  const conll = writeTemp(dir, 'tiny.conll', 'The DT\ncat NN\nsat VBD\n\nA DT\ndog NN\nran VBD\n\n');
  const tsv = writeTemp(dir, 'tiny.tsv', 'sentence\tlabel\ngood film\tpos\nbad film\tneg\ngreat film\tpos\nawful film\tneg\n');
  const csv = writeTemp(dir, 'tiny.csv', 'x1,x2,y\n0,0,0\n1,1,1\n0,1,0\n1,0,1\n0,0,0\n1,1,1\n');
  const missing = join(dir, 'absent');
  const blocked = join(dir, 'file.txt', 'plots');
  const cases: [string[], RegExp][] = [
    [['tagger', 'train', '--train', conll, '--out', join(missing, 't.model'), '--threads', '1'], /--out .*absent\/t\.model: folder .*absent does not exist/],
    [['classify', 'train', '--train', tsv, '--out', join(missing, 'c.model')], /--out .*absent\/c\.model: folder .*absent does not exist/],
    [['classify', 'train', '--train', tsv, '--out', join(dir, 'c.model'), '--plots', blocked], /--plots .*file\.txt\/plots: .*file\.txt is a file, not a folder/],
    [['classify', 'eval', '--model', join(dir, 'none.model'), '--data', tsv, '--plots', blocked], /--plots .*file\.txt is a file, not a folder/],
    [['fit', '--train', csv, '--out', join(missing, 'f.model'), '--epochs', '2'], /--out .*absent\/f\.model: folder .*absent does not exist/],
  ];
  for (const [args, pattern] of cases) {
    const r = lexnet(args);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.equal(r.stdout, '', args.join(' '));
  }
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.model')), []);
});

test('checkOutputPath tries the write: a name ending in / for a missing folder fails up front, and no probe is left', () => {
  const probeDir = join(dir, 'probed');
  mkdirSync(probeDir);
  fails(() => checkOutputPath(join(probeDir, 'vectors') + '/', '--out'), /^--out .*probed\/vectors\/: ends in \/, so it names a folder, and there is none; give a file name$/);
  fails(() => checkOutputPath(join(probeDir, 'a'.repeat(300)), '--out'), /file name too long/);
  fails(() => checkOutputPath(join(probeDir, 'missing', 'x') + '/', '--out'), /ends in \/|folder .*missing does not exist/);
  checkOutputPath(join(probeDir, 'fine.bin'), '--out');
  writeFileSync(join(probeDir, 'kept.txt'), 'kept');
  checkOutputPath(join(probeDir, 'kept.txt'), '--out');
  assert.deepEqual(readdirSync(probeDir).sort(), ['kept.txt'], 'the probes are removed, the existing file kept');
  checkOutputDir(join(probeDir, 'plots', 'deep'), '--plots', ['a.svg']);
  assert.deepEqual(readdirSync(probeDir).sort(), ['kept.txt']);
});

test('lexnet word2vec --out FOLDER/ (missing) is refused before any training', () => {
  const corpus = writeTemp(dir, 'probe-corpus.txt', 'a b c d\n'.repeat(50));
  const r = lexnet(['word2vec', '--corpus', corpus, '--out', join(dir, 'no-such-folder') + '/', '--min-count', '1', '--epochs', '1', '--dim', '8', '--threads', '1']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /--out .*no-such-folder\/: ends in \/, so it names a folder, and there is none/);
  assert.doesNotMatch(r.stdout + r.stderr, /wrote|epoch|words\/s/i);
  assert.equal(existsSync(join(dir, 'no-such-folder')), false);
});

test('trainTagger and trainClassifier check a checkpoint path before the first epoch', async () => {
  const { trainTagger } = await import('../src/tagger/train.js');
  const { trainClassifier } = await import('../src/classify/train.js');
  const sentences = Array.from({ length: 10 }, (_, i) => ({ words: ['a', `w${i}`], tags: ['B-X', 'O'], lines: [1, 2] }));
  const examples = Array.from({ length: 10 }, (_, i) => ({ text: `w${i % 3} x`, label: i % 2 ? 'a' : 'b' }));
  for (const checkpoint of [join(dir, 'no-folder', 'run.ckpt'), join(dir, 'no-folder-either') + '/']) {
    let epochs = 0;
    await assert.rejects(trainTagger(sentences, null, { epochs: 1, threads: 1, checkpoint, onEpoch: () => { epochs++; } }), /^LexnetError: checkpoint .*(does not exist|ends in \/)/);
    await assert.rejects(trainClassifier(examples, null, { epochs: 1, dim: 4, checkpoint, onEpoch: () => { epochs++; } }), /^LexnetError: checkpoint .*(does not exist|ends in \/)/);
    assert.equal(epochs, 0, 'refused before training');
  }
});
