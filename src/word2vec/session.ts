// The training session every platform shares: the model laid out in WebAssembly memory, the
// threads started by the platform's host, progress, divergence and (Node) checkpoints.
import { Random } from '../core/random.js';
import { LexnetError } from '../io/errors.js';
import { WordVectors } from '../io/word-vectors.js';
import type { FastTextModel } from '../fasttext/model-file.js';
import type { SubwordSettings } from '../fasttext/subwords.js';
import { createMemory } from '../kernels/memory.js';
import { instantiateKernels } from '../kernels/kernels.js';
import type { WasmModule } from '../kernels/wasm-types.js';
import { abortReason, throwIfAborted, Throttle, Ticker, whenAborted, yieldToEventLoop } from '../train/abort.js';
import { DivergenceError, lossExploded, MAX_VECTOR_NORM } from '../train/divergence.js';
import type { ProgressEvent } from '../train/progress-event.js';
import type { DataFingerprint, ThreadPosition, Word2vecCheckpoint } from './checkpoint.js';
import { balancedParts } from './balanced-parts.js';
import { ChunkCursor, contiguousPart, sharedCursor } from './data-order.js';
import type { Word2vecSample } from './history.js';
import { buildHuffman, MAX_CODE_LENGTH } from './huffman.js';
import { planLayout, word2vecScratchBytes } from './layout.js';
import { defaultWord2vecOptions, type Word2vecOptions } from './options.js';
import { createControl, PauseControl, threadBuffer } from './pause.js';
import { keepProbabilities } from './subsampling.js';
import { subwordResult, subwordRows } from './subword-rows.js';
import { arrayIdsReader, type IdsReader, type IdsStore, type ThreadJob } from './thread-loop.js';
import { fillUnigramTable, unigramTableSize } from './unigram-table.js';
import type { Vocabulary } from './vocabulary.js';

/** What trainWord2vec gives: the vectors (with mostSimilar and analogy), the vocabulary and the run's figures. */
export interface Word2vecResult {
  vectors: WordVectors;
  vocab: Vocabulary;
  /** Corpus tokens read and in-vocabulary tokens trained per epoch. */
  tokens: number;
  trainWords: number;
  seconds: number;
  /** In-vocabulary words processed per second of training, all epochs (as gensim and fastText count). */
  wordsPerSecond: number;
  /** Mean loss per prediction over the last part of training. */
  finalLoss: number;
  /** The loss and learning rate a few times a second (of this session only, when resumed). */
  history: Word2vecSample[];
  /**
   * Threads the run trained with: `threads` in Node; in a browser 1 when the page is not
   * cross-origin isolated (no shared memory for Web Workers), whatever was asked.
   */
  threads: number;
  /**
   * With subwords: the trained fastText model (both matrices, the n-gram buckets' rows after the
   * words', zeros for buckets no word uses), for writeFastTextModel; `vectors` is then a SubwordVectors that answers any word.
   */
  fastText?: FastTextModel;
  /**
   * A sharded run (`shards` > 1): its barriers (one per rotation of the output blocks, and per
   * checkpoint), the seconds from the first worker parking to the last at each, summed (the
   * memories' work out of balance), and the seconds spent rotating and checkpointing with every
   * worker parked.
   */
  shardTimes?: { barriers: number; waitSeconds: number; rotateSeconds: number };
  /**
   * One memory's threads: each thread's seconds from the start of its loop to its end, in thread
   * order. The run waits for the slowest; the spread is how unequal the threads' parts were.
   */
  threadSeconds?: number[];
  /**
   * One memory's threads: the predictions each thread's loss counted, in thread order — the work it
   * did, seed for seed (every prediction with subwords, CBOW and per-pair updates; one window in 8
   * with batched negatives). Of this session only when resumed.
   */
  threadLossTerms?: number[];
}

/** A running training thread, as a host started it. */
export interface RunningThread {
  /** Settles when the thread has ended (rejects when it failed). */
  done: Promise<void>;
  /** Ends the thread now (a worker is terminated; an inline loop returns at its next chunk). */
  stop(): Promise<unknown>;
}

/** How a platform runs the threads of a session: Node workers, Web Workers, or inline in this thread. */
export interface ThreadHost {
  /** Whether the threads are workers sharing the memory (then the memory and counters are shared). */
  readonly shared: boolean;
  /** Starts one thread on its job. */
  start(job: ThreadJob): RunningThread;
}

