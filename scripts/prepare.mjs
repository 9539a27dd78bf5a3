// npm's `prepare`: builds dist/ (wasm kernels + tsc) unless it is newer than every source.
// npm runs `prepare` after `npm install` and again when `npx lexnet` first runs in the checkout
// (npx links the checkout into its cache and "prepares" it); the second time there is nothing
// to do, so the README's `npm install && npx lexnet word2vec` starts training at once.
// `npm run build` always rebuilds, and ends with `node scripts/prepare.mjs --stamp`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = 'dist/.build-stamp';
const INPUTS = ['src', 'assembly', 'test', 'bench', 'scripts', 'tsconfig.json', 'package.json'];

/** The newest modification time under a file or folder (0 when it does not exist). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

if (process.argv.includes('--stamp')) {
  writeFileSync(STAMP, `built ${new Date().toISOString()}\n`);
} else if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= Math.max(...INPUTS.map(newest))) {
  console.log('lexnet: dist/ is up to date with the sources (npm run build rebuilds it)');
} else {
  const npm = process.env.npm_execpath;
  if (npm) execFileSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' });
  else execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
}
