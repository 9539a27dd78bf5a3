import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { writeFileAtomic } from '../io/atomic-write.js';
import { refuseCompressedName } from '../io/compressed-name.js';
import type { BundleArray } from '../io/bundle.js';
import { requireFiniteWeights } from '../train/finite-inputs.js';
import { inputError, LexnetError } from '../io/errors.js';
import { describeFsError } from '../io/read-text.js';
import { strictUtf8 } from '../text/utf8-stream.js';
import { DATA_ORDERS } from './data-order.js';
import { WORD2VEC_LOSSES, WORD2VEC_MODELS, type Word2vecOptions } from './options.js';
import { shardRounds, shardSlots } from './shard-schedule.js';
import { subwordRows, subwordSettings } from './subword-rows.js';

/** First line of a word2vec checkpoint file (the layout of src/io/bundle.ts, which readBundle reads too). */
export const CHECKPOINT_MAGIC = 'lexnet-word2vec-checkpoint';
export const CHECKPOINT_VERSION = 1;

/** Where one worker thread is: the next chunk it trains, its kernel's RNG state and loss sums. */
export interface ThreadPosition {
  /** 0-based epoch; `epochs` once the thread is done. */
  epoch: number;
  /**
   * Offset, in ids, of the next chunk in the encoded corpus (within the thread's part); with a
   * shared chunk cursor (dataOrder interleaved with several threads, or shuffled), the same for
   * every thread: the next slot of the epoch × 10,000.
   */
  pos: number;
  /** The kernel's LCG state, as an unsigned 64-bit integer. */
  rng: bigint;
  lossSum: number;
  lossTerms: number;
}

/** What identifies the training data: the vocabulary is kept whole, the encoded text by its hash. */
export interface DataFingerprint {
  /** The corpus's name (file, `brown`, …), for messages. */
  corpus: string;
  tokens: number;
  sentences: number;
  /** Ids in the encoded corpus (sentence marks included) and in-vocabulary words. */
  ids: number;
  words: number;
  /** SHA-256 of the encoded corpus (int32 ids, sentence marks), hex. */
  idsHash: string;
}

/** Everything needed to continue a word2vec run exactly where it was saved. */
export interface Word2vecCheckpoint {
  options: Word2vecOptions;
  data: DataFingerprint;
  words: string[];
  counts: Float64Array;
  /** The global progress counter (ids trained by all threads), which drives the learning-rate decay. */
  done: number;
  threads: ThreadPosition[];
  /** Training seconds so far, over all sessions. */
  seconds: number;
  /** The caller's own fields, stored as given (the CLI keeps its corpus spec and output there). */
  extra: Record<string, unknown>;
  syn0: Float32Array;
  syn1: Float32Array;
  /** A sharded run (`shards` > 1): the sub-step it resumes at, a round's start (shard-schedule.ts); its `threads` are the S × slots workers, `done` counts ids as one memory would. */
  shardStep?: number;
  /**
   * Contiguous parts (one memory, no shared cursor): the boundaries of the threads' parts,
   * [0, …, ids], cut where the expected work is equal (balanced-parts.ts). Absent in checkpoints
   * written before parts were balanced: their threads resume in parts of equal ids.
   */
  parts?: number[];
  /** The file it was read from (not stored), for messages. */
  file?: string;
}

/** Whether every thread has done all its epochs (resuming only writes the vectors). */
export function checkpointFinished(c: Word2vecCheckpoint): boolean {
  return c.threads.every((t) => t.epoch >= c.options.epochs);
}

/**
 * Writes the checkpoint atomically (a temporary file renamed over `path`) in the layout of
 * src/io/bundle.ts (`MAGIC VERSION`, a JSON line, then the arrays little-endian), with a
 * checksum of the arrays. The arrays are streamed from their own memory, never copied whole.
 */
