// Model bundles as bytes, for any platform: `MAGIC VERSION\n`, one JSON line (the caller's header
// plus each array's name, type and length), then the arrays' bytes little-endian, back to back.
import { inputError, LexnetError } from './errors.js';
import { describeJson } from './header-check.js';
import { strictUtf8 } from '../text/utf8-stream.js';
import { stepsToEnd } from '../train/abort.js';

/** Whether this machine stores numbers little-endian (as bundles do): then arrays are copied byte for byte. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export type BundleArray = Float32Array | Float64Array;

/** A bundle's pieces in order (the header line, then each array's bytes), for a file or for `concatBytes`. */
export function* bundleChunks(magic: string, version: number, header: object, arrays: Record<string, BundleArray>): Generator<string | Uint8Array> {
  const index = Object.entries(arrays).map(([name, a]) => ({ name, type: a instanceof Float64Array ? 'f64' : 'f32', length: a.length }));
  yield `${magic} ${version}\n${JSON.stringify({ ...header, arrays: index })}\n`;
  for (const a of Object.values(arrays)) yield* littleEndian(a);
}

/** Bytes of an array handed on at a time (a view, not a copy, on little-endian machines). */
const PIECE_BYTES = 1 << 24;

/** An array's bytes, little-endian whatever the machine: views of it in pieces where the machine is little-endian, else a copy. */
function* littleEndian(a: BundleArray): Generator<Uint8Array> {
  if (LITTLE_ENDIAN) {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (let at = 0; at < bytes.length; at += PIECE_BYTES) yield bytes.subarray(at, at + PIECE_BYTES);
    return;
  }
  const out = new Uint8Array(a.byteLength);
  const view = new DataView(out.buffer);
  if (a instanceof Float64Array) for (let i = 0; i < a.length; i++) view.setFloat64(8 * i, a[i]!, true);
  else for (let i = 0; i < a.length; i++) view.setFloat32(4 * i, a[i]!, true);
  yield out;
}

