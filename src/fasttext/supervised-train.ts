// Training fastText's supervised model in the WebAssembly kernels: the dictionary and encoded
// lines laid out with both matrices in one memory, Hogwild threads (Node workers, Web Workers,
// or one inline thread), and the result a FastTextClassifier, as a fastText `.bin` would load.
import { LexnetError, optionError } from '../io/errors.js';
import { instantiateKernels, SUPERVISED_LOSSES } from '../kernels/kernels.js';
import { loadKernelModule } from '../kernels/load.js';
import { Arena, createMemory, RESERVED_BYTES } from '../kernels/memory.js';
import type { WasmMemory } from '../kernels/wasm-types.js';
import { validateOptions } from '../options/declare.js';
import { abortReason, throwIfAborted, yieldToEventLoop } from '../train/abort.js';
import type { ProgressCallback } from '../train/progress-event.js';
import { buildHuffman, MAX_CODE_LENGTH } from '../word2vec/huffman.js';
import type { RunningThread } from '../word2vec/session.js';
import { LOSS, MODEL, type FastTextArgs } from './args.js';
import type { FastTextDictionary } from './dictionary.js';
import { DenseRows } from './quantized-matrix.js';
import { buildSupervisedDictionary, indexLines, planEncoding, planWords, splitFastTextLine, type DictionarySettings, type EncodedArrays, type EncodingPlan, type IndexedLines, type SupervisedLine, type WordPlan } from './supervised-data.js';
import { SUPERVISED_DEFAULTS, SUPERVISED_OPTIONS, type SupervisedOnlyOptions } from './supervised-options.js';
import type { WordVectors } from '../io/word-vectors.js';
import { FastTextClassifier } from './supervised-model.js';
import { configureWords, correctLines, SupervisedThread, type ScoredLines, type SupervisedJob, type SupervisedLayout } from './supervised-thread.js';
import { supervisedThreadHost } from '#platform/supervised-threads.js';

export type { SupervisedLine } from './supervised-data.js';

/** Options of trainSupervised: fastText's (`fasttext supervised`), with its defaults. */
export interface SupervisedOptions extends SupervisedOnlyOptions {
  dim?: number | undefined;
  epochs?: number | undefined;
  learningRate?: number | undefined;
  seed?: number | undefined;
  /** Pretrained word vectors: the input rows of the words they hold start from them (fastText's `-pretrainedVectors`); `dim` must be theirs (by default it is). */
  vectors?: WordVectors | undefined;
  /** @deprecated No effect. */
  quiet?: boolean | undefined;
  onProgress?: ProgressCallback | undefined;
  signal?: AbortSignal | undefined;
}

/** The trained model and the run's figures. */
export interface SupervisedResult {
  /** The model, as `readFastTextClassifier` would give it from a fastText `.bin`. */
  classifier: FastTextClassifier;
  /** Mean loss per example over the run. */
  loss: number;
  /** Threads trained with. */
  threads: number;
  /** Lines trained on (those with a word and a known label), per epoch. */
  lines: number;
  seconds: number;
}

/** How threads are started on this platform (Node: workers; a page: Web Workers over shared memory). */
export interface SupervisedThreadHost {
  /** Whether the host can run workers over a shared memory here. */
  readonly shared: boolean;
  start(job: SupervisedJob): RunningThread;
  /** Starts `threads` threads ahead of their jobs (so that their start overlaps the encoding); the function returned ends those `start` has not used (and says how many). */
  warm?(threads: number): () => number;
  /** A full garbage collection now, where the platform offers one (Node). */
  collectGarbage?(): void;
}

/** The one thread run in the calling thread, yielding to the event loop every ~20 ms. */
const inlineHost: SupervisedThreadHost = {
  shared: false,
  start(job) {
    const t = new SupervisedThread(job);
    let stopped = false;
    const done = (async () => {
      let last = performance.now();
      while (!stopped && t.step()) {
        if (performance.now() - last >= 20) {
          await yieldToEventLoop();
          last = performance.now();
        }
      }
    })();
    return { done, stop: async () => { stopped = true; await done.catch(() => {}); } };
  },
};

/** Input matrices from this size on have the garbage collected before they are touched (a collection costs ~10 ms). */
const GARBAGE_COLLECTED_MODEL_BYTES = 16 << 20;

