// A float32 value as text in the vector files, written straight into a byte buffer: the same
// bytes as `String(Number(v.toPrecision(9)))` (9 significant digits, the shortest that tell
// every float32 apart, trailing zeros dropped, JavaScript's notation), without a string per number.

/** 10^k as the nearest double, for k = 0 … 60 (a float32's 9-digit scaling needs −30 … 53). */
const POW10 = Float64Array.from({ length: 61 }, (_, k) => Number(`1e${k}`));

/** The most bytes one value takes: a sign and 21 digits (JavaScript writes up to 10^21 without an exponent). */
export const FLOAT_TEXT_MAX_BYTES = 24;

const LOG10_2 = Math.log10(2);
const bits = new Float64Array(1), high = new Uint32Array(bits.buffer);
/** The index of the 32 bits that hold a double's sign and exponent, on this engine's byte order. */
const HIGH = new Uint8Array(Float64Array.of(2).buffer)[7] === 0x40 ? 1 : 0;

/** |v| × 10^p to within 2^-51 relative (one or two correctly rounded operations). */
const scaled = (a: number, p: number): number => (p >= 0 ? a * POW10[p]! : a / POW10[-p]!);

/**
 * Writes `value` (a float32, as read from a Float32Array) as `String(Number(value.toPrecision(9)))`
 * would, at `out[at]`, and returns the position after it. `out` needs `FLOAT_TEXT_MAX_BYTES` free bytes.
 */
export function writeFloatText(value: number, out: Uint8Array, at: number): number {
  if (value === 0) { // 0 and −0 alike, as String(Number('-0.00000000')) is "0"
    out[at] = 0x30;
    return at + 1;
  }
  const a = value < 0 ? -value : value;
  if (!(a < Infinity)) return writeAscii(String(value), out, at); // NaN, ±Infinity
  // the decimal exponent from the binary one (log10 would cost more than the rest): ⌊log10 a⌋ is e or e + 1
  bits[0] = a;
  let e = Math.floor(((high[HIGH]! >>> 20) - 1023) * LOG10_2);
  let s = scaled(a, 8 - e);
  // bring the 9 digits into [10^8, 10^9)
  while (s >= 1e9) {
    e += 1;
    s = scaled(a, 8 - e);
  }
  while (s < 1e8) {
    e -= 1;
    s = scaled(a, 8 - e);
  }
  let n = s | 0; // < 10^9 < 2^31
  const fraction = s - n;
  // the scaling's error is below 10^9 × 2^-51 ≈ 5e-7: a fraction this close to one half could be a
  // tie or either side of one, which only the exact decimal expansion decides (toPrecision's own)
  if (fraction > 0.499999 && fraction < 0.500001) return writeAscii(String(Number(value.toPrecision(9))), out, at);
  if (fraction > 0.5) n++;
  if (n === 1000000000) {
    n = 100000000;
    e++;
  }
  let digits = 9;
  for (let q = (n / 10) | 0; n === q * 10; q = (n / 10) | 0) {
    n = q;
    digits--;
  }
  if (value < 0) out[at++] = 0x2d;
  // JavaScript's Number::toString: value = 0.d1d2… × 10^point
  const point = e + 1;
  if (point > 0 && point <= 21) {
    if (point >= digits) {
      at = writeDigits(n, digits, out, at);
      for (let k = digits; k < point; k++) out[at++] = 0x30;
      return at;
    }
    const scale = POW10[digits - point]!;
    const high = Math.floor(n / scale);
    at = writeDigits(high, point, out, at);
    out[at++] = 0x2e;
    return writeDigits(n - high * scale, digits - point, out, at);
  }
  if (point > -6 && point <= 0) {
    out[at++] = 0x30;
    out[at++] = 0x2e;
    for (let k = point; k < 0; k++) out[at++] = 0x30;
    return writeDigits(n, digits, out, at);
  }
  const scale = POW10[digits - 1]!;
  const first = Math.floor(n / scale);
  out[at++] = 0x30 + first;
  if (digits > 1) {
    out[at++] = 0x2e;
    at = writeDigits(n - first * scale, digits - 1, out, at);
  }
  out[at++] = 0x65;
  out[at++] = e < 0 ? 0x2d : 0x2b;
  const x = e < 0 ? -e : e;
  if (x >= 10) {
    const t = (x / 10) | 0;
    out[at++] = 0x30 + t;
    out[at++] = 0x30 + x - 10 * t;
  } else out[at++] = 0x30 + x;
  return at;
}

/** "00" … "99" as ASCII byte pairs. */
const PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 0x30 + (i & 1 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)));

/** The `count` decimal digits of n < 2^31 (leading zeros kept), two at a time. */
function writeDigits(n: number, count: number, out: Uint8Array, at: number): number {
  const end = at + count;
  let i = end;
  while (i - at >= 2) {
    const q = (n / 100) | 0, r = (n - 100 * q) << 1;
    out[--i] = PAIRS[r + 1]!;
    out[--i] = PAIRS[r]!;
    n = q;
  }
  if (i > at) out[at] = 0x30 + n;
  return end;
}

function writeAscii(text: string, out: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  return at;
}
