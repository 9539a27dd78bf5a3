import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Matrix } from '../src/core/matrix.js';
import { Random } from '../src/core/random.js';
import { gradcheck } from '../src/core/gradcheck.js';
import { oneHot, splitFeatures, subset, trainTestSplit } from '../src/io/dataset.js';
import { readTable } from '../src/io/table.js';
import { LexnetError } from '../src/io/errors.js';
import { buildNetwork, type ModelKind, type ModelSpec } from '../src/models/model-spec.js';
import type { Network } from '../src/models/network.js';
import { DivergenceError } from '../src/train/divergence.js';
import { networkObjective } from '../src/train/fit-lbfgs.js';
import { fitTabular } from '../src/train/fit-tabular.js';
import { lbfgs, NonFiniteObjective } from '../src/train/lbfgs.js';
import { fit } from '../src/train/trainer.js';
import { lexnet, tempDir, writeTemp } from './cli.js';

const dir = tempDir();

/** Solves A x = b (n×n, row-major) by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, b: Float64Array): Float64Array {
  const n = b.length, m = Float64Array.from(a), x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[piv * n + c]!)) piv = r;
    for (let k = 0; k < n; k++) [m[c * n + k], m[piv * n + k]] = [m[piv * n + k]!, m[c * n + k]!];
    [x[c], x[piv]] = [x[piv]!, x[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c]! / m[c * n + c]!;
      for (let k = c; k < n; k++) m[r * n + k]! -= f * m[c * n + k]!;
      x[r]! -= f * x[c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r]!;
    for (let k = r + 1; k < n; k++) s -= m[r * n + k]! * x[k]!;
    x[r] = s / m[r * n + r]!;
  }
  return x;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

const weights = (net: Network): Float64Array => Float64Array.from(net.params().flatMap((p) => [...p.value.data]));

/** n rows of d standard normal features. */
function features(n: number, d: number, rng: Random): Matrix {
  return new Matrix(n, d, Float64Array.from({ length: n * d }, () => rng.normal()));
}

/** Noisy labels from a random linear rule, so that the classes overlap (a finite optimum even without λ). */
function classes(x: Matrix, k: number, rng: Random): Int32Array {
  const w = Float64Array.from({ length: x.cols * k }, () => rng.normal());
  return Int32Array.from({ length: x.rows }, (_, i) => {
    let best = 0, bestScore = -Infinity;
    for (let c = 0; c < k; c++) {
      let s = 2 * rng.normal();
      for (let j = 0; j < x.cols; j++) s += x.data[i * x.cols + j]! * w[j * k + c]!;
      if (s > bestScore) [best, bestScore] = [c, s];
    }
    return best;
  });
}

test('L-BFGS reaches the minimiser A⁻¹b of a convex quadratic ½xᵀAx − bᵀx (condition number ≈ 10³)', () => {
  const n = 30, rng = new Random(7);
  const m = Float64Array.from({ length: n * n }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? 0.05 : 0;
    for (let k = 0; k < n; k++) s += m[k * n + i]! * m[k * n + j]!;
    a[i * n + j] = s;
  }
  const b = Float64Array.from({ length: n }, () => rng.normal());
  const f = (x: Float64Array, g: Float64Array): number => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      let ax = 0;
      for (let j = 0; j < n; j++) ax += a[i * n + j]! * x[j]!;
      g[i] = ax - b[i]!;
      v += x[i]! * (0.5 * ax - b[i]!);
    }
    return v;
  };
  const r = lbfgs(f, new Float64Array(n), { gradientTolerance: 1e-10, maxIterations: 2000 });
  assert.equal(r.stop, 'converged');
  assert.ok(r.gradientNorm <= 1e-10, `gradient ${r.gradientNorm}`);
  const exact = solve(a, b);
  assert.ok(maxDiff(r.x, exact) < 1e-6 * Math.max(1, maxDiff(exact, new Float64Array(n))), `off by ${maxDiff(r.x, exact)}`);
});

test('L-BFGS finds the minimum (1, 1) of the Rosenbrock function from (−1.2, 1)', () => {
  const f = (x: Float64Array, g: Float64Array): number => {
    const [u, v] = [x[0]!, x[1]!];
    g[0] = -2 * (1 - u) - 400 * u * (v - u * u);
    g[1] = 200 * (v - u * u);
    return (1 - u) ** 2 + 100 * (v - u * u) ** 2;
  };
  const r = lbfgs(f, Float64Array.of(-1.2, 1), { gradientTolerance: 1e-9 });
  assert.equal(r.stop, 'converged');
  assert.ok(maxDiff(r.x, [1, 1]) < 1e-7, `ended at ${r.x}`);
});

