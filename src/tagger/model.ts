import { Random } from '../core/random.js';
import { LexnetError, optionError } from '../io/errors.js';
import type { WordVectors } from '../io/word-vectors.js';
import { instantiateKernels } from '../kernels/kernels.js';
import { Arena, createMemory, RESERVED_BYTES } from '../kernels/memory.js';
import { kernelModule } from '#platform/kernel-loader.js';
import { formatBytes, MAX_MEMORY_BYTES } from '../word2vec/memory-limit.js';
import type { WasmMemory, WasmModule } from '../kernels/wasm-types.js';
import { CAPS_CLASSES, Lexicon, PAD, capsClass, normalizeWord, prefixOf, suffixOf } from './features.js';
import { FORBIDDEN } from './transition-constraints.js';
import { viterbi } from './viterbi.js';
import { wordShape } from './word-shape.js';
import { WORD_TOKENS, type TextNormalization } from '../text/tokenize.js';

/** The window tagger's architecture: window, feature sizes, hidden layer and output kind. */
export interface TaggerConfig {
  /** Window size C (odd): the token and (C − 1)/2 neighbours on each side. */
  window: number;
  wordDim: number;
  capsDim: number;
  affixDim: number;
  hidden: number;
  /** softmax over all tags, or sigmoid one-vs-rest detection of `entityType`. */
  output: 'softmax' | 'sigmoid';
  entityType?: string;
  freezeWords: boolean;
  /** Size of the word-shape embedding (word-shape.ts); 0 leaves the feature out (models saved before it existed). */
  shapeDim?: number;
  /** `window`: each token's tag on its own (softmax); `crf`: sentence-level log-likelihood with learned transitions, Viterbi decoding (crf.ts). */
  decoder?: 'window' | 'crf';
}

/** The decoders: per-token softmax (seed 000) or sentence-level (Collobert et al. 2011). */
export const DECODERS = ['window', 'crf'] as const;

/** The default architecture: window 5, 50-dim words, 300 hidden units, softmax output, shape feature, crf decoder. */
export const DEFAULT_TAGGER_CONFIG: TaggerConfig = {
  window: 5, wordDim: 50, capsDim: 5, affixDim: 10, hidden: 300, output: 'softmax', freezeWords: false, shapeDim: 5, decoder: 'crf',
};

/** Largest batch a kernel instance is laid out for. */
export const MAX_BATCH = 256;

/** Largest sizes accepted (the memory check below is what usually binds). */
export const TAGGER_LIMITS = { window: 99, dim: 10_000, hidden: 100_000, threads: 256 } as const;

/** Bytes of one thread's kernel scratch (assembly/tagger.ts `taggerScratchBytes`), in exact arithmetic. */
export function taggerScratchBytes(positions: number, width: number, hidden: number, tags: number, maxBatch: number): number {
  const B = maxBatch, k = positions * width;
  const align = (floats: number): number => Math.ceil((floats * 4) / 16) * 16;
  return 3 * align(B * k) + 2 * align(B * hidden) + align(B * tags) + 2 * align(tags * hidden) + align(B * Math.max(k, hidden, tags));
}

interface TaggerSizes {
  window: number; width: number; hidden: number; tags: number; threads: number;
  /** lexicon size × dim of each embedding table. */
  tables: { name: string; rows: number; dim: number }[];
}

/** The memory a tagger needs, by part, in bytes (each array rounded up to 16 for alignment). */
export function taggerMemoryBytes(s: TaggerSizes): { embeddings: number; weights: number; perThread: number; total: number } {
  const r = (n: number): number => Math.ceil(n / 16) * 16;
  const embeddings = s.tables.reduce((sum, t) => sum + r(t.rows * t.dim * 4), 0);
  const K = s.window * s.width;
  const weights = r(K * s.hidden * 4) + r(s.hidden * 4) + r(s.hidden * s.tags * 4) + r(s.tags * 4) + r((s.tags + 1) * s.tags * 4) + r(60);
  const perThread = r(MAX_BATCH * s.window * 20) + r(MAX_BATCH * 4) + r(MAX_BATCH * Math.max(s.tags, 1) * 4) +
    r(taggerScratchBytes(s.window, s.width, s.hidden, s.tags, MAX_BATCH));
  return { embeddings, weights, perThread, total: RESERVED_BYTES + embeddings + weights + s.threads * perThread };
}

