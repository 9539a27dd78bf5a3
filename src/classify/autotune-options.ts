import type { OptionDeclaration, OptionSpec } from '../options/declare.js';
import { CLASSIFY_OPTIONS } from './options.js';
import { CLASSIFIER_KINDS } from './classifier.js';

/** The metrics autotuneClassifier maximises on the dev set. */
export const AUTOTUNE_METRICS = ['f1', 'accuracy', 'precisionAtK', 'recallAtK'] as const;
/** A metric: one of AUTOTUNE_METRICS, or `f1:LABEL` (one label's F1, as fastText's `-autotune-metric f1:__label__x`). */
export type AutotuneMetric = (typeof AUTOTUNE_METRICS)[number] | `f1:${string}`;

/** Whether a value names a metric. */
export function isAutotuneMetric(v: unknown): v is AutotuneMetric {
  return typeof v === 'string' && ((AUTOTUNE_METRICS as readonly string[]).includes(v) || (v.startsWith('f1:') && v.length > 3));
}

const SIZE_UNITS: Record<string, number> = { k: 1e3, K: 1e3, m: 1e6, M: 1e6, g: 1e9, G: 1e9 };

/**
 * A model size in bytes, as fastText's `-autotune-modelsize` reads it: a whole number, in a string
 * optionally followed by k, M or G (10³, 10⁶, 10⁹; either case): `2M` is 2,000,000. null if it is not one.
 */
export function parseModelSize(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 1 ? v : null;
  if (typeof v !== 'string') return null;
  const m = /^(\d+)([kKmMgG]?)$/.exec(v.trim());
  if (!m) return null;
  const bytes = Number(m[1]) * (m[2] ? SIZE_UNITS[m[2]]! : 1);
  return Number.isSafeInteger(bytes) && bytes >= 1 ? bytes : null;
}

/** The kinds of classifier a search trains: lexnet's fasttext model, and fastText's supervised model where the classifier has it. */
export type AutotuneKind = 'fasttext' | 'supervised';
/** The tunable kinds the classifier has. */
export const AUTOTUNE_KINDS: readonly AutotuneKind[] = (['supervised', 'fasttext'] as const).filter((k) => (CLASSIFIER_KINDS as readonly string[]).includes(k));

/**
 * fastText's defaults (`-autotune-duration 300`, `-autotune-metric f1`, `-autotune-predictions 1`);
 * the kind: fastText's supervised model where the classifier has it, else lexnet's fasttext.
 */
export const AUTOTUNE_DEFAULTS = { duration: 300, metric: 'f1', k: 1, kind: AUTOTUNE_KINDS[0]! } as const;

/**
 * The classifier options a search passes through to every trial: all of trainClassifier's but
 * the kind (the search trains `fasttext` models), checkpoints and the deprecated names. Options
 * given are fixed (not searched), as fastText leaves alone the arguments given by hand.
 */
const { kind: _kind, model: _model, lr: _lr, quiet: _quiet, onEpoch: _onEpoch, checkpoint: _checkpoint, resume: _resume, ...TRIAL_OPTIONS } = CLASSIFY_OPTIONS;
export { TRIAL_OPTIONS };

/** Every option of autotuneClassifier: the search's own, then those fixed for every trial (the CLI's flags are built from them). */
export const AUTOTUNE_OPTIONS = {
  duration: { type: 'number', min: 0, minOpen: true, max: 1e7, default: AUTOTUNE_DEFAULTS.duration, doc: 'the time budget of the search, in seconds; a trial still running then is stopped and left out' },
  metric: {
    type: 'value', default: AUTOTUNE_DEFAULTS.metric,
    /** Whether the value names a metric. */
    check: isAutotuneMetric,
    what: `one of ${AUTOTUNE_METRICS.join(', ')} or f1:LABEL`,
    doc: 'what the search maximises on the dev set: f1 (of P@k and R@k, fastText\'s default), accuracy, precisionAtK, recallAtK, or f1:LABEL (one label\'s F1)',
  },
  kind: { type: 'enum', values: AUTOTUNE_KINDS, default: AUTOTUNE_DEFAULTS.kind, doc: 'the classifier trained: supervised (fastText\'s model: epochs, learningRate, dim, wordNgrams, bucket, minn/maxn, loss searched) where there is one, or fasttext (lexnet\'s: epochs, learningRate, dim, bigrams)' },
  k: { type: 'int', min: 1, max: 1_000_000, default: AUTOTUNE_DEFAULTS.k, doc: 'labels predicted per dev example for f1, precisionAtK and recallAtK (fastText\'s -autotune-predictions)' },
  modelSize: {
    type: 'value', what: 'a size in bytes: a whole number, or a string such as 2M (k, M, G: 10³, 10⁶, 10⁹)',
    /** Whether the value is a size. */
    check: (v: unknown) => parseModelSize(v) !== null,
    doc: 'the largest model file wanted (fastText\'s -autotune-modelsize, e.g. 2M): every trial\'s model is quantized (qnorm, cutoff to fit, retrain; dsub searched) and only those whose .ftz fits are scored; kind supervised',
  },
  dsub: { type: 'int', min: 1, max: 10_000, doc: 'with modelSize: values per sub-vector of the product quantizer (given: fixed; else searched among 2, 4, 8, 16 as fastText)' },
  ...TRIAL_OPTIONS,
} as const satisfies OptionDeclaration;

/** A trial option's declaration, if the classifier declares it (the searched options depend on the trainer's). */
export function trialOption(name: string): OptionSpec | undefined {
  return Object.hasOwn(TRIAL_OPTIONS, name) ? (TRIAL_OPTIONS as Record<string, OptionSpec>)[name] : undefined;
}
