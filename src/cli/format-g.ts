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