/** Throws a LexnetError with the arithmetic when the tagger cannot fit in one WebAssembly memory. */
export function checkTaggerFits(s: TaggerSizes): void {
  const m = taggerMemoryBytes(s);
  if (m.total <= MAX_MEMORY_BYTES) return;
  let lo = 0, hi = Math.floor(s.hidden / 4); // largest multiple of 4 below the current hidden that fits
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (taggerMemoryBytes({ ...s, hidden: mid * 4 }).total <= MAX_MEMORY_BYTES) lo = mid;
    else hi = mid - 1;
  }
  const tables = s.tables.map((t) => `${t.name} ${t.rows.toLocaleString('en-US')} × ${t.dim}`).join(' + ');
  const advice = lo > 0 ? `the largest hidden (\`hidden\`) that fits with these settings is ${lo * 4}` : 'lower dim (`wordDim`), window (`window`) or threads (`threads`)';
  throw new LexnetError(
    `tagger: the model needs embeddings (${tables}) × 4 bytes = ${formatBytes(m.embeddings)}, ` +
    `W (window ${s.window} × width ${s.width} × hidden ${s.hidden}) and U × 4 bytes = ${formatBytes(m.weights)}, ` +
    `and ${s.threads} × ${formatBytes(m.perThread)} of per-thread buffers (batch ${MAX_BATCH}) = ${formatBytes(m.total)}, ` +
    `more than the 4 GiB a WebAssembly memory can hold; ${advice}`,
    { mentions: lo > 0 ? ['hidden'] : ['wordDim', 'window', 'threads'] },
  );
}

/** Where the tagger's parameters and tables sit, as the kernel's configure call takes them. */
export interface KernelSetup {
  window: number; meta: number; hidden: number; tags: number; W: number; b1: number; U: number; b2: number;
  sigmoidOutput: boolean; buffers: ThreadBuffers[];
  /** Feature ids per token (4, or 5 with the word shape). */
  features: number;
  /** Start scores (T) and transitions (T × T) of the sentence-level decoder, 0 for the window decoder. */
  start: number; transitions: number;
}

/** Instantiates and configures the tagger kernels for one thread. */
export function kernelForThread(module: WasmModule, memory: WasmMemory, s: KernelSetup, thread: number, seed = 1): ReturnType<typeof instantiateKernels> {
  const k = instantiateKernels(module, memory);
  k.taggerSeed(BigInt(seed) * 1000003n + BigInt(thread) + 1n);
  k.taggerConfigure(s.window, s.features, s.meta, s.meta + 4 * s.features, s.meta + 8 * s.features, s.hidden, s.tags, s.W, s.b1, s.U, s.b2, s.sigmoidOutput ? 1 : 0, s.buffers[thread]!.scratch, MAX_BATCH);
  return k;
}

/** A thread's input, label and output buffers in the tagger's WebAssembly memory. */
export interface ThreadBuffers {
  ids: number;
  labels: number;
  out: number;
  scratch: number;
}

/** A sentence turned into per-token feature ids (n × F: word, caps, prefix, suffix and, when used, shape). */
export interface EncodedSentence {
  ids: Int32Array;
  length: number;
}

/**
 * The window tagger: embedding tables (word, capitalization, prefix, suffix and word shape)
 * looked up for each of C positions and concatenated into x, h = tanh(xW + b1), scores hU + b2.
 * The window decoder takes each token's best score; the crf decoder adds start and transition
 * scores and decodes whole sentences (Viterbi). Parameters live in float32 WebAssembly memory;
 * the kernels in assembly/tagger.ts train and predict.
 */
