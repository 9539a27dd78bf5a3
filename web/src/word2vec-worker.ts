// The page's dedicated word2vec worker: it reads the corpus (the built-in Brown text or a dropped
// file), trains with lexnet's browser trainWord2vec (which starts its own Web Workers over shared
// memory when the page is cross-origin isolated) and posts progress and the vectors back, so the
// page's main thread stays free for the UI. With subwords the n-gram bucket rows come back too, so
// that the page answers words outside the vocabulary; a vectors file the user opens (a fastText
// .bin, or word2vec's text or binary format) is decoded here as well.
import { decodeVectors, encodeFastTextModel, encodeVectors, isAbortError, trainWord2vec, type FastTextModel, type ProgressEvent, type WordVectors } from 'lexnet';
import { packVectors, type PackedVectors } from './packed-vectors.js';

/** Where the corpus comes from: a URL of the page (optionally its first `lines` lines) or a File. */
export type CorpusSource = { kind: 'url'; url: string; lines?: number } | { kind: 'file'; file: File; lines?: number };

/** The settings the page passes on to trainWord2vec. */
export interface TrainSettings {
  dim: number;
  window: number;
  epochs: number;
  minCount: number;
  threads: number;
  negative?: number;
  sample?: number;
  /** fastText's subwords (character n-grams 3 to 6 hashed into `bucket` rows): vectors for any word. */
  subwords?: boolean;
  bucket?: number;
}

export type ToWorker =
  | { type: 'train'; source: CorpusSource; settings: TrainSettings } | { type: 'open'; file: Blob; name: string } | { type: 'stop' }
  | { type: 'encode'; format: 'text' | 'binary' } | { type: 'fastTextBin' };

export type FromWorker =
  | { type: 'status'; text: string }
  | { type: 'progress'; event: ProgressEvent }
  | {
    type: 'done'; words: string[]; dim: number; data: Float32Array; wordsPerSecond: number; seconds: number;
    tokens: number; trainWords: number; finalLoss: number; history: { epoch: number; loss: number }[]; threads: number;
    /** With subwords: the n-gram settings and bucket rows (else null). */
    subwords: PackedVectors['subwords'];
  }
  | { type: 'opened'; name: string; vectors: PackedVectors; seconds: number }
  | { type: 'encoded'; format: 'text' | 'binary'; bytes: Uint8Array }
  /** The last run trained with subwords, as fastText's .bin (both matrices: fastText and gensim load it). */
  | { type: 'fastTextBin'; file: Blob }
  | { type: 'error'; message: string; aborted: boolean; opening?: boolean };

const post = (m: FromWorker, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(m, transfer);
let controller: AbortController | null = null;
/** The last run's (or opened file's) vectors, kept here so that the files to download are written off the page's main thread (a text file of Brown's vectors takes ~150 ms). */
let last: WordVectors | null = null;
/** The last run's fastText model (with subwords), for a .bin download. */
let trained: FastTextModel | null = null;

/** The corpus as trainWord2vec takes it: the whole Blob, or a string of its first lines. */
async function corpusOf(source: CorpusSource): Promise<Blob | string> {
  let blob: Blob;
  if (source.kind === 'url') {
    const response = await fetch(source.url);
    if (!response.ok) throw new Error(`${source.url}: HTTP ${response.status}`);
    blob = await response.blob();
  } else {
    blob = source.file;
  }
  if (source.lines === undefined) return blob;
  const text = await blob.text();
  let end = -1;
  for (let n = 0; n < source.lines; n++) {
    end = text.indexOf('\n', end + 1);
    if (end < 0) return text;
  }
  return text.slice(0, end + 1);
}

async function train(source: CorpusSource, settings: TrainSettings): Promise<void> {
  controller?.abort();
  const c = new AbortController();
  controller = c;
  try {
    trained = null;
    post({ type: 'status', text: 'Reading the corpus…' });
    const corpus = await corpusOf(source);
    const r = await trainWord2vec(corpus, {
      ...settings,
      signal: c.signal,
      onProgress: (event) => post({ type: 'progress', event }),
    });
    last = r.vectors;
    trained = r.fastText ?? null;
    const { words, dim, data, subwords } = packVectors(r.vectors); // copies of its own (the result may view shared memory), transferred
    post({
      type: 'done', words, dim, data, wordsPerSecond: r.wordsPerSecond, seconds: r.seconds,
      tokens: r.tokens, trainWords: r.trainWords, finalLoss: r.finalLoss, history: r.history.map((s) => ({ epoch: s.epoch, loss: s.loss })),
      threads: settings.threads, subwords,
    }, [data.buffer, ...(subwords?.blocks.map((b) => b.buffer) ?? [])]);
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e), aborted: isAbortError(e) });
  } finally {
    if (controller === c) controller = null;
  }
}

/** Decodes a vectors file: a fastText .bin (told by its magic number), else word2vec's binary (a .bin name) or text format. */
async function open(file: Blob, name: string): Promise<void> {
  try {
    const t0 = performance.now();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const vectors: WordVectors = decodeVectors(bytes, /\.bin$/i.test(name) ? 'binary' : 'text', name);
    last = vectors; // its downloads, as a run's
    const packed = packVectors(vectors);
    post({ type: 'opened', name, vectors: packed, seconds: (performance.now() - t0) / 1000 }, [packed.data.buffer, ...(packed.subwords?.blocks.map((b) => b.buffer) ?? [])]);
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e), aborted: false, opening: true });
  }
}

self.addEventListener('message', (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  if (m.type === 'stop') controller?.abort();
  else if (m.type === 'open') { trained = null; void open(m.file, m.name); }
  else if (m.type === 'fastTextBin') { if (trained) post({ type: 'fastTextBin', file: new Blob([...encodeFastTextModel(trained)] as Uint8Array<ArrayBuffer>[], { type: 'application/octet-stream' }) }); }
  else if (m.type === 'encode') {
    if (!last) return;
    const bytes = encodeVectors(last, m.format);
    post({ type: 'encoded', format: m.format, bytes }, [bytes.buffer]);
  } else void train(m.source, m.settings);
});