/** Bytes of n 4-byte values. */
const words4 = (n: number): number => 4 * Math.max(1, n);

/** The settings with fastText's defaults and its rule for buckets. */
function settingsOf(o: SupervisedOptions) {
  const D = SUPERVISED_DEFAULTS;
  const wordNgrams = o.wordNgrams ?? D.wordNgrams, maxn = o.maxn ?? D.maxn, minn = o.minn ?? (maxn > 0 ? Math.min(3, maxn) : D.minn);
  if (maxn > 0 && minn > maxn) throw optionError('minn', `minn ${minn} is more than maxn ${maxn}`, ['maxn']);
  if (maxn > 0 && minn < 1) throw optionError('minn', 'minn must be 1 or more with character n-grams (maxn > 0)', ['maxn']);
  const bucket = wordNgrams <= 1 && maxn === 0 ? 0 : o.bucket ?? D.bucket;
  if (o.vectors && o.dim !== undefined && o.dim !== o.vectors.dim) throw optionError('dim', `dim ${o.dim} is not the dimension of the vectors (${o.vectors.dim})`, ['vectors']);
  if (bucket === 0 && (wordNgrams > 1 || maxn > 0)) throw optionError('bucket', 'word or character n-grams need buckets to be hashed into (bucket ≥ 1)', ['wordNgrams', 'maxn']);
  return {
    loss: o.loss ?? D.loss, dim: o.dim ?? o.vectors?.dim ?? D.dim, epochs: o.epochs ?? D.epochs, learningRate: o.learningRate ?? D.learningRate,
    wordNgrams, bucket, minn: maxn > 0 ? minn : 0, maxn, minCount: o.minCount ?? D.minCount, minCountLabel: o.minCountLabel ?? D.minCountLabel,
    neg: o.neg ?? D.neg, seed: o.seed ?? D.seed, labelPrefix: o.labelPrefix ?? D.labelPrefix,
  };
}

/**
 * Trains fastText's supervised model (`fasttext supervised`) on lines of fastText's format
 * (`__label__a [__label__b …] text`, labels marked by `labelPrefix`) or on `{ words, labels }`
 * (labels with their prefix): the dictionary as fastText builds it, each line's rows (words,
 * character n-grams, hashed word n-grams, `</s>`) averaged into the hidden vector, one of
 * fastText's losses, SGD with its linear decay, Hogwild threads in the WebAssembly kernels.
 * With `threads: 1` and a seed, every run gives the same model.
 */
export async function trainSupervised(input: readonly (string | SupervisedLine)[], options: SupervisedOptions = {}): Promise<SupervisedResult> {
  const { precisions: _, topLabels: __, ...result } = await trainAndScore(input, options, []);
  return result;
}

/** The precision at 1 of the training lines then of each set evaluated, and each evaluated set's lines' most probable labels (label indices, −1 for a line without rows). */
export interface Scores {
  precisions: number[];
  topLabels: Int32Array[];
}

/**
 * trainSupervised, then the precision at 1 (the share of lines whose most probable label is one
 * of theirs, computed in the kernels) on the training lines and on each of `evaluate`.
 */
export async function trainAndScore(input: readonly (string | SupervisedLine)[], options: SupervisedOptions, evaluate: readonly (readonly SupervisedLine[])[]): Promise<SupervisedResult & Scores> {
  validateOptions(SUPERVISED_OPTIONS, options, 'trainSupervised');
  throwIfAborted(options.signal);
  if (!Array.isArray(input)) throw new LexnetError('trainSupervised: the training data must be an array of lines (strings in fastText\'s format, or { words, labels })', { option: 'train' });
  const s = settingsOf(options);
  const lines = input.map((l, i) => {
    if (typeof l === 'string') return splitFastTextLine(l, s.labelPrefix);
    if (l && Array.isArray(l.words) && Array.isArray(l.labels)) return l;
    throw new LexnetError(`trainSupervised: line ${i + 1} must be a string or { words, labels }`, { option: 'train' });
  });
  return trainIndexed({ indexed: indexLines(lines) }, s, options, evaluate);
}