export class TaggerModel {
  readonly memory: WasmMemory;
  readonly tables: { name: string; lexiconSize: number; dim: number; ptr: number; train: boolean }[];
  readonly W: number; readonly b1: number; readonly U: number; readonly b2: number;
  readonly K: number;
  readonly T: number;
  /** Feature ids per token: 4, or 5 with the word shape. */
  readonly F: number;
  /** Start scores (T) and transitions (T × T, from row to column) of the crf decoder; 0 without. */
  readonly start: number; readonly transitions: number;
  readonly decoder: 'window' | 'crf';
  /** Parameter region [start, end) in bytes, for snapshots and saving. */
  readonly paramStart: number;
  /**
   * How `Tagger.tag` splits a string: `tokenize` for models trained since the tokenizer (CoNLL
   * data is tokenized that way), white space for files saved before it. Token arrays are never split.
   */
  text: TextNormalization = WORD_TOKENS;
  readonly paramEnd: number;
  private readonly meta: number;
  private readonly kernels: ReturnType<typeof instantiateKernels>;
  /** Per-thread buffers: kernel scratch and the batch's ids, labels and outputs. The last one is the main thread's. */
  readonly buffers: ThreadBuffers[] = [];
  private readonly tagIndex: Map<string, number>;

  constructor(
    readonly config: TaggerConfig,
    readonly words: Lexicon,
    readonly prefixes: Lexicon,
    readonly suffixes: Lexicon,
    readonly tags: readonly string[],
    /** Worker threads that will train over this model's (then shared) memory. */
    readonly workers = 0,
    /** Word shapes seen in training (used when config.shapeDim > 0). */
    readonly shapes: Lexicon = new Lexicon(),
  ) {
    const shared = workers > 0;
    this.tagIndex = new Map(tags.map((t, i) => [t, i]));
    if (config.window % 2 !== 1 || config.window < 1) throw optionError('window', `window must be odd, got ${config.window}`);
    if (config.hidden % 4 !== 0) throw optionError('hidden', `hidden must be a multiple of 4 (SIMD lanes), got ${config.hidden}`);
    const shapeDim = config.shapeDim ?? 0;
    this.decoder = config.decoder ?? 'window';
    if (!DECODERS.includes(this.decoder)) throw optionError('decoder', `decoder must be one of ${DECODERS.join(', ')}, got ${String(this.decoder)}`);
    if (!(Number.isInteger(shapeDim) && shapeDim >= 0 && shapeDim <= TAGGER_LIMITS.dim)) throw optionError('shapeDim', `shapeDim must be a whole number in [0, ${TAGGER_LIMITS.dim}], got ${shapeDim}`);
    if (this.decoder === 'crf' && config.output === 'sigmoid') throw optionError('decoder', 'decoder crf needs output softmax (sentence-level decoding works on all the tags)', ['output']);
    this.F = shapeDim > 0 ? 5 : 4;
    for (const [name, v, max] of [['wordDim', config.wordDim, TAGGER_LIMITS.dim], ['capsDim', config.capsDim, TAGGER_LIMITS.dim], ['affixDim', config.affixDim, TAGGER_LIMITS.dim], ['hidden', config.hidden, TAGGER_LIMITS.hidden], ['window', config.window, TAGGER_LIMITS.window]] as const) {
      if (!(Number.isInteger(v) && v >= 1 && v <= max)) throw optionError(name, `${name} must be a whole number in [1, ${max}], got ${v}`);
    }
    const width = config.wordDim + config.capsDim + 2 * config.affixDim + shapeDim;
    this.K = config.window * width;
    this.T = config.output === 'sigmoid' ? 1 : tags.length;
    checkTaggerFits({
      window: config.window, width, hidden: config.hidden, tags: this.T, threads: workers + 1,
      tables: [
        { name: 'words', rows: words.size, dim: config.wordDim }, { name: 'caps', rows: CAPS_CLASSES.length, dim: config.capsDim },
        { name: 'prefixes', rows: prefixes.size, dim: config.affixDim }, { name: 'suffixes', rows: suffixes.size, dim: config.affixDim },
        ...(shapeDim > 0 ? [{ name: 'shapes', rows: shapes.size, dim: shapeDim }] : []),
      ],
    });
    const module = kernelModule(shared);
    const probe = instantiateKernels(module, createMemory(1 << 16, shared));
    const a = new Arena();
    const spec = [
      { name: 'word', lexiconSize: words.size, dim: config.wordDim, train: !config.freezeWords },
      { name: 'caps', lexiconSize: CAPS_CLASSES.length, dim: config.capsDim, train: true },
      { name: 'prefix', lexiconSize: prefixes.size, dim: config.affixDim, train: true },
      { name: 'suffix', lexiconSize: suffixes.size, dim: config.affixDim, train: true },
      ...(shapeDim > 0 ? [{ name: 'shape', lexiconSize: shapes.size, dim: shapeDim, train: true }] : []),
    ];
    this.paramStart = a.alloc(0);
    this.tables = spec.map((t) => ({ ...t, ptr: a.alloc(t.lexiconSize * t.dim * 4) }));
    this.W = a.alloc(this.K * config.hidden * 4);
    this.b1 = a.alloc(config.hidden * 4);
    this.U = a.alloc(config.hidden * this.T * 4);
    this.b2 = a.alloc(this.T * 4);
    const crf = this.decoder === 'crf';
    this.start = crf ? a.alloc(this.T * 4) : 0;
    this.transitions = crf ? a.alloc(this.T * this.T * 4) : 0;
    this.paramEnd = a.alloc(0);
    this.meta = a.alloc(3 * this.F * 4);
    for (let t = 0; t <= workers; t++) {
      this.buffers.push({
        ids: a.alloc(MAX_BATCH * config.window * this.F * 4),
        labels: a.alloc(MAX_BATCH * 4),
        out: a.alloc(MAX_BATCH * Math.max(this.T, 1) * 4),
        scratch: a.alloc(probe.taggerScratchBytes(config.window, width, config.hidden, this.T, MAX_BATCH) >>> 0), // u32 from the kernel
      });
    }
    this.memory = createMemory(a.size, shared);
    this.kernels = this.instance(this.memory, workers);
  }