export function writeWord2vecCheckpoint(path: string, c: Word2vecCheckpoint): void {
  refuseCompressedName(path);
  const arrays: [string, BundleArray][] = [['syn0', c.syn0], ['syn1', c.syn1], ['counts', c.counts]];
  const header = {
    options: c.options, data: c.data, words: c.words, done: c.done, seconds: c.seconds, extra: c.extra, ...(c.shardStep === undefined ? {} : { shardStep: c.shardStep }),
    ...(c.parts === undefined ? {} : { parts: c.parts }),
    threads: c.threads.map((t) => ({ ...t, rng: t.rng.toString() })),
    checksum: checksum(arrays.map(([, a]) => a)),
    arrays: arrays.map(([name, a]) => ({ name, type: a instanceof Float64Array ? 'f64' : 'f32', length: a.length })),
  };
  writeFileAtomic(path, (function* () {
    yield `${CHECKPOINT_MAGIC} ${CHECKPOINT_VERSION}\n${JSON.stringify(header)}\n`;
    for (const [, a] of arrays) {
      const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength); // typed arrays are little-endian on every platform Node runs wasm on
      for (let at = 0; at < bytes.length; at += SLICE) yield bytes.subarray(at, at + SLICE);
    }
  })());
}

/** Bytes handed to write(2) at a time. */
const SLICE = 1 << 24;

