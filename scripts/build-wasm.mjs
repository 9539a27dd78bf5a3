// Compiles the AssemblyScript kernels (assembly/) to WebAssembly with SIMD.
// Four variants: shared memory (Node workers, cross-origin-isolated pages) or plain memory, each
// with plain SIMD or with relaxed SIMD (fused multiply-add; used where the engine supports it).
import { existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const asc = require.resolve('assemblyscript/bin/asc.js');
mkdirSync('dist/kernels', { recursive: true });
if (!existsSync('assembly/index.ts')) process.exit(0);
const common = ['assembly/index.ts', '-O3', '--noAssert', '--runtime', 'stub', '--importMemory', '--enable', 'simd', '--enable', 'threads', '--memoryBase', '1024', '--initialMemory', '1'];
for (const relaxed of [false, true]) {
  for (const shared of [true, false]) {
    const name = `kernels${shared ? '' : '-single'}${relaxed ? '-relaxed' : ''}.wasm`;
    const flags = [...(shared ? ['--sharedMemory'] : []), ...(relaxed ? ['--enable', 'relaxed-simd'] : []), '--maximumMemory', '65536'];
    execFileSync(process.execPath, [asc, ...common, ...flags, '--outFile', `dist/kernels/${name}`], { stdio: 'inherit' });
  }
}
