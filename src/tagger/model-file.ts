import { readFileBytes, writeFileChunks } from '#platform/model-files.js';
import { bundleChunks, checkArraysSteps, concatBytes, decodeBundleSteps, refuseNonFinite } from '../io/bundle-codec.js';
import { stepsToEnd } from '../train/abort.js';
import { inputError, LexnetError } from '../io/errors.js';
import { HeaderCheck } from '../io/header-check.js';
import { CAPS_CLASSES, Lexicon } from './features.js';
import { DECODERS, TaggerModel, type TaggerConfig } from './model.js';
import { checkNormalization, normalizationRecord, WHITESPACE_TOKENS, type TextNormalization } from '../text/tokenize.js';

const MAGIC = 'lexnet-tagger';
const VERSION = 1;

interface Header {
  config: TaggerConfig;
  words: string[];
  prefixes: string[];
  suffixes: string[];
  /** Word shapes (since the shape feature; absent from older files, which have none). */
  shapes?: string[];
  tags: string[];
  /** How `tag` splits a string (absent from files before the tokenizer: white space). */
  text?: TextNormalization;
}

/** A trained tagger as the training and loading calls return it: the `Tagger` object or its model. */
export type TaggerLike = TaggerModel | { readonly model: TaggerModel };

/** The model inside a `Tagger` (or the model itself); anything else is a clear error, not a TypeError. */
export function taggerModel(t: TaggerLike, call: string): TaggerModel {
  const m = t instanceof TaggerModel ? t : t !== null && typeof t === 'object' && 'model' in t ? t.model : t;
  if (!(m instanceof TaggerModel)) {
    const what = t === null ? 'null' : typeof t === 'object' ? `an object with keys ${Object.keys(t).slice(0, 5).join(', ') || '(none)'}` : typeof t;
    throw new LexnetError(`${call}: expected a trained tagger (what trainTagger or loadTagger returns), got ${what}`);
  }
  return m;
}

function taggerChunks(model: TaggerModel, name = 'tagger'): Generator<string | Uint8Array> {
  for (const { name: k, view } of model.paramViews()) refuseNonFinite(name, k, view);
  const header: Header = {
    config: model.config, words: model.words.items, prefixes: model.prefixes.items, suffixes: model.suffixes.items, tags: [...model.tags],
    ...(model.F > 4 ? { shapes: model.shapes.items } : {}),
    text: normalizationRecord(model.text),
  };
  return bundleChunks(MAGIC, VERSION, header, Object.fromEntries(model.paramViews().map(({ name, view }) => [name, view])));
}

/** A tagger file's bytes (what `saveTagger` writes), for any platform. */
export function encodeTagger(t: TaggerLike): Uint8Array {
  return concatBytes(taggerChunks(taggerModel(t, 'encodeTagger')));
}

/**
 * Saves a tagger (settings, vocabularies, tags, float32 parameters) as a model bundle, atomically.
 * Takes what `trainTagger` or `loadTagger` returns, or its `.model`.
 * @deprecated use `await tagger.save(path)` (or `toBytes()`).
 */
export function saveTagger(path: string, t: TaggerLike): void {
  const model = taggerModel(t, 'saveTagger');
  writeFileChunks(path, taggerChunks(model, path));
}

/**
 * Loads a tagger, checking the header (settings in range, vocabularies and tags lists of distinct
 * strings) and that every parameter array has the size those imply, before building the model.
 */
export function loadTagger(path: string): TaggerModel {
  return decodeTagger(readFileBytes(path), path);
}

/** A tagger model from a tagger file's bytes (`name` is the source named in errors), with `loadTagger`'s checks. */
export function decodeTagger(bytes: Uint8Array, name = 'tagger'): TaggerModel {
  return stepsToEnd(decodeTaggerSteps(bytes, name));
}

/** decodeTagger in steps (run with stepsInTurns: `loadTagger` gives the event loop turns while it decodes). */
export function* decodeTaggerSteps(bytes: Uint8Array, name = 'tagger'): Generator<void, TaggerModel> {
  const path = name;
  const { header, arrays } = yield* decodeBundleSteps<unknown>(path, bytes, MAGIC, VERSION);
  const h = checkTaggerHeader(new HeaderCheck(path, 2), header);
  yield;
  const { config: c } = h;
  const shapes = h.shapes ?? ['<pad>', '<unk>'];
  yield* checkArraysSteps(path, arrays, taggerArraySizes(h));
  let model: TaggerModel;
  try {
    model = new TaggerModel(c, Lexicon.from(h.words), Lexicon.from(h.prefixes), Lexicon.from(h.suffixes), h.tags, 0, Lexicon.from(shapes));
  } catch (e) {
    if (e instanceof RangeError || e instanceof LexnetError) throw inputError(path, null, `cannot load the model: ${e.message}`);
    throw e;
  }
  for (const { name, view } of model.paramViews()) { view.set(arrays.get(name)!); yield; }
  model.text = h.text ?? WHITESPACE_TOKENS;
  return model;
}

