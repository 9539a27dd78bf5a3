// A float32 value as text in the vector files, written straight into a byte buffer: the same
// bytes as `String(Number(v.toPrecision(9)))` (9 significant digits, the shortest that tell
// every float32 apart, trailing zeros dropped, JavaScript's notation), without a string per number.

/** 10^k as the nearest double, for k = 0 … 60 (a float32's 9-digit scaling needs −30 … 53). */
const POW10 = Float64Array.from({ length: 61 }, (_, k) => Number(`1e${k}`));

/** The most bytes one value takes: a sign and 21 digits (JavaScript writes up to 10^21 without an exponent). */
export const FLOAT_TEXT_MAX_BYTES = 24;

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
  if (!Number.isFinite(value)) return writeAscii(String(value), out, at);
  const a = Math.abs(value);
  let e = Math.floor(Math.log10(a));
  let s = scaled(a, 8 - e);
  // log10 can be off by one next to a power of ten: bring the 9 digits into [10^8, 10^9)
  if (s >= 1e9) s = scaled(a, 8 - ++e);
  else if (s < 1e8) s = scaled(a, 8 - --e);
  let n = Math.floor(s);
  const fraction = s - n;
  // the scaling's error is below 10^9 × 2^-51 ≈ 5e-7: a fraction this close to one half could be a
  // tie or either side of one, which only the exact decimal expansion decides (toPrecision's own)
  if (Math.abs(fraction - 0.5) < 1e-6) return writeAscii(String(Number(value.toPrecision(9))), out, at);
  if (fraction > 0.5) n++;
  if (n === 1e9) {
    n = 1e8;
    e++;
  }
  let digits = 9;
  while (n % 10 === 0) {
    n /= 10;
    digits--;
  }
  if (value < 0) out[at++] = 0x2d;
  // JavaScript's Number::toString: value = 0.d1d2… × 10^point
  const point = e + 1;
  if (point >= digits && point <= 21) {
    at = writeDigits(n, digits, out, at);
    out.fill(0x30, at, at + point - digits);
    return at + point - digits;
  }
  if (point > 0 && point <= 21) {
    const high = Math.floor(n / POW10[digits - point]!), low = n - high * POW10[digits - point]!;
    at = writeDigits(high, point, out, at);
    out[at++] = 0x2e;
    return writeDigits(low, digits - point, out, at);
  }
  if (point > -6 && point <= 0) {
    out[at++] = 0x30;
    out[at++] = 0x2e;
    out.fill(0x30, at, at - point);
    return writeDigits(n, digits, out, at - point);
  }
  const first = Math.floor(n / POW10[digits - 1]!);
  out[at++] = 0x30 + first;
  if (digits > 1) {
    out[at++] = 0x2e;
    at = writeDigits(n - first * POW10[digits - 1]!, digits - 1, out, at);
  }
  out[at++] = 0x65;
  out[at++] = e < 0 ? 0x2d : 0x2b;
  const x = Math.abs(e);
  return writeDigits(x, x >= 10 ? 2 : 1, out, at);
}

/** The `count` decimal digits of n (leading zeros kept). */
function writeDigits(n: number, count: number, out: Uint8Array, at: number): number {
  for (let i = at + count - 1; i >= at; i--) {
    const q = Math.floor(n / 10);
    out[i] = 0x30 + n - 10 * q;
    n = q;
  }
  return at + count;
}

function writeAscii(text: string, out: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  return at;
}
