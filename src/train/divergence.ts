import { LexnetError } from '../io/errors.js';

/** What a DivergenceError reports: the epoch, the loss, the rate and what else explains it. */
export interface DivergenceInfo {
  /** 1-based epoch in which the loss stopped being finite. */
  epoch: number;
  loss: number;
  /** The learning rate in force. */
  rate: number;
  /** How the message names the rate (default the option's name, `learningRate`, which the CLI turns into its flag). */
  rateName?: string;
  /** λ of the L2 penalty, when the model has one. */
  l2?: number;
  /** Largest absolute input feature value, when known (unscaled inputs can blow up a step). */
  maxInput?: number;
  /**
   * The loss at the start of training (or of a uniform guess), when the run stopped because the
   * loss exploded past EXPLOSION_FACTOR times it while staying finite.
   */
  start?: number;
  /** The largest norm of a row of the vectors, when they exploded (word2vec: past MAX_VECTOR_NORM). */
  norm?: number;
  /** The option's default, suggested when the rate given is far above it. */
  defaultRate?: number;
  /** 'lbfgs' when the run was full-batch L-BFGS (no learning rate; `epoch` is then the iteration, 0 the starting point). */
  optimizer?: string;
}

/**
 * A finite loss above this many times its value at the start (or that of a uniform guess: ln C
 * for C classes) means the steps overshoot and the weights are growing without bound: the run
 * has diverged even though no value is NaN yet. A run that learns lowers its loss; noise and a
 * bad epoch move it by a few times at most, never a hundred.
 */
export const EXPLOSION_FACTOR = 100;

/**
 * Word vectors whose largest row norm exceeds this have exploded: word2vec's updates are
 * bounded by the learning rate times the other vectors' norms, and a healthy run's norms stay
 * of order 1 to 10 (similarities between such vectors all read 1.00).
 */
export const MAX_VECTOR_NORM = 1000;

/** Whether `loss` is NaN, infinite, or above EXPLOSION_FACTOR × `start`. */
export function lossExploded(loss: number, start: number): boolean {
  return !(loss <= EXPLOSION_FACTOR * start);
}

/** The loss of a uniform guess among `classes` classes (ln C, at least ln 2): where a classifier's loss starts. */
export function uniformLoss(classes: number): number {
  return Math.log(Math.max(2, classes));
}

/**
 * A run whose loss became NaN or infinite, or exploded (see EXPLOSION_FACTOR). The message names the epoch and the likely cause:
 * a negative or huge λ makes the penalty unbounded whatever the rate; otherwise the steps are
 * too long for the curvature, which a smaller learning rate fixes.
 */
export class DivergenceError extends LexnetError {
  readonly epoch: number;
  readonly loss: number;
  constructor(info: DivergenceInfo) {
    // the rate is the option at fault (its name in the message, which the CLI replaces with its flag); L-BFGS has none
    super(divergenceMessage(info), info.optimizer === 'lbfgs' || (info.rateName ?? RATE_OPTION) !== RATE_OPTION ? {} : { option: RATE_OPTION });
    this.name = 'DivergenceError';
    this.epoch = info.epoch;
    this.loss = info.loss;
  }
}

/** The option every long call names its learning rate with. */
const RATE_OPTION = 'learningRate';

/** The message of a DivergenceError: where the run diverged and its likely cause. */
export function divergenceMessage({ epoch, loss, rate, rateName = RATE_OPTION, l2, maxInput, optimizer, start, norm, defaultRate }: DivergenceInfo): string {
  if (optimizer === 'lbfgs') {
    const where = epoch === 0 ? 'at the starting weights' : `at L-BFGS iteration ${epoch}`;
    const head = `training diverged ${where}: the loss or its gradient became ${loss}`;
    if (maxInput !== undefined && maxInput > 1e6) return `${head}. Input values reach ${maxInput.toExponential(2)}; scale the features.`;
    return `${head}, and no shorter step along the search direction gave a finite value; check the inputs and targets for extreme values.`;
  }
  const head = norm !== undefined
    ? `training diverged at epoch ${epoch}: the vectors exploded (a norm of ${norm.toExponential(2)}, where a trained model's stay below ${MAX_VECTOR_NORM}; every similarity would read 1.00)`
    : start !== undefined && Number.isFinite(loss)
      ? `training diverged at epoch ${epoch}: the loss grew to ${loss.toExponential(2)}, over ${EXPLOSION_FACTOR}× its value at the start (${start.toPrecision(3)})`
      : `training diverged at epoch ${epoch}: the loss became ${loss}`;
  if (l2 !== undefined && l2 < 0) return `${head}. The L2 strength ${l2} is negative, which rewards growing weights without bound; use λ ≥ 0.`;
  if (maxInput !== undefined && maxInput > 1e6) return `${head}. Input values reach ${maxInput.toExponential(2)}; scale the features, or lower the ${rateName} (${rate}).`;
  // w ← w(1 − rate·λ) − …: with rate·λ ≥ 1 the penalty alone flips or grows the weights, whatever the data
  // a λ of 1 or more is far outside the usual range (≤ 0.1): then it, not the rate, is the outlier
  if (l2 !== undefined && l2 >= 1 && rate * l2 >= 1) {
    return `${head}. The L2 strength λ ${l2} is too large for the ${rateName} ${rate}: λ × ${rateName} = ${rate * l2} ≥ 1 makes each weight-decay step overshoot; use λ < ${1 / rate} (usually far smaller) or a smaller ${rateName}.`;
  }
  const decay = l2 !== undefined && rate * l2 >= 1 ? ` (λ ${l2} × ${rateName} ${rate} ≥ 1 also makes the weight decay overshoot)` : '';
  const usual = defaultRate !== undefined && rate / 4 > defaultRate ? `; the default is ${defaultRate}` : '';
  return `${head}. The ${rateName} ${rate} is probably too large for this data; try a smaller ${rateName} (${rate / 4} or less${usual})${decay}.`;
}
