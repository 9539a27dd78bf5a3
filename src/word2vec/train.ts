import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { Random } from '../core/random.js';
import { LexnetError } from '../io/errors.js';
import { checkOutputPath } from '../io/output-path.js';
import { WordVectors } from '../io/word-vectors.js';
import type { Corpus } from '../text/corpus.js';
import { abortReason, throwIfAborted, Throttle, whenAborted, yieldToEventLoop } from '../train/abort.js';
import type { ProgressCallback, ProgressEvent } from '../train/progress-event.js';
import { DivergenceError } from '../train/divergence.js';
import {
  checkpointFinished, checkResumeData, readWord2vecCheckpoint, resumeOptions, writeWord2vecCheckpoint,
  type DataFingerprint, type ThreadPosition, type Word2vecCheckpoint,
} from './checkpoint.js';
import { countAndEncode, type EncodedCorpus } from './encode.js';
import { buildHuffman, MAX_CODE_LENGTH } from './huffman.js';
import { createMemory, instantiateKernels, kernelModule } from './kernels.js';
import { planLayout, word2vecScratchBytes } from './layout.js';
import { defaultWord2vecOptions, learningRateOption, validateWord2vecOptions, type Word2vecOptions } from './options.js';
import { createControl, PauseControl } from './pause.js';
import { scanIds } from './scan-ids.js';
import { keepProbabilities } from './subsampling.js';
import { fillUnigramTable, unigramTableSize } from './unigram-table.js';
import { Vocabulary } from './vocabulary.js';
import type { WorkerJob } from './worker.js';
import type { Word2vecSample } from './history.js';

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
}

/** Checkpoints of a run (checkpoint.ts): written atomically at the end of each epoch and every `everySeconds`. */
export interface Word2vecCheckpointOptions {
  path: string;
  /** Longest time between two checkpoints, in seconds (fractions allowed); default 60. */
  everySeconds?: number;
  /** Stored in the checkpoint as given (the CLI keeps its corpus spec and output path there). */
  extra?: Record<string, unknown>;
  /** Called after each checkpoint is written, with the progress it holds. */
  onWrite?: (info: { path: string; done: number; total: number; finished: boolean }) => void;
}

/** Options of trainWord2vec: the training settings (WORD2VEC_DEFAULTS where left out), progress, cancellation, checkpoints. */
export interface TrainWord2vecOptions extends Partial<Word2vecOptions> {
  /** Starting learning rate, decayed linearly to ~0 (default 0.025 skip-gram, 0.05 CBOW); the same as `alpha`. */
  learningRate?: number;
  /** @deprecated No effect: the library never draws a progress bar (the CLI draws one from `onProgress`). */
  quiet?: boolean;
  /**
   * Called with a line of text as each stage ends: the vocabulary (words kept, tokens and
   * sentences read), then the training (words, epochs, time, speed, final loss); when resuming,
   * also where the run resumes. `onProgress` gives the same stages as events.
   */
  log?: (line: string) => void;
  /** Progress events: the vocabulary pass (tokens read), then several a second while training. */
  onProgress?: ProgressCallback;
  /** Aborting stops the run promptly: workers end, the temporary files go, and the call rejects with an AbortError. */
  signal?: AbortSignal;
  /** Folder for the temporary encoded corpus (4 bytes per token); default the system's (TMPDIR). */
  tmpDir?: string;
  checkpoint?: Word2vecCheckpointOptions;
  /**
   * Continue the run saved in this checkpoint (a path, or one read by readWord2vecCheckpoint).
   * Options left undefined are the checkpoint's; options given must equal them, and the corpus
   * must give the same vocabulary and text.
   */
  resume?: string | Word2vecCheckpoint;
}

