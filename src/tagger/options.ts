import { COMMON_OPTIONS, MAX_EPOCHS, MAX_THREADS, SEED_OPTION, VECTORS_OPTION } from '../options/common.js';
import type { OptionDeclaration } from '../options/declare.js';
import { defaultThreads } from '../train/threads.js';
import { TOKENIZER_OPTION } from '../classify/options.js';
import { DECODERS, DEFAULT_TAGGER_CONFIG, MAX_BATCH, TAGGER_LIMITS } from './model.js';

/**
 * The tagger's defaults, the same for the API and `lexnet tagger train` (the CLI reads them from
 * here): the network's shape (DEFAULT_TAGGER_CONFIG) and the training settings; threads: every core.
 */
export const TAGGER_DEFAULTS = {
  ...DEFAULT_TAGGER_CONFIG, epochs: 25, batchSize: 32, learningRate: 0.1, l2: 1e-5, seed: 1, patience: 5, unknownRate: 0.5, wordDropout: 0, dropout: 0.5,
  threads: defaultThreads(), pretrainedWords: 100_000,
} as const;

const D = TAGGER_DEFAULTS, L = TAGGER_LIMITS;

/** The tagger's architecture (TaggerConfig, the `config` of trainTagger): type, range, default and doc. */
export const TAGGER_CONFIG_OPTIONS = {
  window: { type: 'int', min: 1, max: L.window, odd: true, default: D.window, doc: 'window size (odd): the token and as many neighbours on each side' },
  wordDim: { type: 'int', min: 1, max: L.dim, default: D.wordDim, doc: 'word vector size' },
  capsDim: { type: 'int', min: 1, max: L.dim, default: D.capsDim, doc: 'capitalization feature size' },
  affixDim: { type: 'int', min: 1, max: L.dim, default: D.affixDim, doc: 'prefix and suffix feature size' },
  shapeDim: { type: 'int', min: 0, max: L.dim, default: D.shapeDim, doc: 'word-shape feature size (Xxxx, XX, x.x., dd-dd); 0 leaves it out' },
  hidden: { type: 'int', min: 4, max: L.hidden, multipleOf: { step: 4, why: 'the kernels work in SIMD lanes of 4' }, default: D.hidden, doc: 'hidden units (multiple of 4)' },
  output: { type: 'enum', values: ['softmax', 'sigmoid'], default: D.output, doc: 'softmax (all tags) | sigmoid (one entity type, with entityType)' },
  entityType: { type: 'string', doc: 'entity type for output sigmoid, e.g. PER' },
  freezeWords: { type: 'boolean', default: D.freezeWords, doc: 'keep the word vectors fixed' },
  decoder: { type: 'enum', values: DECODERS, default: D.decoder, doc: 'crf (sentence-level: learned tag transitions, Viterbi; needs output softmax) | window (each token on its own; the default with output sigmoid)' },
} as const satisfies OptionDeclaration;

const learningRate = { type: 'number', min: 0, minOpen: true, default: D.learningRate, doc: 'SGD learning rate (decays linearly to 10%)' } as const;

/** Every option of trainTagger: type, range, default and doc (the CLI's flags are built from them). */
export const TAGGER_OPTIONS = {
  ...TAGGER_CONFIG_OPTIONS,
  config: { type: 'nested', qualified: false, options: TAGGER_CONFIG_OPTIONS, doc: 'the architecture (TaggerConfig) as one object; its fields may also be given as options of their own' },
  epochs: { type: 'int', min: 1, max: MAX_EPOCHS, default: D.epochs, doc: 'maximum epochs' },
  batchSize: { type: 'int', min: 1, max: MAX_BATCH, default: D.batchSize, doc: `minibatch size (at most ${MAX_BATCH})` },
  learningRate,
  lr: { ...learningRate, doc: 'deprecated: the old name of learningRate' },
  l2: { type: 'number', min: 0, default: D.l2, doc: 'λ of (λ/2)(‖W‖² + ‖U‖²)' },
  seed: SEED_OPTION,
  vectors: { ...VECTORS_OPTION, doc: 'initial word vectors' },
  patience: { type: 'int', min: 0, default: D.patience, doc: 'epochs without a better dev score before stopping' },
  unknownRate: { type: 'number', min: 0, max: 1, default: D.unknownRate, doc: 'probability of replacing a word seen once in training by the unknown word' },
  wordDropout: { type: 'number', min: 0, max: 1, maxOpen: true, default: D.wordDropout, doc: 'replace each word by the unknown word with this probability while training' },
  dropout: { type: 'number', min: 0, max: 1, maxOpen: true, default: D.dropout, doc: 'input dropout rate while training' },
  tokenizer: { ...TOKENIZER_OPTION, doc: 'how tag splits a string, recorded in the model (training sentences stay as they are): ptb (Treebank: does n\'t, it \'s) | words (tokenize) | whitespace (default: ptb when the training words look Treebank-tokenized, else words)' },
  threads: { type: 'int', min: 1, max: MAX_THREADS, default: D.threads, defaultText: 'every core', doc: 'training threads (lock-free updates of shared weights)' },
  ...COMMON_OPTIONS,
  onEpoch: { type: 'function', doc: 'called at the end of every epoch with its loss and dev score' },
  checkpoint: { type: 'string', doc: 'save the training state to this file at the end of every epoch' },
  resume: { type: 'string', doc: 'continue the run saved in this checkpoint' },
} as const satisfies OptionDeclaration;

/** The CLI's spellings of tagger options (for suggestions). */
export const TAGGER_ALIASES = { dim: 'wordDim', entity: 'entityType', freezeVectors: 'freezeWords' } as const;
