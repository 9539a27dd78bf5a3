/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., Alg. 7.4 and 7.5)
 * for smooth full-batch objectives, with a line search that satisfies the strong Wolfe
 * conditions (Alg. 3.5 and 3.6, cubic interpolation in the zoom phase):
 *
 *   f(x + αp) ≤ f(x) + c₁α∇f(x)ᵀp   and   |∇f(x + αp)ᵀp| ≤ c₂|∇f(x)ᵀp|,   c₁ = 1e-4, c₂ = 0.9.
 *
 * The search direction p = −H∇f comes from the two-loop recursion over the last m pairs
 * sₖ = xₖ₊₁ − xₖ, yₖ = ∇fₖ₊₁ − ∇fₖ, with H₀ = (sᵀy / yᵀy)·I from the newest pair. The run stops
 * when the largest gradient component is at most `gradientTolerance` (scipy's `gtol`
 * criterion, which scikit-learn's lbfgs solver uses), after `maxIterations` iterations, or when
 * no step lowers f any more (the optimum is reached to machine precision).
 *
 * Near the optimum, where changes of f are lost in round-off, the sufficient-decrease test falls back
 * on its derivative form (Hager & Zhang 2005's approximate Wolfe conditions), so small gradient
 * tolerances stay reachable.
 *
 * Every operation runs in a fixed order in float64, so a run is bit-identical on every call.
 */

/** f(x), writing ∇f(x) into `grad`. Must not keep or modify x. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Settings of {@link lbfgs}; every one has a default. */
export interface LbfgsOptions {
  /** Pairs (s, y) kept; default 10. */
  memory?: number | undefined;
  /** Stop when max |∂f/∂xᵢ| ≤ this; default 1e-6. */
  gradientTolerance?: number | undefined;
  /** Most iterations (line searches); default 1000. */
  maxIterations?: number | undefined;
  /** Most function evaluations in one line search; default 25. */
  maxLineSearchEvaluations?: number | undefined;
  /** Called after every iteration (never with a non-finite f). */
  onIteration?: ((it: LbfgsIteration) => void) | undefined;
}

/** The state after one L-BFGS iteration, given to `onIteration`. */
export interface LbfgsIteration {
  iteration: number;
  f: number;
  /** max |∂f/∂xᵢ| at the new point. */
  gradientNorm: number;
  /** Accepted step length α along p. */
  step: number;
  /** Function evaluations so far. */
  evaluations: number;
}

/** Why an L-BFGS run ended. */
export type LbfgsStop = 'converged' | 'max-iterations' | 'no-progress';

/** The outcome of {@link lbfgs}: the final point, its value and gradient norm, the work done. */
export interface LbfgsResult {
  /** The final point (a new array; x0 is not modified). */
  x: Float64Array;
  f: number;
  gradientNorm: number;
  iterations: number;
  evaluations: number;
  /** Why the run ended: the gradient tolerance was met, the iteration budget ran out, or no step lowered f. */
  stop: LbfgsStop;
}

/**
 * Thrown when f or its gradient is not finite at the starting point, or along a search direction
 * where no finite point with a lower f could be found. `iteration` is 0 at the start.
 */
export class NonFiniteObjective extends Error {
  constructor(
    readonly iteration: number,
    readonly value: number,
  ) {
    super(`L-BFGS: the objective is ${value} at iteration ${iteration}`);
    this.name = 'NonFiniteObjective';
  }
}

const C1 = 1e-4;
const C2 = 0.9;

/** Minimises f from x0. */
export function lbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const run = lbfgsIterations(f, x0, options);
  for (;;) {
    const r = run.next();
    if (r.done) return r.value;
  }
}

/** `lbfgs` one iteration at a time: the generator pauses after each (a caller may give the event loop a turn there). */
export function* lbfgsIterations(f: Objective, x0: Float64Array, options: LbfgsOptions = {}): Generator<void, LbfgsResult, void> {
  const { memory = 10, gradientTolerance = 1e-6, maxIterations = 1000, maxLineSearchEvaluations = 25, onIteration } = options;
  if (!(Number.isInteger(memory) && memory >= 1)) throw new RangeError(`lbfgs: memory must be a whole number ≥ 1, got ${memory}`);
  if (!(gradientTolerance >= 0)) throw new RangeError(`lbfgs: gradientTolerance must be ≥ 0, got ${gradientTolerance}`);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 0)) throw new RangeError(`lbfgs: maxIterations must be a whole number ≥ 0, got ${maxIterations}`);
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  let evaluations = 1;
  if (!Number.isFinite(fx) || !allFinite(g)) throw new NonFiniteObjective(0, Number.isFinite(fx) ? NaN : fx);
  let gnorm = maxAbs(g);
  const s: Float64Array[] = [], y: Float64Array[] = [], rho: number[] = [];
  const alpha = new Float64Array(memory);
  const p = new Float64Array(n);
  let xt = new Float64Array(n), gt = new Float64Array(n);
  let iteration = 0, stalled = 0, bestGradient = gnorm;
  let stop: LbfgsStop = 'max-iterations';
  if (gnorm <= gradientTolerance) stop = 'converged';

  while (stop === 'max-iterations' && iteration < maxIterations) {
    // p = −H∇f by the two-loop recursion (steepest descent without history)
    p.set(g);
    for (let i = s.length - 1; i >= 0; i--) {
      alpha[i] = rho[i]! * dot(s[i]!, p);
      axpy(-alpha[i]!, y[i]!, p);
    }
    if (s.length > 0) {
      const k = s.length - 1;
      scale(p, dot(s[k]!, y[k]!) / dot(y[k]!, y[k]!));
    }
    for (let i = 0; i < s.length; i++) {
      const beta = rho[i]! * dot(y[i]!, p);
      axpy(alpha[i]! - beta, s[i]!, p);
    }
    scale(p, -1);
    let d0 = dot(g, p);
    if (!(d0 < 0)) {
      // round-off made H indefinite along g: restart from steepest descent
      s.length = y.length = rho.length = 0;
      p.set(g);
      scale(p, -1);
      d0 = dot(g, p);
    }
    // the first step has length 1 in x; later ones start from the quasi-Newton step α = 1
    const first = s.length === 0 ? Math.min(1, 1 / Math.sqrt(-d0)) : 1;
    const ls = wolfeSearch(f, x, fx, d0, p, first, xt, gt, maxLineSearchEvaluations);
    evaluations += ls.evaluations;
    if (ls.step === 0) {
      if (s.length > 0) {
        // the history misled the search: forget it and try steepest descent once
        s.length = y.length = rho.length = 0;
        continue;
      }
      // even a step 2⁻²⁵ times the first one gave no finite value: the objective is broken there
      if (ls.nonFinite && !ls.finiteTrial) throw new NonFiniteObjective(iteration + 1, ls.nonFiniteValue);
      stop = 'no-progress';
      break;
    }
    iteration++;
    // new pair s = x⁺ − x, y = ∇f⁺ − ∇f
    const sk = new Float64Array(n), yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = xt[i]! - x[i]!;
      yk[i] = gt[i]! - g[i]!;
    }
    const sy = dot(sk, yk);
    const previous = fx;
    [x, xt] = [xt, x];
    [g, gt] = [gt, g];
    fx = ls.f;
    gnorm = maxAbs(g);
    // the strong Wolfe conditions give sᵀy > 0; skip a pair that round-off spoiled
    if (sy > 1e-12 * dot(yk, yk) && sy > 0) {
      if (s.length === memory) {
        s.shift(); y.shift(); rho.shift();
      }
      s.push(sk); y.push(yk); rho.push(1 / sy);
    }
    onIteration?.({ iteration, f: fx, gradientNorm: gnorm, step: ls.step, evaluations });
    if (gnorm <= gradientTolerance) stop = 'converged';
    else {
      // at round-off level neither f nor the gradient improves any more: stop
      if (fx < previous || gnorm < bestGradient) stalled = 0;
      else if (++stalled >= 10) stop = 'no-progress';
      bestGradient = Math.min(bestGradient, gnorm);
    }
    yield;
  }
  return { x, f: fx, gradientNorm: gnorm, iterations: iteration, evaluations, stop };
}

