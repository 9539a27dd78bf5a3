import { inputError, LexnetError, optionError } from '../io/errors.js';
import { plural } from '../io/vector-format.js';
import { LOSS, MODEL, type FastTextArgs } from './args.js';
import { MemoryReader, type ByteReader } from './byte-reader.js';
import type { FastTextDictionary } from './dictionary.js';
import { fastTextHash } from './hash.js';
import { need, readDenseHeader, readFloats, readHead } from './model-file.js';
import { DenseRows, readQuantizedMatrix, type PredictionMatrix } from './quantized-matrix.js';
import { FNV_OFFSET, FNV_PRIME } from '../text/token-table.js';
import { EOS } from './subwords.js';
import { pushWordNgrams } from './supervised-data.js';
import { Utf8WordCache } from './utf8-word-cache.js';
import { encodeFastTextClassifier, fastTextClassifierChunks } from './classifier-file.js';
import { writeFileChunks } from '#platform/model-files.js';

/** One prediction: a label as the model stores it (`__label__en`) and its probability as fastText prints it. */
export interface FastTextPrediction {
  label: string;
  probability: number;
}

/** How many labels to give, and the least probability a label needs (fastText's `predict -k N` and threshold). */
export interface FastTextPredictOptions {
  /** The most labels to give (1 by default; Infinity for all). */
  k?: number;
  /** Labels less probable than this are left out (0 by default). */
  threshold?: number;
  /**
   * Whether the text is a line that ended with a newline, as every line but perhaps a file's last
   * one (true by default): fastText then adds its end-of-line token `</s>` to the words.
   */
  endOfLine?: boolean;
}

/** fastText's label prefix (`-label`, not stored in model files: models use the default). */
export const LABEL_PREFIX = '__label__';

/** The characters fastText splits words on (`Dictionary::readWord`). */
const SPLIT = /[ \n\r\t\v\f\0]+/;
const SIGMOID_TABLE_SIZE = 512;
const MAX_SIGMOID = 8;
/** OOV words whose rows are remembered, at most (the memory is cleared when it fills). */
const CACHE_WORDS = 1 << 16;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** The bytes fastText splits words on, as in SPLIT (1), others 0. */
const SPACE = new Uint8Array(256);
for (const c of [32, 10, 13, 9, 11, 12, 0]) SPACE[c] = 1;
const EOS_BYTES = encoder.encode(EOS);

/** Refuses a `k` or `threshold` that predict cannot take (the option named). */
function checkTop(k: number, threshold: number): void {
  if (!(k === Infinity || (Number.isInteger(k) && k >= 1))) throw optionError('k', `k must be a whole number ≥ 1, got ${k}`);
  if (!(threshold >= 0 && threshold <= 1)) throw optionError('threshold', `threshold must be a probability, between 0 and 1, got ${threshold}`);
}

/** fastText's `std_log`: the log of a probability, as its heaps hold them (a float). */
function stdLog(x: number): number {
  return Math.fround(Math.log(x + 1e-5));
}

/** fastText's sigmoid table (`Loss::sigmoid`), used by one-vs-all and negative-sampling models. */
const SIGMOID_TABLE = Float32Array.from({ length: SIGMOID_TABLE_SIZE + 1 }, (_, i) => {
  const x = Math.fround((i * 2 * MAX_SIGMOID) / SIGMOID_TABLE_SIZE) - MAX_SIGMOID;
  return 1 / (1 + Math.exp(-x));
});
function tableSigmoid(x: number): number {
  if (x < -MAX_SIGMOID) return 0;
  if (x > MAX_SIGMOID) return 1;
  return SIGMOID_TABLE[Math.trunc(Math.fround(Math.fround(Math.fround(x + MAX_SIGMOID) * SIGMOID_TABLE_SIZE) / MAX_SIGMOID / 2))]!;
}

/** fastText's Huffman tree over the labels (`HierarchicalSoftmaxLoss::buildTree`), by label counts. */
function huffmanTree(counts: readonly number[]): { left: Int32Array; right: Int32Array } {
  const n = counts.length;
  const size = Math.max(1, 2 * n - 1);
  const count = new Float64Array(size).fill(1e15);
  const left = new Int32Array(size).fill(-1), right = new Int32Array(size).fill(-1);
  counts.forEach((c, i) => { count[i] = c; });
  let leaf = n - 1, node = n;
  for (let i = n; i < 2 * n - 1; i++) {
    const mini = [0, 0];
    for (let j = 0; j < 2; j++) mini[j] = leaf >= 0 && count[leaf]! < count[node]! ? leaf-- : node++;
    if (mini[0]! >= i || mini[1]! >= i) throw new LexnetError('the label counts do not make a Huffman tree (they must decrease, as fastText stores them)');
    left[i] = mini[0]!;
    right[i] = mini[1]!;
    count[i] = count[mini[0]!]! + count[mini[1]!]!;
  }
  return { left, right };
}

