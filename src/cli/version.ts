import { readFileSync } from 'node:fs';

/** lexnet's version, read from its package.json (dist/src/cli/ → the package root) at run time. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
