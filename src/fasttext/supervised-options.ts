import { COMMON_OPTIONS, MAX_EPOCHS, MAX_THREADS, SEED_OPTION, VECTORS_OPTION } from '../options/common.js';
import type { OptionDeclaration } from '../options/declare.js';
import { defaultThreads } from '../train/threads.js';

/** fastText's supervised losses (`-loss`). */
export const SUPERVISED_LOSS_NAMES = ['softmax', 'ns', 'hs', 'ova'] as const;

/**
 * fastText's defaults for `fasttext supervised` (bucket: 2,000,000 with word n-grams or character
 * n-grams, else none, as fastText sets it); threads: every core.
 */
export const SUPERVISED_DEFAULTS = {
  loss: 'softmax', dim: 100, epochs: 5, learningRate: 0.1, wordNgrams: 1, bucket: 2_000_000, minn: 0, maxn: 0,
  minCount: 1, minCountLabel: 0, neg: 5, seed: 1, labelPrefix: '__label__',
} as const;

const D = SUPERVISED_DEFAULTS;

/**
 * The settings of fastText's supervised model that lexnet's other classifiers do not have:
 * `trainSupervised`'s, and `trainClassifier`'s with kind `supervised` (declared once, for both).
 */
export interface SupervisedOnlyOptions {
  /** fastText's loss: softmax (default), ns (negative sampling over labels), hs (hierarchical softmax) or ova (one-vs-all, independent sigmoids: multi-label data). */
  loss?: (typeof SUPERVISED_LOSS_NAMES)[number] | undefined;
  /** Word n-grams of up to N words hashed into `bucket` rows (default 1: words alone). */
  wordNgrams?: number | undefined;
  /** Rows the word and character n-grams are hashed into (default 2,000,000 with n-grams, none without, as fastText). */
  bucket?: number | undefined;
  /** Shortest character n-gram of a word (default 3 when only maxn is given). */
  minn?: number | undefined;
  /** Longest character n-gram of a word (default 0: none). */
  maxn?: number | undefined;
  /** Words occurring fewer times are left out of the dictionary (default 1). */
  minCount?: number | undefined;
  /** Labels occurring fewer times are left out (default 0). */
  minCountLabel?: number | undefined;
  /** Labels drawn as negatives per example with loss ns (default 5). */
  neg?: number | undefined;
  /** Training threads (default every core; in a page that is not cross-origin isolated, 1). */
  threads?: number | undefined;
  /** How a fastText-format line marks its labels, and the prefix the model stores them with (default the data's, or `__label__`). */
  labelPrefix?: string | undefined;
}

/** The options of fastText's supervised model that the other classifiers do not have (`classify train --kind supervised`). */
export const SUPERVISED_ONLY_OPTIONS = {
  loss: { type: 'enum', values: SUPERVISED_LOSS_NAMES, default: D.loss, doc: 'supervised: softmax | ns (negative sampling over labels) | hs (hierarchical softmax) | ova (one-vs-all, independent sigmoids: multi-label)' },
  wordNgrams: { type: 'int', min: 1, max: 100, default: D.wordNgrams, doc: 'supervised: word n-grams of up to N words, hashed into buckets' },
  bucket: { type: 'int', min: 0, max: 2 ** 31 - 1, default: D.bucket, doc: 'supervised: rows the word and character n-grams are hashed into (none without n-grams, as fastText)' },
  minn: { type: 'int', min: 0, max: 100, default: D.minn, doc: 'supervised: shortest character n-gram of a word (3 when only maxn is given)' },
  maxn: { type: 'int', min: 0, max: 100, default: D.maxn, doc: 'supervised: longest character n-gram of a word (0: none)' },
  minCount: { type: 'int', min: 1, max: 2 ** 31 - 1, default: D.minCount, doc: 'supervised: words occurring fewer times are left out of the dictionary' },
  minCountLabel: { type: 'int', min: 0, max: 2 ** 31 - 1, default: D.minCountLabel, doc: 'supervised: labels occurring fewer times are left out' },
  neg: { type: 'int', min: 1, max: 1000, default: D.neg, doc: 'supervised: labels drawn as negatives per example (loss ns)' },
  threads: { type: 'int', min: 1, max: MAX_THREADS, default: defaultThreads(), defaultText: 'every core', doc: 'supervised: training threads (lock-free updates of shared weights); 1 with a seed gives the same model every run' },
  labelPrefix: { type: 'string', default: D.labelPrefix, doc: 'supervised: how fastText-format lines mark a label (fastText\'s -label)' },
} as const satisfies OptionDeclaration;

/** Every option of trainSupervised. */
export const SUPERVISED_OPTIONS = {
  ...SUPERVISED_ONLY_OPTIONS,
  dim: { type: 'int', min: 1, max: 10_000, default: D.dim, doc: 'size of the word vectors and hidden vector' },
  epochs: { type: 'int', min: 1, max: MAX_EPOCHS, default: D.epochs, doc: 'passes over the training lines' },
  learningRate: { type: 'number', min: 0, minOpen: true, default: D.learningRate, doc: 'starting learning rate, decayed linearly to 0 by tokens processed' },
  seed: SEED_OPTION,
  vectors: { ...VECTORS_OPTION, doc: 'pretrained word vectors: the rows of the words they hold start from them (fastText\'s -pretrainedVectors); dim defaults to theirs' },
  ...COMMON_OPTIONS,
} as const satisfies OptionDeclaration;