/** Reads and checks a checkpoint; a foreign, cut or damaged file is a LexnetError naming it. */
export function readWord2vecCheckpoint(path: string): Word2vecCheckpoint {
  const bundle = readCheckpointFile(path);
  const h = bundle.header;
  const bad = (what: string): never => { throw inputError(path, 2, `damaged checkpoint: ${what}`); };
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const count = (v: unknown, what: string): number => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : bad(`${what} is not a count`));
  const num = (v: unknown, what: string): number => (typeof v === 'number' && Number.isFinite(v) ? v : bad(`${what} is not a number`));

  const o = h.options;
  if (!isObject(o)) return bad('no options');
  if (!WORD2VEC_MODELS.includes(o.model as never)) bad('unknown model');
  if (!WORD2VEC_LOSSES.includes(o.loss as never)) bad('unknown loss');
  for (const k of ['dim', 'window', 'epochs', 'threads', 'minCount']) if (count(o[k], k) < 1) bad(`${k} is 0`);
  count(o.negative, 'negative');
  count(o.seed, 'seed');
  if (num(o.sample, 'sample') < 0 || num(o.alpha, 'alpha') <= 0) bad('sample or alpha out of range');
  if (typeof o.batchNegatives !== 'boolean') bad('batchNegatives is not a boolean');
  if (o.skipSaturated === undefined) o.skipSaturated = false; // written before the option existed: word2vec.c's rule
  else if (typeof o.skipSaturated !== 'boolean') bad('skipSaturated is not a boolean');
  if (o.negativeWeight === undefined) o.negativeWeight = 1; // written before the option existed: unweighted negatives
  else if (num(o.negativeWeight, 'negativeWeight') <= 0) bad('negativeWeight out of range');
  if (o.dataOrder === undefined) o.dataOrder = 'contiguous'; // written before the option existed: each thread had its contiguous part
  else if (!DATA_ORDERS.includes(o.dataOrder as never)) bad('unknown dataOrder');
  // no shards: one memory (as every checkpoint written before sharded runs could be checkpointed)
  if (o.shards !== undefined && count(o.shards, 'shards') < 1) bad('shards is 0');
  if ((o.shards as number) > 1 && (o.model !== 'skipgram' || o.loss !== 'negative' || o.subwords === true)) bad('a sharded run that is not skip-gram with negative sampling');
  if (o.subwords === undefined) o.subwords = false; // written before subwords could be checkpointed
  else if (typeof o.subwords !== 'boolean') bad('subwords is not a boolean');
  if (o.subwords) {
    for (const k of ['minn', 'maxn', 'bucket']) if (count(o[k], k) < 1) bad(`${k} is 0`);
    if ((o.maxn as number) < (o.minn as number)) bad('maxn is below minn');
  }
  const options = o as unknown as Word2vecOptions;

  const d = h.data;
  if (!isObject(d) || typeof d.corpus !== 'string' || typeof d.idsHash !== 'string') return bad('no data fingerprint');
  for (const k of ['tokens', 'sentences', 'ids', 'words']) count(d[k], `data.${k}`);
  const data = d as unknown as DataFingerprint;

  const words = h.words;
  if (!Array.isArray(words) || !words.every((w) => typeof w === 'string')) return bad('no word list');
  const V = words.length, dim = options.dim;
  // with subwords syn0 holds the words' rows, then the rows of the buckets their n-grams use
  const rows = V + (options.subwords ? subwordRows(words, subwordSettings(options)).used.length : 0);
  const syn0 = bundle.arrays.get('syn0'), syn1 = bundle.arrays.get('syn1'), counts = bundle.arrays.get('counts');
  if (!(syn0 instanceof Float32Array) || syn0.length !== rows * dim) {
    return bad(`syn0 is not ${options.subwords ? `${V} words + ${rows - V} n-gram buckets` : V} × ${dim} float32 values`);
  }
  if (!(syn1 instanceof Float32Array) || syn1.length !== V * dim) return bad(`syn1 is not ${V} × ${dim} float32 values`);
  if (!(counts instanceof Float64Array) || counts.length !== V) return bad(`counts is not ${V} float64 values`);
  if (h.checksum !== checksum([syn0, syn1, counts])) bad('the arrays do not match their checksum');
  // what the vector files a run writes must hold (the reader refuses the rest): distinct words
  // without white space or NUL, finite weights; and counts that a vocabulary can have
  const seen = new Set<string>();
  words.forEach((w: string, i) => {
    if (w === '' || /[\s\0]/.test(w)) bad(`word ${i + 1} ${JSON.stringify(w.slice(0, 40))} is empty or holds white space or a NUL`);
    if (seen.has(w)) bad(`the word ${JSON.stringify(w.slice(0, 40))} appears twice in the vocabulary`);
    seen.add(w);
  });
  requireFiniteWeights(path, [['syn0', syn0], ['syn1', syn1]]);
  counts.forEach((c, i) => { if (!(Number.isSafeInteger(c) && c >= 1)) bad(`counts[${i}] is ${c}, not a count ≥ 1`); });

  const done = count(h.done, 'done');
  if (done > options.epochs * data.ids) bad('the progress counter is beyond the last epoch');
  const seconds = num(h.seconds, 'seconds');
  if (seconds < 0) bad('seconds is negative');
  const extra = isObject(h.extra) ? h.extra : {};
  const ts = h.threads;
  const S = options.shards ?? 1, workers = S > 1 ? S * shardSlots(options.threads, S) : options.threads;
  if (!Array.isArray(ts) || ts.length !== workers) return bad(`not ${workers} thread positions`);
  let shardStep: number | undefined;
  if (S > 1) {
    const steps = options.epochs * shardRounds(data.ids, V, dim, shardSlots(options.threads, S)) * S;
    shardStep = count(h.shardStep, 'shardStep');
    if (shardStep > steps || shardStep % S !== 0) bad(`shardStep ${shardStep} is not the start of a round of the run's ${steps} sub-steps`);
  }
  let parts: number[] | undefined;
  if (h.parts !== undefined) {
    const p = h.parts;
    if (!Array.isArray(p) || p.length !== options.threads + 1 || p[0] !== 0 || p[p.length - 1] !== data.ids || p.some((b, i) => count(b, `parts[${i}]`) < (i > 0 ? p[i - 1] : 0))) {
      bad(`parts is not ${options.threads + 1} increasing boundaries from 0 to the corpus's ${data.ids} ids`);
    }
    parts = p as number[];
  }
  const threads = ts.map((t: unknown, i): ThreadPosition => {
    if (!isObject(t) || typeof t.rng !== 'string' || !/^\d{1,20}$/.test(t.rng)) return bad(`thread ${i} has no RNG state`);
    const epoch = count(t.epoch, `thread ${i} epoch`), pos = count(t.pos, `thread ${i} position`);
    if (epoch > options.epochs || pos > data.ids) bad(`thread ${i} is beyond the corpus`);
    return { epoch, pos, rng: BigInt.asUintN(64, BigInt(t.rng)), lossSum: num(t.lossSum, 'lossSum'), lossTerms: count(t.lossTerms, 'lossTerms') };
  });
  return { options, data, words, counts, done, threads, seconds, extra, syn0, syn1, ...(shardStep === undefined ? {} : { shardStep }), ...(parts ? { parts } : {}), file: path };
}

