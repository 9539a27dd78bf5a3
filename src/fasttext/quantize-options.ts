import { COMMON_OPTIONS } from '../options/common.js';
import type { OptionDeclaration } from '../options/declare.js';

/** fastText's quantization defaults (`fasttext quantize`): sub-vectors of 2 values, no norm quantization, no cut-off. */
export const QUANTIZE_DEFAULTS = { dsub: 2, qnorm: false, qout: false, cutoff: 0, retrain: false } as const;

/** Every option of quantizeClassifier (the CLI's `lexnet classify quantize` flags are built from them). */
export const QUANTIZE_OPTIONS = {
  dsub: { type: 'int', min: 1, max: 10_000, default: QUANTIZE_DEFAULTS.dsub, doc: 'values per sub-vector of the product quantizer (one byte codes each); at most the model\'s dimension, the last sub-vector takes what is left' },
  qnorm: { type: 'boolean', default: QUANTIZE_DEFAULTS.qnorm, doc: 'quantize each row\'s norm apart (one byte) and the row divided by it' },
  qout: { type: 'boolean', default: QUANTIZE_DEFAULTS.qout, doc: 'quantize the output matrix too (sub-vectors of 2 values; models with at least 256 labels)' },
  cutoff: { type: 'int', min: 0, max: 2 ** 31 - 1, default: QUANTIZE_DEFAULTS.cutoff, doc: 'keep only the N input rows (words and n-gram buckets) of largest norm, `</s>` first; 0 keeps all' },
  retrain: { type: 'boolean', default: QUANTIZE_DEFAULTS.retrain, doc: 'fine-tune the kept rows after the cut-off (fastText\'s -retrain; not available yet: lexnet cannot train fastText models)' },
  signal: COMMON_OPTIONS.signal,
  onProgress: COMMON_OPTIONS.onProgress,
} as const satisfies OptionDeclaration;
