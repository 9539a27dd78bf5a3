import { writeFileAtomic } from './atomic-write.js';
import { inputError } from './errors.js';
import { readBytes } from './read-text.js';

export type BundleArray = Float32Array | Float64Array;

/**
 * A model file: `MAGIC VERSION\n`, one JSON line (the caller's header plus each array's
 * name, type and length), then the arrays' bytes little-endian, back to back. Written atomically.
 */
export function writeBundle(path: string, magic: string, version: number, header: object, arrays: Record<string, BundleArray>): void {
  const index = Object.entries(arrays).map(([name, a]) => ({ name, type: a instanceof Float64Array ? 'f64' : 'f32', length: a.length }));
  writeFileAtomic(path, (function* () {
    yield `${magic} ${version}\n${JSON.stringify({ ...header, arrays: index })}\n`;
    for (const a of Object.values(arrays)) yield new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
  })());
}

export function readBundle<H>(path: string, magic: string, version: number): { header: H; arrays: Map<string, BundleArray> } {
  const bytes = readBytes(path);
  const first = bytes.indexOf(10);
  const [m, v] = bytes.subarray(0, Math.max(first, 0)).toString('utf8').split(' ');
  if (first < 0 || m !== magic) throw inputError(path, 1, `not a ${magic} file`);
  if (Number(v) !== version) throw inputError(path, 1, `${magic} version ${v}; this lexnet reads version ${version}`);
  const second = bytes.indexOf(10, first + 1);
  let header: H & { arrays: { name: string; type: 'f32' | 'f64'; length: number }[] };
  try {
    if (second < 0) throw new Error();
    header = JSON.parse(bytes.subarray(first + 1, second).toString('utf8'));
  } catch {
    throw inputError(path, 2, 'the header is cut short or damaged');
  }
  const arrays = new Map<string, BundleArray>();
  let o = second + 1;
  for (const { name, type, length } of header.arrays) {
    const size = type === 'f64' ? 8 : 4;
    if (o + length * size > bytes.length) throw inputError(path, null, `cut short in array "${name}" (${bytes.length} bytes)`);
    const a = type === 'f64' ? new Float64Array(length) : new Float32Array(length);
    for (let i = 0; i < length; i++, o += size) a[i] = size === 8 ? bytes.readDoubleLE(o) : bytes.readFloatLE(o);
    arrays.set(name, a);
  }
  if (o !== bytes.length) throw inputError(path, null, `${bytes.length - o} unexpected bytes after the last array`);
  return { header, arrays };
}