/** A word's part of a line's hidden vector: the sum of its rows, their number, and its hash (for word n-grams). */
interface WordPart {
  sum: Float32Array;
  rows: number;
  hash: number;
}

/** libstdc++'s `__push_heap` with fastText's `comparePairs` (a min-heap on the score), over (score, id) pairs held in two arrays. */
function siftUp(s: Float64Array, d: Int32Array, hole: number, top: number, score: number, id: number): void {
  let parent = (hole - 1) >> 1;
  while (hole > top && s[parent]! > score) {
    s[hole] = s[parent]!;
    d[hole] = d[parent]!;
    hole = parent;
    parent = (hole - 1) >> 1;
  }
  s[hole] = score;
  d[hole] = id;
}

/** libstdc++'s `__pop_heap` over pairs 0 … last with the pair at `last`: the front moves to `last`. */
function popHeap(s: Float64Array, d: Int32Array, last: number): void {
  const score = s[last]!, id = d[last]!;
  s[last] = s[0]!;
  d[last] = d[0]!;
  const len = last;
  let hole = 0, child = 0;
  while (child < (len - 1) >> 1) {
    child = 2 * (child + 1);
    if (s[child]! > s[child - 1]!) child--;
    s[hole] = s[child]!;
    d[hole] = d[child]!;
    hole = child;
  }
  if ((len & 1) === 0 && child === (len - 2) >> 1) {
    child = 2 * (child + 1);
    s[hole] = s[child - 1]!;
    d[hole] = d[child - 1]!;
    hole = child - 1;
  }
  siftUp(s, d, hole, 0, score, id);
}

/**
 * fastText's prediction heap of (log-probability, label) pairs (`std::push_heap`, `pop_heap`,
 * `sort_heap` with `comparePairs`, as libstdc++ does them), so that labels of equal probability
 * come out in fastText's order; reused from line to line.
 */
class BestK {
  scores = new Float64Array(2);
  ids = new Int32Array(2);
  size = 0;
  k = 1;
  /** Empties the heap for a line's k best. */
  reset(k: number): void {
    this.k = k;
    this.size = 0;
    if (this.scores.length < k + 1) {
      this.scores = new Float64Array(k + 1);
      this.ids = new Int32Array(k + 1);
    }
  }
  get full(): boolean {
    return this.size >= this.k;
  }
  /** The least score held (the heap's front). */
  get worst(): number {
    return this.scores[0]!;
  }
  push(score: number, id: number): void {
    siftUp(this.scores, this.ids, this.size, 0, score, id);
    this.size++;
    if (this.size > this.k) {
      if (this.size > 1) popHeap(this.scores, this.ids, this.size - 1);
      this.size--;
    }
  }
  /** Sorts the pairs held, best first (`std::sort_heap`); returns how many. */
  sort(): number {
    for (let last = this.size - 1; last > 0; last--) popHeap(this.scores, this.ids, last);
    return this.size;
  }
}

/**
 * A fastText supervised model (a `.bin` from `fasttext supervised`, or a quantized `.ftz` from
 * `fasttext quantize`, such as `lid.176.ftz`), for prediction: text is cut into words as
 * fastText cuts it (white space, and `</s>` at the end of a line), each word gives its row and
 * its character n-grams' rows, word n-grams their hashed rows; their mean goes through the
 * output layer (softmax, hierarchical softmax or one-vs-all, as the model was trained).
 * Probabilities are those `fasttext predict-prob` prints (fastText adds 1e-5 to each).
 */