interface SearchResult {
  /** Accepted α (0: no acceptable step found). */
  step: number;
  f: number;
  evaluations: number;
  /** A trial point had a non-finite f or gradient. */
  nonFinite: boolean;
  nonFiniteValue: number;
  /** Some trial point had a finite f and gradient. */
  finiteTrial: boolean;
}

/**
 * Finds α meeting the strong Wolfe conditions along p from x (f(x) = f0, ∇f(x)ᵀp = d0 < 0).
 * On success xt and gt hold x + αp and its gradient. A trial with a non-finite value counts as
 * "too long" (the bracket shrinks towards 0). When the budget runs out, the best point that
 * satisfies the sufficient-decrease condition is returned, if any.
 */
function wolfeSearch(
  f: Objective, x: Float64Array, f0: number, d0: number, p: Float64Array, first: number,
  xt: Float64Array, gt: Float64Array, budget: number,
): SearchResult {
  let evaluations = 0, nonFinite = false, nonFiniteValue = NaN, finiteTrial = false;
  const phi = (a: number): { f: number; d: number } => {
    for (let i = 0; i < x.length; i++) xt[i] = x[i]! + a * p[i]!;
    const v = f(xt, gt);
    evaluations++;
    const d = dot(gt, p);
    if (!Number.isFinite(v) || !Number.isFinite(d)) {
      nonFinite = true;
      nonFiniteValue = Number.isFinite(v) ? NaN : v;
      return { f: NaN, d: NaN };
    }
    finiteTrial = true;
    return { f: v, d };
  };
  // sufficient decrease. Near the optimum f's changes sink below the round-off of summing many
  // terms; there a step that keeps f within 1e-10·|f(x)| is judged by the derivative form of the
  // condition (Hager & Zhang's approximate Wolfe condition, φ′(α) ≤ (1 − 2c₁)|φ′(0)|)
  const roundOff = 1e-10 * Math.abs(f0);
  const armijo = (a: number, v: number, d: number): boolean => v <= f0 + C1 * a * d0 || (v <= f0 + roundOff && d <= -(1 - 2 * C1) * d0);
  // best point satisfying sufficient decrease so far (a fallback when the budget runs out)
  let best = { a: 0, f: f0 };
  const done = (a: number, v: number): SearchResult => ({ step: a, f: v, evaluations, nonFinite, nonFiniteValue, finiteTrial });
  const fallback = (): SearchResult => {
    if (best.a === 0) return done(0, f0);
    const r = phi(best.a);
    return Number.isNaN(r.f) ? done(0, f0) : done(best.a, r.f);
  };

  // zoom (Alg. 3.6) between lo, whose f is the lowest so far and meets sufficient decrease, and hi
  const zoom = (lo: Trial, hi: Trial): SearchResult => {
    while (evaluations < budget) {
      const width = hi.a - lo.a;
      if (Math.abs(width) <= 1e-16 * Math.max(Math.abs(lo.a), Math.abs(hi.a))) break;
      let a = Number.isNaN(hi.f) ? NaN : cubicMinimizer(lo, hi);
      // keep the trial well inside the bracket; bisect otherwise
      const inner = 0.1 * Math.abs(width);
      if (!(Math.abs(a - lo.a) >= inner && Math.abs(hi.a - a) >= inner)) a = lo.a + 0.5 * width;
      const r = phi(a);
      if (Number.isNaN(r.f) || !armijo(a, r.f, r.d) || r.f > lo.f + roundOff || (r.f >= lo.f && roundOff === 0)) {
        hi = { a, f: r.f, d: r.d };
      } else {
        if (r.f < best.f) best = { a, f: r.f };
        if (Math.abs(r.d) <= -C2 * d0) return done(a, r.f);
        if (r.d * (hi.a - lo.a) >= 0) hi = lo;
        lo = { a, f: r.f, d: r.d };
      }
    }
    return fallback();
  };

  let prev: Trial = { a: 0, f: f0, d: d0 };
  let a = first;
  for (let i = 0; evaluations < budget; i++) {
    const r = phi(a);
    const cur: Trial = { a, f: r.f, d: r.d };
    if (Number.isNaN(r.f) || !armijo(a, r.f, r.d) || (i > 0 && r.f > prev.f + roundOff)) return zoom(prev, cur);
    if (r.f < best.f) best = { a, f: r.f };
    if (Math.abs(r.d) <= -C2 * d0) return done(a, r.f);
    if (r.d >= 0) return zoom(cur, prev);
    // still descending: extrapolate, at least doubling and at most ×10
    const next = cubicMinimizer(prev, cur);
    prev = cur;
    a = Number.isFinite(next) && next > 2 * a ? Math.min(next, 10 * a) : 2 * a;
  }
  return fallback();
}

interface Trial {
  a: number;
  f: number;
  d: number;
}

/** Minimiser of the cubic through (a, f, f′) at both ends (N&W eq. 3.59); NaN when it has none. */
function cubicMinimizer(u: Trial, v: Trial): number {
  const d1 = u.d + v.d - (3 * (u.f - v.f)) / (u.a - v.a);
  const disc = d1 * d1 - u.d * v.d;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(v.a - u.a) * Math.sqrt(disc);
  const a = v.a - ((v.a - u.a) * (v.d + d2 - d1)) / (v.d - u.d + 2 * d2);
  return Number.isFinite(a) ? a : NaN;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** y ← y + c·x */
function axpy(c: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i]! += c * x[i]!;
}

function scale(x: Float64Array, c: number): void {
  for (let i = 0; i < x.length; i++) x[i]! *= c;
}

function maxAbs(x: Float64Array): number {
  let m = 0;
  for (const v of x) m = Math.max(m, Math.abs(v));
  return m;
}

function allFinite(x: Float64Array): boolean {
  for (const v of x) if (!Number.isFinite(v)) return false;
  return true;
}
