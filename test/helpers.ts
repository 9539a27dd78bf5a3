import assert from 'node:assert/strict';
import { Matrix } from '../src/core/matrix.js';
import { Random } from '../src/core/random.js';
import { gradcheckParams, type GradcheckReport } from '../src/core/gradcheck.js';
import type { Network } from '../src/models/network.js';

export const TOLERANCE = 1e-7;

export function randomMatrix(rows: number, cols: number, rng: Random, scale = 1): Matrix {
  const m = new Matrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = scale * rng.normal();
  return m;
}

/** Gradient-checks every parameter of a network on one batch, with L2. */
export function checkNetwork(net: Network, x: Matrix, target: Matrix, l2 = 0): GradcheckReport {
  const params = net.params();
  return gradcheckParams(
    () => net.lossAndGradient(x, target, l2),
    params.map((p) => ({ name: p.name, value: p.value.data })),
    () => params.map((p) => p.grad.data),
  );
}

export function assertGradOk(report: GradcheckReport, tol = TOLERANCE): void {
  assert.ok(report.checked > 0, 'nothing was checked');
  assert.ok(
    report.maxRelativeError < tol,
    `gradient check failed: relative error ${report.maxRelativeError.toExponential(2)} at ${report.where}[${report.index}] (analytic ${report.analytic}, numeric ${report.numeric})`,
  );
}

export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-8): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, `index ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}
