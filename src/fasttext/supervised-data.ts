// Training data of fastText's supervised model: the dictionary (`Dictionary::readFromFile`,
// `threshold`) and each line's input rows and labels (`Dictionary::getLine`), encoded once into
// flat arrays the kernel walks (assembly/classifier.ts).
import { LexnetError } from '../io/errors.js';
import { ENTRY_LABEL, ENTRY_WORD, type DictionaryEntry, type FastTextDictionary } from './dictionary.js';
import { fastTextHash } from './hash.js';
import { EOS, subwordBuckets } from './subwords.js';

/** One training line: its words (without the end-of-line token) and its labels, prefix included (`__label__pos`). */
export interface SupervisedLine {
  words: readonly string[];
  labels: readonly string[];
}

/** The dictionary settings (fastText's `-minCount`, `-minCountLabel`, `-wordNgrams`, `-bucket`, `-minn`, `-maxn`). */
export interface DictionarySettings {
  minCount: number;
  minCountLabel: number;
  wordNgrams: number;
  bucket: number;
  minn: number;
  maxn: number;
}

/** fastText's multiplier in word n-gram hashes (`Dictionary::addWordNgrams`). */
const NGRAM_MULTIPLIER = 116049371n;
/** The characters fastText splits a line on (`Dictionary::readWord`). */
const SPLIT = /[ \n\r\t\v\f\0]+/;

/** A line of fastText's format split as fastText splits it: tokens starting with `labelPrefix` are labels. */
export function splitFastTextLine(line: string, labelPrefix: string): SupervisedLine {
  const words: string[] = [], labels: string[] = [];
  for (const t of line.split(SPLIT)) {
    if (t === '') continue;
    if (t.startsWith(labelPrefix)) labels.push(t);
    else words.push(t);
  }
  return { words, labels };
}

/**
 * The dictionary of the training lines as fastText builds it: every token counted (a line's
 * words, its labels and the end-of-line token `</s>`), words kept from minCount occurrences and
 * labels from minCountLabel, words first then labels, each by decreasing count (ties in order of
 * first appearance).
 */
export function buildSupervisedDictionary(lines: readonly SupervisedLine[], s: DictionarySettings): FastTextDictionary {
  const words = new Map<string, number>(), labels = new Map<string, number>();
  let ntokens = 0;
  for (const line of lines) {
    for (const w of line.words) words.set(w, (words.get(w) ?? 0) + 1);
    for (const l of line.labels) labels.set(l, (labels.get(l) ?? 0) + 1);
    words.set(EOS, (words.get(EOS) ?? 0) + 1);
    ntokens += line.words.length + line.labels.length + 1;
  }
  const kept = (m: Map<string, number>, min: number, type: number): DictionaryEntry[] =>
    [...m].filter(([, c]) => c >= min).map(([word, count]) => ({ word, count, type })).sort((a, b) => b.count - a.count);
  const w = kept(words, s.minCount, ENTRY_WORD), l = kept(labels, s.minCountLabel, ENTRY_LABEL);
  if (l.length === 0) throw new LexnetError(labels.size === 0 ? 'no labels in the training data' : `no label occurs ${s.minCountLabel} times or more (minCountLabel)`, { option: labels.size === 0 ? 'train' : 'minCountLabel' });
  return { entries: [...w, ...l], nwords: w.length, nlabels: l.length, ntokens, pruneIndex: null };
}

/** The encoded lines: each line's input rows and label ids (offsets into flat arrays) and its tokens. */
export interface EncodedLines {
  rowIds: Int32Array;
  /** Line i's rows are rowIds[rowOffsets[i] … rowOffsets[i + 1]). */
  rowOffsets: Int32Array;
  labelIds: Int32Array;
  labelOffsets: Int32Array;
  /** Tokens of each line as fastText counts them for its learning-rate decay (words, labels, `</s>`). */
  tokens: Int32Array;
  /** Σ tokens. */
  totalTokens: number;
}

const encoder = new TextEncoder();

/**
 * fastText's `getLine` for each line: a known word gives its row then (with minn/maxn) its
 * character n-grams' rows, an unknown word its n-grams' rows only, `</s>` ends the line; word
 * n-grams of 2 … wordNgrams words (unknown words included) are hashed into buckets after them.
 * Labels outside the dictionary are dropped (a line without a known label trains nothing).
 */
export function encodeLines(lines: readonly SupervisedLine[], d: FastTextDictionary, s: DictionarySettings): EncodedLines {
  const ids = new Map<string, number>();
  d.entries.forEach((e, i) => ids.set(e.word, i));
  const subwords = s.maxn > 0 ? { minn: s.minn, maxn: s.maxn, bucket: s.bucket } : null;
  const wordRows = new Map<string, readonly number[]>();
  const rowsOf = (word: string): readonly number[] => {
    let r = wordRows.get(word);
    if (r) return r;
    const id = ids.get(word);
    const known = id !== undefined && id < d.nwords;
    const grams = subwords ? subwordBuckets(word, subwords).map((b) => d.nwords + b) : [];
    r = known ? [id, ...grams] : grams;
    wordRows.set(word, r);
    return r;
  };
  const hashes = new Map<string, bigint>();
  const hashOf = (word: string): bigint => {
    let h = hashes.get(word);
    if (h === undefined) hashes.set(word, (h = BigInt.asUintN(64, BigInt(fastTextHash(encoder.encode(word)) | 0))));
    return h;
  };
  const rows: number[] = [], labelIds: number[] = [];
  const rowOffsets = new Int32Array(lines.length + 1), labelOffsets = new Int32Array(lines.length + 1), tokens = new Int32Array(lines.length);
  const bucket = BigInt(s.bucket), ngrams = s.wordNgrams > 1 && s.bucket > 0;
  let totalTokens = 0;
  lines.forEach((line, i) => {
    const words = [...line.words, EOS];
    const lineHashes: bigint[] = [];
    for (const w of words) {
      for (const r of rowsOf(w)) rows.push(r);
      if (ngrams) lineHashes.push(hashOf(w));
    }
    if (ngrams) {
      for (let a = 0; a < lineHashes.length; a++) {
        let h = lineHashes[a]!;
        for (let b = a + 1; b < lineHashes.length && b < a + s.wordNgrams; b++) {
          h = BigInt.asUintN(64, h * NGRAM_MULTIPLIER + lineHashes[b]!);
          rows.push(d.nwords + Number(h % bucket));
        }
      }
    }
    for (const l of line.labels) {
      const id = ids.get(l);
      if (id !== undefined && id >= d.nwords) labelIds.push(id - d.nwords);
    }
    rowOffsets[i + 1] = rows.length;
    labelOffsets[i + 1] = labelIds.length;
    tokens[i] = words.length + line.labels.length;
    totalTokens += tokens[i]!;
  });
  return { rowIds: Int32Array.from(rows), rowOffsets, labelIds: Int32Array.from(labelIds), labelOffsets, tokens, totalTokens };
}