test('a trial step into a region where f is NaN is shortened, and the run still converges', () => {
  // f = Σ 100xᵢ − log xᵢ is NaN for x < 0; the first step from 0.5 lands at −0.5
  const f = (x: Float64Array, g: Float64Array): number => {
    let v = 0;
    x.forEach((xi, i) => {
      g[i] = 100 - 1 / xi;
      v += 100 * xi - Math.log(xi);
    });
    return v;
  };
  const r = lbfgs(f, Float64Array.of(0.5, 0.3), { gradientTolerance: 1e-10 });
  assert.equal(r.stop, 'converged');
  assert.ok(maxDiff(r.x, [0.01, 0.01]) < 1e-9, `ended at ${r.x}`);
});

test('an objective that is non-finite at the start, or everywhere off the start, stops with NonFiniteObjective', () => {
  assert.throws(() => lbfgs((_x, g) => { g.fill(0); return NaN; }, new Float64Array(2)), (e: unknown) => e instanceof NonFiniteObjective && e.iteration === 0);
  const onlyAtStart = (x: Float64Array, g: Float64Array): number => {
    g.fill(1);
    return x.every((v) => v === 0) ? 0 : NaN;
  };
  assert.throws(() => lbfgs(onlyAtStart, new Float64Array(2)), (e: unknown) => e instanceof NonFiniteObjective && e.iteration === 1);
});

/** The network's J(θ) and ∂J/∂θ through networkObjective, checked by centred differences. */
function checkNetworkGradient(kind: ModelKind, l2: number): number {
  const rng = new Random(11);
  const x = features(25, 4, rng);
  const k = kind === 'linear' ? 1 : 3;
  const target = kind === 'linear' ? new Matrix(25, 1, Float64Array.from({ length: 25 }, () => rng.normal()))
    : kind === 'logistic' ? new Matrix(25, 1, Float64Array.from(classes(x, 2, rng)))
    : oneHot(classes(x, k, rng), k);
  const net = buildNetwork({ kind, inputs: 4, outputs: kind === 'logistic' ? 2 : k, hidden: [], activation: 'relu', loss: 'cross-entropy' }, rng);
  const { theta, objective } = networkObjective(net, x, target, l2);
  const report = gradcheck((t) => {
    const grad = new Float64Array(t.length);
    return { loss: objective(t, grad), grad };
  }, theta, { order: 2, step: 1e-5 });
  return report.maxRelativeError;
}

for (const kind of ['linear', 'logistic', 'softmax'] as const) {
  test(`the flattened objective L-BFGS minimises (${kind}, with L2 on the weights only) passes a centred-difference gradient check`, () => {
    const err = checkNetworkGradient(kind, 0.3);
    assert.ok(err < 1e-8, `relative error ${err}`);
  });
}

/** fit with lbfgs against a long run of full-batch gradient descent from the same start. */
async function compareWithGradientDescent(kind: 'logistic' | 'softmax'): Promise<void> {
  const rng = new Random(5);
  const n = 60, k = kind === 'logistic' ? 2 : 3;
  const x = features(n, 3, rng);
  const y = classes(x, k, rng);
  const target = kind === 'logistic' ? new Matrix(n, 1, Float64Array.from(y)) : oneHot(y, k);
  const spec: ModelSpec = { kind, inputs: 3, outputs: k, hidden: [], activation: 'relu', loss: 'cross-entropy' };
  const l2 = 0.05;
  const ours = buildNetwork(spec, new Random(1));
  const r = await fit(ours, x, target, { optimizer: 'lbfgs', l2 });
  assert.equal(r.lbfgs?.stop, 'converged');
  assert.ok(r.lbfgs!.gradientNorm <= 1e-6, `gradient ${r.lbfgs!.gradientNorm}`);
  const gd = buildNetwork(spec, new Random(2));
  await fit(gd, x, target, { optimizer: 'sgd', batchSize: n, learningRate: 1, epochs: 3000, l2 });
  gd.lossAndGradient(x, target, l2);
  const gdGrad = Math.max(...gd.params().flatMap((p) => [...p.grad.data].map(Math.abs)));
  assert.ok(gdGrad < 1e-10, `gradient descent has not converged: gradient ${gdGrad}`);
  const off = maxDiff(weights(ours), weights(gd));
  // ‖θ − θ*‖ ≤ ‖∇J‖/λ for a λ-strongly convex J
  assert.ok(off < 1e-4, `L-BFGS weights differ from gradient descent's by ${off}`);
  assert.ok(r.history.length < 100, `${r.history.length} iterations`);
}

test('logistic regression: lbfgs reaches the optimum that 3000 full-batch gradient steps reach', () => compareWithGradientDescent('logistic'));
test('softmax regression: lbfgs reaches the optimum that 3000 full-batch gradient steps reach', () => compareWithGradientDescent('softmax'));

