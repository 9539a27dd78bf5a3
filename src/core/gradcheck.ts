/**
 * Numerical gradient check by centred differences in float64, by default the fourth-order
 * stencil
 *   numeric_i = (J(θ − 2h e_i) − 8 J(θ − h e_i) + 8 J(θ + h e_i) − J(θ + 2h e_i)) / 12h
 * (truncation error O(h⁴), so h can be large enough that round-off stays near 1e-12), or the
 * classic (J(θ + h e_i) − J(θ − h e_i)) / 2h with `order: 2`; compared with the analytic
 * gradient by the relative error
 *   |analytic − numeric| / max(|analytic|, |numeric|, floor)
 * where the floor (default 1e-4) keeps gradients that are zero up to round-off from
 * reporting noise as error.
 */
export interface GradcheckOptions {
  /** Step h; default 1e-4 (order 4) or 1e-5 (order 2). */
  step?: number | undefined;
  /** Stencil order, 4 (default) or 2. */
  order?: 2 | 4 | undefined;
  /** Denominator floor of the relative error; default 1e-4. */
  floor?: number | undefined;
}

/** The worst relative error of a gradient check, and where it is. */
export interface GradcheckReport {
  /** Worst relative error over every checked coordinate. */
  maxRelativeError: number;
  /** Name of the parameter holding the worst coordinate ('x' for a single vector). */
  where: string;
  /** Flat index of the worst coordinate within that parameter. */
  index: number;
  analytic: number;
  numeric: number;
  /** How many coordinates were perturbed. */
  checked: number;
}

/** A named parameter vector for gradcheckParams. */
export interface NamedVector {
  readonly name: string;
  readonly value: Float64Array;
}

/**
 * Checks f: x ↦ {loss, grad} at x (x is restored afterwards). This is the form of the
 * classic `gradcheck_naive(f, x)`.
 */
export function gradcheck(
  f: (x: Float64Array) => { loss: number; grad: ArrayLike<number> },
  x: Float64Array,
  options: GradcheckOptions = {},
): GradcheckReport {
  const analytic = Float64Array.from(f(x).grad);
  if (analytic.length !== x.length) throw new RangeError(`gradcheck: gradient has ${analytic.length} entries, x has ${x.length}`);
  return compare([{ name: 'x', value: x }], [analytic], () => f(x).loss, options);
}

/**
 * Checks a function of several named parameter arrays. `f` evaluates the loss and writes
 * the analytic gradients; `grads()` returns them in the order of `params`.
 */
export function gradcheckParams(
  f: () => number,
  params: readonly NamedVector[],
  grads: () => readonly ArrayLike<number>[],
  options: GradcheckOptions = {},
): GradcheckReport {
  f();
  const analytic = grads().map((g) => Float64Array.from(g));
  params.forEach((p, k) => {
    if (analytic[k]!.length !== p.value.length) throw new RangeError(`gradcheck: gradient of ${p.name} has the wrong length`);
  });
  return compare(params, analytic, f, options);
}

function compare(
  params: readonly NamedVector[],
  analytic: readonly Float64Array[],
  loss: () => number,
  { order = 4, step = order === 4 ? 1e-4 : 1e-5, floor = 1e-4 }: GradcheckOptions,
): GradcheckReport {
  const report: GradcheckReport = { maxRelativeError: 0, where: '', index: -1, analytic: 0, numeric: 0, checked: 0 };
  params.forEach((p, k) => {
    const v = p.value;
    for (let i = 0; i < v.length; i++) {
      const old = v[i]!;
      const at = (d: number): number => {
        v[i] = old + d;
        const j = loss();
        v[i] = old;
        return j;
      };
      const numeric = order === 4
        ? (at(-2 * step) - 8 * at(-step) + 8 * at(step) - at(2 * step)) / (12 * step)
        : (at(step) - at(-step)) / (2 * step);
      const a = analytic[k]![i]!;
      const rel = Math.abs(a - numeric) / Math.max(Math.abs(a), Math.abs(numeric), floor);
      report.checked++;
      if (!(rel <= report.maxRelativeError)) {
        Object.assign(report, { maxRelativeError: rel, where: p.name, index: i, analytic: a, numeric });
      }
    }
  });
  return report;
}
