// `trainClassifier` with kind `supervised`: fastText's supervised model trained in the kernels
// (src/fasttext/supervised-train.ts), wrapped as a lexnet Classifier.
import { LexnetError } from '../io/errors.js';
import type { LabelledData } from '../text/labelled.js';
import { WHITESPACE_TOKENS } from '../text/tokenize.js';
import { SUPERVISED_DEFAULTS } from '../fasttext/supervised-options.js';
import { trainAndScore } from '../fasttext/supervised-train.js';
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
  const written = new Map<string, string>(); // each label's written form once, not once per line
  const label = (l: string): string => written.get(l) ?? (written.set(l, prefix + l), prefix + l);
  const linesOf = (d: LabelledData) => d.texts.map((words, i) => ({ words, labels: d.labelSets?.[i]?.map(label) ?? [label(d.labels[i]!)] }));
  const r = await trainAndScore(linesOf(train), {
    loss: o.loss, dim: o.dim, epochs: o.epochs, learningRate: o.learningRate ?? o.lr, wordNgrams: o.wordNgrams, bucket: o.bucket, minn: o.minn, maxn: o.maxn,
    minCount: o.minCount, minCountLabel: o.minCountLabel, neg: o.neg, threads: o.threads, seed: o.seed, vectors: o.vectors, onProgress: o.onProgress, signal: o.signal,
  }, dev ? [linesOf(dev)] : []);
  const model = r.classifier;
  const classifier: SentenceClassifier = {
    kind: 'supervised', labels: model.labels.map((l) => l.slice(prefix.length)), model,
    ...(train.labelPrefix ? { labelPrefix: train.labelPrefix } : {}), text: train.normalization ?? WHITESPACE_TOKENS,
  };
  const epochs = model.args.epoch;
  // the accuracy of the top label, any of a line's gold labels counting (computed in the kernels)
  const trainAccuracy = r.precisions[0]!, devAccuracy = dev ? r.precisions[1]! : null;
  const history: ClassifyEpoch[] = [{ epoch: epochs, loss: r.loss, trainAccuracy, devAccuracy }];
  o.onEpoch?.(history[0]!);
  return Object.assign(new Classifier(classifier), { history, bestEpoch: epochs, trainAccuracy, devAccuracy, coverage: null });
}
