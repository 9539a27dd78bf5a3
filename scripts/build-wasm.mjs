// Compiles the AssemblyScript kernels (assembly/) to WebAssembly with SIMD.
// Two variants: shared memory (Node workers, cross-origin-isolated pages) and plain memory.
import { existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const asc = require.resolve('assemblyscript/bin/asc.js');
mkdirSync('dist/kernels', { recursive: true });
if (!existsSync('assembly/index.ts')) process.exit(0);
const common = ['assembly/index.ts', '-O3', '--noAssert', '--runtime', 'stub', '--importMemory', '--enable', 'simd', '--enable', 'threads', '--memoryBase', '1024', '--initialMemory', '1'];
execFileSync(process.execPath, [asc, ...common, '--sharedMemory', '--maximumMemory', '65536', '--outFile', 'dist/kernels/kernels.wasm'], { stdio: 'inherit' });
execFileSync(process.execPath, [asc, ...common, '--maximumMemory', '65536', '--outFile', 'dist/kernels/kernels-single.wasm'], { stdio: 'inherit' });
