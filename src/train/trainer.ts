import { Matrix } from '../core/matrix.js';
import { Random, type RandomState } from '../core/random.js';
import type { Param } from '../layers/param.js';
import type { Network } from '../models/network.js';
import { l2Penalty } from '../losses/l2.js';
import { LexnetError } from '../io/errors.js';
import { oneHot } from '../io/dataset.js';
import { DivergenceError, lossExploded, uniformLoss } from './divergence.js';
import { requireFiniteRows, requireFiniteWeights } from './finite-inputs.js';
import { fitLbfgs, LBFGS_DEFAULTS, type LbfgsSummary } from './fit-lbfgs.js';
import { makeOptimizer, type OptimizerName, type OptimizerState } from './optimizer.js';
import { Throttle, Ticker, throwIfAborted } from './abort.js';
import type { ProgressCallback } from './progress-event.js';
import { makeSchedule, type ScheduleName } from './schedule.js';
import { FIT_DEFAULTS, FIT_OPTIONS } from './fit-options.js';
import { shown, validateOptions } from '../options/declare.js';

export { FIT_DEFAULTS } from './fit-options.js';

/** Options of `fit`; every one left out takes its value from FIT_DEFAULTS. */
export interface FitOptions {
  /** Epochs of the minibatch optimizers (default 200); with lbfgs, the most iterations (default 1000). */
  epochs?: number | undefined;
  batchSize?: number | undefined;
  /** Step size of the optimizer (constant, or the start of the linear schedule). */
  learningRate?: number | undefined;
  schedule?: ScheduleName | undefined;
  /**
   * sgd, momentum or adam (default): minibatch steps; lbfgs: full-batch L-BFGS to the optimum of
   * the objective (batchSize, learningRate, schedule, momentum, validation and patience do not apply).
   */
  optimizer?: OptimizerName | undefined;
  /** lbfgs: stop when max |∂J/∂θᵢ| ≤ this (default 1e-6). */
  gradientTolerance?: number | undefined;
  /** lbfgs: (s, y) pairs kept (default 10). */
  lbfgsMemory?: number | undefined;
  momentum?: number | undefined;
  /** λ of the objective J = mean loss + (λ/2)Σ‖W‖² (weight matrices only, biases not penalised); default 0. */
  l2?: number | undefined;
  seed?: number | undefined;
  /** Held-out data for early stopping; its loss is watched after every epoch. */
  validation?: { x: Matrix; target: Matrix } | undefined;
  /** Stop after this many epochs without a better validation loss; the best weights are restored. */
  patience?: number | undefined;
  /** @deprecated No effect: the library never draws a progress bar (the CLI draws one from `onProgress`). */
  quiet?: boolean | undefined;
  /** Progress events (several a second, and at every epoch's end). */
  onProgress?: ProgressCallback | undefined;
  /** Aborting stops the run at the next minibatch: the call rejects with an AbortError and the network keeps the weights it had reached. */
  signal?: AbortSignal | undefined;
  /** How the learning rate is named in a divergence message (default `learningRate`, the option's name, which the CLI replaces with its flag). */
  rateName?: string | undefined;
  /** Called at the end of every epoch with its record. */
  onEpoch?: ((e: EpochRecord) => void | Promise<void>) | undefined;
  /** Continue from a state that `onState` gave (same network shape, data and options). */
  resume?: FitState | undefined;
  /** Called after every epoch with the state to resume from (for checkpoints; the arrays are copies). */
  onState?: ((s: FitState) => void) | undefined;
}

/** fit's state at the end of an epoch: enough to continue the run as if it had never stopped. */
export interface FitState {
  /** Epochs done. */
  epoch: number;
  /** The run ended (last epoch, or patience ran out). */
  finished: boolean;
  stoppedEarly: boolean;
  rng: RandomState;
  optimizer: OptimizerState;
  params: Float64Array[];
  /** The best validation loss so far (Infinity before any), its epoch and weights (null without validation). */
  best: { loss: number; epoch: number; weights: Float64Array[] | null };
  history: EpochRecord[];
}

