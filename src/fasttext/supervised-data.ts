// Training data of fastText's supervised model: the dictionary (`Dictionary::readFromFile`,
// `threshold`) and each line's input rows and labels (`Dictionary::getLine`), encoded once into
// flat arrays the kernel walks (assembly/classifier.ts).
import { LexnetError } from '../io/errors.js';
import { ENTRY_LABEL, ENTRY_WORD, type DictionaryEntry, type FastTextDictionary } from './dictionary.js';
import { fastTextHash } from './hash.js';
import { EOS, subwordBuckets } from './subwords.js';
import type { LineMemory } from './line-memory.js';
import { RESERVED_BYTES } from '../kernels/memory.js';

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
  private data: Int32Array | Uint16Array;
  length = 0;
  /** `capacity`: room at once, or the array to write into (from its start) until it is full (a Uint16Array: numbers below 65,536 only). */
  constructor(capacity: number | Int32Array | Uint16Array = 1024) {
    this.data = typeof capacity === 'number' ? new Int32Array(Math.max(16, capacity)) : capacity;
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const more = new Int32Array(Math.max(16, 2 * this.data.length));
      more.set(this.data);
      this.data = more;
    }
    this.data[this.length++] = x;
  }
  array(): Int32Array | Uint16Array {
    return this.data.subarray(0, this.length);
  }
}

/** The result of `ngramStep`: a 64-bit value in unsigned 32-bit halves. */
let stepLo = 0, stepHi = 0;

/** h·116049371 + x (unsigned 64-bit, h as [lo, hi] halves, x an int32 sign-extended) into stepLo, stepHi; the product taken in 32-bit halves (exact in doubles). */
function ngramStep(lo: number, hi: number, x: number): void {
  const ll = lo & 0xffff, lh = lo >>> 16;
  const t1 = ll * NGRAM_MULTIPLIER, t2 = lh * NGRAM_MULTIPLIER; // each < 2⁴³
  const t1Hi = Math.floor(t1 / TWO32), t2Hi = Math.floor(t2 / 65536);
  const sumLo = (t1 - t1Hi * TWO32) + (t2 - t2Hi * 65536) * 65536 + (x >>> 0);
  const carry = Math.floor(sumLo / TWO32);
  stepLo = sumLo - carry * TWO32;
  stepHi = ((Math.imul(hi, NGRAM_MULTIPLIER) >>> 0) + t1Hi + t2Hi + (x < 0 ? 0xffffffff : 0) + carry) % TWO32;
}

/** The bucket of a 64-bit hash [lo, hi]: exact in doubles up to 2²⁶ buckets, BigInt past. */
function bucketOf(lo: number, hi: number, bucket: number, twoTo32ModB: number): number {
  return bucket > 2 ** 26 ? Number(((BigInt(hi) << 32n) | BigInt(lo)) % BigInt(bucket)) : ((hi % bucket) * twoTo32ModB + lo) % bucket;
}

/**
 * fastText's `addWordNgrams`: for each run of 2 … n words, h ← h·116049371 + hash (unsigned
 * 64-bit, each hash an int32 sign-extended), bucket h mod `bucket`; pushed as rows after the
 * words'. The 64-bit product is taken in 32-bit halves (exact in doubles); BigInt past 2²⁶ buckets.
 */
export function pushWordNgrams(hashes: readonly number[], n: number, bucket: number, nwords: number, out: { push(x: number): void }): void {
  const twoTo32ModB = TWO32 % bucket;
  for (let i = 0; i < hashes.length; i++) {
    let lo = hashes[i]! >>> 0, hi = hashes[i]! < 0 ? 0xffffffff : 0;
    for (let j = i + 1; j < hashes.length && j < i + n; j++) {
      ngramStep(lo, hi, hashes[j]!);
      lo = stepLo;
      hi = stepHi;
      out.push(nwords + bucketOf(lo, hi, bucket, twoTo32ModB));
    }
  }
}

/** Each word's hash times fastText's n-gram multiplier (unsigned 64-bit halves): the first step of every word n-gram it starts, taken once a word. */
interface WordProducts { lo: Float64Array; hi: Float64Array }