  get shared(): boolean {
    return this.workers > 0;
  }

  /** A kernel instance over this model's memory using thread t's buffers (workers make their own). */
  instance(memory: WasmMemory, thread: number): ReturnType<typeof instantiateKernels> {
    const F = this.F, m = new Int32Array(memory.buffer, this.meta, 3 * F);
    this.tables.forEach((t, f) => { m[f] = t.ptr; m[F + f] = t.dim; m[2 * F + f] = t.train ? 1 : 0; });
    return kernelForThread(kernelModule(this.shared), memory, this.kernelSetup(), thread);
  }

  /** Everything a thread needs to configure its own kernel instance over the shared memory. */
  kernelSetup(): KernelSetup {
    return {
      window: this.config.window, meta: this.meta, hidden: this.config.hidden, tags: this.T, W: this.W, b1: this.b1, U: this.U, b2: this.b2,
      sigmoidOutput: this.config.output === 'sigmoid', buffers: this.buffers, features: this.F, start: this.start, transitions: this.transitions,
    };
  }

  get parameterCount(): number {
    return (this.paramEnd - this.paramStart) / 4;
  }

  /** All parameters as one float32 view (tables, W, b1, U, b2, then start and transitions for crf, in that order). */
  params(): Float32Array {
    return new Float32Array(this.memory.buffer, this.paramStart, this.parameterCount);
  }

  /** Each parameter array by name, in layout order: the tables, W, b1, U, b2 (and start, transitions). */
  paramViews(): { name: string; view: Float32Array }[] {
    const f = (ptr: number, n: number) => new Float32Array(this.memory.buffer, ptr, n);
    const H = this.config.hidden;
    return [
      ...this.tables.map((t) => ({ name: t.name, view: f(t.ptr, t.lexiconSize * t.dim) })),
      { name: 'W', view: f(this.W, this.K * H) }, { name: 'b1', view: f(this.b1, H) },
      { name: 'U', view: f(this.U, H * this.T) }, { name: 'b2', view: f(this.b2, this.T) },
      ...(this.decoder === 'crf' ? [{ name: 'start', view: f(this.start, this.T) }, { name: 'transitions', view: f(this.transitions, this.T * this.T) }] : []),
    ];
  }

