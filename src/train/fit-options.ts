import { Matrix } from '../core/matrix.js';
import { COMMON_OPTIONS, MAX_EPOCHS, SEED_OPTION } from '../options/common.js';
import type { OptionDeclaration } from '../options/declare.js';
import { LBFGS_DEFAULTS } from './fit-lbfgs.js';
import { OPTIMIZERS } from './optimizer.js';
import { SCHEDULES } from './schedule.js';

/** fit's defaults, the same for the API and `lexnet fit` (the CLI reads them from here). */
export const FIT_DEFAULTS = {
  epochs: 200, batchSize: 32, learningRate: 1e-3, schedule: 'constant', optimizer: 'adam', momentum: 0.9, l2: 1e-4, seed: 1, patience: 20,
} as const;

const D = FIT_DEFAULTS;

/** What held-out data is: `{ x, target }`, two matrices. */
const isValidation = (v: unknown): boolean => typeof v === 'object' && v !== null && (v as { x?: unknown }).x instanceof Matrix && (v as { target?: unknown }).target instanceof Matrix;
/** What a state given by `onState` is. */
const isFitState = (v: unknown): boolean => typeof v === 'object' && v !== null && Array.isArray((v as { params?: unknown }).params) && typeof (v as { epoch?: unknown }).epoch === 'number';

/** Every option of `fit`: type, range, default and doc (the CLI's flags are built from them). */
export const FIT_OPTIONS = {
  epochs: { type: 'int', min: 1, max: MAX_EPOCHS, default: D.epochs, doc: `maximum epochs, or iterations with lbfgs (lbfgs default ${LBFGS_DEFAULTS.maxIterations})` },
  batchSize: { type: 'int', min: 1, max: 1_000_000, default: D.batchSize, doc: 'minibatch size' },
  learningRate: { type: 'number', min: 0, minOpen: true, default: D.learningRate, doc: 'step size of the optimizer (constant, or the start of the linear schedule)' },
  schedule: { type: 'enum', values: SCHEDULES, default: D.schedule, doc: SCHEDULES.join('|') },
  optimizer: { type: 'enum', values: OPTIMIZERS, default: D.optimizer, doc: 'sgd, momentum or adam: minibatch steps; lbfgs: full-batch L-BFGS to the optimum' },
  gradientTolerance: { type: 'number', min: 0, default: LBFGS_DEFAULTS.gradientTolerance, doc: 'lbfgs: stop when max |∂J/∂θᵢ| ≤ this' },
  lbfgsMemory: { type: 'int', min: 1, max: 1000, default: LBFGS_DEFAULTS.memory, doc: 'lbfgs: (s, y) pairs kept' },
  momentum: { type: 'number', min: 0, max: 1, maxOpen: true, default: D.momentum, doc: 'momentum for optimizer momentum' },
  l2: { type: 'number', min: 0, default: D.l2, doc: 'λ of J = mean loss + (λ/2)Σ‖W‖² (weight matrices only, biases not penalised)' },
  seed: { ...SEED_OPTION, doc: 'random seed (initialisation, shuffling)' },
  validation: {
    type: 'value', what: 'held-out data { x, target } (two Matrix)', doc: 'held-out data for early stopping',
    /** Whether the value is `{ x, target }`, two matrices. */
    check: isValidation,
  },
  patience: { type: 'int', min: 0, default: D.patience, doc: 'epochs without a better validation loss before stopping' },
  ...COMMON_OPTIONS,
  rateName: { type: 'string', doc: 'how the learning rate is named in a divergence message (default learningRate, the option\'s name)' },
  onEpoch: { type: 'function', doc: 'called at the end of every epoch with its record' },
  resume: {
    type: 'value', what: 'a state given by onState', doc: 'continue from a state that onState gave',
    /** Whether the value is a state given by onState. */
    check: isFitState,
  },
  onState: { type: 'function', doc: 'called after every epoch with the state to resume from' },
} as const satisfies OptionDeclaration;
