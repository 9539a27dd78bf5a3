/**
 * Word shape, a feature that carries over to words never seen in training: upper-case letters
 * become `X`, lower-case `x`, digits `d`, anything else stays; runs of one class longer than
 * three are cut to three. `Washington` → `Xxxx`, `IBM` → `XXX`, `U.S.` → `X.X.`,
 * `12-15` → `dd-dd`, `1996` → `ddd`, `McDonald's` → `XxXxxx'x`.
 */
export const SHAPE_RUN = 3;

export function wordShape(word: string): string {
  let out = '', last = '', run = 0;
  for (const ch of word) {
    const lower = ch.toLowerCase(), upper = ch.toUpperCase();
    const c = /\p{Nd}/u.test(ch) ? 'd' : lower !== upper ? (ch === upper ? 'X' : 'x') : ch;
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= SHAPE_RUN) out += c;
  }
  return out;
}