  /** The weights of one lookup table (word, caps, prefix, suffix) as a view on the kernel's memory. */
  table(name: string): Float32Array {
    const t = this.tables.find((x) => x.name === name)!;
    return new Float32Array(this.memory.buffer, t.ptr, t.lexiconSize * t.dim);
  }

  /** Random initialisation: embeddings N(0, 0.1²), W and U Glorot-uniform, biases, start and transition scores zero. */
  initialize(rng: Random): void {
    for (const _ of this.initializeInSlices(rng));
  }

  /** `initialize`, pausing after every 65,536 draws (where a caller may give the event loop a turn). */
  *initializeInSlices(rng: Random): Generator<void, void, void> {
    for (const t of this.tables) {
      const v = new Float32Array(this.memory.buffer, t.ptr, t.lexiconSize * t.dim);
      for (let i = 0; i < v.length; i++) {
        v[i] = 0.1 * rng.normal();
        if ((i & 0xffff) === 0xffff) yield;
      }
    }
    const glorot = (ptr: number, rows: number, cols: number, gain = 1): void => {
      const r = gain * Math.sqrt(6 / (rows + cols));
      const v = new Float32Array(this.memory.buffer, ptr, rows * cols);
      for (let i = 0; i < v.length; i++) v[i] = rng.uniform(-r, r);
    };
    glorot(this.W, this.K, this.config.hidden);
    yield;
    glorot(this.U, this.config.hidden, this.T);
  }

  /** Fixes the start and transition scores marked true at FORBIDDEN (crf decoder; see transition-constraints.ts). */
  forbidTransitions(f: { start: readonly boolean[]; transitions: readonly boolean[] }): void {
    const T = this.T, start = new Float32Array(this.memory.buffer, this.start, T), A = new Float32Array(this.memory.buffer, this.transitions, T * T);
    f.start.forEach((no, j) => { if (no) start[j] = FORBIDDEN; });
    f.transitions.forEach((no, q) => { if (no) A[q] = FORBIDDEN; });
  }

  /**
   * Copies pretrained vectors into the word table (matched on the normalized word), scaled so
   * their standard deviation matches the random initialisation. Returns how many rows were set.
   */
  loadVectors(vectors: WordVectors): number {
    if (vectors.dim !== this.config.wordDim) {
      throw new LexnetError(`the vectors have dimension ${vectors.dim} but the tagger's word embeddings have ${this.config.wordDim} (set wordDim ${vectors.dim})`, { option: 'wordDim' });
    }
    let sq = 0;
    for (const v of vectors.data) sq += v * v;
    const scale = 0.1 / Math.sqrt(sq / vectors.data.length || 1);
    const table = this.table('word');
    const d = this.config.wordDim;
    const seen = new Set<number>();
    vectors.words.forEach((w, i) => {
      const id = this.words.index.get(normalizeWord(w));
      if (id === undefined || seen.has(id)) return;
      seen.add(id);
      for (let j = 0; j < d; j++) table[id * d + j] = vectors.data[i * d + j]! * scale;
    });
    return seen.size;
  }

  /** Feature ids of each token of a sentence. */
  encode(words: readonly string[]): EncodedSentence {
    const F = this.F, ids = new Int32Array(words.length * F);
    words.forEach((w, i) => {
      ids[i * F] = this.words.id(normalizeWord(w));
      ids[i * F + 1] = capsClass(w);
      ids[i * F + 2] = this.prefixes.id(prefixOf(w));
      ids[i * F + 3] = this.suffixes.id(suffixOf(w));
      if (F > 4) ids[i * F + 4] = this.shapes.id(wordShape(w));
    });
    return { ids, length: words.length };
  }

