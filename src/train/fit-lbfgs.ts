import type { Matrix } from '../core/matrix.js';
import { LexnetError } from '../io/errors.js';
import type { Network } from '../models/network.js';
import { DivergenceError } from './divergence.js';
import { lbfgsIterations, NonFiniteObjective, type LbfgsResult, type LbfgsStop, type Objective } from './lbfgs.js';
import { abortReason, Ticker } from './abort.js';
import type { ProgressCallback } from './progress-event.js';
import type { EpochRecord } from './trainer.js';

/** Default stopping rule of full-batch L-BFGS training (see fitLbfgs). */
export const LBFGS_DEFAULTS = { maxIterations: 1000, gradientTolerance: 1e-6, memory: 10 } as const;

export interface LbfgsFitOptions {
  /** Most iterations; default 1000. */
  maxIterations?: number;
  /** Stop when max |∂J/∂θᵢ| ≤ this; default 1e-6. */
  gradientTolerance?: number;
  /** (s, y) pairs kept; default 10. */
  memory?: number;
  /** λ of the (λ/2)‖W‖² penalty (biases excluded); must be ≥ 0. */
  l2?: number;
  /** Progress events, one per iteration (fraction: iterations over maxIterations). */
  onProgress?: ProgressCallback;
  /** Checked at every iteration: an aborted signal stops the run with its reason. */
  signal?: AbortSignal;
  onEpoch?: (e: EpochRecord) => void;
}

/** How an L-BFGS run ended, besides the history. */
export interface LbfgsSummary {
  /** converged: max |∂J/∂θᵢ| ≤ the tolerance; max-iterations: the budget ran out first; no-progress: no step lowered J (optimum at machine precision). */
  stop: LbfgsStop;
  /** max |∂J/∂θᵢ| at the returned weights. */
  gradientNorm: number;
  iterations: number;
  evaluations: number;
}

/**
 * Full-batch training of a network by L-BFGS on J(θ) = mean loss over all rows + (λ/2)Σ‖W‖²
 * (biases not penalised), starting from the network's current weights. For the convex models
 * (logistic, softmax and linear regression with λ > 0, J strictly convex) this reaches the one
 * optimum, whatever the initial weights.
 *
 * The default stop, max |∂J/∂θᵢ| ≤ 1e-6 or 1000 iterations, is tighter than scikit-learn's
 * (gtol 1e-4, 100 iterations): with J a mean, a gradient of 1e-6 leaves J within about
 * ‖∇J‖²/(2λ) of its optimum (λ = 1/n by default, so ≈ 1e-9 for a few hundred parameters and
 * n in the thousands), far below what changes a prediction, while each iteration costs one pass
 * over the data or a few.
 * Each iteration is recorded as one "epoch" of the history (its learning rate is the step length).
 */
export async function fitLbfgs(net: Network, x: Matrix, target: Matrix, o: LbfgsFitOptions = {}): Promise<{ history: EpochRecord[]; summary: LbfgsSummary }> {
  const { maxIterations = LBFGS_DEFAULTS.maxIterations, gradientTolerance = LBFGS_DEFAULTS.gradientTolerance, memory = LBFGS_DEFAULTS.memory, l2 = 0, onProgress, signal, onEpoch } = o;
  if (!(l2 >= 0 && Number.isFinite(l2))) {
    throw new LexnetError(`fit: l2 must be a finite number ≥ 0 with the lbfgs optimizer, got ${l2} (a negative λ makes the objective unbounded below: there is no optimum to converge to)`);
  }
  if (!(gradientTolerance >= 0)) throw new LexnetError(`fit: gradientTolerance must be ≥ 0, got ${gradientTolerance}`);
  if (!(Number.isInteger(memory) && memory >= 1)) throw new LexnetError(`fit: lbfgsMemory must be a whole number ≥ 1, got ${memory}`);
  const { theta, objective, load } = networkObjective(net, x, target, l2);
  const history: EpochRecord[] = [];
  let last = performance.now();
  try {
    const run = lbfgsIterations(objective, theta, {
      maxIterations, gradientTolerance, memory,
      onIteration: (it) => {
        const now = performance.now();
        const record: EpochRecord = { epoch: it.iteration, loss: it.f, validationLoss: null, learningRate: it.step, examplesPerSecond: x.rows / Math.max((now - last) / 1000, 1e-9) };
        last = now;
        history.push(record);
        onEpoch?.(record);
        onProgress?.({ task: 'fit', stage: 'training', epoch: it.iteration, epochs: maxIterations, fraction: it.iteration / maxIterations, loss: it.f, learningRate: it.step, examplesPerSecond: record.examplesPerSecond });
        if (signal?.aborted) throw abortReason(signal);
      },
    });
    const ticker = new Ticker(signal, 25, 1);
    let r: LbfgsResult;
    for (;;) { // an iteration is one or a few passes over the data: a turn of the event loop when one is due
      const step = run.next();
      if (step.done) { r = step.value; break; }
      if (ticker.due()) await ticker.tick();
    }
    load(r.x);
    onProgress?.({ task: 'fit', stage: 'done', epoch: r.iterations, epochs: maxIterations, fraction: 1, loss: history.at(-1)?.loss ?? null });
    // leave the gradients of the returned weights in place, as a last minibatch step would
    net.lossAndGradient(x, target, l2);
    return { history, summary: { stop: r.stop, gradientNorm: r.gradientNorm, iterations: r.iterations, evaluations: r.evaluations } };
  } catch (e) {
    if (e instanceof NonFiniteObjective) {
      throw new DivergenceError({ epoch: e.iteration, loss: e.value, rate: NaN, l2, maxInput: maxAbs(x), optimizer: 'lbfgs' });
    }
    throw e;
  }
}

/**
 * The network's objective J(θ) = mean loss + (λ/2)Σ‖W‖² as a function of all its parameters
 * flattened into one vector (in `net.params()` order): `theta` holds the current weights,
 * `objective(θ, grad)` loads θ into the network and writes ∂J/∂θ, `load(θ)` sets the weights.
 */
export function networkObjective(net: Network, x: Matrix, target: Matrix, l2: number): { theta: Float64Array; objective: Objective; load: (t: Float64Array) => void } {
  const params = net.params();
  const theta = new Float64Array(params.reduce((n, p) => n + p.value.data.length, 0));
  const load = (t: Float64Array): void => {
    let off = 0;
    for (const p of params) {
      p.value.data.set(t.subarray(off, off + p.value.data.length));
      off += p.value.data.length;
    }
  };
  let off = 0;
  for (const p of params) {
    theta.set(p.value.data, off);
    off += p.value.data.length;
  }
  const objective = (t: Float64Array, grad: Float64Array): number => {
    load(t);
    const j = net.lossAndGradient(x, target, l2);
    let k = 0;
    for (const p of params) {
      grad.set(p.grad.data, k);
      k += p.grad.data.length;
    }
    return j;
  };
  return { theta, objective, load };
}

function maxAbs(x: Matrix): number {
  let m = 0;
  for (const v of x.data) m = Math.max(m, Math.abs(v));
  return m;
}
