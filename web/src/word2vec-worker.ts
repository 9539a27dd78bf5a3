// The page's dedicated word2vec worker: it reads the corpus (the built-in Brown text or a dropped
// file), trains with lexnet's browser trainWord2vec (which starts its own Web Workers over shared
// memory when the page is cross-origin isolated) and posts progress and the vectors back, so the
// page's main thread stays free for the UI.
import { encodeVectors, isAbortError, trainWord2vec, type ProgressEvent, type WordVectors } from 'lexnet';

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
}

export type ToWorker = { type: 'train'; source: CorpusSource; settings: TrainSettings } | { type: 'stop' } | { type: 'encode'; format: 'text' | 'binary' };

export type FromWorker =
  | { type: 'status'; text: string }
  | { type: 'progress'; event: ProgressEvent }
  | {
    type: 'done'; words: string[]; dim: number; data: Float32Array; wordsPerSecond: number; seconds: number;
    tokens: number; trainWords: number; finalLoss: number; history: { epoch: number; loss: number }[]; threads: number;
  }
  | { type: 'encoded'; format: 'text' | 'binary'; bytes: Uint8Array }
  | { type: 'error'; message: string; aborted: boolean };

const post = (m: FromWorker, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(m, transfer);
let controller: AbortController | null = null;
/** The last run's vectors, kept here so that the files to download are written off the page's main thread (a text file of Brown's vectors takes ~150 ms). */
let last: WordVectors | null = null;

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
    post({ type: 'status', text: 'Reading the corpus…' });
    const corpus = await corpusOf(source);
    const r = await trainWord2vec(corpus, {
      ...settings,
      signal: c.signal,
      onProgress: (event) => post({ type: 'progress', event }),
    });
    last = r.vectors;
    const data = r.vectors.data.slice(); // a copy of its own (the result may view shared memory), transferred
    post({
      type: 'done', words: [...r.vectors.words], dim: r.vectors.dim, data, wordsPerSecond: r.wordsPerSecond, seconds: r.seconds,
      tokens: r.tokens, trainWords: r.trainWords, finalLoss: r.finalLoss, history: r.history.map((s) => ({ epoch: s.epoch, loss: s.loss })),
      threads: settings.threads,
    }, [data.buffer]);
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e), aborted: isAbortError(e) });
  } finally {
    if (controller === c) controller = null;
  }
}

self.addEventListener('message', (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  if (m.type === 'stop') controller?.abort();
  else if (m.type === 'encode') {
    if (!last) return;
    const bytes = encodeVectors(last, m.format);
    post({ type: 'encoded', format: m.format, bytes }, [bytes.buffer]);
  } else void train(m.source, m.settings);
});