/** One epoch of fit: training loss, validation loss, learning rate and speed. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  validationLoss: number | null;
  learningRate: number;
  examplesPerSecond: number;
}

/** What fit gives: the history, the epoch whose weights the network keeps, and whether it stopped early. */
export interface FitResult {
  history: EpochRecord[];
  /** Epoch whose weights the network holds at the end (the best on validation, or the last). */
  bestEpoch: number;
  stoppedEarly: boolean;
  /** With lbfgs: how the run ended (converged, max-iterations or no-progress) and the final gradient. */
  lbfgs?: LbfgsSummary;
}

/**
 * Minibatch training of a network on rows of x against rows of target (a Matrix, or nested
 * arrays: `number[][]`). Resolves when training ends; gives the event loop a turn every few
 * milliseconds, so `signal` and timers work while it runs.
 */
export async function fit(net: Network, inputs: Matrix | readonly (readonly number[])[], targets: Matrix | readonly (readonly number[])[] | readonly number[], options: FitOptions = {}): Promise<FitResult> {
  validateOptions(FIT_OPTIONS, options, 'fit', { aliases: { lr: 'learningRate' } });
  const D = FIT_DEFAULTS;
  const {
    epochs = D.epochs, batchSize = D.batchSize, learningRate = D.learningRate, schedule = D.schedule, optimizer = D.optimizer,
    momentum = D.momentum, l2 = D.l2, seed = D.seed, validation, patience = D.patience, rateName, onEpoch, onState, onProgress, signal,
  } = options;
  throwIfAborted(signal);
  const x = asRows(inputs, 'inputs');
  const target = asTargets(net, x, targets);
  // NaN or ∞ in the data would "diverge" and be blamed on the learning rate: refused here, named
  requireFiniteRows('fit: inputs', x.data, x.cols);
  requireFiniteRows('fit: targets', target.data, target.cols);
  if (validation) {
    requireFiniteRows('fit: validation.x', validation.x.data, validation.x.cols);
    requireFiniteRows('fit: validation.target', validation.target.data, validation.target.cols);
  }
  if (optimizer === 'lbfgs') return await fitFullBatch(net, x, target, options);
  if (x.rows !== target.rows) throw new LexnetError(`fit: ${x.rows} inputs but ${target.rows} targets`);
  if (x.rows === 0) throw new LexnetError('fit: no training rows');
  const diverged = (epoch: number, loss: number, rate: number, start?: number): DivergenceError =>
    new DivergenceError({ epoch, loss, rate, rateName, l2, maxInput: maxAbs(x), ...(start !== undefined ? { start } : {}) });
  const rng = new Random(seed);
  const opt = makeOptimizer(optimizer, momentum);
  const lrAt = makeSchedule(schedule, learningRate);
  const params = net.params();
  const N = x.rows;
  const batches = Math.ceil(N / batchSize);
  const history: EpochRecord[] = [];
  let best = { loss: Infinity, epoch: 0, weights: null as Float64Array[] | null };
  let stoppedEarly = false;
  const ticker = new Ticker(signal, 25, 8);
  const throttle = new Throttle(100);
  let first = 1;
  if (options.resume) {
    const r = options.resume;
    requireFiniteWeights('resume', r.params.map((a, i) => [`params[${i}]`, a] as const));
    restore(params, r.params);
    rng.setState(r.rng);
    opt.setState!(params, r.optimizer);
    history.push(...r.history);
    best = { ...r.best, weights: r.best.weights && r.best.weights.map((w) => Float64Array.from(w)) };
    stoppedEarly = r.stoppedEarly;
    first = r.finished ? epochs + 1 : r.epoch + 1;
  }

  // where the loss starts: the objective at the first weights, at least a uniform guess's (ln C,
  // at least ln 2); an epoch's mean loss far above it means the weights are exploding
  const startLoss = Math.max(await lossInSlices(net, x, target, l2, ticker), uniformLoss(target.cols));
  for (let epoch = first; epoch <= epochs; epoch++) {
    const start = performance.now();
    const order = rng.permutation(N);
    let total = 0;
    let lr = learningRate;
    for (let b = 0; b < batches; b++) {
      const idx = order.subarray(b * batchSize, Math.min(N, (b + 1) * batchSize));
      lr = lrAt((epoch - 1 + b / batches) / epochs);
      const loss = net.lossAndGradient(x.selectRows(idx), target.selectRows(idx), l2);
      if (!Number.isFinite(loss)) throw diverged(epoch, loss, lr);
      total += loss * idx.length;
      opt.step(params, lr);
      if (ticker.due()) {
        await ticker.tick();
        if (onProgress && throttle.ready()) {
          const done = b + 1;
          onProgress({
            task: 'fit', stage: 'training', epoch, epochs, fraction: (epoch - 1 + done / batches) / epochs,
            loss: total / Math.min(N, done * batchSize), learningRate: lr, examplesPerSecond: Math.min(N, done * batchSize) / ((performance.now() - start) / 1000),
          });
        }
      }
    }
    const seconds = (performance.now() - start) / 1000;
    const validationLoss = validation ? evaluateLoss(net, validation.x, validation.target, l2) : null;
    if (lossExploded(total / N, startLoss)) throw diverged(epoch, total / N, lr, startLoss);
    const record: EpochRecord = { epoch, loss: total / N, validationLoss, learningRate: lr, examplesPerSecond: N / seconds };
    history.push(record);
    await onEpoch?.(record);
    throttle.ready(true);
    onProgress?.({
      task: 'fit', stage: 'training', epoch, epochs, fraction: epoch / epochs, loss: record.loss, validationLoss,
      learningRate: lr, examplesPerSecond: record.examplesPerSecond,
    });
    if (validationLoss !== null) {
      if (!Number.isFinite(validationLoss)) throw diverged(epoch, validationLoss, lr);
      if (validationLoss < best.loss) {
        best = { loss: validationLoss, epoch, weights: snapshot(params) };
      } else if (epoch - best.epoch >= patience) {
        stoppedEarly = true;
      }
    }
    onState?.({
      epoch, finished: stoppedEarly || epoch === epochs, stoppedEarly, rng: rng.getState(), optimizer: opt.getState!(params),
      params: snapshot(params), best: { ...best, weights: best.weights && best.weights.map((w) => w.slice()) }, history: [...history],
    });
    if (stoppedEarly) break;
    await ticker.tick();
  }
  if (best.weights) restore(params, best.weights);
  const last = history.at(-1);
  onProgress?.({ task: 'fit', stage: 'done', epoch: last?.epoch ?? epochs, epochs, fraction: 1, loss: last?.loss ?? null, validationLoss: last?.validationLoss ?? null });
  return { history, bestEpoch: best.weights ? best.epoch : history.length, stoppedEarly };
}

