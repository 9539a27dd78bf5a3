import { Worker } from 'node:worker_threads';
import { Random } from '../core/random.js';
import { LexnetError } from '../io/errors.js';
import { WordVectors } from '../io/word-vectors.js';
import type { Corpus } from '../text/corpus.js';
import { Progress } from '../train/progress.js';
import { encodeCorpus } from './encode.js';
import { buildHuffman, MAX_CODE_LENGTH } from './huffman.js';
import { createMemory, instantiateKernels, kernelModule } from './kernels.js';
import { planLayout } from './layout.js';
import { defaultWord2vecOptions, type Word2vecOptions } from './options.js';
import { keepProbabilities } from './subsampling.js';
import { fillUnigramTable, unigramTableSize } from './unigram-table.js';
import { buildVocabulary, type Vocabulary } from './vocabulary.js';
import type { WorkerJob } from './worker.js';

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
}

export interface TrainWord2vecOptions extends Partial<Word2vecOptions> {
  quiet?: boolean;
  /** Called with a line of text as each stage (vocabulary, training) ends. */
  log?: (line: string) => void;
  /** Folder for the temporary encoded corpus (4 bytes per token); default the system's (TMPDIR). */
  tmpDir?: string;
}

/**
 * Trains word vectors: builds the vocabulary, encodes the corpus, lays the model out in
 * (shared) WebAssembly memory, and runs `threads` workers over slices of the corpus with
 * lock-free updates, the learning rate decaying linearly from alpha to ~0.
 */
export async function trainWord2vec(corpus: Corpus, options: TrainWord2vecOptions = {}): Promise<Word2vecResult> {
  const { quiet = false, log = () => {}, tmpDir, ...settings } = options;
  const o: Word2vecOptions = { ...defaultWord2vecOptions(options.model), ...stripUndefined(settings) };
  validate(o);
  const { vocab, tokens, sentences } = buildVocabulary(corpus, o.minCount);
  log(`vocabulary: ${vocab.size} words with count ≥ ${o.minCount} (${tokens} tokens, ${sentences} sentences)`);
  const encoded = encodeCorpus(corpus, vocab, { tmpDir, sentences });
  try {
    return await trainEncoded(vocab, encoded, tokens, o, quiet);
  } finally {
    encoded.remove();
  }
}