/** A tagger's parts as a model file or a checkpoint holds them (the header's fields). */
export type TaggerParts = Header;

/**
 * The one validation of a tagger, for a model file and for a checkpoint a run resumes from
 * (so a resume refuses what the loader would refuse): the settings in range, the vocabularies
 * and the tags lists of distinct strings, tags not empty.
 */
export function checkTaggerHeader(check: HeaderCheck, header: unknown): TaggerParts {
  return checkHeader(check, header);
}

/** The parameter arrays a tagger's parts imply, by name and length, in layout order (TaggerModel.paramViews). */
export function taggerArraySizes(h: TaggerParts): [string, number][] {
  const c = h.config;
  const T = c.output === 'sigmoid' ? 1 : h.tags.length;
  const shapeDim = c.shapeDim ?? 0, shapes = h.shapes ?? ['<pad>', '<unk>'];
  const K = c.window * (c.wordDim + c.capsDim + 2 * c.affixDim + shapeDim);
  return [
    ['word', h.words.length * c.wordDim], ['caps', CAPS_CLASSES.length * c.capsDim],
    ['prefix', h.prefixes.length * c.affixDim], ['suffix', h.suffixes.length * c.affixDim],
    ...(shapeDim > 0 ? [['shape', shapes.length * shapeDim] as [string, number]] : []),
    ['W', K * c.hidden], ['b1', c.hidden], ['U', c.hidden * T], ['b2', T],
    ...(c.decoder === 'crf' ? [['start', T], ['transitions', T * T]] as [string, number][] : []),
  ];
}

function checkHeader(check: HeaderCheck, header: unknown): Header {
  const h = check.object(header, 'header');
  const c = check.object(h.config, 'config');
  const config: TaggerConfig = {
    window: check.int(c.window, 'config.window', 1),
    wordDim: check.int(c.wordDim, 'config.wordDim', 1),
    capsDim: check.int(c.capsDim, 'config.capsDim', 1),
    affixDim: check.int(c.affixDim, 'config.affixDim', 1),
    hidden: check.int(c.hidden, 'config.hidden', 4),
    output: check.oneOf(c.output, 'config.output', ['softmax', 'sigmoid'] as const),
    freezeWords: check.bool(c.freezeWords, 'config.freezeWords'),
    // absent from files saved before the shape feature and the crf decoder: no shape, window decoder
    shapeDim: c.shapeDim === undefined ? 0 : check.int(c.shapeDim, 'config.shapeDim', 0),
    decoder: c.decoder === undefined ? 'window' : check.oneOf(c.decoder, 'config.decoder', DECODERS),
  };
  if (config.window % 2 !== 1) throw check.fail(`"config.window" is ${config.window}, expected an odd number`);
  if (config.hidden % 4 !== 0) throw check.fail(`"config.hidden" is ${config.hidden}, expected a multiple of 4`);
  if (config.output === 'sigmoid' || c.entityType !== undefined) config.entityType = check.string(c.entityType, 'config.entityType');
  const lexicon = (field: 'words' | 'prefixes' | 'suffixes' | 'shapes'): string[] => {
    const items = check.strings(h[field], field, { allowEmpty: true, distinct: false });
    if (items.length < 2) throw check.fail(`"${field}" has ${items.length} entries, expected <pad>, <unk> and the rest`);
    check.strings(items.slice(2), `${field}[2…]`, { allowEmpty: true });
    return items;
  };
  const tags = check.strings(h.tags, 'tags');
  if (tags.length === 0) throw check.fail('"tags" is empty');
  if (config.shapeDim! > 0 && h.shapes === undefined) throw check.fail('"shapes" is missing but "config.shapeDim" is not 0');
  return {
    config, words: lexicon('words'), prefixes: lexicon('prefixes'), suffixes: lexicon('suffixes'), ...(h.shapes !== undefined ? { shapes: lexicon('shapes') } : {}), tags,
    ...(h.text !== undefined ? { text: checkNormalization(check, h.text) } : {}),
  };
}