test('linear regression: lbfgs reaches the closed-form ridge solution (bias not penalised)', async () => {
  const rng = new Random(9);
  const n = 50, d = 4, l2 = 0.2;
  const x = features(n, d, rng);
  const y = Float64Array.from({ length: n }, (_, i) => 3 + x.data[i * d]! - 2 * x.data[i * d + 2]! + 0.5 * rng.normal());
  const net = buildNetwork({ kind: 'linear', inputs: d, outputs: 1, hidden: [], activation: 'relu', loss: 'squared-error' }, new Random(1));
  const r = await fit(net, x, new Matrix(n, 1, y), { optimizer: 'lbfgs', l2, gradientTolerance: 1e-12 });
  assert.equal(r.lbfgs?.stop, 'converged');
  // centred normal equations: (XcᵀXc/n + λI)w = Xcᵀyc/n, b = ȳ − x̄ᵀw
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x.data[i * d + j]! / n;
  const ybar = y.reduce((s, v) => s + v, 0) / n;
  const a = new Float64Array(d * d), rhs = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) {
    const xj = x.data[i * d + j]! - mean[j]!;
    rhs[j]! += (xj * (y[i]! - ybar)) / n;
    for (let k = 0; k < d; k++) a[j * d + k]! += (xj * (x.data[i * d + k]! - mean[k]!)) / n;
  }
  for (let j = 0; j < d; j++) a[j * d + j]! += l2;
  const w = solve(a, rhs);
  const b = ybar - w.reduce((s, v, j) => s + v * mean[j]!, 0);
  const [W, B] = net.params();
  assert.ok(maxDiff(W!.value.data, w) < 1e-9, `weights off by ${maxDiff(W!.value.data, w)}`);
  assert.ok(Math.abs(B!.value.data[0]! - b) < 1e-9, `bias ${B!.value.data[0]} vs ${b}`);
});

/** A CSV of n rows: 3 features and a 0/1 label (classes overlap). */
function binaryCsv(n: number, seed: number): string {
  const r = new Random(seed);
  const rows = ['a,b,c,y'];
  for (let i = 0; i < n; i++) {
    const v = [r.normal(), r.normal(), r.normal()];
    rows.push([...v.map((x) => x.toFixed(5)), v[0]! - v[1]! + r.normal() > 0 ? 1 : 0].join(','));
  }
  return rows.join('\n') + '\n';
}

const binary = writeTemp(dir, 'binary.csv', binaryCsv(200, 4));

test('fitTabular with lbfgs is deterministic: the same seed gives bit-identical weights and losses', async () => {
  const run = () => fitTabular({ train: binary, labelColumn: 'y', model: 'softmax', seed: 3 });
  const [a, b] = [await run(), await run()];
  assert.deepEqual(a.model.net.params().map((p) => Buffer.from(p.value.data.buffer)), b.model.net.params().map((p) => Buffer.from(p.value.data.buffer)));
  assert.deepEqual(a.fit.history.map((h) => h.loss), b.fit.history.map((h) => h.loss));
  assert.equal(a.fit.lbfgs?.stop, 'converged');
});

test('fitTabular defaults: lbfgs, no validation split and λ = 1/n for the convex kinds; adam for mlp', async () => {
  const r = await fitTabular({ train: binary, labelColumn: 'y', model: 'logistic' });
  assert.ok(r.fit.lbfgs, 'logistic did not run lbfgs');
  // the whole training split (160 of 200 rows, seed 1) is fitted, and J uses λ = 1/160
  const all = splitFeatures(readTable(binary), 3);
  const train = subset(all, trainTestSplit(200, 0.2, 1).train);
  assert.equal(train.x.rows, 160);
  const x = r.model.inputScaler.transform(train.x);
  const t = new Matrix(160, 1, Float64Array.from(train.y));
  const last = r.fit.history.at(-1)!.loss;
  assert.ok(Math.abs(r.model.net.objective(x, t, 1 / 160) - last) < 1e-12, `J(λ = 1/160) ${r.model.net.objective(x, t, 1 / 160)} vs the last loss ${last}`);
  assert.equal((await fitTabular({ train: binary, labelColumn: 'y', model: 'mlp', epochs: 2 })).fit.lbfgs, undefined);
  await assert.rejects(() => fitTabular({ train: binary, labelColumn: 'y', model: 'logistic', validationSplit: 0.2 }), /validationSplit 0.2 applies to the minibatch optimizers/);
});

