// npm's `prepack` / `postpack`: the published package.json has no `prepare` script. In a checkout,
// `prepare` builds dist/ after `npm install`; in the package, dist/ is shipped built and
// scripts/ is not, so the hook would only make npm warn ("install scripts not yet covered by
// allowScripts") or fail on every install.
//   node scripts/pack-manifest.mjs --strip    (prepack: keeps the original in package.json.orig)
//   node scripts/pack-manifest.mjs --restore  (postpack: puts it back)
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const MANIFEST = 'package.json';
const ORIGINAL = 'package.json.orig';

if (process.argv.includes('--strip')) {
  if (!existsSync(ORIGINAL)) writeFileSync(ORIGINAL, readFileSync(MANIFEST));
  const manifest = JSON.parse(readFileSync(ORIGINAL, 'utf8'));
  for (const hook of ['prepare', 'preinstall', 'install', 'postinstall', 'prepack', 'postpack']) delete manifest.scripts?.[hook];
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
} else if (process.argv.includes('--restore')) {
  if (existsSync(ORIGINAL)) renameSync(ORIGINAL, MANIFEST);
} else {
  console.error('usage: node scripts/pack-manifest.mjs --strip | --restore');
  process.exitCode = 2;
}
