// `trainClassifier` with kind `supervised`: fastText's supervised model trained in the kernels
// (src/fasttext/supervised-train.ts), wrapped as a lexnet Classifier.
import { LexnetError } from '../io/errors.js';
import type { LabelledData } from '../text/labelled.js';
import type { LabelledIds } from '../text/labelled-ids.js';
import { WHITESPACE_TOKENS, type TextNormalization } from '../text/tokenize.js';
import { SUPERVISED_DEFAULTS } from '../fasttext/supervised-options.js';
import { trainAndScore, trainAndScoreIndexed, type Scores, type SupervisedLine, type SupervisedOptions, type SupervisedResult } from '../fasttext/supervised-train.js';
import { Classifier } from './classifier-object.js';
import type { SentenceClassifier } from './classifier.js';
import type { ClassifyEpoch, ClassifyOptions, ClassifyResult } from './train.js';

/** Options of the other kinds that fastText's model has no use for, refused rather than ignored. */
function refuseOthers(o: ClassifyOptions): void {
  const bad: [keyof ClassifyOptions, boolean][] = [
    ['checkpoint', o.checkpoint !== undefined], ['resume', o.resume !== undefined],
    ['hidden', o.hidden !== undefined && o.hidden.length > 0], ['l2', o.l2 !== undefined && o.l2 > 0],
  ];
  // lexnet's own fasttext kind's options, in the CLI's words for an unused flag
  for (const name of ['bigrams', 'dropout', 'pretrainedWords', 'patience'] as const) {
    if (o[name] !== undefined) throw new LexnetError(`${name} has no effect here: it is used only by kind fasttext`, { option: name, mentions: ['kind'] });
  }
  for (const [name, given] of bad) {
    if (given) throw new LexnetError(`kind supervised (fastText's model) does not take \`${name}\`; it applies to the other kinds`, { option: name, mentions: ['kind'] });
  }
}

/**
 * Trains fastText's model on labelled data (every label of a multi-label line) and gives it as a
 * Classifier, its accuracy that of the top label (any of a line's gold labels counts).
 */
export async function trainSupervisedClassifier(train: LabelledData, dev: LabelledData | null, o: ClassifyOptions): Promise<ClassifyResult> {
  refuseOthers(o);
  const prefix = o.labelPrefix ?? train.labelPrefix ?? SUPERVISED_DEFAULTS.labelPrefix;
  const linesOf = labelledLines(prefix);
  const r = await trainAndScore(linesOf(train), supervisedOptions(o), dev ? [linesOf(dev)] : []);
  return classifierOf(r, prefix, train.labelPrefix, train.normalization ?? WHITESPACE_TOKENS, dev !== null, o);
}

/**
 * trainSupervisedClassifier on a training file read into numbered lines (readLabelledIds, whose
 * labels are written with `train.labelPrefix`, the prefix the model stores): the same model.
 */
export async function trainSupervisedIndexed(train: LabelledIds, dev: LabelledData | null, o: ClassifyOptions): Promise<ClassifyResult> {
  refuseOthers(o);
  const prefix = o.labelPrefix ?? train.labelPrefix;
  if (prefix !== train.labelPrefix) throw new LexnetError(`the training file was read with the label prefix ${train.labelPrefix}, not ${prefix}`, { option: 'labelPrefix' });
  const r = await trainAndScoreIndexed(train, supervisedOptions(o), dev ? [labelledLines(prefix)(dev)] : []);
  return classifierOf(r, prefix, train.labelPrefix, train.normalization, dev !== null, o);
}

/** Labelled data as fastText's lines: words, and labels with their prefix (each label's written form made once, not once per line). */
function labelledLines(prefix: string): (d: LabelledData) => SupervisedLine[] {
  const written = new Map<string, string>();
  const label = (l: string): string => written.get(l) ?? (written.set(l, prefix + l), prefix + l);
  return (d) => d.texts.map((words, i) => ({ words, labels: d.labelSets?.[i]?.map(label) ?? [label(d.labels[i]!)] }));
}

function supervisedOptions(o: ClassifyOptions): SupervisedOptions {
  return {
    loss: o.loss, dim: o.dim, epochs: o.epochs, learningRate: o.learningRate ?? o.lr, wordNgrams: o.wordNgrams, bucket: o.bucket, minn: o.minn, maxn: o.maxn,
    minCount: o.minCount, minCountLabel: o.minCountLabel, neg: o.neg, threads: o.threads, seed: o.seed, vectors: o.vectors, onProgress: o.onProgress, signal: o.signal,
  };
}

/** The trained model as a Classifier with its record. */
function classifierOf(r: SupervisedResult & Scores, prefix: string, dataPrefix: string | undefined, text: TextNormalization, hasDev: boolean, o: ClassifyOptions): ClassifyResult {
  const model = r.classifier;
  const classifier: SentenceClassifier = {
    kind: 'supervised', labels: model.labels.map((l) => l.slice(prefix.length)), model,
    ...(dataPrefix ? { labelPrefix: dataPrefix } : {}), text,
  };
  const epochs = model.args.epoch;
  // the accuracy of the top label, any of a line's gold labels counting (computed in the kernels)
  const trainAccuracy = r.precisions[0]!, devAccuracy = hasDev ? r.precisions[1]! : null;
  const history: ClassifyEpoch[] = [{ epoch: epochs, loss: r.loss, trainAccuracy, devAccuracy }];
  o.onEpoch?.(history[0]!);
  // each dev line's top label as the kernels found it (a line without rows: the first label, as predictIndices gives it)
  const devPredictions = hasDev ? r.topLabels[0]!.map((t) => Math.max(0, t)) : undefined;
  return Object.assign(new Classifier(classifier), { history, bestEpoch: epochs, trainAccuracy, devAccuracy, coverage: null, ...(devPredictions ? { devPredictions } : {}) });
}
