// lexnet's one tokenizer for raw text, and the record of how a model's texts were split.
import type { HeaderCheck } from '../io/header-check.js';

/**
 * How a model splits and normalises a text given as a string: `words-1` is `tokenize` (version 1),
 * `whitespace` splits at white space only (files written before the tokenizer, and data read from
 * files that come tokenized). Saved in classifier and tagger files, applied at prediction as at training.
 */
export interface TextNormalization {
  tokenizer: TokenizerName;
  /** Tokens lower-cased (with `toLowerCase`, strings and token arrays alike). */
  lowercase: boolean;
}

/** The tokenizers a model file can name. */
export const TOKENIZERS = ['words-1', 'whitespace'] as const;
export type TokenizerName = (typeof TOKENIZERS)[number];

/** What a model trained from strings records. */
export const WORD_TOKENS: TextNormalization = { tokenizer: 'words-1', lowercase: false };
/** What older files and data read as tokens record (and mean when they record nothing). */
export const WHITESPACE_TOKENS: TextNormalization = { tokenizer: 'whitespace', lowercase: false };

// In order: a URL; letters joined by dots (U.S., e.g.); a number with inner separators (3.5,
// 1,000, 10:30); a word with inner apostrophes or hyphens (don't, O'Neil, state-of-the-art), combining
// marks included; otherwise one character (punctuation, a symbol, an emoji), never white space.
const TOKEN = /https?:\/\/[^\s]+?(?=[.,;:!?'")\]]*(?:\s|$))|\p{L}\p{M}*(?:\.\p{L}\p{M}*)+\.?|\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}\p{N}_]+(?:['’-][\p{L}\p{M}\p{N}_]+)*|\S/gu;

/**
 * Splits a text into words, numbers and punctuation, keeping case (unless `lowercase`):
 * `"This movie was GREAT!"` → `This movie was GREAT !`; `"New York."` → `New York .`; `U.S.`,
 * `don't`, `3.5` and URLs stay whole. Every character that is not white space is in exactly one
 * token, in order. The same on every platform (plain Unicode regular expressions).
 */
export function tokenize(text: string, options: { lowercase?: boolean | undefined } = {}): string[] {
  const tokens = text.match(TOKEN) ?? [];
  return options.lowercase ? tokens.map((t) => t.toLowerCase()) : tokens;
}

/** A string split as a model records (`tokenize` or white space), normalised as it records. */
export function tokensOf(text: string, n: TextNormalization): string[] {
  return n.tokenizer === 'words-1' ? tokenize(text, n) : normalized(text.trim().split(/\s+/).filter(Boolean), n);
}

/** Tokens normalised as a model records (lower-cased or as they are). */
export function normalized(tokens: readonly string[], n: TextNormalization): string[] {
  return n.lowercase ? tokens.map((t) => t.toLowerCase()) : [...tokens];
}

/** Lower-cased word and punctuation tokens: how readSpamAssassin reads mail (kept as it was). */
export function lowercaseWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** A model file's record of how it splits strings. */
export function checkNormalization(check: HeaderCheck, v: unknown): TextNormalization {
  const t = check.object(v, 'text');
  return { tokenizer: check.oneOf(t.tokenizer, 'text.tokenizer', TOKENIZERS), lowercase: check.bool(t.lowercase, 'text.lowercase') };
}
