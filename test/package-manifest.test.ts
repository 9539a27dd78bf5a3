// Issue 20: installing the published package runs no script. The checkout's `prepare` (which
// builds dist/ from sources that are not shipped) is stripped from package.json while npm packs
// it (prepack) and put back afterwards (postpack).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const script = join(root, 'scripts', 'pack-manifest.mjs');

test('package.json strips its install-time hooks while packed and gets them back after', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; files: string[] };
  assert.equal(manifest.scripts.prepack, 'node scripts/pack-manifest.mjs --strip');
  assert.equal(manifest.scripts.postpack, 'node scripts/pack-manifest.mjs --restore');
  assert.ok(!manifest.files.some((f) => f.startsWith('scripts')), 'scripts/ is not shipped');
  const dir = tempDir();
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  const before = readFileSync(join(dir, 'package.json'), 'utf8');
  execFileSync(process.execPath, [script, '--strip'], { cwd: dir });
  const packed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  for (const hook of ['prepare', 'preinstall', 'install', 'postinstall', 'prepack', 'postpack']) assert.equal(packed.scripts[hook], undefined, hook);
  assert.equal(packed.scripts.build, manifest.scripts.build);
  execFileSync(process.execPath, [script, '--strip'], { cwd: dir }); // twice (an interrupted pack): the original is kept
  execFileSync(process.execPath, [script, '--restore'], { cwd: dir });
  assert.equal(readFileSync(join(dir, 'package.json'), 'utf8'), before);
  assert.ok(!existsSync(join(dir, 'package.json.orig')));
});