async function trainEncoded(vocab: Vocabulary, encoded: ReturnType<typeof encodeCorpus>, tokens: number, o: Word2vecOptions, quiet: boolean): Promise<Word2vecResult> {
  const V = vocab.size, d = o.dim;
  const module = kernelModule(true);
  const probe = instantiateKernels(module, createMemory(1 << 16));
  const layout = planLayout(d, V, unigramTableSize(V), o.threads, probe.scratchBytes(d, o.negative, V, o.window));
  const memory = createMemory(layout.bytes);
  const buf = memory.buffer;

  // input vectors U(−0.5, 0.5)/dim as word2vec.c; output vectors start at zero
  const rng = new Random(o.seed);
  const syn0 = new Float32Array(buf, layout.syn0, V * d);
  for (let i = 0; i < syn0.length; i++) syn0[i] = (rng.next() - 0.5) / d;
  fillUnigramTable(vocab.counts, new Int32Array(buf, layout.negTable, layout.negTableSize));
  keepProbabilities(vocab.counts, vocab.totalCount, o.sample, new Float32Array(buf, layout.keepProb, V));
  if (o.loss === 'hierarchical') {
    const h = buildHuffman(vocab.counts);
    new Uint8Array(buf, layout.codes, V * MAX_CODE_LENGTH).set(h.codes);
    new Int32Array(buf, layout.points, V * MAX_CODE_LENGTH).set(h.points);
    new Int32Array(buf, layout.codeLens, V).set(h.lengths);
  }
  instantiateKernels(module, memory).initSigmoidTables(layout.sigTable, layout.logSigTable);

  const progress = new SharedArrayBuffer(8);
  const stats = new SharedArrayBuffer(8 * 2 * o.threads);
  const counter = new BigInt64Array(progress);
  const perThread = new Float64Array(stats);
  const totalIds = encoded.ids * o.epochs;
  const bar = new Progress(100, '{bar} {value}% | {wps} words/s | lr {lr} | loss {loss} | ETA {eta_formatted}', { quiet });
  const start = performance.now();
  let lastLoss = { sum: 0, terms: 0, value: NaN };
  const lossTotals = (): { sum: number; terms: number } => {
    let sum = 0, terms = 0;
    for (let t = 0; t < o.threads; t++) { sum += perThread[t * 2]!; terms += perThread[t * 2 + 1]!; }
    return { sum, terms };
  };
  const sample = (): void => {
    const { sum, terms } = lossTotals();
    if (terms > lastLoss.terms) lastLoss = { sum, terms, value: (sum - lastLoss.sum) / (terms - lastLoss.terms) };
    const done = Number(Atomics.load(counter, 0));
    const seconds = (performance.now() - start) / 1000;
    const words = (done / encoded.ids) * encoded.words;
    if (!Number.isFinite(lastLoss.value) && terms > 0) {
      throw new LexnetError(`training diverged: the loss became ${lastLoss.value}. Try a smaller --alpha (it was ${o.alpha}).`);
    }
    bar.update(Math.floor((100 * done) / totalIds), {
      wps: Math.round(words / Math.max(seconds, 1e-9)).toLocaleString('en-US'),
      lr: (o.alpha * Math.max(1 - done / totalIds, 1e-4)).toFixed(5),
      loss: Number.isFinite(lastLoss.value) ? lastLoss.value.toFixed(4) : '-',
    });
  };

  const jobs: Promise<void>[] = [];
  const per = Math.ceil(encoded.ids / o.threads);
  for (let t = 0; t < o.threads; t++) {
    const job: WorkerJob = {
      module, memory, layout, options: o, thread: t, idsFile: encoded.path,
      start: Math.min(encoded.ids, t * per), end: Math.min(encoded.ids, (t + 1) * per), fileIds: encoded.ids, progress, stats,
    };
    const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: job });
    jobs.push(new Promise<void>((resolve, reject) => {
      w.on('error', reject);
      w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`word2vec worker ${t} exited with code ${code}`))));
    }));
  }
  const timer = setInterval(() => { try { sample(); } catch { /* reported after the workers end */ } }, 250);
  try {
    await Promise.all(jobs);
  } finally {
    clearInterval(timer);
  }
  sample();
  bar.stop();
  const seconds = (performance.now() - start) / 1000;
  const overall = lossTotals();
  const finalLoss = Number.isFinite(lastLoss.value) ? lastLoss.value : overall.sum / overall.terms;
  if (!Number.isFinite(finalLoss) && overall.terms > 0) {
    throw new LexnetError(`training diverged: the loss became ${finalLoss}. Try a smaller --alpha (it was ${o.alpha}).`);
  }
  const vectors = new WordVectors(vocab.words, d, new Float32Array(buf, layout.syn0, V * d).slice());
  return { vectors, vocab, tokens, trainWords: encoded.words, seconds, wordsPerSecond: (encoded.words * o.epochs) / seconds, finalLoss };
}

function validate(o: Word2vecOptions): void {
  const bad = (what: string): never => { throw new LexnetError(what); };
  if (!(Number.isInteger(o.dim) && o.dim > 0)) bad(`--dim must be a positive whole number, got ${o.dim}`);
  if (!(Number.isInteger(o.window) && o.window > 0)) bad(`--window must be a positive whole number, got ${o.window}`);
  if (!(Number.isInteger(o.negative) && o.negative >= 0)) bad(`--negative must be a whole number ≥ 0, got ${o.negative}`);
  if (o.loss === 'negative' && o.negative === 0) bad('--loss negative needs --negative ≥ 1');
  if (!(Number.isInteger(o.epochs) && o.epochs > 0)) bad(`--epochs must be a positive whole number, got ${o.epochs}`);
  if (!(o.alpha > 0)) bad(`--alpha must be positive, got ${o.alpha}`);
  if (!(o.sample >= 0)) bad(`--sample must be ≥ 0, got ${o.sample}`);
  if (!(Number.isInteger(o.threads) && o.threads > 0)) bad(`--threads must be a positive whole number, got ${o.threads}`);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