/** The products of `hashes` (int32 each, sign-extended) and 116049371. */
function wordProducts(hashes: Int32Array): WordProducts {
  const lo = new Float64Array(hashes.length), hi = new Float64Array(hashes.length);
  for (let w = 0; w < hashes.length; w++) {
    ngramStep(hashes[w]! >>> 0, hashes[w]! < 0 ? 0xffffffff : 0, 0);
    lo[w] = stepLo;
    hi[w] = stepHi;
  }
  return { lo, hi };
}

/**
 * pushWordNgrams for a line given as word numbers (`ids[from … to)` then `eos`), the rows written
 * into `out` from `r`; the first step of each n-gram taken from the words' products. Returns the next r.
 */
function writeWordNgrams(ids: Int32Array | Uint16Array, from: number, to: number, eos: number, hashes: Int32Array, p: WordProducts, n: number, bucket: number, nwords: number, out: Int32Array, r: number): number {
  const twoTo32ModB = TWO32 % bucket;
  for (let i = from; i <= to; i++) {
    const a = i < to ? ids[i]! : eos;
    let lo = p.lo[a]!, hi = p.hi[a]!;
    for (let j = i + 1; j <= to && j < i + n; j++) {
      const x = hashes[j < to ? ids[j]! : eos]!;
      if (j === i + 1) { // h·M known: add x
        lo += x >>> 0;
        const carry = lo >= TWO32 ? 1 : 0;
        lo -= carry * TWO32;
        hi = (hi + (x < 0 ? 0xffffffff : 0) + carry) % TWO32;
      } else {
        ngramStep(lo, hi, x);
        lo = stepLo;
        hi = stepHi;
      }
      out[r++] = nwords + bucketOf(lo, hi, bucket, twoTo32ModB);
    }
  }
  return r;
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
 * Lines with each distinct word and label numbered in order of first appearance (as a Map filled
 * while reading fastText's lines numbers them): the end-of-line token `</s>` is a word, numbered
 * after the first line's words. Built by a LineIndex, from strings or straight from a file's token ids.
 */
export interface IndexedLines {
  /** The distinct words (`</s>` among them) and how often each occurs (`</s>` once a line). */
  words: readonly string[];
  wordCounts: ArrayLike<number>;
  labels: readonly string[];
  labelCounts: ArrayLike<number>;
  /** Line i's words (without `</s>`) are wordIds[wordOffsets[i] … wordOffsets[i + 1]), its labels likewise. */
  wordIds: Int32Array | Uint16Array;
  wordOffsets: Int32Array;
  labelIds: Int32Array;
  labelOffsets: Int32Array;
  /** Where wordIds is the array of a LineMemory (read there by readLabelledIds): supervised training lays its model out after it, in that memory. */
  memory?: LineMemory | undefined;
  /** The index of `</s>` in words (−1 without lines). */
  eos: number;
}

/** Numbers strings in order of first appearance and counts them. */
class Numbering {
  readonly names: string[] = [];
  readonly counts: number[] = [];
  private readonly index = new Map<string, number>();
  /** The number of `name` (given if new), counted once more. */
  add(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.index.set(name, i);
      this.names.push(name);
      this.counts.push(0);
    }
    this.counts[i]!++;
    return i;
  }
}

/** Builds IndexedLines a line at a time: `word` and `label` for each token, then `endLine`. */
export class LineIndex {
  private readonly words = new Numbering();
  private readonly labels = new Numbering();
  private readonly wordIds: GrowingInts;
  private readonly labelIds = new GrowingInts();
  private readonly wordOffsets = new GrowingInts();
  private readonly labelOffsets = new GrowingInts();
  private eos = -1;

  /**
   * `words`: how many words the lines are expected to hold in all (room made for them at once), or
   * the array to number them into (a reader's token ids, overwritten behind where it reads; a
   * Uint16Array when fewer than 65,536 distinct tokens were read).
   */
  constructor(words: number | Int32Array | Uint16Array = 1024) {
    this.wordIds = new GrowingInts(words);
    this.wordOffsets.push(0);
    this.labelOffsets.push(0);
  }

  /** A word of the current line; its number. */
  word(w: string): number {
    const i = this.words.add(w);
    this.wordIds.push(i);
    return i;
  }

  /** A word already numbered (by `word`), once more. */
  wordAgain(i: number): void {
    this.words.counts[i]!++;
    this.wordIds.push(i);
  }

  label(l: string): void {
    this.labelIds.push(this.labels.add(l));
  }

  /** Ends the line (`</s>` counted). */
  endLine(): void {
    this.eos = this.words.add(EOS);
    this.wordOffsets.push(this.wordIds.length);
    this.labelOffsets.push(this.labelIds.length);
  }

  /** Lines so far. */
  get lines(): number {
    return this.wordOffsets.length - 1;
  }

  result(): IndexedLines {
    return {
      // (GrowingInts' arrays of offsets and labels are Int32Arrays: made by number)
      words: this.words.names, wordCounts: this.words.counts, labels: this.labels.names, labelCounts: this.labels.counts,
      wordIds: this.wordIds.array(), wordOffsets: this.wordOffsets.array() as Int32Array, labelIds: this.labelIds.array() as Int32Array, labelOffsets: this.labelOffsets.array() as Int32Array, eos: this.eos,
    };
  }
}

/** Lines given as words and labels, indexed. */
export function indexLines(lines: readonly SupervisedLine[]): IndexedLines {
  const x = new LineIndex();
  for (const line of lines) {
    for (const w of line.words) x.word(w);
    for (const l of line.labels) x.label(l);
    x.endLine();
  }
  return x.result();
}

/**
 * The dictionary of the training lines as fastText builds it: every token counted (a line's
 * words, its labels and the end-of-line token `</s>`), words kept from minCount occurrences and
 * labels from minCountLabel, words first then labels, each by decreasing count (ties in order of
 * first appearance).
 */
export function buildSupervisedDictionary(lines: readonly SupervisedLine[] | IndexedLines, s: DictionarySettings): FastTextDictionary {
  const x = Array.isArray(lines) ? indexLines(lines) : lines as IndexedLines;
  const nlines = x.wordOffsets.length - 1;
  const ntokens = x.wordIds.length + x.labelIds.length + nlines;
  const kept = (names: readonly string[], counts: ArrayLike<number>, min: number, type: number): DictionaryEntry[] => {
    const out: DictionaryEntry[] = [];
    for (let i = 0; i < names.length; i++) if (counts[i]! >= min) out.push({ word: names[i]!, count: counts[i]!, type });
    return out.sort((a, b) => b.count - a.count);
  };
  const w = kept(x.words, x.wordCounts, s.minCount, ENTRY_WORD), l = kept(x.labels, x.labelCounts, s.minCountLabel, ENTRY_LABEL);
  if (l.length === 0) throw new LexnetError(x.labels.length === 0 ? 'no labels in the training data' : `no label occurs ${s.minCountLabel} times or more (minCountLabel)`, { option: x.labels.length === 0 ? 'train' : 'minCountLabel' });
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

/** Where EncodingPlan.write puts the encoded lines (arrays of the planned lengths: rows, lines + 1, labels, lines + 1, lines). */
export interface EncodedArrays {
  rowIds: Int32Array;
  rowOffsets: Int32Array;
  labelIds: Int32Array;
  labelOffsets: Int32Array;
  tokens: Int32Array;
}

/** The encoding of numbered lines, sized before it is written (so that it is written once, where it is used). */
export interface EncodingPlan {
  /** Σ input rows, Σ known labels, lines, Σ tokens. */
  rows: number;
  labels: number;
  lines: number;
  totalTokens: number;
  write(out: EncodedArrays): void;
}

/** Each distinct word of numbered lines once: its rows (partRows[partStart[w] … partStart[w + 1])), its hash (for word n-grams); each label its id or −1. */
interface WordTables {
  partStart: Int32Array;
  partRows: Int32Array;
  hashes: Int32Array;
  labelOf: Int32Array;
}

/** The word tables of numbered lines with dictionary d: a known word its row then (with minn/maxn) its character n-grams' rows, an unknown word its n-grams' rows only. */
function wordTables(x: IndexedLines, d: FastTextDictionary, s: DictionarySettings): WordTables {
  const ids = new Map<string, number>();
  d.entries.forEach((e, i) => ids.set(e.word, i));
  const subwords = s.maxn > 0 ? { minn: s.minn, maxn: s.maxn, bucket: s.bucket } : null;
  const nw = x.words.length;
  const partStart = new Int32Array(nw + 1), hashes = new Int32Array(nw);
  const pool = new GrowingInts();
  for (let w = 0; w < nw; w++) {
    const word = x.words[w]!, id = ids.get(word);
    if (id !== undefined && id < d.nwords) pool.push(id);
    if (subwords) for (const g of subwordBuckets(word, subwords)) pool.push(d.nwords + g);
    partStart[w + 1] = pool.length;
    hashes[w] = fastTextHash(encoder.encode(word)) | 0;
  }
  const labelOf = Int32Array.from(x.labels, (l) => {
    const id = ids.get(l);
    return id !== undefined && id >= d.nwords ? id - d.nwords : -1;
  });
  return { partStart, partRows: pool.array().slice() as Int32Array, hashes, labelOf };
}

/** How many input rows line i makes: its words' and `</s>`'s, then its word n-grams'. */
function lineRows(x: IndexedLines, i: number, partStart: Int32Array, s: DictionarySettings): number {
  const from = x.wordOffsets[i]!, to = x.wordOffsets[i + 1]!;
  let rows = partStart[x.eos + 1]! - partStart[x.eos]!;
  for (let w = from; w < to; w++) rows += partStart[x.wordIds[w]! + 1]! - partStart[x.wordIds[w]!]!;
  const n = to - from + 1; // with </s>
  if (s.wordNgrams > 1 && s.bucket > 0) for (let k = 0; k < n; k++) rows += Math.min(s.wordNgrams - 1, n - 1 - k);
  return rows;
}


/** What the lines will take: their rows (all, and the most of one line), their known labels, and their tokens (words, `</s>`, labels: fastText's count). */
function countLines(x: IndexedLines, partStart: Int32Array, labelOf: Int32Array, s: DictionarySettings): { rows: number; maxRows: number; labels: number; totalTokens: number } {
  let rows = 0, maxRows = 0, labels = 0, totalTokens = 0;
  for (let i = 0; i < x.wordOffsets.length - 1; i++) {
    const n = lineRows(x, i, partStart, s);
    rows += n;
    maxRows = Math.max(maxRows, n);
    for (let j = x.labelOffsets[i]!; j < x.labelOffsets[i + 1]!; j++) if (labelOf[x.labelIds[j]!]! >= 0) labels++;
    totalTokens += x.wordOffsets[i + 1]! - x.wordOffsets[i]! + 1 + x.labelOffsets[i + 1]! - x.labelOffsets[i]!;
  }
  return { rows, maxRows, labels, totalTokens };
}

/**
 * fastText's `getLine` for each line, planned: a known word gives its row then (with minn/maxn) its
 * character n-grams' rows, an unknown word its n-grams' rows only, `</s>` ends the line; word
 * n-grams of 2 … wordNgrams words (unknown words included) are hashed into buckets after them.
 * Labels outside the dictionary are dropped (a line without a known label trains nothing).
 */
export function planEncoding(lines: readonly SupervisedLine[] | IndexedLines, d: FastTextDictionary, s: DictionarySettings): EncodingPlan {
  let held: IndexedLines | null = Array.isArray(lines) ? indexLines(lines) : lines as IndexedLines;
  const x = held;
  const { partStart, partRows, hashes, labelOf } = wordTables(x, d, s);
  const nlines = x.wordOffsets.length - 1;
  const ngrams = s.wordNgrams > 1 && s.bucket > 0;
  const { rows, labels, totalTokens } = countLines(x, partStart, labelOf, s);
  /** Writes the lines once, then lets them go. */
  const write = (out: EncodedArrays): void => {
    const x = held;
    if (!x) throw new Error('planEncoding: written already');
    held = null;
    let r = 0, l = 0;
    const products = ngrams ? wordProducts(hashes) : null;
    out.rowOffsets[0] = 0;
    out.labelOffsets[0] = 0;
    for (let i = 0; i < nlines; i++) {
      const from = x.wordOffsets[i]!, to = x.wordOffsets[i + 1]!;
      for (let w = from; w <= to; w++) {
        const p = w < to ? x.wordIds[w]! : x.eos;
        for (let k = partStart[p]!; k < partStart[p + 1]!; k++) out.rowIds[r++] = partRows[k]!;
      }
      if (products) r = writeWordNgrams(x.wordIds, from, to, x.eos, hashes, products, s.wordNgrams, s.bucket, d.nwords, out.rowIds, r);
      for (let j = x.labelOffsets[i]!; j < x.labelOffsets[i + 1]!; j++) {
        const id = labelOf[x.labelIds[j]!]!;
        if (id >= 0) out.labelIds[l++] = id;
      }
      out.rowOffsets[i + 1] = r;
      out.labelOffsets[i + 1] = l;
      out.tokens[i] = to - from + 1 + x.labelOffsets[i + 1]! - x.labelOffsets[i]!;
    }
    if (r !== rows || l !== labels) throw new Error(`planEncoding: wrote ${r} rows and ${l} labels, planned ${rows} and ${labels}`);
  };
  return { rows, labels, lines: nlines, totalTokens, write };
}

/** planEncoding written into arrays of their own. */
export function encodeLines(lines: readonly SupervisedLine[] | IndexedLines, d: FastTextDictionary, s: DictionarySettings): EncodedLines {
  const plan = planEncoding(lines, d, s);
  const out: EncodedArrays = {
    rowIds: new Int32Array(plan.rows), rowOffsets: new Int32Array(plan.lines + 1), labelIds: new Int32Array(plan.labels),
    labelOffsets: new Int32Array(plan.lines + 1), tokens: new Int32Array(plan.lines),
  };
  plan.write(out);
  return { ...out, totalTokens: plan.totalTokens };
}

/** Where WordPlan.write puts the lines (arrays of the planned lengths: words, lines + 1, labels, lines + 1, lines). */
export interface WordArrays {
  words: Uint16Array | Int32Array;
  wordOffsets: Int32Array;
  labelIds: Int32Array;
  labelOffsets: Int32Array;
  tokens: Int32Array;
}

/**
 * The lines as word numbers, planned: the kernels make each line's rows as planEncoding writes them
 * (classifierLineRows: each word's rows from `partStart`/`partRows`, `</s>`, the word n-grams hashed
 * from `hashes`), so that only the words are kept, 2 bytes each when there are at most 65,536.
 */
export interface WordPlan {
  /** Σ words of the lines (`</s>` not stored), Σ known labels, lines, Σ tokens. */
  words: number;
  labels: number;
  lines: number;
  totalTokens: number;
  /** The most rows a line makes (the kernels' line scratch). */
  maxRows: number;
  /** Bytes of a word number. */
  wordBytes: 2 | 4;
  partStart: Int32Array;
  partRows: Int32Array;
  hashes: Int32Array;
  /** The number of `</s>`. */
  eos: number;
  /** The LineMemory whose array holds the words already (as `wordBytes`): the model may be laid out after them, `write` given no `words`. */
  memory: LineMemory | null;
  write(out: Omit<WordArrays, 'words'> & { words: WordArrays['words'] | null }): void;
}

/** planEncoding as word numbers (the same rows, made by the kernels as each line is trained). */
export function planWords(x: IndexedLines, d: FastTextDictionary, s: DictionarySettings): WordPlan {
  let held: IndexedLines | null = x;
  const { partStart, partRows, hashes, labelOf } = wordTables(x, d, s);
  const nlines = x.wordOffsets.length - 1;
  const { labels, totalTokens, maxRows } = countLines(x, partStart, labelOf, s);
  const write = (out: WordArrays): void => {
    const x = held;
    if (!x) throw new Error('planWords: written already');
    held = null;
    if (out.words) out.words.set(x.wordIds); // (null: they are where the kernels read them)
    out.wordOffsets.set(x.wordOffsets);
    let l = 0;
    out.labelOffsets[0] = 0;
    for (let i = 0; i < nlines; i++) {
      for (let j = x.labelOffsets[i]!; j < x.labelOffsets[i + 1]!; j++) {
        const id = labelOf[x.labelIds[j]!]!;
        if (id >= 0) out.labelIds[l++] = id;
      }
      out.labelOffsets[i + 1] = l;
      out.tokens[i] = x.wordOffsets[i + 1]! - x.wordOffsets[i]! + 1 + x.labelOffsets[i + 1]! - x.labelOffsets[i]!;
    }
    if (l !== labels) throw new Error(`planWords: wrote ${l} labels, planned ${labels}`);
  };
  return {
    words: x.wordIds.length, labels, lines: nlines, totalTokens, maxRows,
    wordBytes: x.memory && x.wordIds.byteOffset === RESERVED_BYTES ? (x.wordIds.BYTES_PER_ELEMENT as 2 | 4) : x.words.length <= 65536 ? 2 : 4,
    partStart, partRows, hashes, eos: x.eos, memory: x.memory && x.wordIds.byteOffset === RESERVED_BYTES ? x.memory : null, write,
  };
}