/** A corpus as is, or sentences given in code (an array of token arrays) as one. */
function asCorpus(input: Corpus | Iterable<readonly string[]>): Corpus {
  if (input !== null && typeof input === 'object' && typeof (input as Corpus).sentences === 'function') return input as Corpus;
  if (input === null || typeof input !== 'object' || typeof (input as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new LexnetError(`corpus: expected a Corpus (textCorpus, brownCorpus) or an array of sentences (arrays of tokens), got ${input === null ? 'null' : typeof input}`, { option: 'corpus' });
  }
  const sentences = input as Iterable<readonly string[]>;
  return {
    name: 'corpus',
    *sentences() {
      let i = 0;
      for (const s of sentences) {
        if (!Array.isArray(s) || s.some((w) => typeof w !== 'string')) {
          throw new LexnetError(`corpus[${i}]: expected an array of token strings, got ${Array.isArray(s) ? 'an array with other values' : typeof s}`, { option: 'corpus' });
        }
        i++;
        yield s as string[];
      }
    },
  };
}

/**
 * Trains word vectors: builds the vocabulary, encodes the corpus, lays the model out in
 * (shared) WebAssembly memory, and runs `threads` workers over slices of the corpus with
 * lock-free updates, the learning rate decaying linearly from alpha to ~0. With `checkpoint`
 * the state is saved as it goes; with `resume` a saved run continues (bit-identically with one thread).
 */
export async function trainWord2vec(input: Corpus | Iterable<readonly string[]>, options: TrainWord2vecOptions = {}): Promise<Word2vecResult> {
  const corpus = asCorpus(input);
  const { quiet: _quiet, log = () => {}, onProgress, signal, tmpDir, checkpoint, resume, learningRate: _rate, ...settings } = options;
  throwIfAborted(signal);
  settings.alpha = learningRateOption(options);
  const resumePath = typeof resume === 'string' ? resume : (resume?.file ?? 'the checkpoint');
  const from = typeof resume === 'string' ? readWord2vecCheckpoint(resume) : resume;
  const given = stripUndefined(settings);
  const o: Word2vecOptions = from ? resumeOptions(resumePath, from, given) : { ...defaultWord2vecOptions(settings.model), ...given };
  validateWord2vecOptions(o);
  if (checkpoint) validateCheckpoint(checkpoint);
  if (from && checkpointFinished(from)) {
    log(`resuming from ${resumePath}: its run is finished; keeping its vectors`);
    const done = finishedResult(from);
    log(trainedLine(from.options, done));
    onProgress?.({ task: 'word2vec', stage: 'done', epoch: o.epochs, epochs: o.epochs, fraction: 1, loss: done.finalLoss });
    return done;
  }
  const event = (e: Omit<ProgressEvent, 'task' | 'epochs'>): void => onProgress?.({ task: 'word2vec', epochs: o.epochs, ...e });
  // one pass over the text (standard input and FIFOs can be read only once): count and encode together
  const { vocab, tokens, sentences, encoded } = await countAndEncode(corpus, o.minCount, {
    tmpDir, signal, onRead: (t, s) => event({ stage: 'vocabulary', epoch: 0, fraction: 0, loss: null, tokens: t, sentences: s }),
  });
  try {
    throwIfAborted(signal);
    log(`vocabulary: ${vocab.size} words with count ≥ ${o.minCount} (${tokens} tokens, ${sentences} sentences)`);
    event({ stage: 'vocabulary', epoch: 0, fraction: 0, loss: null, tokens, sentences, vocabularySize: vocab.size });
    if (vocab.size < 2) {
      throw new LexnetError(
        `${corpus.name}: the vocabulary has 1 word with count ≥ ${o.minCount} ("${vocab.words[0]}"); word2vec needs at least 2 ` +
          '(a larger corpus, or a lower minCount)',
        { option: 'minCount' },
      );
    }
    if (encoded.words !== vocab.totalCount) {
      throw new LexnetError(`${corpus.name}: the encoded corpus holds ${encoded.words} words but the vocabulary counts ${vocab.totalCount}; was the file changed while it was read?`);
    }
    const scan = await scanIds(encoded.path, encoded.ids, { hash: checkpoint !== undefined || from !== undefined, signal });
    if (scan.trainableSentences === 0) {
      throw new LexnetError(
        `${corpus.name}: no sentence has 2 or more of the ${vocab.size} words with count ≥ ${o.minCount}, so there are no ` +
          '(word, context) pairs to train on; word2vec needs sentences (lines) of at least 2 such words (more words per line, or a lower minCount)',
        { option: 'minCount' },
      );
    }
    const data: DataFingerprint = { corpus: corpus.name, tokens, sentences, ids: encoded.ids, words: encoded.words, idsHash: scan.hash ?? '' };
    if (from) {
      checkResumeData(resumePath, from, vocab.words, vocab.counts, data);
      log(`resuming from ${resumePath} at ${percent(from.done, o.epochs * encoded.ids)} of ${o.epochs} epochs`);
    }
    const result = await trainEncoded(vocab, encoded, data, o, { checkpoint, from, signal, event });
    log(trainedLine(o, result));
    event({ stage: 'done', epoch: o.epochs, fraction: 1, loss: result.finalLoss, wordsPerSecond: result.wordsPerSecond });
    return result;
  } finally {
    encoded.remove();
  }
}

/** The line `log` gets as training ends (the CLI prints it as its summary). */
function trainedLine(o: Word2vecOptions, r: Word2vecResult): string {
  return `trained ${o.model}/${o.loss} on ${r.trainWords.toLocaleString('en-US')} words × ${o.epochs} epochs in ${r.seconds.toFixed(1)} s ` +
    `(${Math.round(r.wordsPerSecond).toLocaleString('en-US')} words/s, ${o.threads} threads), final loss ${r.finalLoss.toFixed(4)}`;
}

interface Session {
  checkpoint?: Word2vecCheckpointOptions | undefined;
  from?: Word2vecCheckpoint | undefined;
  signal?: AbortSignal | undefined;
  event: (e: Omit<ProgressEvent, 'task' | 'epochs'>) => void;
}

async function trainEncoded(vocab: Vocabulary, encoded: EncodedCorpus, data: DataFingerprint, o: Word2vecOptions, session: Session): Promise<Word2vecResult> {
  const { checkpoint, from, signal, event } = session;
  if (encoded.words === 0) throw new LexnetError(`${data.corpus}: no words to train on (the encoded corpus is empty)`);
  const V = vocab.size, d = o.dim;
  const module = kernelModule(true);
  const layout = planLayout(d, V, unigramTableSize(V), o.threads, word2vecScratchBytes(d, o.negative, V, o.window));
  const memory = createMemory(layout.bytes);
  const buf = memory.buffer;
  await yieldToEventLoop(signal); // between the set-up steps, each up to tens of milliseconds on large models

  const syn0 = new Float32Array(buf, layout.syn0, V * d);
  const syn1 = new Float32Array(buf, layout.syn1, V * d);
  if (from) {
    syn0.set(from.syn0);
    syn1.set(from.syn1);
  } else {
    // input vectors U(−0.5, 0.5)/dim as word2vec.c; output vectors start at zero
    const rng = new Random(o.seed);
    for (let i = 0; i < syn0.length; i++) syn0[i] = (rng.next() - 0.5) / d;
  }
  await yieldToEventLoop(signal);
  fillUnigramTable(vocab.counts, new Int32Array(buf, layout.negTable, layout.negTableSize));
  await yieldToEventLoop(signal);
  keepProbabilities(vocab.counts, vocab.totalCount, o.sample, new Float32Array(buf, layout.keepProb, V));
  if (o.loss === 'hierarchical') {
    const h = buildHuffman(vocab.counts);
    new Uint8Array(buf, layout.codes, V * MAX_CODE_LENGTH).set(h.codes);
    new Int32Array(buf, layout.points, V * MAX_CODE_LENGTH).set(h.points);
    new Int32Array(buf, layout.codeLens, V).set(h.lengths);
  }
  instantiateKernels(module, memory).initSigmoidTables(layout.sigTable, layout.logSigTable);
  await yieldToEventLoop(signal);

  const progress = new SharedArrayBuffer(8);
  const stats = new SharedArrayBuffer(8 * 3 * o.threads);
  const controlBuffer = createControl();
  const positionsBuffer = new SharedArrayBuffer(8 * 3 * o.threads);
  const counter = new BigInt64Array(progress);
  const perThread = new Float64Array(stats);
  const positions = new BigInt64Array(positionsBuffer);
  const control = new PauseControl(controlBuffer, o.threads);
  const totalIds = encoded.ids * o.epochs;
  const per = Math.ceil(encoded.ids / o.threads);
  const slice = (t: number): [number, number] => [Math.min(encoded.ids, t * per), Math.min(encoded.ids, (t + 1) * per)];
  if (from) {
    Atomics.store(counter, 0, BigInt(from.done));
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
  const diverged = (loss: number): DivergenceError => new DivergenceError({ epoch: divergedEpoch(), loss, rate: o.alpha, rateName: 'alpha' });
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
    const seconds = (performance.now() - start) / 1000;
    const words = ((done - startDone) / encoded.ids) * encoded.words;
    if (!throttle.ready(force)) return;
    event({
      stage: 'training', epoch: Math.max(1, Math.min(o.epochs, Math.ceil(done / encoded.ids))), fraction: Math.min(1, done / totalIds),
      loss: Number.isFinite(lastLoss.value) ? lastLoss.value : null, wordsPerSecond: words / Math.max(seconds, 1e-9),
      learningRate: o.alpha * Math.max(1 - done / totalIds, 1e-4),
    });
  };
  const save = checkpoint && ((finished: boolean): void => {
    // called while every worker is parked or done: the model and positions are still
    const done = Number(Atomics.load(counter, 0));
    const weights = { syn0: syn0.slice(), syn1: syn1.slice() };
    const threads = Array.from({ length: o.threads }, (_, t): ThreadPosition => ({
      epoch: Number(positions[t * 3]), pos: Number(positions[t * 3 + 1]), rng: BigInt.asUintN(64, positions[t * 3 + 2]!),
      lossSum: perThread[t * 3]!, lossTerms: perThread[t * 3 + 1]!,
    }));
    if (!finished) control.release();
    if (!allFinite(weights.syn0) || !allFinite(weights.syn1)) throw diverged(NaN);
    const seconds = (from?.seconds ?? 0) + (performance.now() - start) / 1000;
    writeWord2vecCheckpoint(checkpoint.path, {
      options: o, data, words: [...vocab.words], counts: vocab.counts, done, threads, seconds, extra: checkpoint.extra ?? {}, ...weights,
    });
    checkpoint.onWrite?.({ path: checkpoint.path, done, total: totalIds, finished });
  });

  from?.threads.forEach((p, t) => {
    const [s, e] = slice(t);
    if (p.epoch < o.epochs && !(p.pos >= s && p.pos <= e)) {
      throw new LexnetError(`${from.file ?? 'the checkpoint'}: damaged checkpoint: thread ${t} is at id ${p.pos}, outside its part of the corpus (${s} to ${e})`);
    }
  });
  throwIfAborted(signal);
  const workers: Worker[] = [];
  const jobs: Promise<void>[] = [];
  for (let t = 0; t < o.threads; t++) {
    const [s, e] = slice(t);
    const p = from?.threads[t];
    const job: WorkerJob = {
      module, memory, layout, options: o, thread: t, idsFile: encoded.path, start: s, end: e, fileIds: encoded.ids,
      progress, stats, control: controlBuffer, positions: positionsBuffer, pauseAtEpochEnds: save !== undefined,
      ...(p ? { from: { ...p, rng: BigInt.asIntN(64, p.rng) } } : {}),
    };
    const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: job });
    workers.push(w);
    jobs.push(new Promise<void>((resolve, reject) => {
      w.on('error', reject);
      w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`word2vec worker ${t} exited with code ${code}`))));
    }));
  }
  let ended = false;
  const all = Promise.all(jobs).finally(() => { ended = true; });
  all.catch(() => {}); // awaited below
  const every = (checkpoint?.everySeconds ?? 60) * 1000;
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
    await Promise.allSettled(workers.map((w) => w.terminate()));
    throw e;
  }
  sample(true);
  const seconds = (performance.now() - start) / 1000;
  const overall = lossTotals();
  if (overall.terms === 0) {
    throw new LexnetError(
      `${data.corpus}: training made no predictions (every sentence lost all but one of its words to subsampling); ` +
        `use a larger corpus or a smaller sample (it was ${o.sample})`,
      { option: 'sample' },
    );
  }
  const finalLoss = Number.isFinite(lastLoss.value) ? lastLoss.value : overall.sum / overall.terms;
  if (!Number.isFinite(finalLoss) || !allFinite(syn0) || !allFinite(syn1)) throw diverged(finalLoss);
  save?.(true);
  const vectors = new WordVectors(vocab.words, d, syn0.slice());
  const trained = ((totalIds - startDone) / encoded.ids) * encoded.words;
  return { vectors, vocab, tokens: data.tokens, trainWords: encoded.words, seconds, wordsPerSecond: trained / seconds, finalLoss, history };
}

