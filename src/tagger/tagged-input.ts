import { LexnetError } from '../io/errors.js';
import { shown } from '../options/declare.js';

/**
 * Checks tagged sentences given to the library (`train`, `dev`): an array of `{ words, tags }`,
 * both arrays of strings of the same length. The error names the argument, the sentence and
 * the token, and has the argument as its `option`.
 */
export function checkTaggedSentences(data: unknown, name: string): void {
  if (!Array.isArray(data)) throw new LexnetError(`${name} must be an array of tagged sentences ({ words, tags }), got ${shown(data)}`, { option: name });
  data.forEach((s: unknown, i) => {
    const at = `${name}: sentence ${i + 1}`;
    if (typeof s !== 'object' || s === null) throw new LexnetError(`${at} must be an object { words, tags }, got ${shown(s)}`, { option: name });
    const { words, tags } = s as { words?: unknown; tags?: unknown };
    if (!Array.isArray(words)) throw new LexnetError(`${at}: words must be an array of strings, got ${shown(words)}`, { option: name });
    if (!Array.isArray(tags)) throw new LexnetError(`${at}: tags must be an array of strings, got ${shown(tags)}`, { option: name });
    if (words.length !== tags.length) {
      // a mismatch would be trained on garbage, or fail later as a "divergence"
      const lines = (s as { lines?: unknown }).lines;
      const line = Array.isArray(lines) && lines[0] !== undefined ? ` (line ${String(lines[0])})` : '';
      const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
      throw new LexnetError(`${at}${line} has ${count(words.length, 'word')} but ${count(tags.length, 'tag')}; every word needs one tag`, { option: name });
    }
    words.forEach((w: unknown, j) => { if (typeof w !== 'string') throw new LexnetError(`${at}: word ${j + 1} must be a string, got ${shown(w)}`, { option: name }); });
    tags.forEach((t: unknown, j) => { if (typeof t !== 'string') throw new LexnetError(`${at}: tag ${j + 1} must be a string, got ${shown(t)}`, { option: name }); });
  });
}

/** Checks the tokens given to `tag`: a string, or an array of strings. */
export function checkTokens(tokens: unknown, fn: string): void {
  if (typeof tokens === 'string') return;
  if (!Array.isArray(tokens)) throw new LexnetError(`${fn}: tokens must be a string or an array of strings, got ${shown(tokens)}`, { option: 'tokens' });
  tokens.forEach((t: unknown, i) => { if (typeof t !== 'string') throw new LexnetError(`${fn}: token ${i + 1} must be a string, got ${shown(t)}`, { option: 'tokens' }); });
}
