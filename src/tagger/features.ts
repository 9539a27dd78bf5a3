/**
 * Token features of the window tagger. Words are looked up lower-cased with digits mapped
 * to 0, so the capitalization class carries what lower-casing loses; prefixes and suffixes
 * help with words never seen in training (most of them names).
 */
export const FEATURES = ['word', 'caps', 'prefix', 'suffix'] as const;
export type FeatureName = (typeof FEATURES)[number];

export const PAD = 0;
export const UNK = 1;

/** Capitalization classes (0 is padding): all lower, all caps, first capital, has a capital, no letters. */
export const CAPS_CLASSES = ['<pad>', 'lower', 'ALLCAPS', 'Initial', 'miXed', 'noletters'] as const;

/** The index in CAPS_CLASSES of a word's capitalization class. */
export function capsClass(word: string): number {
  const lower = word.toLowerCase(), upper = word.toUpperCase();
  if (lower === upper) return 5; // no cased letters
  if (word === lower) return 1;
  if (word === upper) return 2;
  if (word[0] === upper[0] && word.slice(1) === lower.slice(1)) return 3;
  return 4;
}

/** A word as the tagger looks it up: lower-cased, digits mapped to 0. */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/[0-9]/g, '0');
}

export const AFFIX_LENGTH = 3;
export const prefixOf = (word: string): string => normalizeWord(word).slice(0, AFFIX_LENGTH);
export const suffixOf = (word: string): string => normalizeWord(word).slice(-AFFIX_LENGTH);

/** String → id with 0 for padding and 1 for unknown. */
export class Lexicon {
  readonly index = new Map<string, number>();
  readonly items: string[] = ['<pad>', '<unk>'];

  /** The id of item, added at the end if new. */
  add(item: string): number {
    let id = this.index.get(item);
    if (id === undefined) {
      id = this.items.length;
      this.items.push(item);
      this.index.set(item, id);
    }
    return id;
  }

  /** The id of item, or UNK's if it is not in the lexicon. */
  id(item: string): number {
    return this.index.get(item) ?? UNK;
  }

  get size(): number {
    return this.items.length;
  }

  /** The lexicon whose `items` are these (as saved: `<pad>` and `<unk>` first). */
  static from(items: readonly string[]): Lexicon {
    const l = new Lexicon();
    for (const it of items.slice(2)) l.add(it);
    return l;
  }
}
