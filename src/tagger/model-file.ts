import { readBundle, writeBundle } from '../io/bundle.js';
import { inputError } from '../io/errors.js';
import { Lexicon } from './features.js';
import { TaggerModel, type TaggerConfig } from './model.js';

const MAGIC = 'lexnet-tagger';
const VERSION = 1;

interface Header {
  config: TaggerConfig;
  words: string[];
  prefixes: string[];
  suffixes: string[];
  tags: string[];
}

/** Saves a tagger (settings, vocabularies, tags, float32 parameters) as a model bundle, atomically. */
export function saveTagger(path: string, model: TaggerModel): void {
  const header: Header = {
    config: model.config, words: model.words.items, prefixes: model.prefixes.items, suffixes: model.suffixes.items, tags: [...model.tags],
  };
  writeBundle(path, MAGIC, VERSION, header, Object.fromEntries(model.paramViews().map(({ name, view }) => [name, view])));
}

export function loadTagger(path: string): TaggerModel {
  const { header: h, arrays } = readBundle<Header>(path, MAGIC, VERSION);
  const model = new TaggerModel(h.config, Lexicon.from(h.words), Lexicon.from(h.prefixes), Lexicon.from(h.suffixes), h.tags);
  for (const { name, view } of model.paramViews()) {
    const a = arrays.get(name);
    if (!a || a.length !== view.length) throw inputError(path, null, `parameter "${name}" is missing or does not match the header`);
    view.set(a);
  }
  return model;
}