/** fit with optimizer lbfgs: every row in each evaluation, no validation or checkpoints. */
async function fitFullBatch(net: Network, x: Matrix, target: Matrix, o: FitOptions): Promise<FitResult> {
  if (x.rows !== target.rows) throw new RangeError(`fit: ${x.rows} inputs but ${target.rows} targets`);
  if (x.rows === 0) throw new LexnetError('fit: no training rows');
  const maxIterations = o.epochs ?? LBFGS_DEFAULTS.maxIterations;
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) throw new LexnetError(`fit: epochs (the most L-BFGS iterations) must be a whole number ≥ 1, got ${maxIterations}`);
  if (o.validation) throw new LexnetError('fit: validation (early stopping) applies to the minibatch optimizers; lbfgs minimises the regularised training objective to its optimum (use l2 against overfitting)', { option: 'validation', mentions: ['l2'] });
  if (o.resume || o.onState) throw new LexnetError('fit: resume and onState (checkpoints) apply to the minibatch optimizers, not lbfgs', { option: o.resume ? 'resume' : 'onState', mentions: ['optimizer'] });
  const { history, summary } = await fitLbfgs(net, x, target, {
    maxIterations, gradientTolerance: o.gradientTolerance, memory: o.lbfgsMemory, l2: o.l2, onProgress: o.onProgress, signal: o.signal, onEpoch: o.onEpoch,
  });
  return { history, bestEpoch: history.length, stoppedEarly: false, lbfgs: summary };
}