/** Options that decide the training trajectory (a resumed run must agree on each). */
const TRAJECTORY_OPTIONS: readonly (keyof Word2vecOptions)[] = [
  'model', 'loss', 'dim', 'window', 'negative', 'sample', 'minCount', 'epochs', 'alpha', 'threads', 'seed', 'batchNegatives', 'skipSaturated', 'negativeWeight', 'dataOrder',
  'subwords', 'minn', 'maxn', 'bucket', 'shards',
];

/**
 * The options of a resumed run: the checkpoint's, which every option given must equal.
 * Throws a LexnetError naming each one that differs.
 */
export function resumeOptions(path: string, c: Word2vecCheckpoint, given: Partial<Word2vecOptions>): Word2vecOptions {
  const differ: string[] = [], names: string[] = [];
  for (const key of TRAJECTORY_OPTIONS) {
    const now = given[key], was = key === 'shards' ? (c.options.shards ?? 1) : c.options[key];
    if (now !== undefined && now !== was) { differ.push(`\`${key}\` ${was} (this run: ${now})`); names.push(key); }
  }
  if (differ.length > 0) {
    throw new LexnetError(
      `${path}: the checkpoint was made with other options: ${differ.join(', ')}. ` +
        'Leave them out to continue with the checkpoint\'s, or start a new run without `resume`.',
      { option: names[0], mentions: [...names.slice(1), 'resume'] },
    );
  }
  return { ...c.options };
}

/** Refuses a checkpoint made from other data, saying what differs. */
export function checkResumeData(path: string, c: Word2vecCheckpoint, words: readonly string[], counts: ArrayLike<number>, data: DataFingerprint): void {
  const head = `${path}: the checkpoint was made with other data`;
  const was = `${c.words.length} words with count ≥ ${c.options.minCount} from ${c.data.tokens} tokens of ${c.data.corpus}`;
  const now = `${words.length} words from ${data.tokens} tokens of ${data.corpus}`;
  const hint = ' (same corpus file, unchanged, and the same `lowercase`?)', lowercaseHint = { mentions: ['lowercase'] };
  if (words.length !== c.words.length || data.tokens !== c.data.tokens) throw new LexnetError(`${head}: its vocabulary has ${was}; this run has ${now}${hint}`, lowercaseHint);
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== c.words[i] || counts[i] !== c.counts[i]) {
      throw new LexnetError(
        `${head}: word ${i + 1} of its vocabulary is "${c.words[i]}" (count ${c.counts[i]}), in this run "${words[i]}" (count ${counts[i]})${hint}`,
        lowercaseHint,
      );
    }
  }
  if (data.ids !== c.data.ids || data.idsHash !== c.data.idsHash) {
    throw new LexnetError(`${head}: the vocabulary and counts agree, but the text differs (sentences changed or reordered)${hint}`, lowercaseHint);
  }
}

/**
 * Reads the bundle layout straight into typed arrays: files of any size (readFileSync stops at
 * 2 GiB), no per-value decoding. Every inconsistency is a LexnetError naming the file.
 */