/** The result of a checkpoint whose run had finished: its vectors, no training. */
function finishedResult(c: Word2vecCheckpoint): Word2vecResult {
  let sum = 0, terms = 0;
  for (const t of c.threads) { sum += t.lossSum; terms += t.lossTerms; }
  if (!(terms > 0 && Number.isFinite(sum)) || !allFinite(c.syn0)) {
    throw new LexnetError(`${c.file ?? 'the checkpoint'}: damaged checkpoint: a finished run without a finite loss or vectors`);
  }
  return {
    vectors: new WordVectors(c.words, c.options.dim, c.syn0), vocab: new Vocabulary(c.words, c.counts), tokens: c.data.tokens,
    trainWords: c.data.words, seconds: 0, wordsPerSecond: 0, finalLoss: sum / terms, history: [],
  };
}

function validateCheckpoint(c: Word2vecCheckpointOptions): void {
  const s = c.everySeconds;
  if (s !== undefined && !(Number.isFinite(s) && s > 0)) throw new LexnetError(`checkpoint.everySeconds must be a number of seconds > 0, got ${s}`, { option: 'checkpoint.everySeconds' });
  if (c.path === '-') throw new LexnetError('checkpoint needs a file, not - (standard output)', { option: 'checkpoint' });
  checkOutputPath(c.path, 'checkpoint');
  let stat;
  try {
    stat = statSync(c.path);
  } catch {
    return; // a new file
  }
  if (!stat.isFile()) throw new LexnetError(`checkpoint ${c.path}: not a regular file; the file is rewritten as a whole and must be one`, { option: 'checkpoint' });
}

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}

function percent(done: number, total: number): string {
  return `${((100 * done) / Math.max(total, 1)).toFixed(1)}%`;
}


function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