/** The encoded corpus a session trains on. */
export interface SessionIds {
  store: IdsStore;
  /** Ids, sentence marks included. */
  ids: number;
  /** In-vocabulary tokens. */
  words: number;
  /** A reader over `store` for planning the threads' parts (an array store is read directly; a file without one gets parts of equal ids). */
  read?: IdsReader | undefined;
}

/** What a checkpoint of a session holds, handed to the writer (Node: checkpoint.ts). */
export interface SessionSnapshot {
  done: number;
  total: number;
  threads: ThreadPosition[];
  seconds: number;
  syn0: Float32Array;
  syn1: Float32Array;
  /** A sharded run: the sub-step it resumes at (a round's start). */
  step?: number;
  /** Contiguous parts: the boundaries of the threads' parts, [0, …, ids]. */
  parts?: number[];
}

/** Checkpoints of a session: how often, and the writer. */
export interface SessionCheckpoints {
  everySeconds: number;
  write(snapshot: SessionSnapshot, finished: boolean): void;
}

/** The rest of a session: where it resumes, cancellation, progress, checkpoints. */
export interface SessionOptions {
  from?: Word2vecCheckpoint | undefined;
  signal?: AbortSignal | undefined;
  event: (e: Omit<ProgressEvent, 'task' | 'epochs'>) => void;
  checkpoints?: SessionCheckpoints | undefined;
}

/**
 * Trains an encoded corpus: lays the vectors and tables out in one WebAssembly memory, starts
 * `o.threads` threads through the host over slices of the ids (lock-free updates, the learning
 * rate decaying by global progress), reports progress, and copies the input vectors out.
 */
