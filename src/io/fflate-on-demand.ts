// fflate (gzip), required on the first .gz read or write (its CommonJS build, one file), so
// that `import 'lexnet'` does not load it. Node only (createRequire).
import { createRequire } from 'node:module';

let loaded: typeof import('fflate') | undefined;

/** The fflate module, loaded on the first call. */
export const fflate = (): typeof import('fflate') => (loaded ??= createRequire(import.meta.url)('fflate') as typeof import('fflate'));