/** A Matrix as is, or nested arrays (one row per example) as a Matrix. */
function asRows(m: Matrix | readonly (readonly number[])[], name: string): Matrix {
  if (m instanceof Matrix) return m;
  if (!Array.isArray(m)) throw new LexnetError(`fit: ${name} must be a Matrix or an array of rows (number[][]), got ${shown(m)}`, { option: name });
  if (m.length === 0) return new Matrix(0, 0, new Float64Array(0));
  const rows = m.map((r) => (typeof r === 'number' ? [r] : r)); // a plain number[] of targets is one column
  const cols = rows[0]!.length;
  rows.forEach((r, i) => {
    if (!Array.isArray(r) || r.length !== cols) throw new LexnetError(`fit: ${name} row ${i} has ${Array.isArray(r) ? r.length : 'no'} values, row 0 has ${cols}`, { option: name });
    const bad = (r as unknown[]).findIndex((v) => typeof v !== 'number');
    if (bad >= 0) throw new LexnetError(`fit: ${name} row ${i}, value ${bad + 1} must be a number, got ${shown((r as unknown[])[bad])}`, { option: name });
  });
  return Matrix.fromArray(rows as number[][]);
}

/**
 * The targets as a Matrix. A plain array of class indices (`number[]`) for a network with k > 1
 * outputs becomes one-hot rows; for one output, a column of values.
 */
function asTargets(net: Network, x: Matrix, targets: Matrix | readonly (readonly number[])[] | readonly number[]): Matrix {
  const t = asRows(targets as Matrix | readonly (readonly number[])[], 'targets');
  if (targets instanceof Matrix || t.cols !== 1 || t.rows === 0 || x.rows === 0 || !Array.isArray(targets) || Array.isArray(targets[0])) return t;
  const k = net.predict(x.selectRows(Int32Array.of(0))).cols;
  if (k === 1) return t;
  t.data.forEach((v, i) => {
    if (!(Number.isInteger(v) && v >= 0 && v < k)) throw new LexnetError(`fit: targets[${i}] is ${v}; as class labels of a network with ${k} outputs, targets must be whole numbers in [0, ${k - 1}] (or give one-hot rows)`);
  });
  return oneHot(Array.from(t.data), k);
}

/** Loss (with the L2 term) on a data set, forward only. */
export function evaluateLoss(net: Network, x: Matrix, target: Matrix, l2 = 0): number {
  return net.objective(x, target, l2);
}

/** Rows evaluated between two clock reads by lossInSlices. */
const LOSS_SLICE = 4096;

/**
 * evaluateLoss a slice of rows at a time, with turns of the event loop between (a pass over a
 * large training set takes a second): the same value, up to rounding, for more than LOSS_SLICE rows.
 */
async function lossInSlices(net: Network, x: Matrix, target: Matrix, l2: number, ticker: Ticker): Promise<number> {
  if (x.rows <= LOSS_SLICE) return evaluateLoss(net, x, target, l2);
  let sum = 0;
  for (let i = 0; i < x.rows; i += LOSS_SLICE) {
    const rows = Int32Array.from({ length: Math.min(x.rows, i + LOSS_SLICE) - i }, (_, k) => i + k);
    sum += evaluateLoss(net, x.selectRows(rows), target.selectRows(rows)) * rows.length;
    await ticker.turnIfDue();
  }
  return sum / x.rows + l2Penalty(net.params(), l2);
}

/** Largest absolute input value: unscaled inputs are a likely cause of divergence. */
function maxAbs(x: Matrix): number {
  let m = 0;
  for (const v of x.data) m = Math.max(m, Math.abs(v));
  return m;
}

function snapshot(params: readonly Param[]): Float64Array[] {
  return params.map((p) => p.value.data.slice());
}

function restore(params: readonly Param[], weights: readonly Float64Array[]): void {
  params.forEach((p, i) => p.value.data.set(weights[i]!));
}