export async function trainEncoded(
  vocab: Vocabulary, encoded: SessionIds, data: DataFingerprint, o: Word2vecOptions, module: WasmModule, host: ThreadHost, session: SessionOptions,
): Promise<Word2vecResult> {
  const { checkpoints, from, signal, event } = session;
  if (encoded.words === 0) throw new LexnetError(`${data.corpus}: no words to train on (the encoded corpus is empty)`);
  const V = vocab.size, d = o.dim;
  const subwords: SubwordSettings | null = o.subwords ? { minn: o.minn, maxn: o.maxn, bucket: o.bucket } : null;
  const rows = subwords && subwordRows(vocab.words, subwords);
  const layout = planLayout(d, V, unigramTableSize(V), o.threads, word2vecScratchBytes(d, o.negative, V, o.window), rows ? { buckets: o.bucket, ids: rows.ids.length, rows: rows.used.length } : undefined);
  const memory = createMemory(layout.bytes, host.shared);
  const buf = memory.buffer;
  await yieldToEventLoop(signal); // between the set-up steps, each up to tens of milliseconds on large models

  const syn0 = new Float32Array(buf, layout.syn0, layout.inputRows * d);
  const syn1 = new Float32Array(buf, layout.syn1, V * d);
  if (from) {
    syn0.set(from.syn0);
    syn1.set(from.syn1);
  } else {
    // input vectors (and the used n-gram rows) U(−0.5, 0.5)/dim as word2vec.c; output vectors start at zero
    const rng = new Random(o.seed);
    const ticker = new Ticker(signal);
    for (let i = 0; i < syn0.length; i++) {
      syn0[i] = (rng.next() - 0.5) / d;
      if ((i & 0xffff) === 0xffff) await ticker.turnIfDue(); // millions of draws on large models
    }
  }
  await yieldToEventLoop(signal);
  fillUnigramTable(vocab.counts, new Int32Array(buf, layout.negTable, layout.negTableSize));
  await yieldToEventLoop(signal);
  keepProbabilities(vocab.counts, vocab.totalCount, o.sample, new Float32Array(buf, layout.keepProb, V));
  if (rows) {
    new Int32Array(buf, layout.subwordOffsets, V + 1).set(rows.offsets);
    new Int32Array(buf, layout.subwordIds, rows.ids.length).set(rows.ids);
  }
  let targets = o.loss === 'negative' ? 1 + o.negative : V;
  if (o.loss === 'hierarchical') {
    const h = buildHuffman(vocab.counts);
    new Uint8Array(buf, layout.codes, V * MAX_CODE_LENGTH).set(h.codes);
    new Int32Array(buf, layout.points, V * MAX_CODE_LENGTH).set(h.points);
    new Int32Array(buf, layout.codeLens, V).set(h.lengths);
    let sum = 0;
    for (let w = 0; w < V; w++) sum += vocab.counts[w]! * h.lengths[w]!;
    targets = sum / Math.max(1, vocab.totalCount);
  }
  instantiateKernels(module, memory).initSigmoidTables(layout.sigTable, layout.logSigTable);
  await yieldToEventLoop(signal);

  const progress = threadBuffer(16, host.shared);
  const stats = threadBuffer(8 * 3 * o.threads, host.shared);
  const controlBuffer = createControl(host.shared);
  const positionsBuffer = threadBuffer(8 * 3 * o.threads, host.shared);
  const timesBuffer = threadBuffer(8 * o.threads, host.shared);
  const counter = new BigInt64Array(progress);
  const perThread = new Float64Array(stats);
  const positions = new BigInt64Array(positionsBuffer);
  const control = new PauseControl(controlBuffer, o.threads);
  const totalIds = encoded.ids * o.epochs;
  // the threads' chunks: one shared cursor over the whole corpus, or each thread its contiguous part
  const cursor = sharedCursor(o.dataOrder, o.threads) ? new ChunkCursor(encoded.ids, o.epochs, o.dataOrder, o.seed) : null;
  // each thread's part: a checkpoint's own parts; with `balanced` cut where the expected work is equal (balanced-parts.ts), with `contiguous` (or no reader of the ids) equal ids
  const read = encoded.read ?? ('array' in encoded.store ? arrayIdsReader(encoded.store.array) : undefined);
  const parts = cursor ? null
    : from?.parts ?? (o.dataOrder === 'balanced' && read ? await balancedParts(read, encoded.ids, o.threads, {
      model: o.model, window: o.window, targets, dim: d, keep: new Float32Array(buf, layout.keepProb, V), rowOffsets: rows ? rows.offsets : null,
    }, signal) : equalParts(encoded.ids, o.threads));
  const slice = (t: number): [number, number] => (parts ? [parts[t]!, parts[t + 1]!] : [0, encoded.ids]);
  if (from) {
    Atomics.store(counter, 0, BigInt(from.done));
    if (cursor) Atomics.store(counter, 1, BigInt(resumedCursor(from, cursor)));
    from.threads.forEach((p, t) => { perThread[t * 3] = p.lossSum; perThread[t * 3 + 1] = p.lossTerms; });
  }
  const startDone = from?.done ?? 0;
  const throttle = new Throttle(100);
  const start = performance.now();
  const lossTotals = (): { sum: number; terms: number } => {
    let sum = 0, terms = 0;
    for (let t = 0; t < o.threads; t++) { sum += perThread[t * 3]!; terms += perThread[t * 3 + 1]!; }
    return { sum, terms };
  };
  let lastLoss = { ...lossTotals(), value: NaN };
  /** The epoch in which a worker first saw a loss that is not finite (else the current one). */
  const divergedEpoch = (): number => {
    const seen = Array.from({ length: o.threads }, (_, t) => perThread[t * 3 + 2]!).filter((e) => e > 0);
    return seen.length > 0 ? Math.min(...seen) : Math.max(1, Math.min(o.epochs, Math.ceil(Number(Atomics.load(counter, 0)) / encoded.ids)));
  };
  const defaultRate = defaultWord2vecOptions(o.model, o.subwords).alpha;
  const diverged = (loss: number): DivergenceError => new DivergenceError({ epoch: divergedEpoch(), loss, rate: o.alpha, defaultRate });
  // the loss per prediction at the start: negative sampling (1 + k)·ln 2 (every σ is ½ with the
  // output vectors at zero); hierarchical softmax ≈ the mean Huffman code length × ln 2 ≤ ln(2V);
  // softmax ln V. A finite loss past EXPLOSION_FACTOR times that has diverged (see divergence.ts).
  const startLoss = o.loss === 'negative' ? (1 + o.negative) * Math.LN2 : Math.log(2 * V);
  const exploded = (loss: number): DivergenceError =>
    new DivergenceError({ epoch: divergedEpoch(), loss, rate: o.alpha, defaultRate, start: startLoss });
  /** Updates the loss of the last interval (kept in the history) and reports progress; a loss that is not finite stops the run. */
  const history: Word2vecSample[] = [];
  const sample = (force = false): void => {
    const { sum, terms } = lossTotals();
    const done = Number(Atomics.load(counter, 0));
    if (terms > lastLoss.terms) {
      lastLoss = { sum, terms, value: (sum - lastLoss.sum) / (terms - lastLoss.terms) };
      if (Number.isFinite(lastLoss.value)) history.push({ epoch: done / encoded.ids, loss: lastLoss.value, alpha: o.alpha * Math.max(1 - done / totalIds, 1e-4) });
    }
    if (!Number.isFinite(sum)) throw diverged(Number.isFinite(lastLoss.value) ? sum : lastLoss.value);
    if (lossExploded(lastLoss.value, startLoss) && Number.isFinite(lastLoss.value)) throw exploded(lastLoss.value);
    const seconds = (performance.now() - start) / 1000;
    const words = ((done - startDone) / encoded.ids) * encoded.words;
    if (!throttle.ready(force)) return;
    event({
      stage: 'training', epoch: Math.max(1, Math.min(o.epochs, Math.ceil(done / encoded.ids))), fraction: Math.min(1, done / totalIds),
      loss: Number.isFinite(lastLoss.value) ? lastLoss.value : null, wordsPerSecond: words / Math.max(seconds, 1e-9),
      learningRate: o.alpha * Math.max(1 - done / totalIds, 1e-4), threads: o.threads,
    });
  };
  const save = checkpoints && ((finished: boolean): void => {
    // called while every worker is parked or done: the model and positions are still
    const done = Number(Atomics.load(counter, 0));
    const weights = { syn0: syn0.slice(), syn1: syn1.slice() };
    // with a shared cursor every chunk before it is trained (a thread parks only between chunks): all threads resume from it
    const shared = cursor?.toPosition(Number(Atomics.load(counter, 1)));
    const threads = Array.from({ length: o.threads }, (_, t): ThreadPosition => ({
      epoch: shared?.epoch ?? Number(positions[t * 3]), pos: shared?.pos ?? Number(positions[t * 3 + 1]), rng: BigInt.asUintN(64, positions[t * 3 + 2]!),
      lossSum: perThread[t * 3]!, lossTerms: perThread[t * 3 + 1]!,
    }));
    if (!finished) control.release();
    if (!allFinite(weights.syn0) || !allFinite(weights.syn1)) throw diverged(NaN);
    const seconds = (from?.seconds ?? 0) + (performance.now() - start) / 1000;
    checkpoints.write({ done, total: totalIds, threads, seconds, ...weights, ...(parts ? { parts } : {}) }, finished);
  });

  if (!cursor) from?.threads.forEach((p, t) => {
    const [s, e] = slice(t);
    if (p.epoch < o.epochs && !(p.pos >= s && p.pos <= e)) {
      throw new LexnetError(`${from.file ?? 'the checkpoint'}: damaged checkpoint: thread ${t} is at id ${p.pos}, outside its part of the corpus (${s} to ${e})`);
    }
  });
  throwIfAborted(signal);
  const running: RunningThread[] = [];
  for (let t = 0; t < o.threads; t++) {
    const [s, e] = slice(t);
    const p = from?.threads[t];
    running.push(host.start({
      module, memory, layout, options: o, thread: t, ids: encoded.store, start: s, end: e, fileIds: encoded.ids,
      progress, stats, control: controlBuffer, positions: positionsBuffer, times: timesBuffer, pauseAtEpochEnds: save !== undefined,
      ...(p ? { from: { ...p, ...(cursor ? { epoch: 0, pos: 0 } : {}), rng: BigInt.asIntN(64, p.rng) } } : {}),
    }));
  }
  let ended = false;
  const all = Promise.all(running.map((r) => r.done)).finally(() => { ended = true; });
  all.catch(() => {}); // awaited below
  const every = (checkpoints?.everySeconds ?? 60) * 1000;
  let lastSave = performance.now();
  const aborted = whenAborted(signal);
  aborted.catch(() => {}); // raced below
  try {
    while (!ended) {
      const wait = control.requested ? 1 : Math.min(100, Math.max(1, every / 4));
      await Promise.race([all.catch(() => {}), new Promise((r) => setTimeout(r, wait)), aborted]);
      if (signal?.aborted) throw abortReason(signal);
      if (ended) break;
      sample();
      if (!save) continue;
      if (control.requested && control.still) {
        save(false);
        lastSave = performance.now();
      } else if (!control.requested && performance.now() - lastSave >= every) {
        control.request();
      }
    }
    await all;
  } catch (e) {
    control.stop();
    await Promise.allSettled(running.map((r) => r.stop()));
    throw e;
  }
  sample(true);
  const seconds = (performance.now() - start) / 1000;
  const finalLoss = runLoss(lossTotals(), lastLoss.value, data.corpus, o.sample);
  if (!Number.isFinite(finalLoss) || !allFinite(syn0) || !allFinite(syn1)) throw diverged(finalLoss);
  if (lossExploded(finalLoss, startLoss)) throw exploded(finalLoss);
  const norm = maxRowNorm(syn0, d);
  if (norm > MAX_VECTOR_NORM) throw new DivergenceError({ epoch: divergedEpoch(), loss: finalLoss, rate: o.alpha, defaultRate, norm });
  save?.(true);
  await yieldToEventLoop(signal);
  const trained = ((totalIds - startDone) / encoded.ids) * encoded.words;
  const threadSeconds = Array.from(new Float64Array(timesBuffer));
  const threadLossTerms = Array.from({ length: o.threads }, (_, t) => perThread[t * 3 + 1]! - (from?.threads[t]?.lossTerms ?? 0));
  const result = { vocab, tokens: data.tokens, trainWords: encoded.words, seconds, wordsPerSecond: trained / seconds, finalLoss, history, threads: o.threads, threadSeconds, threadLossTerms };
  if (!subwords) return { vectors: new WordVectors(vocab.words, d, (await new Ticker(signal).copies([syn0]))[0]!), ...result };
  const [trainedRows, output] = (await new Ticker(signal).copies([syn0, syn1])) as [Float32Array, Float32Array];
  return { ...result, ...subwordResult(vocab.words, vocab.counts, trainedRows, output, o, rows!) };
}