/**
 * trainAndScore on lines indexed already (a training file read straight into token ids,
 * `readLabelledIds`): the same dictionary, rows and model as from the same lines given as strings.
 * `lines.indexed` is let go (set to null) once the lines are planned: they are not kept through training.
 */
export async function trainAndScoreIndexed(lines: { indexed: IndexedLines | null }, options: SupervisedOptions, evaluate: readonly (readonly SupervisedLine[])[]): Promise<SupervisedResult & Scores> {
  validateOptions(SUPERVISED_OPTIONS, options, 'trainSupervised');
  throwIfAborted(options.signal);
  return trainIndexed(lines, settingsOf(options), options, evaluate);
}

async function trainIndexed(lines: { indexed: IndexedLines | null }, s: ReturnType<typeof settingsOf>, options: SupervisedOptions, evaluate: readonly (readonly SupervisedLine[])[]): Promise<SupervisedResult & Scores> {
  if (!lines.indexed) throw new LexnetError('these lines were trained on already', { option: 'train' });
  const threads = options.threads ?? SUPERVISED_OPTIONS.threads.default;
  const release = threads > 1 && supervisedThreadHost.shared && supervisedThreadHost.warm ? supervisedThreadHost.warm(Math.min(threads, lines.indexed.wordOffsets.length - 1)) : null;
  try {
    return await trainIndexedWarm(lines, s, options, evaluate);
  } finally {
    release?.();
  }
}

/** trainIndexed with the threads warmed by the caller. */
async function trainIndexedWarm(lines: { indexed: IndexedLines | null }, s: ReturnType<typeof settingsOf>, options: SupervisedOptions, evaluate: readonly (readonly SupervisedLine[])[]): Promise<SupervisedResult & Scores> {
  if (!lines.indexed) throw new LexnetError('these lines were trained on already', { option: 'train' });
  const dictionary = buildSupervisedDictionary(lines.indexed, s);
  if (dictionary.nlabels < 2) throw new LexnetError(`only one label (${dictionary.entries[dictionary.nwords]!.word}); a classifier needs two or more`, { option: 'train' });
  const encoded = planWords(lines.indexed, dictionary, s); // (holds the lines until it has written them; the kernels make their rows)
  lines.indexed = null;
  const others = evaluate.map((set) => planEncoding(set, dictionary, s));
  await yieldToEventLoop(options.signal);
  return trainEncodedLines(dictionary, encoded, s, options, others);
}

/** Where an encoded set of lines is in the memory. */
interface LinesAt { rowIds: number; rowOffsets: number; labelIds: number; labelOffsets: number; lines: number; tops: number }

/** Lays an encoded set out (its arrays allocated in the arena, written once the memory exists). */
function placeLines(a: Arena, e: EncodingPlan): { at: LinesAt; write: (buf: ArrayBuffer) => void } {
  const at = {
    rowIds: a.alloc(words4(e.rows)), rowOffsets: a.alloc(words4(e.lines + 1)),
    labelIds: a.alloc(words4(e.labels)), labelOffsets: a.alloc(words4(e.lines + 1)), lines: e.lines, tops: a.alloc(words4(e.lines)),
  };
  return { at, write: (buf) => e.write(arraysAt(buf, at, e, new Int32Array(e.lines))) };
}

/** The arrays of a planned encoding where the layout put them in the memory (tokens where given). */
function arraysAt(buf: ArrayBuffer, at: Omit<LinesAt, 'lines' | 'tops'>, e: EncodingPlan, tokens: Int32Array): EncodedArrays {
  return {
    rowIds: new Int32Array(buf, at.rowIds, e.rows), rowOffsets: new Int32Array(buf, at.rowOffsets, e.lines + 1),
    labelIds: new Int32Array(buf, at.labelIds, e.labels), labelOffsets: new Int32Array(buf, at.labelOffsets, e.lines + 1), tokens,
  };
}

/**
 * Trains on lines already encoded (the same dictionary and rows; as rows, or as word numbers whose
 * rows the kernels make): lays out the memory, starts the threads; scores the training lines and `others`.
 */
