/**
 * Loading word vectors: lexnet's streaming reader against gensim's `load_word2vec_format` on the
 * same generated files. Writes a word2vec binary file of about `--gb` GB (default 2.2: 1.8 M
 * words × 300, GoogleNews's layout) and with `--text` its text version (about 3× larger) into a
 * temporary folder (`--dir`, removed at the end), then loads each with both tools in turn
 * (`--runs` times, alternating), reporting wall time, peak resident memory and lexnet/gensim
 * ratios, next to rows × dim × 4 bytes (the matrix itself).
 *
 *   npm run build && node dist/bench/vectors.js [--gb 2.2] [--dim 300] [--text] [--runs 2] [--dir /tmp]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, python, arg } from './common.js';
import { measure, median } from './measure.js';
import { generateVectors } from './vector-generator.js';

const gb = Number(arg('gb', '2.2'));
const dim = Number(arg('dim', '300'));
const runs = Number(arg('runs', '2'));
const withText = process.argv.includes('--text');
if (!(gb > 0) || !Number.isInteger(dim) || dim < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: node dist/bench/vectors.js [--gb N] [--dim N] [--text] [--runs N] [--dir DIR]');
  process.exit(1);
}
if (spawnSync(python, ['-c', 'import gensim'], { stdio: 'ignore' }).status !== 0) {
  console.error(`gensim is missing: ${python} -c "import gensim" failed (apt-get install -y python3-gensim)`);
  process.exit(1);
}
const work = mkdtempSync(join(arg('dir', tmpdir()), 'lexnet-vectors-bench-'));
try {
  const rowBytes = dim * 4 + 8;
  const rows = Math.max(1, Math.round((gb * 1e9) / rowBytes));
  const files: { format: 'binary' | 'text'; path: string }[] = [{ format: 'binary', path: join(work, 'vectors.bin') }];
  if (withText) files.push({ format: 'text', path: join(work, 'vectors.txt') });
  for (const f of files) {
    const t0 = performance.now();
    generateVectors(f.path, rows, dim, f.format);
    process.stderr.write(`wrote ${f.path}: ${rows.toLocaleString('en-US')} × ${dim}, ${(statSync(f.path).size / 1e9).toFixed(2)} GB in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  const matrixMiB = (rows * dim * 4) / 2 ** 20;
  console.log(`vectors: ${rows.toLocaleString('en-US')} × ${dim}; the float32 matrix alone is ${matrixMiB.toFixed(0)} MiB; ${runs} run(s) each, alternating, medians`);
  console.log(`${'file'.padEnd(8)} ${'tool'.padEnd(8)} ${'size GB'.padStart(8)} ${'wall s'.padStart(8)} ${'peak MiB'.padStart(9)} ${'peak/matrix'.padStart(12)}`);
  for (const f of files) {
    const seen: Record<'lexnet' | 'gensim', { seconds: number[]; peak: number[] }> = { lexnet: { seconds: [], peak: [] }, gensim: { seconds: [], peak: [] } };
    for (let r = 0; r < runs; r++) {
      const ours = measure(process.execPath, [join(root, 'dist/bench/vectors-load.js'), f.path]);
      const theirs = measure(python, [join(root, 'bench/gensim_load_vectors.py'), f.path, f.format]);
      if (ours.out !== `${rows} ${dim}` || theirs.out !== `${rows} ${dim}`) throw new Error(`loaded sizes differ: lexnet "${ours.out}", gensim "${theirs.out}", expected "${rows} ${dim}"`);
      seen.lexnet.seconds.push(ours.seconds); seen.lexnet.peak.push(ours.peakMiB);
      seen.gensim.seconds.push(theirs.seconds); seen.gensim.peak.push(theirs.peakMiB);
      process.stderr.write(`${f.format} run ${r + 1}: lexnet ${ours.seconds.toFixed(1)} s ${ours.peakMiB.toFixed(0)} MiB, gensim ${theirs.seconds.toFixed(1)} s ${theirs.peakMiB.toFixed(0)} MiB\n`);
    }
    const size = (statSync(f.path).size / 1e9).toFixed(2);
    for (const tool of ['lexnet', 'gensim'] as const) {
      const s = median(seen[tool].seconds), p = median(seen[tool].peak);
      console.log(`${f.format.padEnd(8)} ${tool.padEnd(8)} ${size.padStart(8)} ${s.toFixed(1).padStart(8)} ${p.toFixed(0).padStart(9)} ${(p / matrixMiB).toFixed(2).padStart(12)}`);
    }
    const ts = median(seen.lexnet.seconds) / median(seen.gensim.seconds), tp = median(seen.lexnet.peak) / median(seen.gensim.peak);
    console.log(`${f.format.padEnd(8)} ${'ratio'.padEnd(8)} ${''.padStart(8)} ${ts.toFixed(2).padStart(8)} ${tp.toFixed(2).padStart(9)}   (lexnet / gensim; the target is time ≤ 2)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
