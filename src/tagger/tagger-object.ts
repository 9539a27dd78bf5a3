import type { TaggerModel } from './model.js';
import { encodeTagger, saveTagger } from './model-file.js';
import { normalized, tokensOf } from '../text/tokenize.js';

/** A trained window tagger with a method: `tag(tokens)` → one tag per token. */
export class Tagger {
  constructor(
    /** The model as the library's lower-level functions take it (evaluateTagger, saveTagger). */
    readonly model: TaggerModel,
  ) {}

  /** The tags the model predicts from. */
  get tags(): readonly string[] {
    return this.model.tags;
  }

  /** How the tagger splits a string: `tokenize` (white space for models saved before it). */
  tokenize(text: string): string[] {
    return tokensOf(text, this.model.text);
  }

  /** One tag per token; a string is split by `tokenize` first (`tagger.tokenize(text)` gives the tokens the tags belong to). */
  tag(tokens: string | readonly string[]): string[] {
    const words = typeof tokens === 'string' ? this.tokenize(tokens) : normalized(tokens, this.model.text);
    return words.length === 0 ? [] : this.model.tagSentence(words);
  }

  /** Saves the tagger to a file (Node; atomically), for `loadTagger(path)`. */
  async save(path: string): Promise<void> {
    saveTagger(path, this.model);
  }

  /** The tagger file's bytes, for `loadTagger(bytes)`. */
  toBytes(): Uint8Array {
    return encodeTagger(this.model);
  }
}
