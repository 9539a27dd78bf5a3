import { Random } from '../core/random.js';
import { oneHot } from '../io/dataset.js';
import { LexnetError } from '../io/errors.js';
import { Standardizer } from '../io/standardizer.js';
import type { WordVectors } from '../io/word-vectors.js';
import { buildNetwork } from '../models/model-spec.js';
import type { LabelledData } from '../text/labelled.js';
import { accuracy, predictedClasses } from '../train/metrics.js';
import { fit } from '../train/trainer.js';
import { averageVectors } from './averaged-features.js';
import { BagOfNgrams, ngramIds, ngramVocabulary, withPretrainedWords } from './bag-of-ngrams.js';
import { labelIndices, predictIndices, type ClassifierKind, type SentenceClassifier } from './classifier.js';

export interface ClassifyOptions {
  model: ClassifierKind;
  /** Word vectors: the features of `average`/`mlp`, the initial embeddings of `fasttext`. */
  vectors?: WordVectors;
  /** λ of (λ/2)‖W‖² on the output (and hidden) weight matrices. */
  l2?: number;
  epochs?: number;
  lr?: number;
  /** fastText embedding size when no vectors are given. */
  dim?: number;
  bigrams?: boolean;
  hidden?: number[];
  /** fasttext: words of the vectors file outside the training texts to add to the vocabulary (default 100,000). */
  pretrainedWords?: number;
  /** fasttext: each n-gram of a text is left out of its average with this probability while training (word dropout). */
  dropout?: number;
  patience?: number;
  seed?: number;
  quiet?: boolean;
}

export interface ClassifyEpoch {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  devAccuracy: number | null;
}

export interface ClassifyResult {
  classifier: SentenceClassifier;
  history: ClassifyEpoch[];
  bestEpoch: number;
  trainAccuracy: number;
  devAccuracy: number | null;
  /** Coverage of the word vectors over the training texts (average/mlp). */
  coverage: { tokens: number; unknownTokens: number; emptySentences: number } | null;
}

/**
 * Trains a sentence classifier on `train`, choosing the epoch by accuracy on `dev` (or the last
 * epoch without dev). Labels are the training set's, sorted.
 */
export function trainClassifier(train: LabelledData, dev: LabelledData | null, o: ClassifyOptions): ClassifyResult {
  if (train.texts.length === 0) throw new LexnetError(`${train.name}: no examples`);
  const labels = [...new Set(train.labels)].sort();
  if (labels.length < 2) throw new LexnetError(`${train.name}: only one label (${labels[0]}); a classifier needs two or more`);
  const y = labelIndices({ labels }, train.labels);
  const devY = dev ? labelIndices({ labels }, dev.labels) : null;
  return o.model === 'fasttext' ? trainBagOfNgrams(train, dev, labels, y, devY, o) : trainAveraged(train, dev, labels, y, devY, o);
}

function trainAveraged(train: LabelledData, dev: LabelledData | null, labels: string[], y: Int32Array, devY: Int32Array | null, o: ClassifyOptions): ClassifyResult {
  const vectors = o.vectors;
  if (!vectors) throw new LexnetError(`--model ${o.model} needs word vectors (--vectors FILE)`);
  const feats = averageVectors(vectors, train.texts);
  const scaler = Standardizer.fit(feats.x);
  const x = scaler.transform(feats.x);
  const devX = dev ? scaler.transform(averageVectors(vectors, dev.texts).x) : null;
  const hidden = o.model === 'mlp' ? o.hidden ?? [100] : [];
  const net = buildNetwork({ kind: o.model === 'mlp' ? 'mlp' : 'softmax', inputs: x.cols, outputs: labels.length, hidden, activation: 'relu', loss: 'cross-entropy' }, new Random(o.seed ?? 1));
  const history: ClassifyEpoch[] = [];
  const known = devY ? Array.from(devY).map((v, i) => [v, i] as const).filter(([v]) => v >= 0).map(([, i]) => i) : [];
  const validation = devX && devY && known.length ? { x: devX.selectRows(known), target: oneHot(known.map((i) => devY[i]!), labels.length) } : undefined;
  const res = fit(net, x, oneHot(y, labels.length), {
    epochs: o.epochs ?? 100, learningRate: o.lr ?? 1e-3, optimizer: 'adam', batchSize: 32, l2: o.l2 ?? 0, seed: o.seed ?? 1,
    validation, patience: o.patience ?? 10, quiet: o.quiet ?? true,
    onEpoch: (e) => {
      history.push({
        epoch: e.epoch, loss: e.loss,
        trainAccuracy: accuracy(predictedClasses(net.predict(x)), y),
        devAccuracy: devX && devY ? accuracy(predictedClasses(net.predict(devX)), devY) : null,
      });
    },
  });
  const classifier: SentenceClassifier = { kind: o.model as 'average' | 'mlp', labels, vectors, scaler, net, hidden };
  return finish(classifier, history, res.bestEpoch, train, dev, y, devY, feats);
}

