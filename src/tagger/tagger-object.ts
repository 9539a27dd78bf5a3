import type { TaggerModel } from './model.js';
import { encodeTagger, saveTagger } from './model-file.js';

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

  /** One tag per token; a string is split at white space. */
  tag(tokens: string | readonly string[]): string[] {
    const words = typeof tokens === 'string' ? tokens.trim().split(/\s+/).filter(Boolean) : tokens;
    return words.length === 0 ? [] : this.model.tagSentence(words);
  }

  /** Saves the tagger to a file (Node; atomically), for `loadTagger(path)`. */
  async save(path: string): Promise<void> {
    saveTagger(path, this.model);
  }

  /** The tagger file's bytes, for `loadTagger(bytes)`. */
  toBytes(): Uint8Array<ArrayBuffer> {
    return encodeTagger(this.model);
  }
}
