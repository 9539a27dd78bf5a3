import { COMMON_OPTIONS, MAX_EPOCHS, SEED_OPTION, VECTORS_OPTION } from '../options/common.js';
import type { OptionDeclaration } from '../options/declare.js';
import { CLASSIFIER_KINDS } from './classifier.js';
import { SUPERVISED_DEFAULTS, SUPERVISED_ONLY_OPTIONS } from '../fasttext/supervised-options.js';
import { TOKENIZER_CHOICES } from '../text/tokenize.js';

/** How training text is split, recorded in the model and applied at prediction (the classifier's and the tagger's). */
export const TOKENIZER_OPTION = {
  type: 'enum', values: TOKENIZER_CHOICES,
  doc: 'how strings and lines read from files are split, recorded in the model and applied at prediction: ptb (Treebank: it \'s, does n\'t, -lrb-) | words (tokenize) | whitespace (default: ptb when the training text looks Treebank-tokenized; else whitespace for files, words for strings given in code)',
} as const;

/**
 * The classifier's defaults, the same for the API and `lexnet classify train` (the CLI reads them
 * from here); epochs, learning rate and patience depend on the kind of model.
 */
export const CLASSIFIER_DEFAULTS = {
  model: 'fasttext', l2: 0, dim: 100, bigrams: true, dropout: 0.3, pretrainedWords: 100_000, seed: 1,
  fasttext: { epochs: 10, learningRate: 0.2, patience: 5 },
  average: { epochs: 100, learningRate: 1e-3, patience: 10 },
  mlp: { epochs: 100, learningRate: 1e-3, patience: 10, hidden: [100] as readonly number[] },
} as const;

const D = CLASSIFIER_DEFAULTS;
const learningRate = {
  type: 'number', min: 0, minOpen: true,
  doc: `learning rate (default ${D.average.learningRate} Adam for average/mlp, ${D.fasttext.learningRate} SGD for fasttext, ${SUPERVISED_DEFAULTS.learningRate} for supervised)`,
} as const;

/** Every option of trainClassifier and sweepL2: type, range, default and doc (the CLI's flags are built from them). */
export const CLASSIFY_OPTIONS = {
  kind: { type: 'enum', values: CLASSIFIER_KINDS, default: D.model, doc: 'average (softmax regression on averaged vectors) | fasttext (bag of words and bigrams, trained end to end) | mlp | supervised (fastText\'s supervised model in the WebAssembly kernels, with threads)' },
  model: { type: 'enum', values: CLASSIFIER_KINDS, default: D.model, doc: 'the same as `kind` (its old name)' },
  vectors: { ...VECTORS_OPTION, doc: 'word vectors: features of average/mlp, initial embeddings of fasttext' },
  l2: { type: 'number', min: 0, default: D.l2, doc: 'λ of (λ/2)‖W‖² on the output (and hidden) weight matrices' },
  epochs: { type: 'int', min: 1, max: MAX_EPOCHS, doc: `maximum epochs (default ${D.average.epochs} average/mlp, ${D.fasttext.epochs} fasttext, ${SUPERVISED_DEFAULTS.epochs} supervised)` },
  learningRate,
  lr: { ...learningRate, doc: 'deprecated: the old name of learningRate' },
  dim: { type: 'int', min: 1, max: 10_000, default: D.dim, doc: 'fasttext embedding size without vectors' },
  bigrams: { type: 'boolean', default: D.bigrams, doc: 'fasttext: word bigrams as features besides the words' },
  hidden: { type: 'ints', min: 1, max: 100_000, doc: 'hidden layer sizes: mlp (default 100); fasttext: one ReLU layer over the average (default none)' },
  pretrainedWords: { type: 'int', min: 0, default: D.pretrainedWords, doc: 'words of the vectors not in the training texts to keep (fasttext: in the vocabulary), most frequent first' },
  dropout: { type: 'number', min: 0, max: 1, maxOpen: true, default: D.dropout, doc: 'fasttext: word dropout, each n-gram left out of the average with this probability while training' },
  patience: { type: 'int', min: 0, doc: `epochs without a better dev accuracy before stopping (default ${D.average.patience} average/mlp, ${D.fasttext.patience} fasttext)` },
  seed: SEED_OPTION,
  ...SUPERVISED_ONLY_OPTIONS,
  lowercase: { type: 'boolean', doc: 'lower-case every token, at training and (recorded in the model) at prediction (default: true when no training token has an upper-case letter)' },
  tokenizer: TOKENIZER_OPTION,
  ...COMMON_OPTIONS,
  onEpoch: { type: 'function', doc: 'called after every epoch' },
  checkpoint: { type: 'string', doc: 'save the training state to this file at the end of every epoch' },
  resume: { type: 'string', doc: 'continue the run saved in this checkpoint' },
} as const satisfies OptionDeclaration;

/** The CLI's spellings of classifier options (for suggestions). */
export const CLASSIFY_ALIASES = { lr: 'learningRate' } as const;