function readCheckpointFile(path: string): { header: Record<string, unknown>; arrays: Map<string, BundleArray> } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new LexnetError(`${path}: cannot read (${describeFsError(e)})`);
  }
  try {
    const size = fstatSync(fd).size;
    // the two text lines: read until the second newline (the header holds the word list: it can be long)
    const parts: Buffer[] = [], newlines: number[] = [];
    let length = 0;
    for (let at = 0; newlines.length < 2 && at < size;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, size - at));
      const got = readSync(fd, chunk, 0, chunk.length, at);
      if (got <= 0) break;
      for (let i = chunk.indexOf(10); i >= 0 && i < got && newlines.length < 2; i = chunk.indexOf(10, i + 1)) newlines.push(length + i);
      parts.push(chunk.subarray(0, got));
      length += got;
      at += got;
      if (newlines.length === 0 && length > 64) break; // no magic line
      if (newlines.length > 0 && !Buffer.concat(parts).subarray(0, newlines[0]).toString('latin1').startsWith(`${CHECKPOINT_MAGIC} `)) break;
    }
    const text = Buffer.concat(parts);
    const first = newlines[0] ?? -1, second = newlines[1] ?? -1;
    const magic = text.subarray(0, first < 0 ? Math.min(text.length, 64) : first).toString('latin1').split(' ');
    if (magic[0] !== CHECKPOINT_MAGIC) throw inputError(path, 1, `not a ${CHECKPOINT_MAGIC} file`);
    if (magic[1] !== String(CHECKPOINT_VERSION)) throw inputError(path, 1, `${CHECKPOINT_MAGIC} version ${magic[1]}; this lexnet reads version ${CHECKPOINT_VERSION}`);
    let header: Record<string, unknown>;
    const json = second < 0 ? '' : strictUtf8(path, text, first + 1, second, 2, 0); // words in another encoding: refused, not replaced
    try {
      if (second < 0) throw new Error('no end of line');
      header = JSON.parse(json);
      if (typeof header !== 'object' || header === null) throw new Error('not an object');
    } catch {
      throw inputError(path, 2, 'the header is cut short or damaged');
    }
    const index = header.arrays;
    if (!Array.isArray(index)) throw inputError(path, 2, 'damaged checkpoint: no array index');
    const arrays = new Map<string, BundleArray>();
    let at = second + 1;
    for (const entry of index as unknown[]) {
      const { name, type, length } = (entry ?? {}) as { name?: unknown; type?: unknown; length?: unknown };
      if (typeof name !== 'string' || (type !== 'f32' && type !== 'f64') || !Number.isSafeInteger(length) || (length as number) < 0) {
        throw inputError(path, 2, 'damaged checkpoint: a bad entry in the array index');
      }
      const n = length as number, bytes = n * (type === 'f64' ? 8 : 4);
      if (at + bytes > size) throw inputError(path, null, `cut short in array "${name}" (${size} bytes)`);
      const a = type === 'f64' ? new Float64Array(n) : new Float32Array(n);
      const view = new Uint8Array(a.buffer);
      for (let o = 0; o < bytes;) {
        const got = readSync(fd, view, o, Math.min(SLICE, bytes - o), at + o);
        if (got <= 0) throw inputError(path, null, `cut short in array "${name}"`);
        o += got;
      }
      at += bytes;
      arrays.set(name, a);
    }
    if (at !== size) throw inputError(path, null, `${size - at} unexpected bytes after the last array`);
    return { header, arrays };
  } catch (e) {
    if (e instanceof LexnetError) throw e;
    throw new LexnetError(`${path}: cannot read (${describeFsError(e)})`);
  } finally {
    closeSync(fd);
  }
}

function checksum(arrays: readonly BundleArray[]): string {
  const h = createHash('sha256');
  for (const a of arrays) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return h.digest('hex');
}
