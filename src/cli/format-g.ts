/**
 * A number as C++ streams print it by default (`%g`, 6 significant digits), as `fasttext
 * predict-prob` prints probabilities; `digits` as `std::setprecision` sets them (`fasttext test`: 3).
 */
export function formatG(x: number, digits = 6): string {
  if (digits === 6 && x >= 1e-4 && x < 1e5) {
    // printed without an exponent: toPrecision's digits, trailing zeros dropped (the common case, a probability)
    const s = x.toPrecision(6);
    let end = s.length;
    if (s.includes('.')) {
      while (s.charCodeAt(end - 1) === 48) end--;
      if (s.charCodeAt(end - 1) === 46) end--;
    }
    return end === s.length ? s : s.slice(0, end);
  }
  if (Number.isNaN(x)) return 'nan';
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const [mantissa, exp] = x.toExponential(digits - 1).split('e') as [string, string];
  const e = Number(exp);
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (e < -4 || e >= digits) return `${trim(mantissa)}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return trim(x.toFixed(digits - 1 - e));
}

/** Powers of ten 10^0 … 10^16 (exact doubles). */
const TEN = Array.from({ length: 17 }, (_, i) => 10 ** i);

/**
 * formatG(x) (6 digits) written as ASCII into `out` at `at`, for x in [1e-10, 1e5) (probabilities,
 * fastText's floor of 1e-5 included): the 6 significant digits taken as an integer, with no string;
 * returns the position after them, or -1 (nothing written) when x is out of that range or its
 * digits fall too near a rounding tie to be told from the product in doubles (then formatG
 * decides). `out` needs 13 bytes of room.
 */
export function writeG6(out: Uint8Array, at: number, x: number): number {
  if (!(x >= 1e-10 && x < 1e5)) return -1;
  let e = Math.floor(Math.log10(x)); // the decimal exponent, corrected below when log10 is off by one
  let s = x * TEN[5 - e]!;
  if (s < 99999.5) { e--; s = x * TEN[5 - e]!; } else if (s >= 999999.5) { e++; s = x * TEN[5 - e]!; }
  if (!(e >= -10 && e <= 4)) return -1;
  const frac = s - Math.floor(s);
  if (Math.abs(frac - 0.5) < 1e-6) return -1;
  let n = Math.floor(s) + (frac > 0.5 ? 1 : 0);
  if (n === 1_000_000) { n = 100_000; e++; }
  if (e >= 5) return -1; // six digits before the point: left to formatG
  const fixed = e >= -4; // %g: no exponent from 1e-4 on
  const point = fixed ? e : 0; // the digit after which the point goes (when e ≥ 0, or in the mantissa)
  // the last digit printed: trailing zeros after the point dropped
  let last = 5;
  while (last > 0 && last > point && Math.floor(n / TEN[5 - last]!) % 10 === 0) last--;
  let p = at;
  if (fixed && e < 0) {
    out[p++] = 48;
    out[p++] = 46;
    for (let z = -1; z > e; z--) out[p++] = 48;
  }
  for (let d = 0; d <= last; d++) {
    if (d === point + 1 && point >= 0) out[p++] = 46;
    out[p++] = 48 + (Math.floor(n / TEN[5 - d]!) % 10);
  }
  if (!fixed) {
    out[p++] = 101; // e-XX
    out[p++] = 45;
    out[p++] = 48 + Math.floor(-e / 10);
    out[p++] = 48 + (-e % 10);
  }
  return p;
}
