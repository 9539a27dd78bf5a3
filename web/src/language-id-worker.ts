// The page's language-identification worker: it decodes a fastText supervised model the user
// chose or dropped (lid.176.ftz, or any fastText .bin / .ftz with labels) with lexnet's
// decodeFastTextClassifier, then answers the top-k labels of the text typed, so that neither
// decoding a model nor predicting ever blocks the page. Nothing is downloaded: the bytes are the file's.
import { decodeFastTextClassifier, type FastTextClassifier, type FastTextPrediction } from 'lexnet';

export type ToLanguageIdWorker =
  | { type: 'load'; file: Blob; name: string }
  | { type: 'predict'; id: number; text: string; k: number };

export type FromLanguageIdWorker =
  | { type: 'loaded'; name: string; bytes: number; labels: number; words: number; dim: number; seconds: number }
  | { type: 'predictions'; id: number; predictions: FastTextPrediction[] }
  | { type: 'error'; message: string; during: 'load' | 'predict' };

const post = (m: FromLanguageIdWorker): void => (self as unknown as Worker).postMessage(m);
let model: FastTextClassifier | null = null;

self.addEventListener('message', async (e: MessageEvent<ToLanguageIdWorker>) => {
  const m = e.data;
  if (m.type === 'load') {
    try {
      const t0 = performance.now();
      const bytes = new Uint8Array(await m.file.arrayBuffer());
      model = null; // a failed load leaves no model: the page says which file failed
      const loaded = decodeFastTextClassifier(bytes, m.name);
      model = loaded;
      post({
        type: 'loaded', name: m.name, bytes: bytes.length, labels: loaded.labels.length, words: loaded.dictionary.nwords,
        dim: loaded.args.dim, seconds: (performance.now() - t0) / 1000,
      });
    } catch (err) {
      post({ type: 'error', message: err instanceof Error ? err.message : String(err), during: 'load' });
    }
  } else if (model) {
    try {
      post({ type: 'predictions', id: m.id, predictions: model.predict(m.text, { k: m.k }) });
    } catch (err) {
      post({ type: 'error', message: err instanceof Error ? err.message : String(err), during: 'predict' });
    }
  }
});
