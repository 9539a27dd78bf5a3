import { fastTextHash } from './hash.js';

/** The settings that decide a word's character n-grams (fastText's `minn`, `maxn`, `bucket`). */
export interface SubwordSettings {
  minn: number;
  maxn: number;
  bucket: number;
  /** Pruned bucket → kept row, for pruned (quantized) models; absent when nothing was pruned. */
  pruneIndex?: ReadonlyMap<number, number>;
}

/** Begin- and end-of-word marks around a word before its n-grams are cut, and fastText's sentence end. */
export const BOW = '<';
export const EOW = '>';
export const EOS = '</s>';

const encoder = new TextEncoder();
const EOS_BYTES = encoder.encode(EOS);

/**
 * The bucket numbers (0 … bucket − 1) of a word's character n-grams, in fastText's order
 * (`Dictionary::computeSubwords` on `<word>`): every start at a UTF-8 character boundary, n-grams
 * of minn … maxn characters, single characters at the edges (`<` or `>` alone) left out. With a
 * prune index, n-grams whose bucket was pruned are dropped and the others renumbered. `</s>` has
 * none. Call with the word as is (the marks are added here), or with its bytes (a dictionary's
 * words need not be UTF-8; fastText cuts their n-grams by the same byte rule).
 */
export function subwordBuckets(word: string | Uint8Array, s: SubwordSettings): number[] {
  const out: number[] = [];
  if (s.maxn <= 0 || s.bucket <= 0) return out;
  const bytes = typeof word === 'string' ? encoder.encode(word) : word;
  if (bytes.length === EOS_BYTES.length && bytes.every((x, i) => x === EOS_BYTES[i])) return out;
  const b = new Uint8Array(bytes.length + 2);
  b[0] = BOW.charCodeAt(0);
  b.set(bytes, 1);
  b[bytes.length + 1] = EOW.charCodeAt(0);
  const cont = (i: number) => (b[i]! & 0xc0) === 0x80;
  for (let i = 0; i < b.length; i++) {
    if (cont(i)) continue;
    let j = i;
    for (let n = 1; j < b.length && n <= s.maxn; n++) {
      j++;
      while (j < b.length && cont(j)) j++;
      if (n >= s.minn && !(n === 1 && (i === 0 || j === b.length))) {
        let h = fastTextHash(b, i, j) % s.bucket;
        if (s.pruneIndex) {
          const kept = s.pruneIndex.get(h);
          if (kept === undefined) continue;
          h = kept;
        }
        out.push(h);
      }
    }
  }
  return out;
}

/** The n-grams themselves (fastText's `substrings`), for messages and tests; same order as subwordBuckets. */
export function subwordStrings(word: string, s: Pick<SubwordSettings, 'minn' | 'maxn'>): string[] {
  const out: string[] = [];
  if (word === EOS || s.maxn <= 0) return out;
  const chars = [...(BOW + word + EOW)];
  for (let i = 0; i < chars.length; i++) {
    for (let n = 1; i + n <= chars.length && n <= s.maxn; n++) {
      if (n >= s.minn && !(n === 1 && (i === 0 || i + n === chars.length))) out.push(chars.slice(i, i + n).join(''));
    }
  }
  return out;
}