export class FastTextClassifier {
  /** The labels as the model stores them (`__label__en`), in the model's order. */
  readonly labels: readonly string[];
  private readonly words = new Map<string, number>();
  /** Each dictionary word's part of the hidden vector, by id (made when first seen). */
  private readonly vocabParts: (WordPart | undefined)[];
  /** The words seen lately (a bounded memory): their parts, null for labels. */
  private readonly seen = new Map<string, WordPart | null>();
  private readonly tree: { left: Int32Array; right: Int32Array } | null;
  private readonly hidden: Float32Array;
  /** `<word>`'s UTF-8 bytes, while its n-grams are cut. */
  private bytes = new Uint8Array(256);
  private readonly output: Float32Array;
  /** The rows in the line's hidden vector so far, and its words' hashes (for word n-grams). */
  private rowCount = 0;
  private readonly hashes: number[] = [];
  /** The words predictUtf8 met lately, by their bytes (made on its first call). */
  private byteWords: Utf8WordCache<WordPart | null> | null = null;
  private eosPart: WordPart | null = null;
  private readonly best = new BestK();
  /** The output matrix's values when it is dense (read inline by the tree walk), else null. */
  private readonly denseOutput: Float32Array | null;
  /** The tree walk's stack: nodes and their scores (a walk holds at most one more than the tree's depth). */
  private readonly stackNodes: Int32Array;
  private readonly stackScores: Float64Array;

  constructor(
    readonly args: FastTextArgs,
    readonly dictionary: FastTextDictionary,
    private readonly input: PredictionMatrix,
    private readonly out: PredictionMatrix,
  ) {
    const { entries, nwords } = dictionary;
    for (let i = 0; i < nwords; i++) this.words.set(entries[i]!.word, i);
    this.labels = entries.slice(nwords).map((e) => e.word);
    this.vocabParts = new Array<WordPart | undefined>(nwords);
    this.tree = args.loss === LOSS.hs ? huffmanTree(entries.slice(nwords).map((e) => e.count)) : null;
    this.hidden = new Float32Array(args.dim);
    this.output = new Float32Array(this.labels.length);
    this.denseOutput = out instanceof DenseRows ? out.data : null;
    this.stackNodes = new Int32Array(this.labels.length + 2);
    this.stackScores = new Float64Array(this.labels.length + 2);
  }

  /** The input matrix: one row per word, then one per bucket (the kept buckets of a pruned model); dense, or quantized in a `.ftz`. */
  get inputMatrix(): PredictionMatrix {
    return this.input;
  }

  /** The output matrix: one row per label (per inner node of the tree with hierarchical softmax); dense, or quantized (`-qout`). */
  get outputMatrix(): PredictionMatrix {
    return this.out;
  }

  /** Whether the input matrix is product-quantized (a `.ftz`). */
  get quantized(): boolean {
    return !(this.input instanceof DenseRows);
  }

  /** The model's file as fastText writes it (`.bin`, or `.ftz` when quantized), for any platform: fastText 0.9 and lexnet read it. */
  toBytes(): Uint8Array {
    return encodeFastTextClassifier(this);
  }

  /** Writes the model's file (Node; atomically): a `.bin`, or a `.ftz` when quantized, that `fasttext predict` reads. */
  async save(path: string): Promise<void> {
    writeFileChunks(path, [...fastTextClassifierChunks(this)]); // checked in full before the file is opened (the pieces are views)
  }

  /** The input rows of a word in the dictionary (fastText's `getSubwords`: the word, then its n-grams). */
  private rowsOfWord(id: number): number[] {
    const rows = [id];
    if (this.args.maxn > 0) {
      const e = this.dictionary.entries[id]!;
      this.pushSubwordRows(e.bytes ?? e.word, rows);
    }
    return rows;
  }

  /** The input rows of a word not in the dictionary: its character n-grams (none without them). */
  private rowsOfUnknown(word: string): number[] {
    const rows: number[] = [];
    if (this.args.maxn > 0) this.pushSubwordRows(word, rows);
    return rows;
  }