function trainBagOfNgrams(train: LabelledData, dev: LabelledData | null, labels: string[], y: Int32Array, devY: Int32Array | null, o: ClassifyOptions): ClassifyResult {
  const bigrams = o.bigrams ?? true;
  const trained = ngramVocabulary(train.texts, bigrams);
  const vocabulary = o.vectors ? withPretrainedWords(trained, o.vectors, o.pretrainedWords ?? 100_000) : trained;
  const index = new Map(vocabulary.map((g, i) => [g, i]));
  const dim = o.vectors?.dim ?? o.dim ?? 100;
  const rng = new Random(o.seed ?? 1);
  const model = new BagOfNgrams(vocabulary, dim, labels.length, o.hidden?.[0] ?? 0).initialize(rng);
  if (o.vectors) model.loadVectors(o.vectors, index);
  const ids = train.texts.map((t) => ngramIds(t, bigrams, index));
  const classifier: SentenceClassifier = { kind: 'fasttext', labels, model, index, bigrams };
  const epochs = o.epochs ?? 10, lr = o.lr ?? 0.2, l2 = o.l2 ?? 0, dropout = o.dropout ?? 0;
  const work = model.workspace();
  const history: ClassifyEpoch[] = [];
  const snapshot = () => [model.E, model.W1, model.b1, model.W, model.b].map((a) => a.slice());
  let best = { acc: -1, epoch: 0, params: snapshot() };
  const steps = epochs * ids.length;
  let step = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    let loss = 0;
    for (const i of rng.permutation(ids.length)) {
      const rate = lr * (1 - step++ / steps); // fastText's linear decay to 0
      loss += model.sgdStep(dropout > 0 ? dropSome(ids[i]!, dropout, rng) : ids[i]!, y[i]!, rate, l2, work);
    }
    if (!Number.isFinite(loss)) throw new LexnetError(`training diverged at epoch ${epoch}: the loss became ${loss}. Try a smaller --lr (it was ${lr}).`);
    const rec: ClassifyEpoch = {
      epoch, loss: loss / ids.length, trainAccuracy: accuracy(predictIndices(classifier, train.texts), y),
      devAccuracy: dev && devY ? accuracy(predictIndices(classifier, dev.texts), devY) : null,
    };
    history.push(rec);
    const score = rec.devAccuracy ?? rec.trainAccuracy;
    if (score > best.acc || !dev) best = { acc: score, epoch, params: snapshot() };
    else if (epoch - best.epoch >= (o.patience ?? 5)) break;
  }
  [model.E, model.W1, model.b1, model.W, model.b].forEach((a, i) => a.set(best.params[i]!));
  return finish(classifier, history, best.epoch, train, dev, y, devY, null);
}

/** The ids with each one left out with probability p (at least one kept). */
function dropSome(ids: Int32Array, p: number, rng: Random): Int32Array {
  const kept = ids.filter(() => rng.next() >= p);
  return kept.length ? kept : ids.subarray(0, 1);
}

function finish(classifier: SentenceClassifier, history: ClassifyEpoch[], bestEpoch: number, train: LabelledData, dev: LabelledData | null,
  y: Int32Array, devY: Int32Array | null, coverage: ClassifyResult['coverage']): ClassifyResult {
  return {
    classifier, history, bestEpoch,
    trainAccuracy: accuracy(predictIndices(classifier, train.texts), y),
    devAccuracy: dev && devY ? accuracy(predictIndices(classifier, dev.texts), devY) : null,
    coverage: coverage ? { tokens: coverage.tokens, unknownTokens: coverage.unknownTokens, emptySentences: coverage.emptySentences } : null,
  };
}

export interface SweepPoint {
  l2: number;
  trainAccuracy: number;
  devAccuracy: number;
}

/** λ values of the regularization sweep: 0 and a log grid from 1e-6 to 1 in half decades. */
export const L2_GRID: readonly number[] = [0, ...Array.from({ length: 13 }, (_, i) => Number((10 ** (-6 + i / 2)).toPrecision(3)))];

/** Trains one model per λ and picks the λ with the best dev accuracy (ties: the larger λ). */
export function sweepL2(train: LabelledData, dev: LabelledData, o: ClassifyOptions, grid: readonly number[] = L2_GRID, onPoint?: (p: SweepPoint) => void): { points: SweepPoint[]; best: ClassifyResult; bestL2: number } {
  const points: SweepPoint[] = [];
  let best: { result: ClassifyResult; l2: number } | null = null;
  for (const l2 of grid) {
    const result = trainClassifier(train, dev, { ...o, l2 });
    const p = { l2, trainAccuracy: result.trainAccuracy, devAccuracy: result.devAccuracy! };
    points.push(p);
    onPoint?.(p);
    if (!best || p.devAccuracy >= best.result.devAccuracy!) best = { result, l2 };
  }
  return { points, best: best!.result, bestL2: best!.l2 };
}
