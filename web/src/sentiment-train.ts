// fastText-style training of lexnet's bag-of-n-grams classifier (BagOfNgrams: mean of word and
// bigram embeddings → softmax) on labelled token lists, with fastText's settings as
// `lexnet classify` uses them: dim 100, bigrams, SGD one example at a time at rate 0.2 decayed
// linearly to 0, word dropout 0.3, the epoch with the best dev accuracy kept. (The library's
// trainClassifier is Node's: it writes checkpoints and hashes its data with node:crypto.)
import { BagOfNgrams, Classifier, Random, accuracy, labelIndices, ngramIds, ngramVocabulary, predictIndices, type SentenceClassifier } from 'lexnet';

export interface LabelledTokens { texts: string[][]; labels: string[] }

export interface SentimentSettings { epochs: number; dim: number; learningRate: number; dropout: number; patience: number; seed: number }

export const SENTIMENT_DEFAULTS: SentimentSettings = { epochs: 10, dim: 100, learningRate: 0.2, dropout: 0.3, patience: 5, seed: 1 };

export interface SentimentProgress { epoch: number; epochs: number; fraction: number; loss: number; devAccuracy: number | null }

export interface SentimentResult { classifier: Classifier; trainAccuracy: number; devAccuracy: number; bestEpoch: number; epochs: number }

export function trainSentiment(train: LabelledTokens, dev: LabelledTokens, o: Partial<SentimentSettings> & { onProgress?: (p: SentimentProgress) => void } = {}): SentimentResult {
  const s = { ...SENTIMENT_DEFAULTS, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as SentimentSettings;
  const labels = [...new Set(train.labels)].sort();
  const vocabulary = ngramVocabulary(train.texts, true);
  const index = new Map(vocabulary.map((g, i) => [g, i]));
  const rng = new Random(s.seed);
  const model = new BagOfNgrams(vocabulary, s.dim, labels.length).initialize(rng);
  const classifier: SentenceClassifier = { kind: 'fasttext', labels, model, index, bigrams: true };
  const ids = train.texts.map((t) => ngramIds(t, true, index));
  const y = labelIndices(classifier, train.labels), devY = labelIndices(classifier, dev.labels);
  const params = () => [model.E, model.W1, model.b1, model.W, model.b];
  const work = model.workspace();
  let best = { accuracy: -1, epoch: 0, params: params().map((a) => a.slice()) };
  const steps = s.epochs * ids.length;
  let step = 0, epochsRun = 0;
  for (let epoch = 1; epoch <= s.epochs; epoch++) {
    epochsRun = epoch;
    let loss = 0, seen = 0;
    for (const i of rng.permutation(ids.length)) {
      const rate = s.learningRate * (1 - step++ / steps);
      let x = ids[i]!;
      if (s.dropout > 0) {
        const kept = x.filter(() => rng.next() >= s.dropout);
        x = kept.length ? kept : x.subarray(0, 1);
      }
      loss += model.sgdStep(x, y[i]!, rate, 0, work);
      if (++seen % 1000 === 0) o.onProgress?.({ epoch, epochs: s.epochs, fraction: step / steps, loss: loss / seen, devAccuracy: null });
    }
    const devAccuracy = accuracy(predictIndices(classifier, dev.texts), devY);
    o.onProgress?.({ epoch, epochs: s.epochs, fraction: step / steps, loss: loss / seen, devAccuracy });
    if (devAccuracy > best.accuracy) best = { accuracy: devAccuracy, epoch, params: params().map((a) => a.slice()) };
    else if (epoch - best.epoch >= s.patience) break;
  }
  params().forEach((a, i) => a.set(best.params[i]!));
  return {
    classifier: new Classifier(classifier), bestEpoch: best.epoch, epochs: epochsRun, devAccuracy: best.accuracy,
    trainAccuracy: accuracy(predictIndices(classifier, train.texts), y),
  };
}
