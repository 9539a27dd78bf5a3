import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../io/atomic-write.js';
import { inputError, LexnetError } from '../io/errors.js';
import { describeFsError } from '../io/read-text.js';
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
  /** Float counts of each parameter array, in paramViews() order. */
  sizes: number[];
}

/**
 * Saves a tagger as `lexnet-tagger 1\n`, one JSON line (settings, vocabularies, tags, array
 * sizes), then the float32 parameters little-endian; atomically.
 */
export function saveTagger(path: string, model: TaggerModel): void {
  const views = model.paramViews();
  const header: Header = {
    config: model.config, words: model.words.items, prefixes: model.prefixes.items, suffixes: model.suffixes.items,
    tags: [...model.tags], sizes: views.map((v) => v.view.length),
  };
  writeFileAtomic(path, (function* () {
    yield `${MAGIC} ${VERSION}\n${JSON.stringify(header)}\n`;
    for (const { view } of views) yield new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
  })());
}

export function loadTagger(path: string): TaggerModel {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new LexnetError(`${path}: cannot read (${describeFsError(e)})`);
  }
  const first = bytes.indexOf(10);
  const magic = bytes.subarray(0, Math.max(first, 0)).toString('utf8').split(' ');
  if (first < 0 || magic[0] !== MAGIC) throw inputError(path, 1, 'not a lexnet tagger model');
  if (Number(magic[1]) !== VERSION) throw inputError(path, 1, `tagger model version ${magic[1]}; this lexnet reads version ${VERSION}`);
  const second = bytes.indexOf(10, first + 1);
  let header: Header;
  try {
    if (second < 0) throw new Error();
    header = JSON.parse(bytes.subarray(first + 1, second).toString('utf8')) as Header;
  } catch {
    throw inputError(path, 2, 'the model header is cut short or damaged');
  }
  const model = new TaggerModel(header.config, Lexicon.from(header.words), Lexicon.from(header.prefixes), Lexicon.from(header.suffixes), header.tags);
  const views = model.paramViews();
  const expected = views.reduce((s, v) => s + v.view.length * 4, 0);
  const body = bytes.subarray(second + 1);
  if (body.length !== expected || views.some((v, i) => v.view.length !== header.sizes[i])) {
    throw inputError(path, null, `the parameters are cut short or do not match the header (${body.length} bytes, expected ${expected})`);
  }
  let o = 0;
  for (const { view } of views) {
    for (let i = 0; i < view.length; i++, o += 4) view[i] = body.readFloatLE(o);
  }
  return model;
}
