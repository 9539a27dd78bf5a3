// `import 'lexnet'` loads what the exports need, not the trainers' machinery nor the file
// parsers' packages (issue 23: the import is paid by every consumer's start-up): those are
// loaded on first use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';
import { tempDir } from './cli.js';

const entry = join(dirname(fileURLToPath(import.meta.url)), '../src/index.js');

/** The URLs of every module an import of `code` loads, in a fresh process. */
function loadedBy(code: string): string[] {
  return loadedByRun(['--input-type=module', '-e', code]);
}

/** The URLs of every module a Node process run with `args` loads. */
function loadedByRun(args: string[]): string[] {
  const dir = tempDir();
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, "export async function load(url, context, next) { if (!url.startsWith('node:')) process.stdout.write(url + '\\n'); return next(url, context); }\n");
  const register = `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`;
  return execFileSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, ...args], { encoding: 'utf8' }).trim().split('\n');
}

test('importing the entry loads neither csv-parse, fflate nor the word2vec trainer', () => {
  const loaded = loadedBy(`await import(${JSON.stringify(pathToFileURL(entry).href)});`);
  assert.ok(loaded.some((u) => u.endsWith('/src/index.js')), loaded.join('\n'));
  for (const heavy of ['/csv-parse/', '/fflate/', '/word2vec/train.js', '/word2vec/session.js', '/word2vec/encode.js']) {
    assert.ok(!loaded.some((u) => u.includes(heavy)), `${heavy} was loaded by import 'lexnet'`);
  }
});

const cli = join(dirname(fileURLToPath(import.meta.url)), '../src/cli/main.js');

test('`lexnet --version` loads no command; `lexnet classify train` loads neither the tagger\'s command nor its trainer (issue 22: the CLI\'s memory)', () => {
  const version = loadedByRun([cli, '--version']);
  assert.ok(version.some((u) => u.endsWith('/src/cli/main.js')), version.join('\n'));
  assert.deepEqual(version.filter((u) => /-command\.js$/.test(u)), []);
  const classify = loadedByRun([cli, 'classify', 'train', '--help']);
  assert.ok(classify.some((u) => u.endsWith('/src/cli/classify-command.js')), classify.join('\n'));
  for (const heavy of ['/cli/tagger-command.js', '/tagger/train.js', '/tagger/model.js']) {
    assert.ok(!classify.some((u) => u.includes(heavy)), `${heavy} was loaded by lexnet classify train`);
  }
});

test('the lazily loaded parts still work through the entry: a CSV table, a .gz vector file, word2vec training', async () => {
  const { readTable, readVectors, trainWord2vec } = await import(pathToFileURL(entry).href);
  const dir = tempDir();
  writeFileSync(join(dir, 't.csv'), 'a,b\n1,"2"\n');
  const table = readTable(join(dir, 't.csv'));
  assert.deepEqual([table.names, table.rows], [['a', 'b'], 1]);
  const { gzipSync } = await import('node:zlib');
  writeFileSync(join(dir, 'v.txt.gz'), gzipSync('1 2\nx 0.5 -1\n'));
  assert.deepEqual([...readVectors(join(dir, 'v.txt.gz')).data], [0.5, -1]);
  const sentences = Array.from({ length: 50 }, (_, i) => ['a', 'b', 'c', `d${i % 3}`]);
  const r = await trainWord2vec(sentences, { dim: 8, minCount: 1, epochs: 1, threads: 1, seed: 1 });
  assert.equal(r.vectors.dim, 8);
});
