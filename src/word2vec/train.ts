import { EOS } from '../fasttext/subwords.js';
import type { OptionalOptions } from '../train/optional-options.js';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { LexnetError, optionError } from '../io/errors.js';
import { refuseCompressedName } from '../io/compressed-name.js';
import { checkOutputPath } from '../io/output-path.js';
import { requireFiniteWeights } from '../train/finite-inputs.js';
import { WordVectors } from '../io/word-vectors.js';
import { kernelModule } from '../node/kernel-loader.js';
import { workerThreads } from '../node/word2vec-threads.js';
import type { Corpus } from '../text/corpus.js';
import { throwIfAborted } from '../train/abort.js';
import type { ProgressCallback, ProgressEvent } from '../train/progress-event.js';
import {
  checkpointFinished, checkResumeData, readWord2vecCheckpoint, resumeOptions, writeWord2vecCheckpoint,
  type DataFingerprint, type Word2vecCheckpoint,
} from './checkpoint.js';
import { countAndEncode } from './encode.js';
import { defaultWord2vecOptions, impliedSubwords, learningRateOption, validateWord2vecOptions, WORD2VEC_ALIASES, WORD2VEC_OPTIONS, type Word2vecModel, type Word2vecOptions } from './options.js';
import { renamedValue, validateOptions } from '../options/declare.js';
import { asCorpus, checkTrainable, checkVocabularySize, stripUndefined, trainedLine } from './run-steps.js';
import { scanIds } from './scan-ids.js';
import { subwordResult } from './subword-rows.js';
import { checkShardable, trainSharded } from './sharded-session.js';
import { allFinite, trainEncoded, type SessionSnapshot, type Word2vecResult } from './session.js';
import { Vocabulary } from './vocabulary.js';

export type { Word2vecResult } from './session.js';

/** Checkpoints of a run (checkpoint.ts): written atomically at the end of each epoch and every `everySeconds`. */
export interface Word2vecCheckpointOptions {
  path: string;
  /** Longest time between two checkpoints, in seconds (fractions allowed); default 60. */
  everySeconds?: number | undefined;
  /** Stored in the checkpoint as given (the CLI keeps its corpus spec and output path there). */
  extra?: Record<string, unknown> | undefined;
  /** Called after each checkpoint is written, with the progress it holds. */
  onWrite?: ((info: { path: string; done: number; total: number; finished: boolean }) => void) | undefined;
}

/** Options of trainWord2vec: the training settings (WORD2VEC_DEFAULTS where left out), progress, cancellation, checkpoints. */
export interface TrainWord2vecOptions extends OptionalOptions<Word2vecOptions> {
  /** The architecture, as the command line names it (`--kind`): the same as `model`. */
  kind?: Word2vecModel | undefined;
  /** Starting learning rate, decayed linearly to ~0 (default 0.025 skip-gram, 0.05 CBOW); the same as `alpha`. */
  learningRate?: number | undefined;
  /** @deprecated No effect: the library never draws a progress bar (the CLI draws one from `onProgress`). */
  quiet?: boolean | undefined;
  /**
   * Called with a line of text as each stage ends: the vocabulary (words kept, tokens and
   * sentences read), then the training (words, epochs, time, speed, final loss); when resuming,
   * also where the run resumes. `onProgress` gives the same stages as events.
   */
  log?: ((line: string) => void) | undefined;
  /** Progress events: the vocabulary pass (tokens read), then several a second while training. */
  onProgress?: ProgressCallback | undefined;
  /** Aborting stops the run promptly: workers end, the temporary files go, and the call rejects with an AbortError. */
  signal?: AbortSignal | undefined;
  /** Folder for the temporary encoded corpus (4 bytes per token); default the system's (TMPDIR). */
  tmpDir?: string | undefined;
  checkpoint?: Word2vecCheckpointOptions | undefined;
  /**
   * Continue the run saved in this checkpoint (a path, or one read by readWord2vecCheckpoint).
   * Options left undefined are the checkpoint's; options given must equal them, and the corpus
   * must give the same vocabulary and text.
   */
  resume?: string | Word2vecCheckpoint | undefined;
}

/**
 * Trains word vectors: builds the vocabulary, encodes the corpus, lays the model out in
 * (shared) WebAssembly memory, and runs `threads` workers over slices of the corpus with
 * lock-free updates, the learning rate decaying linearly from alpha to ~0. With `checkpoint`
 * the state is saved as it goes; with `resume` a saved run continues (bit-identically with one thread).
 */