test('lbfgs refuses a negative λ, validation and checkpoints, and NaN inputs are refused before training', async () => {
  const x = new Matrix(4, 2, Float64Array.of(0, 1, 1, 0, 1, 1, 0, 0));
  const t = new Matrix(4, 1, Float64Array.of(0, 1, 1, 0));
  const net = () => buildNetwork({ kind: 'logistic', inputs: 2, outputs: 2, hidden: [], activation: 'relu', loss: 'cross-entropy' });
  await assert.rejects(() => fit(net(), x, t, { optimizer: 'lbfgs', l2: -1 }), (e: unknown) => e instanceof LexnetError && /l2 must be a finite number ≥ 0 with the lbfgs optimizer, got -1/.test(e.message));
  await assert.rejects(() => fit(net(), x, t, { optimizer: 'lbfgs', validation: { x, target: t } }), /validation \(early stopping\) applies to the minibatch optimizers/);
  await assert.rejects(() => fit(net(), x, t, { optimizer: 'lbfgs', onState: () => {} }), /resume and onState \(checkpoints\) apply to the minibatch optimizers/);
  const bad = new Matrix(4, 2, Float64Array.of(0, 1, NaN, 0, 1, 1, 0, 0));
  // NaN in the inputs is refused before any step, naming the cell (it was a "divergence" at the starting weights)
  await assert.rejects(() => fit(net(), bad, t, { optimizer: 'lbfgs' }), (e: unknown) => e instanceof LexnetError && !(e instanceof DivergenceError) && /^fit: inputs\[1\]\[0\] is NaN: training needs finite numbers/.test(e.message));
});

test('fit --model logistic trains with lbfgs by default; adam stays available; --optimizer lbfgs works for mlp', () => {
  const r = lexnet(['fit', '--train', binary, '--label-column', 'y', '--kind', 'logistic']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /L-BFGS converged after \d+ iterations, largest gradient component \d\.\de-\d+/);
  assert.match(r.stdout, /test accuracy (9\d|8\d)\.\d\d%/);
  const adam = lexnet(['fit', '--train', binary, '--label-column', 'y', '--kind', 'softmax', '--optimizer', 'adam', '--epochs', '5', '--lr', '0.01', '--json']);
  assert.equal(adam.status, 0, adam.stderr);
  assert.equal(JSON.parse(adam.stdout.trim().split('\n').at(-1)!).lbfgs, undefined);
  const explicit = lexnet(['fit', '--train', binary, '--label-column', 'y', '--kind', 'mlp', '--hidden', '4', '--optimizer', 'lbfgs', '--epochs', '50', '--json']);
  assert.equal(explicit.status, 0, explicit.stderr);
  assert.equal(JSON.parse(explicit.stdout.trim().split('\n').at(-1)!).lbfgs.iterations, 50);
});

test('fit --optimizer rejects an unknown name, and lbfgs refuses the minibatch options', () => {
  const bad = lexnet(['fit', '--train', binary, '--label-column', 'y', '--optimizer', 'bfgs']);
  assert.equal(bad.status, 2); // a usage error
  assert.equal(bad.stderr.trim(), 'lexnet: --optimizer must be one of lbfgs, adam, sgd, momentum, got "bfgs"');
  for (const [flag, value] of [['--lr', '0.1'], ['--validation-split', '0.2']]) {
    const r = lexnet(['fit', '--train', binary, '--label-column', 'y', '--kind', 'softmax', flag!, value!]);
    assert.equal(r.status, 2, `${flag}: ${r.stdout}`);
    assert.equal(r.stderr.trim(), `lexnet: ${flag} has no effect here: it is used only with --optimizer adam, sgd or momentum (lbfgs is full-batch, without a learning rate)`);
  }
});

test('fit --model linear is ridge regression: R² on a linear target, and predict reads the saved model', () => {
  const r = new Random(2);
  const rows = ['a,b,y'];
  for (let i = 0; i < 100; i++) {
    const [a, b] = [r.normal(), r.normal()];
    rows.push([a.toFixed(5), b.toFixed(5), (10 + 3 * a - b + 0.1 * r.normal()).toFixed(5)].join(','));
  }
  const file = writeTemp(dir, 'linear.csv', rows.join('\n') + '\n');
  const model = join(dir, 'linear.json');
  const fitted = lexnet(['fit', '--train', file, '--label-column', 'y', '--kind', 'linear', '--json', '--out', model]);
  assert.equal(fitted.status, 0, fitted.stderr);
  const out = JSON.parse(fitted.stdout.trim().split('\n').at(-1)!);
  assert.ok(out.r2 > 0.99, `R² ${out.r2}`);
  const p = lexnet(['predict', '--model', model, '--data', file]);
  assert.equal(p.status, 0, p.stderr);
  assert.equal(p.stdout.trim().split('\n').length, 100);
  const hidden = lexnet(['fit', '--train', file, '--label-column', 'y', '--kind', 'linear', '--hidden', '5']);
  assert.equal(hidden.status, 2);
  assert.match(hidden.stderr, /--hidden has no effect here/);
});