  /** Writes the window of token t (C positions × F features, padding beyond the edges) at out[o…]. */
  window(s: EncodedSentence, t: number, out: Int32Array, o: number): void {
    const c = (this.config.window - 1) / 2, F = this.F;
    for (let p = -c; p <= c; p++) {
      const q = t + p;
      for (let f = 0; f < F; f++) out[o++] = q >= 0 && q < s.length ? s.ids[q * F + f]! : PAD;
    }
  }

  /** Probabilities (B × T) for a batch of windows already written by `window`. */
  predictWindows(ids: Int32Array, batch: number): Float32Array {
    return this.batchOutput(ids, batch, (i, b, o) => this.kernels.taggerPredict(i, b, o));
  }

  /** One SGD step on a batch of windows and labels; returns the mean loss. */
  trainWindows(ids: Int32Array, labels: Int32Array, batch: number, lr: number, l2: number, dropout = 0): number {
    const io = this.buffers[this.workers]!;
    new Int32Array(this.memory.buffer, io.ids, ids.length).set(ids);
    new Int32Array(this.memory.buffer, io.labels, batch).set(labels.subarray(0, batch));
    return this.kernels.taggerTrainBatch(io.ids, io.labels, batch, lr, l2, dropout);
  }

  /** Raw scores s = hU + b2 (B × T) of a batch of windows: the emissions of the crf decoder. */
  scoreWindows(ids: Int32Array, batch: number): Float32Array {
    return this.batchOutput(ids, batch, (i, b, o) => this.kernels.taggerScores(i, b, o));
  }

  /** Copies a batch of windows in, runs one of the kernel's B × T outputs over them, copies the result out. */
  private batchOutput(ids: Int32Array, batch: number, run: (ids: number, batch: number, out: number) => void): Float32Array {
    if (batch > MAX_BATCH) throw new RangeError(`batch ${batch} > ${MAX_BATCH}`);
    const io = this.buffers[this.workers]!;
    new Int32Array(this.memory.buffer, io.ids, ids.length).set(ids);
    run(io.ids, batch, io.out);
    return new Float32Array(this.memory.buffer, io.out, batch * this.T).slice();
  }

  /** Predicted tag of every token of a sentence: each token's best (window) or the best path (crf, Viterbi). */
  tagSentence(words: readonly string[]): string[] {
    if (words.length === 0) return [];
    const s = this.encode(words);
    const out: string[] = [];
    const CF = this.config.window * this.F, T = this.T;
    const crf = this.decoder === 'crf';
    const emissions = crf ? new Float32Array(s.length * T) : null;
    for (let start = 0; start < s.length; start += MAX_BATCH) {
      const n = Math.min(MAX_BATCH, s.length - start);
      const ids = new Int32Array(n * CF);
      for (let i = 0; i < n; i++) this.window(s, start + i, ids, i * CF);
      if (emissions) emissions.set(this.scoreWindows(ids, n), start * T);
      else {
        const p = this.predictWindows(ids, n);
        for (let i = 0; i < n; i++) out.push(this.decode(p, i));
      }
    }
    if (!emissions) return out;
    const f = (ptr: number, len: number) => new Float32Array(this.memory.buffer, ptr, len);
    return [...viterbi(emissions, s.length, T, f(this.start, T), f(this.transitions, T * T))].map((t) => this.tags[t]!);
  }

  /** The tag for row i of a probability matrix. */
  decode(p: Float32Array, i: number): string {
    if (this.config.output === 'sigmoid') return p[i]! >= 0.5 ? `I-${this.config.entityType}` : 'O';
    let best = 0;
    for (let t = 1; t < this.T; t++) if (p[i * this.T + t]! > p[i * this.T + best]!) best = t;
    return this.tags[best]!;
  }

  /** Training label of a gold tag: its index (−1 if unknown), or 1/0 (is / is not the entity type) for sigmoid output. */
  label(tag: string): number {
    if (this.config.output === 'sigmoid') return tag !== 'O' && tag.endsWith(`-${this.config.entityType}`) ? 1 : 0;
    return this.tagIndex.get(tag) ?? -1;
  }
}