export async function trainWord2vec(input: Corpus | Iterable<readonly string[]>, options: TrainWord2vecOptions = {}): Promise<Word2vecResult> {
  validateOptions(WORD2VEC_OPTIONS, options, 'trainWord2vec', { aliases: WORD2VEC_ALIASES });
  const corpus = asCorpus(input);
  const { quiet: _quiet, log = () => {}, onProgress, signal, tmpDir, checkpoint, resume, learningRate: _rate, kind: _kind, ...settings } = options;
  throwIfAborted(signal);
  settings.alpha = learningRateOption(options);
  settings.model = renamedValue<Word2vecModel>(options, 'kind', 'model');
  impliedSubwords(settings);
  const resumePath = typeof resume === 'string' ? resume : (resume?.file ?? 'the checkpoint');
  const from = typeof resume === 'string' ? readWord2vecCheckpoint(resume) : resume;
  // NaN in a checkpoint's vectors would "diverge" at once and be blamed on alpha
  if (from) requireFiniteWeights(resumePath, [['syn0', from.syn0], ['syn1', from.syn1]]);
  const given = stripUndefined(settings);
  const o: Word2vecOptions = from ? resumeOptions(resumePath, from, given) : { ...defaultWord2vecOptions(settings.model, settings.subwords === true, given), ...given };
  validateWord2vecOptions(o);
  checkShardable(o);
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
  // with subwords each sentence ends with fastText's `</s>`, a word of the vocabulary and of the windows, as fastText's lines
  // (a checkpoint written before session 10 has no `</s>`: its run resumes as it was made)
  const endOfLine = o.subwords && (from === undefined || from.words.includes(EOS));
  const { vocab, tokens, sentences, encoded } = await countAndEncode(corpus, o.minCount, {
    tmpDir, signal, endOfLine, onRead: (t, s) => event({ stage: 'vocabulary', epoch: 0, fraction: 0, loss: null, tokens: t, sentences: s }),
  });
  try {
    throwIfAborted(signal);
    log(`vocabulary: ${vocab.size} words with count ≥ ${o.minCount} (${tokens} tokens, ${sentences} sentences)`);
    event({ stage: 'vocabulary', epoch: 0, fraction: 0, loss: null, tokens, sentences, vocabularySize: vocab.size });
    checkVocabularySize(corpus.name, vocab, o);
    if (encoded.words !== vocab.totalCount) {
      throw new LexnetError(`${corpus.name}: the encoded corpus holds ${encoded.words} words but the vocabulary counts ${vocab.totalCount}; was the file changed while it was read?`);
    }
    const hash = checkpoint !== undefined || from !== undefined; // the ids file's fingerprint, kept in checkpoints
    const scan = !hash
      ? { trainableSentences: encoded.trainableSentences, hash: undefined }
      : await scanIds(encoded.path, encoded.ids, { hash, signal });
    checkTrainable(corpus.name, vocab, o, scan.trainableSentences);
    const data: DataFingerprint = { corpus: corpus.name, tokens, sentences, ids: encoded.ids, words: encoded.words, idsHash: scan.hash ?? '' };
    if (from) {
      checkResumeData(resumePath, from, vocab.words, vocab.counts, data);
      log(`resuming from ${resumePath} at ${percent(from.done, o.epochs * encoded.ids)} of ${o.epochs} epochs`);
    }
    const checkpoints = checkpoint && {
      everySeconds: checkpoint.everySeconds ?? 60,
      write: (snap: SessionSnapshot, finished: boolean): void => {
        const { done, total, threads, seconds, syn0, syn1, step, parts } = snap;
        writeWord2vecCheckpoint(checkpoint.path, {
          options: o, data, words: [...vocab.words], counts: vocab.counts, done, threads, seconds, extra: checkpoint.extra ?? {}, syn0, syn1,
          ...(step === undefined ? {} : { shardStep: step }), ...(parts === undefined ? {} : { parts }),
        });
        checkpoint.onWrite?.({ path: checkpoint.path, done, total, finished });
      },
    };
    const fd = openSync(encoded.path, 'r'); // the threads' parts are planned in one pass over the ids
    let result: Word2vecResult;
    try {
      const ids = { store: { file: encoded.path }, ids: encoded.ids, words: encoded.words, read: (into: Uint8Array, pos: number, n: number) => { readSync(fd, into, 0, n * 4, pos * 4); } };
      result = (o.shards ?? 1) > 1
        ? await trainSharded(vocab, ids, data, o, kernelModule(true), workerThreads, { checkpoints, from, signal, event })
        : await trainEncoded(vocab, ids, data, o, kernelModule(true), workerThreads, { checkpoints, from, signal, event });
    } finally {
      closeSync(fd);
    }
    log(trainedLine(o, result));
    event({ stage: 'done', epoch: o.epochs, fraction: 1, loss: result.finalLoss, wordsPerSecond: result.wordsPerSecond });
    return result;
  } finally {
    encoded.remove();
  }
}

/** The result of a checkpoint whose run had finished: its vectors, no training. */
function finishedResult(c: Word2vecCheckpoint): Word2vecResult {
  let sum = 0, terms = 0;
  for (const t of c.threads) { sum += t.lossSum; terms += t.lossTerms; }
  if (!(terms > 0 && Number.isFinite(sum)) || !allFinite(c.syn0)) {
    throw new LexnetError(`${c.file ?? 'the checkpoint'}: damaged checkpoint: a finished run without a finite loss or vectors`);
  }
  const result = {
    vocab: new Vocabulary(c.words, c.counts), tokens: c.data.tokens,
    trainWords: c.data.words, seconds: 0, wordsPerSecond: 0, finalLoss: sum / terms, history: [], threads: c.options.threads,
  };
  if (c.options.subwords) return { ...result, ...subwordResult(c.words, c.counts, c.syn0, c.syn1, c.options) };
  return { vectors: new WordVectors(c.words, c.options.dim, c.syn0), ...result };
}

function validateCheckpoint(c: Word2vecCheckpointOptions): void {
  // its fields' types and everySeconds' range are checked with the other options (WORD2VEC_OPTIONS)
  if (c.path === '-') throw new LexnetError('checkpoint needs a file, not - (standard output)', { option: 'checkpoint' });
  refuseCompressedName(c.path, 'checkpoint');
  checkOutputPath(c.path, 'checkpoint');
  let stat;
  try {
    stat = statSync(c.path);
  } catch {
    return; // a new file
  }
  if (!stat.isFile()) throw new LexnetError(`checkpoint ${c.path}: not a regular file; the file is rewritten as a whole and must be one`, { option: 'checkpoint' });
}

function percent(done: number, total: number): string {
  return `${((100 * done) / Math.max(total, 1)).toFixed(1)}%`;
}