  /**
   * Pushes the rows of a word's character n-grams (subwordBuckets, pruned buckets left out, the
   * kept ones renumbered, after the words' rows), each n-gram's hash carried on from the shorter one's.
   */
  private pushSubwordRows(word: string | Uint8Array, rows: number[]): void {
    if (word === EOS) return;
    let b = this.bytes;
    if (b.length < 3 * word.length + 2) b = this.bytes = new Uint8Array(2 * (3 * word.length + 2));
    b[0] = 60; // '<'
    let len: number;
    if (typeof word === 'string') len = encoder.encodeInto(word, b.subarray(1)).written + 2;
    else {
      if (word.length === EOS_BYTES.length && word.every((x, i) => x === EOS_BYTES[i])) return;
      b.set(word, 1);
      len = word.length + 2;
    }
    b[len - 1] = 62; // '>'
    const { minn, maxn, bucket } = this.args, prune = this.dictionary.pruneIndex, nwords = this.dictionary.nwords;
    for (let i = 0; i < len; i++) {
      if ((b[i]! & 0xc0) === 0x80) continue;
      let h = FNV_OFFSET;
      let j = i;
      for (let n = 1; j < len && n <= maxn; n++) {
        do {
          h = Math.imul(h ^ ((b[j]! << 24) >> 24), FNV_PRIME);
          j++;
        } while (j < len && (b[j]! & 0xc0) === 0x80);
        if (n >= minn && !(n === 1 && (i === 0 || j === len))) {
          let id = (h >>> 0) % bucket;
          if (prune) {
            const kept = prune.get(id);
            if (kept === undefined) continue;
            id = kept;
          }
          rows.push(nwords + id);
        }
      }
    }
  }

  /** A word's rows added up (in fastText's order), their number and the word's hash; null for a label. */
  private partOf(token: string): WordPart | null {
    let part = this.seen.get(token);
    if (part !== undefined) return part;
    part = this.lookUp(token);
    if (this.seen.size >= CACHE_WORDS) this.seen.clear();
    this.seen.set(token, part);
    return part;
  }

  /** partOf without the memory of words seen lately (a dictionary word's part is kept by its id). */
  private lookUp(token: string): WordPart | null {
    const id = this.words.get(token);
    if (id !== undefined) return this.vocabParts[id] ??= this.makePart(token, this.rowsOfWord(id));
    return token.startsWith(LABEL_PREFIX) ? null : this.makePart(token, this.rowsOfUnknown(token));
  }

  private makePart(token: string, rows: readonly number[]): WordPart {
    const sum = new Float32Array(this.args.dim);
    for (let i = 0; i < rows.length; i++) this.input.addRow(sum, rows[i]!, 1);
    return { sum, rows: rows.length, hash: this.args.wordNgrams > 1 ? fastTextHash(encoder.encode(token)) | 0 : 0 };
  }

  /** fastText's `addWordNgrams`: 64-bit hashes of the runs of 2 … wordNgrams words, their buckets kept as `pushHash` keeps them. */
  private addWordNgrams(hashes: readonly number[], add: (row: number) => void): void {
    const prune = this.dictionary.pruneIndex, nwords = this.dictionary.nwords;
    pushWordNgrams(hashes, this.args.wordNgrams, this.args.bucket, 0, {
      push: (id) => {
        if (prune) {
          const kept = prune.get(id);
          if (kept === undefined) return;
          id = kept;
        }
        add(nwords + id);
      },
    });
  }

  /**
   * The `k` most probable labels of a line of text, most probable first, leaving out those below
   * `threshold` (fastText's `predict-prob`); none for a line with no word the model knows.
   */
  predict(text: string, options: FastTextPredictOptions = {}): FastTextPrediction[] {
    const k = options.k ?? 1, threshold = options.threshold ?? 0;
    checkTop(k, threshold);
    if (typeof text !== 'string') throw new LexnetError(`predict takes a line of text, got ${text === null ? 'null' : typeof text}`);
    // the hidden vector: the mean of the line's rows (fastText's getLine and averageRowsToVector),
    // each word's rows added up once and remembered
    this.startLine();
    const tokens = text.split(SPLIT);
    if (options.endOfLine ?? true) tokens.push(EOS);
    for (const token of tokens) {
      if (token === '') continue;
      const part = this.partOf(token);
      if (part) this.addPart(part);
    }
    const n = this.endLine(k, threshold), best = this.best;
    return Array.from({ length: n }, (_, i) => ({ label: this.labels[best.ids[i]!]!, probability: Math.fround(Math.exp(best.scores[i]!)) }));
  }

