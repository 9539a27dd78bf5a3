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
const NGRAM_MULTIPLIER = 116049371;
const TWO32 = 2 ** 32;

/** An int32 list that grows by doubling. */
class GrowingInts {
  private data = new Int32Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const more = new Int32Array(2 * this.data.length);
      more.set(this.data);
      this.data = more;
    }
    this.data[this.length++] = x;
  }
  array(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * fastText's `addWordNgrams`: for each run of 2 … n words, h ← h·116049371 + hash (unsigned
 * 64-bit, each hash an int32 sign-extended), bucket h mod `bucket`; pushed as rows after the
 * words'. The 64-bit product is taken in 32-bit halves (exact in doubles); BigInt past 2²⁶ buckets.
 */
export function pushWordNgrams(hashes: readonly number[], n: number, bucket: number, nwords: number, out: { push(x: number): void }): void {
  const big = bucket > 2 ** 26;
  const twoTo32ModB = TWO32 % bucket;
  for (let i = 0; i < hashes.length; i++) {
    let lo = hashes[i]! >>> 0, hi = hashes[i]! < 0 ? 0xffffffff : 0;
    for (let j = i + 1; j < hashes.length && j < i + n; j++) {
      const x = hashes[j]!;
      const ll = lo & 0xffff, lh = lo >>> 16;
      const t1 = ll * NGRAM_MULTIPLIER, t2 = lh * NGRAM_MULTIPLIER; // each < 2⁴³
      const t1Hi = Math.floor(t1 / TWO32), t2Hi = Math.floor(t2 / 65536);
      const sumLo = (t1 - t1Hi * TWO32) + (t2 - t2Hi * 65536) * 65536 + (x >>> 0);
      const carry = Math.floor(sumLo / TWO32);
      lo = sumLo - carry * TWO32;
      hi = (Math.imul(hi, NGRAM_MULTIPLIER) >>> 0) + t1Hi + t2Hi + (x < 0 ? 0xffffffff : 0) + carry;
      hi = hi % TWO32;
      const id = big ? Number(((BigInt(hi) << 32n) | BigInt(lo)) % BigInt(bucket)) : ((hi % bucket) * twoTo32ModB + lo) % bucket;
      out.push(nwords + id);
    }
  }
}
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
  // each distinct word once: its rows and its hash (for word n-grams)
  const known = new Map<string, { rows: Int32Array; hash: number }>();
  const partOf = (word: string): { rows: Int32Array; hash: number } => {
    let p = known.get(word);
    if (p) return p;
    const id = ids.get(word);
    const grams = subwords ? subwordBuckets(word, subwords).map((x) => d.nwords + x) : [];
    p = { rows: Int32Array.from(id !== undefined && id < d.nwords ? [id, ...grams] : grams), hash: fastTextHash(encoder.encode(word)) | 0 };
    known.set(word, p);
    return p;
  };
  const rows = new GrowingInts(), labelIds = new GrowingInts();
  const rowOffsets = new Int32Array(lines.length + 1), labelOffsets = new Int32Array(lines.length + 1), tokens = new Int32Array(lines.length);
  const ngrams = s.wordNgrams > 1 && s.bucket > 0;
  const lineHashes: number[] = [];
  let totalTokens = 0;
  lines.forEach((line, i) => {
    lineHashes.length = 0;
    const n = line.words.length + 1;
    for (let w = 0; w < n; w++) {
      const word = w < line.words.length ? line.words[w]! : EOS;
      const p = partOf(word);
      for (let k = 0; k < p.rows.length; k++) rows.push(p.rows[k]!);
      if (ngrams) lineHashes.push(p.hash);
    }
    if (ngrams) pushWordNgrams(lineHashes, s.wordNgrams, s.bucket, d.nwords, rows);
    for (const l of line.labels) {
      const id = ids.get(l);
      if (id !== undefined && id >= d.nwords) labelIds.push(id - d.nwords);
    }
    rowOffsets[i + 1] = rows.length;
    labelOffsets[i + 1] = labelIds.length;
    tokens[i] = n + line.labels.length;
    totalTokens += tokens[i]!;
  });
  return { rowIds: rows.array(), rowOffsets, labelIds: labelIds.array(), labelOffsets, tokens, totalTokens };
}
