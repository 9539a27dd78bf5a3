// Generated word2vec vector files for the benchmarks: deterministic pseudo-random values, distinct words.
import { closeSync, openSync, writeSync } from 'node:fs';

/** Word i: distinct, of varied length like a real vocabulary. */
export const wordOf = (i: number): string => `w${i.toString(36)}${i % 7 === 0 ? '_x' : ''}`;

/** Writes `rows` × `dim` vectors of deterministic pseudo-random values, binary or text, in large blocks. */
export function generateVectors(path: string, rows: number, dim: number, format: 'binary' | 'text'): void {
  const fd = openSync(path, 'w');
  let seed = 12345;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed / 2 ** 32 - 0.5) * 0.5;
  };
  const parts: Buffer[] = [Buffer.from(`${rows} ${dim}\n`)];
  let pending = 0;
  const flush = (): void => {
    writeSync(fd, Buffer.concat(parts.splice(0)));
    pending = 0;
  };
  const row = new Float32Array(dim);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < dim; j++) row[j] = next();
    const word = wordOf(i);
    const b = format === 'binary'
      ? Buffer.concat([Buffer.from(`${word} `), Buffer.from(row.buffer.slice(0)), Buffer.from('\n')])
      : Buffer.from(`${word} ${Array.from(row, (v) => v.toFixed(6)).join(' ')}\n`);
    parts.push(b);
    pending += b.length;
    if (pending > 1 << 24) flush();
  }
  flush();
  closeSync(fd);
}
