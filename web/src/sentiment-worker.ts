// The page's sentiment worker: trains lexnet's sentence classifier (trainClassifier: fastText-style
// bag of words and bigrams, the epoch with the best dev accuracy kept) on the shipped SST-2 split
// and answers predictions, so that training never blocks the page.
import { trainClassifier, type ClassifyResult, type LabelledExample, type ProgressEvent } from 'lexnet';

export type ToSentimentWorker = { type: 'train'; base: string; epochs?: number } | { type: 'predict'; text: string };

export type FromSentimentWorker =
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'trained'; devAccuracy: number | null; trainAccuracy: number; bestEpoch: number; epochs: number; labels: string[]; seconds: number }
  | { type: 'prediction'; text: string; tokens: string[]; label: string; probabilities: Record<string, number> }
  | { type: 'error'; message: string };

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
    out.push({ text: line.slice(0, tab).split(' ').filter(Boolean), label: line.slice(tab + 1).trim() }); // tokens as SST-2 wrote them
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
      const [train, dev] = await Promise.all([readTsv(`${m.base}sst2/train.tsv`), readTsv(`${m.base}sst2/dev.tsv`)]);
      model = await trainClassifier(train, dev, { ...(m.epochs ? { epochs: m.epochs } : {}), onProgress: (event) => post({ type: 'progress', event }) });
      post({
        type: 'trained', devAccuracy: model.devAccuracy, trainAccuracy: model.trainAccuracy, bestEpoch: model.bestEpoch,
        epochs: model.history.length, labels: [...model.labels], seconds: (performance.now() - t0) / 1000,
      });
    } else if (model) {
      const tokens = sstTokens(m.text);
      const p = model.predict(tokens);
      post({ type: 'prediction', text: m.text, tokens, label: p.label, probabilities: p.probabilities });
    }
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