  /**
   * predict for a line given as UTF-8 bytes, `bytes[start, end)` (a reader's buffer; no newline
   * inside), with no string made for a word met before: the same labels and probabilities as
   * `predict` on the decoded line. The labels' indices in `labels` go to `ids` and their
   * probabilities to `probabilities`, most probable first; returns how many (at most k, and at
   * most the arrays' length). `endOfLine` as in predict's options (whether the line ended with a newline).
   */
  predictUtf8(bytes: Uint8Array, start: number, end: number, endOfLine: boolean, k: number, threshold: number, ids: Int32Array, probabilities: Float32Array): number {
    checkTop(k, threshold);
    this.startLine();
    const cache = this.byteWords ??= new Utf8WordCache<WordPart | null>(CACHE_WORDS);
    for (let i = start; i < end;) {
      let c = bytes[i]!;
      if (c <= 32 && SPACE[c] === 1) {
        i++;
        continue;
      }
      const from = i;
      let h = FNV_OFFSET;
      do {
        h = Math.imul(h ^ ((c << 24) >> 24), FNV_PRIME);
        i++;
      } while (i < end && ((c = bytes[i]!) > 32 || SPACE[c] === 0));
      let part = cache.get(bytes, from, i, h);
      if (part === undefined) {
        part = this.lookUp(decoder.decode(bytes.subarray(from, i)));
        cache.set(bytes, from, i, h, part);
      }
      if (part) this.addPart(part);
    }
    if (endOfLine) this.addPart(this.eosPart ??= this.lookUp(EOS)!);
    const best = this.best;
    const n = Math.min(this.endLine(k, threshold), ids.length, probabilities.length);
    for (let i = 0; i < n; i++) {
      ids[i] = best.ids[i]!;
      probabilities[i] = Math.exp(best.scores[i]!);
    }
    return n;
  }

  /** Starts a line's hidden vector (fastText's getLine): no rows yet. */
  private startLine(): void {
    const h = this.hidden;
    for (let j = 0; j < h.length; j++) h[j] = 0;
    this.rowCount = 0;
    this.hashes.length = 0;
  }

  /** Adds a word's rows to the line's hidden vector, and its hash for the word n-grams. */
  private addPart(part: WordPart): void {
    if (part.rows > 0) {
      const h = this.hidden, sum = part.sum, dim = h.length;
      for (let j = 0; j < dim; j++) h[j] = h[j]! + sum[j]!;
      this.rowCount += part.rows;
    }
    if (this.args.wordNgrams > 1 && this.args.bucket > 0) this.hashes.push(part.hash);
  }

  /** Ends a line: the word n-grams' rows, the mean, and the k best labels in `best` (best first); returns how many (none for a line without rows). */
  private endLine(k: number, threshold: number): number {
    const h = this.hidden;
    if (this.args.wordNgrams > 1 && this.args.bucket > 0) {
      const input = this.input;
      this.addWordNgrams(this.hashes, (row) => { input.addRow(h, row, 1); this.rowCount++; });
    }
    if (this.rowCount === 0) return 0;
    const scale = Math.fround(1 / this.rowCount);
    for (let j = 0; j < h.length; j++) h[j] = h[j]! * scale;
    const best = this.best;
    best.reset(Math.min(k, this.labels.length));
    if (this.tree) {
      this.dfs(best, stdLog(threshold));
    } else this.findKBest(best, threshold);
    return best.sort();
  }

  private findKBest(best: BestK, threshold: number): void {
    const o = this.output, n = o.length;
    for (let i = 0; i < n; i++) o[i] = this.out.dotRow(this.hidden, i);
    if (this.args.loss === LOSS.softmax) {
      let max = o[0]!, z = 0;
      for (let i = 0; i < n; i++) if (o[i]! > max) max = o[i]!;
      for (let i = 0; i < n; i++) {
        o[i] = Math.exp(o[i]! - max);
        z += o[i]!;
      }
      z = Math.fround(z);
      for (let i = 0; i < n; i++) o[i] = o[i]! / z;
    } else {
      for (let i = 0; i < n; i++) o[i] = tableSigmoid(o[i]!);
    }
    for (let i = 0; i < n; i++) {
      if (o[i]! < threshold) continue;
      const s = stdLog(o[i]!);
      if (best.full && s < best.worst) continue;
      best.push(s, i);
    }
  }

