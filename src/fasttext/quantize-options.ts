import { COMMON_OPTIONS, MAX_EPOCHS, SEED_OPTION } from '../options/common.js';
import type { OptionDeclaration } from '../options/declare.js';
import { SUPERVISED_ONLY_OPTIONS } from './supervised-options.js';

/**
 * fastText's quantization defaults (`fasttext quantize`): sub-vectors of 2 values, no norm
 * quantization, no cut-off, no retraining; retraining as `fasttext quantize -retrain` does by
 * default, 5 epochs at rate 0.05 (fastText's `Args` defaults: `quantize` is not `supervised`).
 */
export const QUANTIZE_DEFAULTS = { dsub: 2, qnorm: false, qout: false, cutoff: 0, retrain: false, epochs: 5, learningRate: 0.05 } as const;

/** Whether a value is training lines: an array (of strings in fastText's format, or `{ words, labels }`). */
function isLines(v: unknown): boolean {
  return Array.isArray(v);
}

/** Every option of quantizeClassifier (the CLI's `lexnet classify quantize` flags are built from them). */
export const QUANTIZE_OPTIONS = {
  dsub: { type: 'int', min: 1, max: 10_000, default: QUANTIZE_DEFAULTS.dsub, doc: 'values per sub-vector of the product quantizer (one byte codes each); at most the model\'s dimension, the last sub-vector takes what is left' },
  qnorm: { type: 'boolean', default: QUANTIZE_DEFAULTS.qnorm, doc: 'quantize each row\'s norm apart (one byte) and the row divided by it' },
  qout: { type: 'boolean', default: QUANTIZE_DEFAULTS.qout, doc: 'quantize the output matrix too (sub-vectors of 2 values; models with at least 256 labels)' },
  cutoff: { type: 'int', min: 0, max: 2 ** 31 - 1, default: QUANTIZE_DEFAULTS.cutoff, doc: 'keep only the N input rows (words and n-gram buckets) of largest norm, `</s>` first; 0 keeps all' },
  retrain: { type: 'boolean', default: QUANTIZE_DEFAULTS.retrain, doc: 'train the rows kept by cutoff (and the output matrix) again on input before quantizing (fastText\'s -retrain; needs cutoff and input)' },
  input: { type: 'value', what: 'an array of lines (strings in fastText\'s format, or { words, labels })', check: isLines, doc: 'retrain: the training lines (fastText\'s format: `__label__x text`), usually those the model was trained on' },
  epochs: { type: 'int', min: 1, max: MAX_EPOCHS, default: QUANTIZE_DEFAULTS.epochs, doc: 'retrain: passes over input (fastText\'s -epoch)' },
  learningRate: { type: 'number', min: 0, minOpen: true, default: QUANTIZE_DEFAULTS.learningRate, doc: 'retrain: starting learning rate, decayed linearly to 0 (fastText\'s -lr; its quantize default 0.05)' },
  threads: { ...SUPERVISED_ONLY_OPTIONS.threads, doc: 'retrain: training threads (fastText\'s -thread); 1 with a seed gives the same model every run' },
  seed: { ...SEED_OPTION, doc: 'retrain: random seed of the training threads' },
  signal: COMMON_OPTIONS.signal,
  onProgress: COMMON_OPTIONS.onProgress,
} as const satisfies OptionDeclaration;