async function trainEncodedLines(dictionary: FastTextDictionary, e: EncodingPlan | WordPlan, s: ReturnType<typeof settingsOf>, options: SupervisedOptions, others: readonly EncodingPlan[]): Promise<SupervisedResult & Scores> {
  const started = performance.now();
  const nlabels = dictionary.nlabels, dim = s.dim, nrows = dictionary.nwords + s.bucket;
  const byWord = 'maxRows' in e;
  const host = (options.threads ?? SUPERVISED_OPTIONS.threads.default) > 1 && supervisedThreadHost.shared ? supervisedThreadHost : inlineHost;
  // the words where the reader put them (a LineMemory of the threads' kind): the model laid out after them, in that memory
  const inPlace = 'maxRows' in e && e.memory && e.memory.shared === host.shared ? e.memory : null;
  const threads = host === inlineHost ? 1 : Math.min(options.threads ?? SUPERVISED_OPTIONS.threads.default, Math.max(1, e.lines));
  const module = await loadKernelModule({ shared: host.shared });
  const probe = instantiateKernels(module, createMemory(1 << 16, host.shared));
  const a = inPlace ? new Arena(RESERVED_BYTES + (e as WordPlan).words * (e as WordPlan).wordBytes) : new Arena();
  const L: SupervisedLayout = {
    dim, nlabels,
    sigTable: a.alloc(4097 * 4), logSigTable: a.alloc(4097 * 4),
    input: a.alloc(nrows * dim * 4), output: a.alloc(nlabels * dim * 4),
    cumulative: a.alloc(words4(nlabels)), codes: a.alloc(nlabels * MAX_CODE_LENGTH), points: a.alloc(nlabels * MAX_CODE_LENGTH * 4), codeLens: a.alloc(words4(nlabels)),
    rowIds: inPlace ? RESERVED_BYTES : byWord ? a.alloc(Math.max(4, e.words * e.wordBytes)) : a.alloc(words4(e.rows)), rowOffsets: a.alloc(words4(e.lines + 1)),
    labelIds: a.alloc(words4(e.labels)), labelOffsets: a.alloc(words4(e.lines + 1)), tokens: a.alloc(words4(e.lines)),
    scratch: [],
    words: byWord ? {
      partStart: a.alloc(words4(e.partStart.length)), partRows: a.alloc(words4(e.partRows.length)), hashes: a.alloc(words4(e.hashes.length)),
      eos: e.eos, wordBytes: e.wordBytes, wordNgrams: s.wordNgrams, bucket: s.bucket, nwords: dictionary.nwords, lineRows: [],
    } : null,
  };
  for (let t = 0; t < threads; t++) L.scratch.push(a.alloc(probe.classifierScratchBytes(dim, nlabels, s.neg)));
  for (let t = 0; byWord && t < threads; t++) L.words!.lineRows.push(a.alloc(words4(e.maxRows)));
  const placed = others.map((o) => placeLines(a, o));
  let memory: WasmMemory;
  try {
    if (inPlace && !inPlace.reserve(a.size)) throw new RangeError('over 4 GiB');
    memory = inPlace ? inPlace.memory : createMemory(a.size, host.shared);
  } catch (err) {
    throw new LexnetError(`the model does not fit in WebAssembly's 4 GiB: ${nrows} input rows × ${dim} (${(a.size / 2 ** 30).toFixed(1)} GiB); lower bucket or dim`, { option: 'bucket', mentions: ['dim'] });
  }
  const k = instantiateKernels(module, memory);
  k.initSigmoidTables(L.sigTable, L.logSigTable);
  const buf = memory.buffer;
  // encoded where the kernels read it, not copied
  if (byWord) {
    const w = L.words!;
    e.write({
      words: inPlace ? null : e.wordBytes === 2 ? new Uint16Array(buf, L.rowIds, e.words) : new Int32Array(buf, L.rowIds, e.words), wordOffsets: new Int32Array(buf, L.rowOffsets, e.lines + 1),
      labelIds: new Int32Array(buf, L.labelIds, e.labels), labelOffsets: new Int32Array(buf, L.labelOffsets, e.lines + 1), tokens: new Int32Array(buf, L.tokens, e.lines),
    });
    new Int32Array(buf, w.partStart, e.partStart.length).set(e.partStart);
    new Int32Array(buf, w.partRows, e.partRows.length).set(e.partRows);
    new Int32Array(buf, w.hashes, e.hashes.length).set(e.hashes);
  } else e.write(arraysAt(buf, L, e, new Int32Array(buf, L.tokens, e.lines)));
  placed.forEach((p) => p.write(buf));
  // the reader's and the encoding's garbage (~15 MB on Brown genres ×10) returned before the model's rows are touched:
  // the calling thread allocates little while the threads train, so no collection would come (issue 22: memory)
  if (nrows * dim * 4 >= GARBAGE_COLLECTED_MODEL_BYTES) supervisedThreadHost.collectGarbage?.();
  const counts = dictionary.entries.slice(dictionary.nwords).map((x) => x.count);
  if (s.loss === 'ns') {
    const z = counts.reduce((sum, c) => sum + Math.sqrt(c), 0);
    let c = 0;
    new Float32Array(buf, L.cumulative, nlabels).set(counts.map((x) => (c += Math.sqrt(x)) / z));
  }
  if (s.loss === 'hs') {
    let h;
    try {
      h = buildHuffman(counts);
    } catch (err) {
      throw new LexnetError(`the labels' counts make a Huffman tree deeper than ${MAX_CODE_LENGTH}: use another loss than hs`, { option: 'loss' });
    }
    new Uint8Array(buf, L.codes, nlabels * MAX_CODE_LENGTH).set(h.codes);
    new Int32Array(buf, L.points, nlabels * MAX_CODE_LENGTH).set(h.points);
    new Int32Array(buf, L.codeLens, nlabels).set(h.lengths);
  }
  // fastText: input rows uniform in [−1/dim, 1/dim], output rows zero
  k.classifierConfigure(dim, nlabels, L.input, L.output, SUPERVISED_LOSSES[s.loss], s.neg, L.cumulative, L.codes, L.points, L.codeLens, L.scratch[0]!);
  if (L.words) configureWords(k, L.words, 0);
  k.classifierSeed(BigInt(s.seed) * 2654435761n + 7n);
  // workers fill their share of the rows before training (a barrier waits for all); else it is done here, yielding
  const start = (options as SupervisedOptions & { start?: SupervisedStart }).start; // quantize -retrain (retrain.ts)
  const workersInit = host !== inlineHost && !options.vectors && !start;
  if (start) { // fastText's quantize -retrain: the kept rows and the output matrix as they were
    new Float32Array(buf, L.input, nrows * dim).set(start.input);
    new Float32Array(buf, L.output, nlabels * dim).set(start.output);
  }
  for (let r = 0; !workersInit && !start && r < nrows; r += 65536) {
    k.classifierUniformRows(L.input, r, Math.min(nrows, r + 65536), 1 / dim);
    if (r % (65536 * 16) === 0) await yieldToEventLoop(options.signal);
  }
  if (options.vectors) { // fastText's -pretrainedVectors: a word's row is its vector where there is one
    const v = options.vectors, rows = new Float32Array(buf, L.input, nrows * dim);
    for (let i = 0; i < dictionary.nwords; i++) {
      const at = v.index.get(dictionary.entries[i]!.word);
      if (at !== undefined) rows.set(v.data.subarray(at * dim, (at + 1) * dim), i * dim);
    }
  }
  const nlines = e.lines;
  const progressBuffer = host.shared ? new SharedArrayBuffer(32) : new ArrayBuffer(32);
  const statsBuffer = host.shared ? new SharedArrayBuffer(16 * threads) : new ArrayBuffer(16 * threads);
  const progress = new BigInt64Array(progressBuffer), stats = new Float64Array(statsBuffer);
  const totalTokens = s.epochs * e.totalTokens;
  // precision at 1 in the kernels: the training lines, then the others; counted by the workers once all have trained (in parallel), else here
  const sets: ScoredLines[] = [{ rowIds: L.rowIds, rowOffsets: L.rowOffsets, labelIds: L.labelIds, labelOffsets: L.labelOffsets, lines: nlines, words: byWord }, ...placed.map((p) => p.at)];
  const score = host === inlineHost ? null : { sets, correct: new SharedArrayBuffer(4 * sets.length), threads };
  const running: RunningThread[] = [];
  for (let t = 0; t < threads; t++) {
    running.push(host.start({
      module, memory, layout: L, thread: t, lossKind: SUPERVISED_LOSSES[s.loss], neg: s.neg, learningRate: s.learningRate, epochs: s.epochs, seed: s.seed,
      from: Math.floor((t * nlines) / threads), to: Math.floor(((t + 1) * nlines) / threads), lines: nlines, totalTokens, progress: progressBuffer, stats: statsBuffer,
      init: workersInit ? { from: Math.floor((t * nrows) / threads), to: Math.floor(((t + 1) * nrows) / threads), threads } : null, score,
    }));
  }
  const lossSoFar = (): number => {
    let sum = 0, n = 0;
    for (let t = 0; t < threads; t++) { sum += stats[2 * t]!; n += stats[2 * t + 1]!; }
    return n > 0 ? sum / n : NaN;
  };
  const examples = (): number => { let n = 0; for (let t = 0; t < threads; t++) n += stats[2 * t + 1]!; return n; };
  let finished = false;
  const all = Promise.all(running.map((r) => r.done)).finally(() => { finished = true; });
  const stop = (): void => { Atomics.store(progress, 1, 1n); };
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    while (!finished) {
      await Promise.race([all, new Promise((r) => setTimeout(r, 100))]);
      const done = Number(Atomics.load(progress, 0)), fraction = Math.min(1, done / totalTokens);
      options.onProgress?.({
        task: 'classifier', stage: 'training', epoch: Math.min(s.epochs, Math.floor(fraction * s.epochs) + 1), epochs: s.epochs, fraction,
        loss: Number.isFinite(lossSoFar()) ? lossSoFar() : null, learningRate: s.learningRate * (1 - fraction),
        examplesPerSecond: examples() / ((performance.now() - started) / 1000), threads,
      });
    }
    await all;
  } catch (err) {
    stop();
    await Promise.allSettled(running.map((r) => r.stop()));
    throw err;
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
  if (options.signal?.aborted) throw abortReason(options.signal);
  const loss = lossSoFar();
  if (!Number.isFinite(loss)) throw optionError('learningRate', `training diverged (the loss became ${loss}): the learningRate ${s.learningRate} is probably too large for this data; try a smaller learningRate (${s.learningRate / 4} or less)`);
  const args: FastTextArgs = {
    dim, ws: 5, epoch: s.epochs, minCount: s.minCount, neg: s.neg, wordNgrams: s.wordNgrams, loss: LOSS[s.loss], model: MODEL.sup,
    bucket: s.bucket, minn: s.minn, maxn: s.maxn, lrUpdateRate: 100, t: 1e-4,
  };
  const precisions: number[] = [];
  if (score) sets.forEach((set, i) => precisions.push(set.lines ? new Int32Array(score.correct)[i]! / set.lines : 0));
  for (const set of score ? [] : sets) {
    let correct = 0;
    for (let from = 0; from < set.lines; from += 4096) {
      correct += correctLines(k, set, from, Math.min(set.lines, from + 4096));
      await yieldToEventLoop(options.signal);
    }
    precisions.push(set.lines ? correct / set.lines : 0);
  }
  const topLabels = placed.map((p) => new Int32Array(buf, p.at.tops, p.at.lines).slice());
  // the matrices stay in the memory they trained in (no copy of a large input matrix)
  const classifier = new FastTextClassifier(args, dictionary, new DenseRows(nrows, dim, new Float32Array(buf, L.input, nrows * dim)), new DenseRows(nlabels, dim, new Float32Array(buf, L.output, nlabels * dim)));
  return { classifier, loss, threads, lines: nlines, seconds: (performance.now() - started) / 1000, precisions, topLabels };
}

export type { DictionarySettings };

/** The settings trainEncodedLines trains with (trainSupervised's, fastText's defaults filled in). */
export type SupervisedSettings = ReturnType<typeof settingsOf>;

/**
 * Matrices training starts from instead of fastText's random start (`quantize -retrain`), given
 * to trainEncodedLines as `options.start`: `input` of nwords + bucket rows, `output` one row per label.
 */
export interface SupervisedStart {
  input: Float32Array;
  output: Float32Array;
}

/** Training on encoded lines, for `quantize -retrain` (retrain.ts), which starts from a model's matrices. */
export { trainEncodedLines };
