// trainWord2vec in a browser: the corpus is encoded in memory (no temporary file), and the
// threads are Web Workers over shared memory, or one inline thread when the page is not isolated.
import { inputError, LexnetError } from '../io/errors.js';
import { loadKernelModule } from '../kernels/load.js';
import type { Corpus } from '../text/corpus.js';
import { stringCorpus } from '../text/string-corpus.js';
import { Utf8Stream } from '../text/utf8-stream.js';
import { throwIfAborted } from '../train/abort.js';
import type { ProgressEvent } from '../train/progress-event.js';
import { countAndEncodeInMemory } from '../word2vec/encode-memory.js';
import { inlineThread } from '../word2vec/inline-thread.js';
import { defaultWord2vecOptions, impliedSubwords, learningRateOption, validateWord2vecOptions, WEB_WORD2VEC_OPTIONS, WORD2VEC_ALIASES, type Word2vecModel, type Word2vecOptions } from '../word2vec/options.js';
import { renamedValue, validateOptions } from '../options/declare.js';
import { asCorpus, checkTrainable, checkVocabularySize, stripUndefined, trainedLine } from '../word2vec/run-steps.js';
import { trainEncoded, type Word2vecResult } from '../word2vec/session.js';
import type { TrainWord2vecOptions } from '../word2vec/train.js';
import { webThreadSupport } from './threads.js';
import { webWorkerThreads } from './word2vec-threads.js';

/**
 * A corpus in a browser: a Corpus, an array (or iterable) of sentences as token arrays, a string
 * (the whole text: one sentence per line, tokens separated by white space), or a Blob / File of
 * such text (UTF-8).
 */
export type WebCorpusInput = Corpus | Iterable<readonly string[]> | string | Blob;

/** Options of the browser's trainWord2vec: Node's, without the file ones (tmpDir, checkpoint, resume). */
export type WebTrainWord2vecOptions = Omit<TrainWord2vecOptions, 'tmpDir' | 'checkpoint' | 'resume'>;

/** The corpus argument as a Corpus (a Blob is read as text first). */
async function webCorpus(input: WebCorpusInput): Promise<Corpus> {
  if (typeof input === 'string') return stringCorpus(input);
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    const name = typeof (input as File).name === 'string' && (input as File).name !== '' ? (input as File).name : 'blob';
    return stringCorpus(blobText(name, new Uint8Array(await input.arrayBuffer())), { name });
  }
  return asCorpus(input as Corpus | Iterable<readonly string[]>, 'a string of text, a Blob or File, a Corpus, or an array of sentences (arrays of tokens)');
}

/**
 * A file's bytes as text, refused as Node's text corpora refuse them (not UTF-8, a NUL byte),
 * with the line and byte offset: a Latin-1 or binary file must not train on replacement characters.
 */
function blobText(name: string, bytes: Uint8Array): string {
  const utf8 = new Utf8Stream(name);
  const text = utf8.decode(bytes, 1) + utf8.end(1 + countNewlines(bytes, bytes.length));
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw inputError(name, 1 + countNewlines(bytes, nul), 'NUL byte: this is not a UTF-8 text file (binary, or UTF-16?)');
  return text;
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * Trains word vectors in a browser, with the same options and result as Node's trainWord2vec:
 * the corpus is counted and encoded in memory, the model laid out in WebAssembly memory, and
 * `threads` Web Workers train it over a shared memory when the page is cross-origin isolated.
 * When it is not (no SharedArrayBuffer), training runs on one thread in the calling thread —
 * whatever `threads` asks — yielding to the event loop every ~20 ms; `log` says so, and the
 * result and progress events carry the `threads` used. With one thread and a seed the vectors
 * are the ones Node gives for the same corpus and options.
 */
export async function trainWord2vec(input: WebCorpusInput, options: WebTrainWord2vecOptions = {}): Promise<Word2vecResult> {
  const nodeOnly = (['tmpDir', 'checkpoint', 'resume'] as const).filter((k) => (options as Record<string, unknown>)[k] !== undefined);
  if (nodeOnly.length > 0) {
    throw new LexnetError(`${nodeOnly.join(', ')}: files are not available in a browser (checkpoints and resuming need Node)`, { option: nodeOnly[0]! });
  }
  validateOptions(WEB_WORD2VEC_OPTIONS, options, 'trainWord2vec', { aliases: WORD2VEC_ALIASES });
  const { quiet: _quiet, log = () => {}, onProgress, signal, learningRate: _rate, kind: _kind, ...settings } = options;
  throwIfAborted(signal);
  settings.alpha = learningRateOption(options);
  settings.model = renamedValue<Word2vecModel>(options, 'kind', 'model');
  impliedSubwords(settings);
  const o: Word2vecOptions = { ...defaultWord2vecOptions(settings.model, settings.subwords === true, stripUndefined(settings)), ...stripUndefined(settings) };
  validateWord2vecOptions(o);
  const support = webThreadSupport();
  const workers = support.isolated && typeof Worker !== 'undefined'; // shared memory and Web Workers
  const threads = workers ? o.threads : 1;
  if (threads < o.threads && support.reason) log(`${support.reason}; training with 1 thread instead of ${o.threads}`);
  const run: Word2vecOptions = { ...o, threads };
  const event = (e: Omit<ProgressEvent, 'task' | 'epochs'>): void => onProgress?.({ task: 'word2vec', epochs: o.epochs, threads, ...e });
  const corpus = await webCorpus(input);
  const module = loadKernelModule({ shared: threads > 1 });
  module.catch(() => {}); // awaited below: fetched while the corpus is read
  const { vocab, tokens, sentences, ids, words, trainableSentences } = await countAndEncodeInMemory(corpus, o.minCount, {
    shared: threads > 1, signal, endOfLine: o.subwords, onRead: (t, s) => event({ stage: 'vocabulary', epoch: 0, fraction: 0, loss: null, tokens: t, sentences: s }),
  });
  throwIfAborted(signal);
  log(`vocabulary: ${vocab.size} words with count ≥ ${o.minCount} (${tokens} tokens, ${sentences} sentences)`);
  event({ stage: 'vocabulary', epoch: 0, fraction: 0, loss: null, tokens, sentences, vocabularySize: vocab.size });
  checkVocabularySize(corpus.name, vocab, o);
  checkTrainable(corpus.name, vocab, o, trainableSentences);
  const data = { corpus: corpus.name, tokens, sentences, ids: ids.length, words, idsHash: '' };
  const host = threads > 1 ? webWorkerThreads : inlineThread;
  const result = await trainEncoded(vocab, { store: { array: ids }, ids: ids.length, words }, data, run, await module, host, { signal, event });
  log(trainedLine(run, result));
  event({ stage: 'done', epoch: o.epochs, fraction: 1, loss: result.finalLoss, wordsPerSecond: result.wordsPerSecond });
  return result;
}