/** Boundaries of `threads` contiguous parts of equal ids (word2vec.c's split). */
function equalParts(ids: number, threads: number): number[] {
  return [0, ...Array.from({ length: threads }, (_, t) => contiguousPart(ids, threads, t)[1])];
}

/**
 * The shared cursor a checkpoint resumes from: every thread holds the same position, the
 * epoch and the next slot × CHUNK_WORDS; anything else is a damaged checkpoint.
 */
function resumedCursor(from: Word2vecCheckpoint, cursor: ChunkCursor): number {
  const [first] = from.threads;
  const k = first && cursor.fromPosition(first.epoch, first.pos);
  if (k === undefined || k === null || !from.threads.every((p) => p.epoch === first!.epoch && p.pos === first!.pos)) {
    const where = from.threads.map((p) => `${p.epoch}:${p.pos}`).join(', ');
    throw new LexnetError(`${from.file ?? 'the checkpoint'}: damaged checkpoint: with dataOrder ${from.options.dataOrder} every thread resumes from one chunk boundary, but the threads are at (epoch:id) ${where}`);
  }
  return k;
}

/** The largest Euclidean norm of a row of a rows × dim matrix. */
export function maxRowNorm(a: Float32Array, dim: number): number {
  let max = 0;
  for (let at = 0; at < a.length; at += dim) {
    let s = 0;
    for (let j = at; j < at + dim; j++) s += a[j]! * a[j]!;
    if (s > max) max = s;
  }
  return Math.sqrt(max);
}

/** Whether every value is finite. */
export function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}

/**
 * A finished run's loss: the last sampled value, else the mean over every term. A run that trained
 * no pair is refused (noPredictions); one-memory and sharded runs alike.
 */
export function runLoss(totals: { sum: number; terms: number }, last: number, corpus: string, sample: number): number {
  if (totals.terms === 0) throw noPredictions(corpus, sample);
  return Number.isFinite(last) ? last : totals.sum / totals.terms;
}

/** The error of a run that trained no pair: subsampling left every sentence a single word (one-memory and sharded runs). */
export function noPredictions(corpus: string, sample: number): LexnetError {
  return new LexnetError(
    `${corpus}: training made no predictions (every sentence lost all but one of its words to subsampling); ` +
      `use a larger corpus or a smaller sample (it was ${sample})`,
    { option: 'sample' },
  );
}