/** Chunks (strings as UTF-8) joined into one byte array. */
export function concatBytes(chunks: Iterable<string | Uint8Array>): Uint8Array {
  const utf8 = new TextEncoder();
  const parts = [...chunks].map((c) => (typeof c === 'string' ? utf8.encode(c) : c));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

interface ArrayEntry {
  name: string;
  type: 'f32' | 'f64';
  length: number;
}

/**
 * Reads a bundle from its bytes (`name` is the file or source named in errors). The array index
 * is checked (names, types, whole-number lengths) and its total size against the bytes' before
 * anything is allocated; the caller's part of the header is returned as parsed JSON (an object),
 * for the caller to check.
 */
export function decodeBundle<H>(name: string, bytes: Uint8Array, magic: string, version: number): { header: H; arrays: Map<string, BundleArray> } {
  return stepsToEnd(decodeBundleSteps<H>(name, bytes, magic, version));
}

/** Values decoded or checked between two yields of the step versions (a few milliseconds of work). */
const SLICE = 1 << 18;

/** decodeBundle in steps: it yields after parsing the header and between slices of the arrays (run with stepsInTurns to give the event loop turns). */
export function* decodeBundleSteps<H>(name: string, bytes: Uint8Array, magic: string, version: number): Generator<void, { header: H; arrays: Map<string, BundleArray> }> {
  const path = name;
  const utf8 = new TextDecoder();
  const first = bytes.indexOf(10);
  const [m, v, ...rest] = utf8.decode(bytes.subarray(0, Math.max(first, 0))).split(' ');
  if (first < 0 || m !== magic) throw inputError(path, 1, `not a ${magic} file`);
  if (v !== String(version) || rest.length) throw inputError(path, 1, `${magic} version ${[v, ...rest].join(' ').slice(0, 40)}; this lexnet reads version ${version}`);
  const second = bytes.indexOf(10, first + 1);
  let header: unknown;
  const json = second < 0 ? '' : strictUtf8(path, bytes, first + 1, second, 2, 0); // hand-edited words in another encoding: refused, not replaced
  try {
    if (second < 0) throw new Error();
    header = JSON.parse(json);
  } catch {
    throw inputError(path, 2, 'the header is cut short or damaged');
  }
  yield;
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw inputError(path, 2, 'the header is not a JSON object');
  const index = checkIndex(path, (header as { arrays?: unknown }).arrays);
  let o = second + 1;
  const total = index.reduce((s, a) => s + a.length * (a.type === 'f64' ? 8 : 4), 0);
  if (o + total > bytes.length) {
    let at = o;
    const cut = index.find((a) => (at += a.length * (a.type === 'f64' ? 8 : 4)) > bytes.length)!;
    throw inputError(path, null, `cut short in array "${cut.name}": the header announces ${total} bytes of arrays but ${bytes.length - o} follow it`);
  }
  if (o + total < bytes.length) throw inputError(path, null, `${bytes.length - o - total} unexpected bytes after the last array`);
  const arrays = new Map<string, BundleArray>();
  for (const { name, type, length } of index) {
    const size = type === 'f64' ? 8 : 4;
    const a = type === 'f64' ? new Float64Array(length) : new Float32Array(length);
    const view = new DataView(bytes.buffer, bytes.byteOffset + o, length * size);
    for (let from = 0; from < length; from += SLICE) {
      const to = Math.min(length, from + SLICE);
      if (LITTLE_ENDIAN) new Uint8Array(a.buffer, from * size, (to - from) * size).set(bytes.subarray(o + from * size, o + to * size)); // the bytes as they are
      else for (let i = from; i < to; i++) a[i] = size === 8 ? view.getFloat64(8 * i, true) : view.getFloat32(4 * i, true);
      yield;
    }
    o += length * size;
    arrays.set(name, a);
  }
  return { header: header as H, arrays };
}

function checkIndex(path: string, arrays: unknown): ArrayEntry[] {
  const bad = (problem: string): LexnetError => inputError(path, 2, `damaged header: ${problem}`);
  if (!Array.isArray(arrays)) throw bad('"arrays" is not a list');
  const names = new Set<string>();
  return arrays.map((a: unknown, i): ArrayEntry => {
    const e = (a ?? {}) as Partial<Record<keyof ArrayEntry, unknown>>;
    if (typeof a !== 'object' || typeof e.name !== 'string') throw bad(`array ${i + 1} has no name`);
    if (names.has(e.name)) throw bad(`array "${e.name}" appears twice`);
    names.add(e.name);
    if (e.type !== 'f32' && e.type !== 'f64') throw bad(`array "${e.name}" has the unknown type ${describeJson(e.type)} (f32 or f64)`);
    if (!Number.isSafeInteger(e.length) || (e.length as number) < 0) throw bad(`array "${e.name}" has the length ${describeJson(e.length)}, not a whole number ≥ 0`);
    return { name: e.name, type: e.type, length: e.length as number };
  });
}

/** Checks that every value of a model array is finite (a damaged file can hold NaN or ±Infinity). */
export function checkFinite(path: string, name: string, a: ArrayLike<number>): void {
  stepsToEnd(checkFiniteSteps(path, name, a));
}

function* checkFiniteSteps(path: string, name: string, a: ArrayLike<number>): Generator<void, void> {
  for (let from = 0; from < a.length; from += SLICE) {
    for (let i = from, to = Math.min(a.length, from + SLICE); i < to; i++) {
      if (!Number.isFinite(a[i])) throw inputError(path, null, `array "${name}" holds ${a[i]} at index ${i}: the model is damaged`);
    }
    yield;
  }
}

/** Each named parameter array must be present, of the given length, and finite. */
export function checkArrays(path: string, arrays: Map<string, BundleArray>, expected: [string, number][]): void {
  stepsToEnd(checkArraysSteps(path, arrays, expected));
}

/** checkArrays in steps (a yield between slices of the values). */
export function* checkArraysSteps(path: string, arrays: Map<string, BundleArray>, expected: [string, number][]): Generator<void, void> {
  for (const [name, length] of expected) {
    const a = arrays.get(name);
    if (!a) throw inputError(path, null, `parameter "${name}" is missing`);
    if (a.length !== length) throw inputError(path, null, `parameter "${name}" has ${a.length} values but the header implies ${length}`);
    yield* checkFiniteSteps(path, name, a);
  }
}

/**
 * Refuses to save a model array holding NaN or ±Infinity (the loader would refuse the file):
 * the savers call it on every array before anything is written.
 */
export function refuseNonFinite(path: string, name: string, a: ArrayLike<number>): void {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new LexnetError(`${path}: not saved: "${name}" holds ${a[i]} at index ${i}, and a model with a value that is not finite could not be loaded again`);
  }
}
