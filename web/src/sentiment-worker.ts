// The page's sentiment worker: trains lexnet's sentence classifier on the shipped SST-2 split and
// answers predictions, so that training never blocks the page. Kind `supervised` (the default) is
// fastText's model in the WebAssembly kernels: Hogwild Web Workers over shared memory when the page
// is cross-origin isolated, one inline thread otherwise; it downloads as fastText's `.bin`. Kind
// `fasttext` is lexnet's older bag of words and bigrams in JavaScript (the epoch with the best dev accuracy kept).
import { trainClassifier, type ClassifyOptions, type ClassifyResult, type LabelledExample, type ProgressEvent } from 'lexnet';

/** The kinds the panel offers. */
export type SentimentKind = 'supervised' | 'fasttext';

export type ToSentimentWorker =
  | { type: 'train'; base: string; kind: SentimentKind; threads: number; epochs?: number }
  | { type: 'predict'; text: string }
  | { type: 'fastTextBin' };

export type FromSentimentWorker =
  | { type: 'progress'; event: ProgressEvent }
  | {
    type: 'trained'; kind: SentimentKind; devAccuracy: number | null; trainAccuracy: number; bestEpoch: number; epochs: number;
    labels: string[]; seconds: number; threads: number;
  }
  | { type: 'prediction'; text: string; tokens: string[]; label: string; probabilities: Record<string, number> }
  /** The supervised model as fastText's `.bin` (fastText, lexnet's loaders and the language-ID panel read it). */
  | { type: 'fastTextBin'; bytes: Uint8Array }
  | { type: 'error'; message: string };

/** SST-2's labels, named so that a downloaded model's labels read `__label__negative` and `__label__positive`. */
export const SST2_LABELS: Record<string, string> = { 0: 'negative', 1: 'positive' };

/**
 * The settings of kind supervised in the page: fastText's model with word bigrams hashed into
 * 100,000 rows (20 MB at dim 50, where fastText's 2 M default would take 400 MB), 5 epochs at a
 * rate of 0.5 (78% on SST-2's dev set in Node, where fastText's 0.1 needs more epochs).
 */
export const SUPERVISED_SETTINGS = { dim: 50, epochs: 5, learningRate: 0.5, wordNgrams: 2, bucket: 100_000 } as const satisfies ClassifyOptions;

const post = (m: FromSentimentWorker): void => (self as unknown as Worker).postMessage(m);
let model: ClassifyResult | null = null;

/** Rows of a `sentence<TAB>label` file with a header line (SST-2's text is already lower-cased and split by spaces). */
async function readTsv(url: string): Promise<LabelledExample[]> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const out: LabelledExample[] = [];
  (await response.text()).split('\n').slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const tab = line.lastIndexOf('\t');
    if (tab < 0) throw new Error(`${url}:${i + 2}: expected sentence<TAB>label`);
    const label = line.slice(tab + 1).trim();
    out.push({ text: line.slice(0, tab).split(' ').filter(Boolean), label: SST2_LABELS[label] ?? label }); // tokens as SST-2 wrote them
  });
  return out;
}

/** Splits a typed sentence as SST-2's text is split: lower case, punctuation and clitics apart. */
export function sstTokens(text: string): string[] {
  return text.toLowerCase()
    .replace(/n't\b/g, " n't").replace(/'(s|re|ve|ll|d|m)\b/g, " '$1")
    .replace(/([.,!?;:()"]|--)/g, ' $1 ')
    .split(/\s+/).filter(Boolean);
}

self.addEventListener('message', async (e: MessageEvent<ToSentimentWorker>) => {
  const m = e.data;
  try {
    if (m.type === 'train') {
      const t0 = performance.now();
      model = null;
      const [train, dev] = await Promise.all([readTsv(`${m.base}sst2/train.tsv`), readTsv(`${m.base}sst2/dev.tsv`)]);
      let threads = 1;
      const onProgress = (event: ProgressEvent) => {
        if (event.threads !== undefined) threads = event.threads;
        post({ type: 'progress', event });
      };
      const settings: ClassifyOptions = m.kind === 'supervised'
        ? { kind: 'supervised', ...SUPERVISED_SETTINGS, threads: m.threads, ...(m.epochs ? { epochs: m.epochs } : {}) }
        : { kind: 'fasttext', ...(m.epochs ? { epochs: m.epochs } : {}) };
      model = await trainClassifier(train, dev, { ...settings, onProgress });
      post({
        type: 'trained', kind: m.kind, devAccuracy: model.devAccuracy, trainAccuracy: model.trainAccuracy, bestEpoch: model.bestEpoch,
        epochs: m.kind === 'supervised' ? model.bestEpoch : model.history.length, labels: [...model.labels], seconds: (performance.now() - t0) / 1000, threads,
      });
    } else if (m.type === 'predict') {
      if (!model) return;
      const tokens = sstTokens(m.text);
      const p = model.predict(tokens);
      post({ type: 'prediction', text: m.text, tokens, label: p.label, probabilities: p.probabilities });
    } else if (model?.classifier.kind === 'supervised') {
      post({ type: 'fastTextBin', bytes: model.classifier.model.toBytes() });
    }
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