  /**
   * fastText's `HierarchicalSoftmaxLoss::dfs`: the tree walked depth first from the root, left
   * child first, branches cut by the threshold and the k best so far (as the recursion cuts them:
   * a node's cut is decided when it is taken from the stack, after its left sibling's subtree).
   * Leaves are the nodes below the number of labels.
   */
  private dfs(best: BestK, logThreshold: number): void {
    const { left, right } = this.tree!;
    const nl = this.labels.length, data = this.denseOutput, h = this.hidden, dim = h.length;
    const nodes = this.stackNodes, scores = this.stackScores;
    nodes[0] = 2 * nl - 2;
    scores[0] = 0;
    for (let top = 1; top > 0;) {
      top--;
      const node = nodes[top]!, score = scores[top]!;
      if (score < logThreshold || (best.full && score < best.worst)) continue;
      if (node < nl) {
        best.push(score, node);
        continue;
      }
      const row = node - nl;
      let d = 0;
      if (data) {
        const o = row * dim;
        for (let j = 0; j < dim; j++) d += data[o + j]! * h[j]!;
      } else d = this.out.dotRow(h, row);
      const f = Math.fround(1 / (1 + Math.exp(-d)));
      nodes[top] = right[node]!;
      scores[top] = Math.fround(score + Math.fround(Math.log(f + 1e-5))); // stdLog, inline
      nodes[top + 1] = left[node]!;
      scores[top + 1] = Math.fround(score + Math.fround(Math.log(1 - f + 1e-5)));
      top += 2;
    }
  }
}

/** Reads a dense matrix after its flag byte: rows, cols (int64) and the float32 values. */
function readDenseRows(r: ByteReader, name: string, what: string): DenseRows {
  const { rows, cols } = readDenseHeader(r, name, what);
  const data = new Float32Array(rows * cols);
  readFloats(r, name, data, 0, data.length, (k) => `${what} matrix row ${Math.floor(k / cols) + 1}`);
  return new DenseRows(rows, cols, data);
}

/**
 * Reads a fastText supervised model, dense (`.bin`) or quantized (`.ftz`, fastText's
 * `FastText::loadModel`), for prediction. Unsupervised models are refused (they have no labels).
 */
export function readFastTextClassifier(r: ByteReader, name: string): FastTextClassifier {
  const head = readHead(r, name);
  const { args, dictionary: d } = head;
  if (args.model !== MODEL.sup) throw inputError(name, null, `an unsupervised fastText model (${args.model === MODEL.cbow ? 'cbow' : 'skipgram'}) has no labels to predict: read it as word vectors`);
  if (d.nlabels === 0) throw inputError(name, null, 'a supervised fastText model without labels');
  if (args.loss === LOSS.hs) {
    for (let i = d.nwords + 1; i < d.entries.length; i++) {
      const [before, e] = [d.entries[i - 1]!, d.entries[i]!];
      if (e.count > before.count) throw inputError(name, null, `label ${e.word} counts ${e.count}, more than the label before it (${before.word}, ${before.count}): fastText stores labels by decreasing count, and its hierarchical softmax needs that order`);
    }
  }
  const quantized = need(r, name, 1, 'the input matrix')[0] !== 0;
  const input = quantized ? readQuantizedMatrix(r, name, 'input') : readDenseRows(r, name, 'input');
  const buckets = d.pruneIndex ? d.pruneIndex.size : args.bucket;
  if (input.rows !== d.nwords + buckets || input.cols !== args.dim) {
    throw inputError(name, null, `the input matrix is ${input.rows} × ${input.cols}, but ${plural(d.nwords, 'word')} + ${plural(buckets, 'bucket')} of dimension ${args.dim} need ${d.nwords + buckets} × ${args.dim}`);
  }
  if (d.pruneIndex) {
    if (!quantized) throw inputError(name, null, 'a pruned dictionary without a quantized input matrix (fastText refuses such files too)');
    for (const [from, to] of d.pruneIndex) {
      if (!(from >= 0 && from < args.bucket && to >= 0 && to < buckets)) throw inputError(name, null, `the prune index maps bucket ${from} to row ${to}, outside ${args.bucket} buckets and ${buckets} kept rows`);
    }
  }
  const quantizedOutput = need(r, name, 1, 'the output matrix')[0] !== 0;
  const output = quantized && quantizedOutput ? readQuantizedMatrix(r, name, 'output') : readDenseRows(r, name, 'output');
  if (output.rows !== d.nlabels || output.cols !== args.dim) {
    throw inputError(name, null, `the output matrix is ${output.rows} × ${output.cols}, but ${plural(d.nlabels, 'label')} of dimension ${args.dim} need ${d.nlabels} × ${args.dim}`);
  }
  if (!r.atEnd()) throw inputError(name, null, `more data follows the output matrix, from byte ${r.offset}`);
  return new FastTextClassifier(args, d, input, output);
}

/** readFastTextClassifier over a model held in memory (a browser's fetched bytes). */
export function decodeFastTextClassifier(bytes: Uint8Array, name = 'fastText model'): FastTextClassifier {
  return readFastTextClassifier(new MemoryReader(bytes), name);
}
