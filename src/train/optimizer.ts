import { LexnetError } from '../io/errors.js';
import type { Param } from '../layers/param.js';

/** Updates parameters from their gradients at learning rate `lr`. */
export interface Optimizer {
  readonly name: string;
  /** One update of every parameter from its gradient at learning rate lr. */
  step(params: readonly Param[], lr: number): void;
  /** The state kept between steps (step count, moments per parameter in `params` order), for checkpoints. */
  getState?(params: readonly Param[]): OptimizerState;
  /** Restores a state from getState (same parameters, same order). */
  setState?(params: readonly Param[], state: OptimizerState): void;
}

/** An optimizer's state: its step count and its per-parameter arrays (Adam: m and v of each; momentum: the velocity). */
export interface OptimizerState {
  t: number;
  arrays: Float64Array[];
}

/** The array kept for p in a map, created as zeros (the state before any step) when missing. */
function slot(map: Map<Param, Float64Array>, p: Param): Float64Array {
  let a = map.get(p);
  if (!a) map.set(p, (a = new Float64Array(p.value.data.length)));
  return a;
}

function restoreSlots(maps: Map<Param, Float64Array>[], params: readonly Param[], arrays: readonly Float64Array[]): void {
  if (arrays.length !== maps.length * params.length) throw new RangeError(`optimizer state: ${arrays.length} arrays for ${params.length} parameters`);
  params.forEach((p, i) => maps.forEach((m, j) => {
    const a = arrays[i * maps.length + j]!;
    if (a.length !== p.value.data.length) throw new RangeError(`optimizer state: array of ${a.length} for a parameter of ${p.value.data.length}`);
    m.set(p, Float64Array.from(a));
  }));
}

/**
 * The optimizers `fit` accepts: the minibatch ones (sgd, momentum, adam) step after every batch;
 * lbfgs is full-batch L-BFGS (src/train/lbfgs.ts), which `fit` runs itself (no Optimizer object).
 */
export type OptimizerName = 'sgd' | 'momentum' | 'adam' | 'lbfgs';
export const OPTIMIZERS: readonly OptimizerName[] = ['lbfgs', 'adam', 'sgd', 'momentum'];

/** θ ← θ − lr·g, or with momentum: v ← μv − lr·g, θ ← θ + v. */
export class Sgd implements Optimizer {
  readonly name: string;
  private readonly velocity = new Map<Param, Float64Array>();

  constructor(private readonly momentum = 0) {
    this.name = momentum > 0 ? 'momentum' : 'sgd';
  }

  step(params: readonly Param[], lr: number): void {
    for (const p of params) {
      const w = p.value.data, g = p.grad.data;
      if (this.momentum === 0) {
        for (let i = 0; i < w.length; i++) w[i]! -= lr * g[i]!;
        continue;
      }
      let v = this.velocity.get(p);
      if (!v) this.velocity.set(p, (v = new Float64Array(w.length)));
      for (let i = 0; i < w.length; i++) {
        v[i] = this.momentum * v[i]! - lr * g[i]!;
        w[i]! += v[i]!;
      }
    }
  }

  getState(params: readonly Param[]): OptimizerState {
    return { t: 0, arrays: this.momentum === 0 ? [] : params.map((p) => slot(this.velocity, p).slice()) };
  }

  setState(params: readonly Param[], state: OptimizerState): void {
    restoreSlots(this.momentum === 0 ? [] : [this.velocity], params, state.arrays);
  }
}

/** Adam (Kingma & Ba 2015) with bias-corrected first and second moments. */
export class Adam implements Optimizer {
  readonly name = 'adam';
  private t = 0;
  private readonly m = new Map<Param, Float64Array>();
  private readonly v = new Map<Param, Float64Array>();

  constructor(
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {}

  step(params: readonly Param[], lr: number): void {
    this.t++;
    const c1 = 1 - this.beta1 ** this.t, c2 = 1 - this.beta2 ** this.t;
    for (const p of params) {
      const w = p.value.data, g = p.grad.data;
      let m = this.m.get(p), v = this.v.get(p);
      if (!m || !v) {
        this.m.set(p, (m = new Float64Array(w.length)));
        this.v.set(p, (v = new Float64Array(w.length)));
      }
      for (let i = 0; i < w.length; i++) {
        m[i] = this.beta1 * m[i]! + (1 - this.beta1) * g[i]!;
        v[i] = this.beta2 * v[i]! + (1 - this.beta2) * g[i]! * g[i]!;
        w[i]! -= (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + this.eps);
      }
    }
  }

  getState(params: readonly Param[]): OptimizerState {
    return { t: this.t, arrays: params.flatMap((p) => [slot(this.m, p).slice(), slot(this.v, p).slice()]) };
  }

  setState(params: readonly Param[], state: OptimizerState): void {
    restoreSlots([this.m, this.v], params, state.arrays);
    this.t = state.t;
  }
}

/** The minibatch optimizer of that name (momentum: μ for `momentum`); lbfgs has none. */
export function makeOptimizer(name: OptimizerName, momentum = 0.9): Optimizer {
  switch (name) {
    case 'sgd': return new Sgd(0);
    case 'momentum': return new Sgd(momentum);
    case 'adam': return new Adam();
    case 'lbfgs': throw new LexnetError('makeOptimizer: lbfgs is a full-batch method with no per-batch step; train with fit(…, { optimizer: \'lbfgs\' })');
  }
}
