// Checks that lexnet's published type declarations compile for a consumer on an older TypeScript
// with skipLibCheck off: packs the package, installs the tarball, typescript@<version> and
// @types/node into a temporary project, and compiles a file that imports every export (also
// without @types/node, and through the "browser" condition).
// Needs the npm registry, so it is a script and not a test:
//   node scripts/check-types.mjs [typescript version, default 5.0] [--keep]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const tsVersion = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '5.0';
const keep = process.argv.includes('--keep');
const dir = mkdtempSync(join(tmpdir(), 'lexnet-check-types-'));
const npm = (args, cwd) => execFileSync('npm', args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

try {
  npm(['pack', '--pack-destination', dir], resolve('.'));
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  const project = join(dir, 'consumer');
  execFileSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  npm(['install', '--no-audit', '--no-fund', '--omit=dev', join(dir, tarball), `typescript@${tsVersion}`, '@types/node@20'], project);
  const tsc = join(project, 'node_modules/typescript/bin/tsc');
  const installed = execFileSync(process.execPath, [tsc, '--version'], { encoding: 'utf8' }).trim();
  const [major, minor] = installed.replace(/^Version /, '').split('.').map(Number);
  const attributes = major > 5 || (major === 5 && minor >= 3) ? 'with' : 'assert'; // import attributes came in 5.3
  writeFileSync(join(project, 'all.ts'), [
    "import * as lexnet from 'lexnet';",
    `import manifest from 'lexnet/package.json' ${attributes} { type: 'json' };`,
    "export * from 'lexnet';",
    'export type Everything = typeof lexnet;',
    'export const version: string = manifest.version;',
    '',
  ].join('\n'));
  // a Node project (no DOM library) and one with TypeScript's default libraries (DOM included)
  const base = { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, skipLibCheck: false, noEmit: true, resolveJsonModule: true, types: ['node'] };
  // and (issue 20) projects without @types/node: a Node one and a bundler one resolving the "browser" condition
  const noNode = { ...base, types: [], lib: ['ES2022', 'DOM'], exactOptionalPropertyTypes: true };
  const configs = {
    'node (lib ES2022)': { ...base, lib: ['ES2022'] }, 'default libraries': base,
    'no @types/node': noNode,
    'browser condition, no @types/node': { ...noNode, module: 'ESNext', moduleResolution: 'bundler', customConditions: ['browser'] },
  };
  console.log(`typescript ${installed}, ${tarball}`);
  let failed = false;
  for (const [name, compilerOptions] of Object.entries(configs)) {
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['all.ts'] }));
    try {
      execFileSync(process.execPath, [tsc, '-p', project], { cwd: project, stdio: 'pipe', encoding: 'utf8' });
      console.log(`ok      ${name}`);
    } catch (e) {
      failed = true;
      console.log(`FAILED  ${name}\n${e.stdout}${e.stderr}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
} finally {
  if (keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
