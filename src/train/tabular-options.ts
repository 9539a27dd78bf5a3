import { ACTIVATIONS } from '../layers/activation.js';
import { MODEL_KINDS } from '../models/model-spec.js';
import type { OptionDeclaration } from '../options/declare.js';
import { LBFGS_DEFAULTS } from './fit-lbfgs.js';
import { FIT_DEFAULTS, FIT_OPTIONS } from './fit-options.js';

/**
 * The tabular pipeline's defaults, the same for the API and `lexnet fit`. The optimizer, λ, the
 * epochs and the validation split depend on the model kind (see defaultOptimizer, defaultL2):
 * - logistic, softmax, linear (convex): optimizer 'lbfgs' run to the optimum (epochs = most
 *   iterations, default 1000; no validation split), l2 = 1/n for n training rows;
 * - mlp, regressor: optimizer 'adam', 200 epochs, early stopping on a 0.1 validation split, l2 = 1e-4.
 *
 * L2 convention: the objective minimised is J = (1/n)Σᵢ loss(xᵢ, yᵢ) + (λ/2)Σ‖W‖², the sum over
 * weight matrices only (biases are not penalised), on standardized inputs (and, for
 * regressors, a standardized target, which leaves the optimum's predictions unchanged).
 * scikit-learn's LogisticRegression(C) minimises C·Σᵢ loss + ½‖w‖², the same optimum as
 * λ = 1/(C·n); its Ridge(alpha) minimises Σᵢ(yᵢ − ŷᵢ)² + alpha·‖w‖², i.e. λ = alpha/n with lexnet's
 * ½ squared error. So the convex default λ = 1/n is scikit-learn's default C = 1 (and alpha = 1).
 */
export const TABULAR_DEFAULTS = {
  ...FIT_DEFAULTS, model: 'mlp', hidden: [100] as readonly number[], loss: 'cross-entropy', testSplit: 0.2, validationSplit: 0.1,
  lbfgsIterations: LBFGS_DEFAULTS.maxIterations,
} as const;

const D = TABULAR_DEFAULTS;
const { validation: _validation, l2, optimizer, ...fitOptions } = FIT_OPTIONS;

/** Every option of fitTabular: the files, the model and fit's settings (the CLI's flags are built from them). */
export const TABULAR_OPTIONS = {
  train: { type: 'string', doc: 'training CSV/TSV (a header line and scikit-learn\'s layout are detected; .gz is read)' },
  test: { type: 'string', doc: 'separate test file with the same columns' },
  testSplit: { type: 'number', min: 0, max: 1, minOpen: true, maxOpen: true, default: D.testSplit, doc: 'fraction of train held out for testing when there is no test file' },
  validationSplit: { type: 'number', min: 0, max: 1, maxOpen: true, doc: `fraction of the training rows used for early stopping (0 disables; default ${D.validationSplit}, none with lbfgs)` },
  labelColumn: { type: 'either', specs: [{ type: 'string', doc: '' }, { type: 'int', min: -Infinity, doc: '' }], doc: '0-based index (negative: counted from the end, -1 the last) or header name of the label (default: last column)' },
  kind: { type: 'enum', values: MODEL_KINDS, default: D.model, doc: MODEL_KINDS.join('|') },
  model: { type: 'enum', values: MODEL_KINDS, default: D.model, doc: 'the same as `kind` (its old name)' },
  hidden: { type: 'ints', min: 1, max: 100_000, default: D.hidden, doc: 'hidden layer sizes, e.g. [100, 50]' },
  activation: { type: 'enum', values: ACTIVATIONS, doc: `${ACTIVATIONS.join('|')} (default relu; sigmoid for the regressor)` },
  loss: { type: 'enum', values: ['cross-entropy', 'squared-error'], default: D.loss, doc: 'logistic regression loss: cross-entropy|squared-error' },
  ...fitOptions,
  l2: { ...l2, doc: `L2 strength λ of J = mean loss + (λ/2)‖W‖² (biases excluded; default 1/n for n training rows with logistic, softmax and linear, i.e. scikit-learn's C = 1; ${D.l2} otherwise)` },
  optimizer: { ...optimizer, doc: `${optimizer.values.join('|')} (default lbfgs, full-batch to the optimum, for logistic, softmax and linear; ${D.optimizer} otherwise)` },
} as const satisfies OptionDeclaration;

/** The CLI's spellings of fitTabular options (for suggestions). */
export const TABULAR_ALIASES = { lr: 'learningRate' } as const;
