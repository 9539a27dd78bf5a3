// Text vectors are written number by number into bytes (issue 23); the bytes must be exactly
// those of the string formatting they replace: String(Number(v.toPrecision(9))).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFloatText, FLOAT_TEXT_MAX_BYTES } from '../src/io/float-text.js';
import { vectorChunks } from '../src/io/vector-encode.js';
import { Random, WordVectors, encodeVectors } from '../src/index.js';

const today = (v: number): string => String(Number(v.toPrecision(9)));
const bits = new Uint32Array(1), asFloat = new Float32Array(bits.buffer);
const out = new Uint8Array(64);
const ascii = new TextDecoder();

function check(v: number): void {
  const end = writeFloatText(v, out, 3);
  const got = ascii.decode(out.subarray(3, end));
  if (got !== today(v)) assert.fail(`${v} (bits ${bits[0]!.toString(16)}): wrote "${got}", toPrecision gives "${today(v)}"`);
  assert.ok(end - 3 <= FLOAT_TEXT_MAX_BYTES);
}

const fromBits = (b: number): number => {
  bits[0] = b;
  return asFloat[0]!;
};

test('special values: ±0, the smallest and largest float32, non-finite values', () => {
  for (const b of [0, 0x80000000, 1, 0x80000001, 0x007fffff, 0x00800000, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000, 0x7fc00000]) check(fromBits(b));
});

test('powers of ten and their float32 neighbours, and where the notation changes (1e-7, 1e21)', () => {
  for (let k = -45; k <= 38; k++) {
    for (const m of [1, 9.99999999, 9.999999999, 5, 1.5, 2.5]) {
      const f = Math.fround(m * 10 ** k);
      asFloat[0] = f;
      const b = bits[0]!;
      for (let d = -3; d <= 3; d++) if (b + d >= 0) { check(fromBits(b + d)); check(-fromBits(b + d)); }
    }
  }
});

test('ties at the 10th significant digit round as toPrecision does', () => {
  // n / 2^k with an odd n has exactly k digits after the point, the last a 5
  for (let k = 1; k <= 30; k++) for (let n = 1; n < 5000; n += 2) check(Math.fround(n / 2 ** k));
  for (let n = 1; n < 1 << 24; n += 4099) { check(n); check(n * 1024); check(n * 2 ** 40); }
});

test('random float32 bit patterns, every exponent', () => {
  const rng = new Random(2323);
  for (let i = 0; i < 300_000; i++) {
    const b = (Math.floor(rng.next() * 2 ** 32)) >>> 0;
    if ((b & 0x7f800000) === 0x7f800000) continue;
    check(fromBits(b));
  }
});

test('a sweep of ~2 million evenly spaced bit patterns', () => {
  const step = 2131; // odd, so every low-bit pattern occurs
  for (let b = 0; b < 0x7f800000; b += step) {
    check(fromBits(b));
    if (b % (step * 7) === 0) check(fromBits(b | 0x80000000));
  }
});

test('the text file is byte for byte what the string formatting wrote', () => {
  const rng = new Random(7);
  const words = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? `mot${i}é中` : `w${i}`));
  const dim = 50;
  const data = Float32Array.from({ length: words.length * dim }, (_, i) => (i % 11 === 0 ? 0 : rng.normal() * 10 ** Math.floor(rng.next() * 12 - 8)));
  const v = new WordVectors(words, dim, data);
  const lines = words.map((w, i) => `${w} ${Array.from(data.subarray(i * dim, (i + 1) * dim), today).join(' ')}\n`);
  const expected = new TextEncoder().encode(`${words.length} ${dim}\n${lines.join('')}`);
  assert.deepEqual(Buffer.from(encodeVectors(v, 'text')), Buffer.from(expected));
  // one word with no values (dim 0) and one very long word
  const empty = new WordVectors(['a', 'b'], 0, new Float32Array(0));
  assert.equal(new TextDecoder().decode(encodeVectors(empty, 'text')), '2 0\na \nb \n');
  const long = 'x'.repeat(2_000_000);
  const big = new WordVectors([long], 2, Float32Array.of(1, -0.5));
  assert.equal(new TextDecoder().decode(encodeVectors(big, 'text')), `1 2\n${long} 1 -0.5\n`);
  // the header comes alone in the first chunk (writeVectors relies on it)
  assert.equal(new TextDecoder().decode(vectorChunks(v, 'text').next().value as Uint8Array), `${words.length} ${dim}\n`);
});
