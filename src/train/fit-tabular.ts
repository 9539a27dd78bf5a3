import { Matrix } from '../core/matrix.js';
import { Random } from '../core/random.js';
import type { ActivationName } from '../layers/activation.js';
import { checkUniqueNames, classIndex, matchColumns, oneHot, selectColumns, splitFeatures, subset, trainTestSplit, type Dataset, type TrainingColumns } from '../io/dataset.js';
import { inputError, LexnetError } from '../io/errors.js';
import { Standardizer } from '../io/standardizer.js';
import { readTableInTurns, resolveColumn } from '../io/table.js';
import { Ticker } from './abort.js';
import { buildNetwork, isClassifier, isConvex, type LossName, type ModelKind, type ModelSpec } from '../models/model-spec.js';
import { predictTabular, type TabularModel, type TabularPrediction } from '../models/tabular-model.js';
import { accuracy, r2, rmse } from './metrics.js';
import type { OptimizerName } from './optimizer.js';
import { fit, type FitOptions, type FitResult } from './trainer.js';
import { TABULAR_ALIASES, TABULAR_DEFAULTS, TABULAR_OPTIONS } from './tabular-options.js';
import { FIT_OPTIONS } from './fit-options.js';
import { renamedValue, validateOptions } from '../options/declare.js';

export { TABULAR_DEFAULTS } from './tabular-options.js';

/** Options of fitTabular: the files, the model and fit's settings (TABULAR_DEFAULTS, by model kind, where left out). */
export interface TabularFitOptions extends Omit<FitOptions, 'validation' | 'seed'> {
  train: string;
  /** A separate test file; otherwise `testSplit` of the training file is held out. */
  test?: string | undefined;
  testSplit?: number | undefined;
  /** Fraction of the training rows held out for early stopping (0 disables); default 0.1, and 0 (only) with lbfgs. */
  validationSplit?: number | undefined;
  labelColumn?: string | number | undefined;
  /** The kind of model (default mlp); the command line's `--kind`. */
  kind?: ModelKind | undefined;
  /** The same as `kind` (its old name). */
  model?: ModelKind | undefined;
  hidden?: number[] | undefined;
  activation?: ActivationName | undefined;
  loss?: LossName | undefined;
  seed?: number | undefined;
}

/** What fitTabular gives: the model, the fit record, the split sizes and the test metrics. */
export interface TabularReport {
  model: TabularModel;
  fit: FitResult;
  trainRows: number;
  testRows: number;
  metrics: { accuracy: number } | { rmse: number; r2: number };
}

/**
 * The tabular pipeline: read, split (seeded), standardize on the training split only,
 * train with early stopping on a validation part of the training split, and score the test split.
 */
export async function fitTabular(options: TabularFitOptions): Promise<TabularReport> {
  validateOptions(TABULAR_OPTIONS, options, 'fitTabular', { aliases: TABULAR_ALIASES });
  if (options.train === undefined) throw new LexnetError('fitTabular: train (the training file) is required', { option: 'train' });
  const o = { ...options, model: renamedValue<ModelKind>(options, 'kind', 'model') ?? TABULAR_DEFAULTS.model };
  const kind: ModelKind = o.model;
  const seed = o.seed ?? TABULAR_DEFAULTS.seed;
  const ticker = new Ticker(o.signal); // the tables are read and parsed with turns of the event loop
  const trainTable = await readTableInTurns(o.train, {}, ticker);
  checkUniqueNames(trainTable);
  const labelColumn = resolveColumn(trainTable, o.labelColumn);
  const all = splitFeatures(trainTable, labelColumn);
  if (all.x.cols === 0) throw inputError(o.train, null, 'no feature columns besides the label');
  const columns: TrainingColumns = { inputs: all.x.cols, featureNames: all.featureNames, labelName: trainTable.names?.[labelColumn] ?? null, labelColumn };
  let train: Dataset, test: Dataset, testFile: string;
  if (o.test) {
    const testTable = await readTableInTurns(o.test, columns.featureNames ? { numeric: [...columns.featureNames, ...(columns.labelName !== null ? [columns.labelName] : [])] } : {}, ticker);
    test = selectColumns(testTable, matchColumns(testTable, columns, true), all.featureNames);
    train = all;
    testFile = o.test;
  } else {
    const split = o.testSplit ?? TABULAR_DEFAULTS.testSplit;
    const parts = trainTestSplit(all.x.rows, split, seed);
    if (parts.train.length === 0) {
      throw inputError(o.train, null, `holding out ${split} of ${all.x.rows} row${all.x.rows === 1 ? '' : 's'} for testing (testSplit) leaves no training rows; give more rows, a smaller testSplit or a test file`, { option: 'testSplit', mentions: ['test'] });
    }
    train = subset(all, parts.train);
    test = subset(all, parts.test);
    testFile = o.train;
  }
  const trainingPart = o.test ? o.train : `the training split of ${o.train}`;
  const classifier = isClassifier(kind);
  let classes: number[] | null = null;
  let target: Matrix;
  let targetScaler: Standardizer | null = null;
  if (classifier) {
    const ci = classIndex(train, o.train);
    classes = ci.classes;
    if (classes.length < 2) {
      throw new LexnetError(`only one class (value ${classes[0]}) in ${trainingPart}; a classifier needs two (use kind regressor for a numeric target)`, { option: 'kind' });
    }
    if (kind === 'logistic' && classes.length !== 2) {
      throw new LexnetError(`${o.train}: logistic regression needs exactly 2 classes, found ${classes.length} (${classes.slice(0, 10).join(', ')}${classes.length > 10 ? ', …' : ''}); use kind softmax or mlp`, { option: 'kind' });
    }
    target = kind === 'logistic' ? new Matrix(ci.labels.length, 1, Float64Array.from(ci.labels)) : oneHot(ci.labels, classes.length);
  } else {
    const y = new Matrix(train.y.length, 1, train.y.slice());
    targetScaler = Standardizer.fit(y);
    for (const { magnitude } of targetScaler.nonFinite(y)) throw tooLarge(o.train, labelName(columns), magnitude);
    target = targetScaler.transform(y);
  }
  const inputScaler = Standardizer.fit(train.x);
  for (const { column, magnitude } of inputScaler.nonFinite(train.x)) throw tooLarge(o.train, featureName(columns, column), magnitude);
  const x = inputScaler.transform(train.x);
  const spec: ModelSpec = {
    kind, inputs: x.cols, outputs: classifier ? classes!.length : 1,
    hidden: o.hidden ?? [...TABULAR_DEFAULTS.hidden], activation: o.activation ?? (kind === 'regressor' ? 'sigmoid' : 'relu'),
    loss: o.loss ?? 'cross-entropy',
  };
  const net = buildNetwork(spec, new Random(seed));
  const optimizer = o.optimizer ?? defaultOptimizer(kind);
  const fullBatch = optimizer === 'lbfgs';
  if (fullBatch && (o.validationSplit ?? 0) > 0) {
    throw new LexnetError(`validationSplit ${o.validationSplit} applies to the minibatch optimizers; lbfgs trains on every training row to the optimum of the regularised objective (use l2 against overfitting)`, { option: 'validationSplit' });
  }
  const { fitX, fitTarget, validation } = holdOut(x, target, o.validationSplit ?? (fullBatch ? 0 : TABULAR_DEFAULTS.validationSplit), seed + 1);
  const l2 = o.l2 ?? defaultL2(kind, fitX.rows);
  const epochs = o.epochs ?? (fullBatch ? TABULAR_DEFAULTS.lbfgsIterations : TABULAR_DEFAULTS.epochs);
  const fitOptions = Object.fromEntries(Object.entries(o).filter(([k]) => Object.hasOwn(FIT_OPTIONS, k))) as FitOptions;
  const fitResult = await fit(net, fitX, fitTarget, { ...fitOptions, optimizer, l2, epochs, seed, validation });
  const model: TabularModel = { spec, net, inputScaler, targetScaler, classes, ...columns };
  for (const p of net.params()) {
    const bad = p.value.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new LexnetError(`training gave the parameter ${p.name} the value ${p.value.data[bad]} at index ${bad}: nothing is saved or reported (lower learningRate, or rescale the features)`, { mentions: ['learningRate'] });
  }
  const pred = predictTabular(model, test.x);
  refuseNonFinitePredictions(testFile, test.lines, pred);
  let metrics: TabularReport['metrics'];
  if (pred.kind === 'classes') {
    const known = new Set(classes);
    test.y.forEach((v, r) => {
      if (!known.has(v)) throw inputError(testFile, test.lines[r]!, `class ${v} never occurs in the training data`);
    });
    metrics = { accuracy: accuracy(pred.values, test.y) };
  } else {
    metrics = { rmse: rmse(pred.values, test.y), r2: r2(pred.values, test.y) };
    const spread = test.y.some((v) => v !== test.y[0]);
    if (!Number.isFinite(metrics.rmse) || (spread && !Number.isFinite(metrics.r2))) {
      throw tooLarge(testFile, labelName(columns), test.y.reduce((m, v) => Math.max(m, Math.abs(v)), 0));
    }
  }
  return { model, fit: fitResult, trainRows: train.x.rows, testRows: test.x.rows, metrics };
}

/** lbfgs for the convex kinds (logistic, softmax, linear), adam for the networks with hidden layers. */
export function defaultOptimizer(kind: ModelKind): OptimizerName {
  return isConvex(kind) ? 'lbfgs' : 'adam';
}

/**
 * The default λ of J = mean loss + (λ/2)Σ‖W‖²: 1/n for the convex kinds (scikit-learn's
 * LogisticRegression C = 1 and Ridge alpha = 1, which are λ = 1/(C·n) and alpha/n), 1e-4 for
 * the networks with hidden layers.
 */
export function defaultL2(kind: ModelKind, trainingRows: number): number {
  return isConvex(kind) ? 1 / trainingRows : 1e-4;
}

function holdOut(x: Matrix, target: Matrix, fraction: number, seed: number) {
  if (!(fraction > 0) || x.rows < 20) return { fitX: x, fitTarget: target, validation: undefined };
  const { train, test } = trainTestSplit(x.rows, fraction, seed);
  if (train.length === 0) throw new LexnetError(`validationSplit ${fraction} leaves no rows to train on (of ${x.rows}); use a smaller fraction`, { option: 'validationSplit' });
  return { fitX: x.selectRows(train), fitTarget: target.selectRows(train), validation: { x: x.selectRows(test), target: target.selectRows(test) } };
}

const featureName = (c: TrainingColumns, j: number): string => (c.featureNames ? `feature "${c.featureNames[j]}"` : `feature column ${j + 1}`);
const labelName = (c: TrainingColumns): string => (c.labelName !== null ? `target "${c.labelName}"` : 'target column');

/**
 * A column whose values a float64 cannot centre and scale (their spread overflows): named, with
 * its largest magnitude, before anything is trained, saved or reported.
 */
function tooLarge(file: string, column: string, magnitude: number): LexnetError {
  return inputError(file, null, `the ${column} holds values of magnitude up to ${magnitude.toExponential(2)}, too spread out to standardize in float64 (their deviations overflow); rescale it (a logarithm, or a smaller unit)`);
}

/**
 * Refuses predictions that are not finite numbers (a regression value, or a class whose
 * probabilities overflowed): features far beyond the training data's range, named by row,
 * before anything is printed or scored.
 */
export function refuseNonFinitePredictions(file: string, lines: ArrayLike<number>, pred: TabularPrediction): void {
  const rows = pred.kind === 'classes' ? pred.probabilities.rows : pred.values.length;
  for (let r = 0; r < rows; r++) {
    const bad = pred.kind === 'classes'
      ? pred.probabilities.data.subarray(r * pred.probabilities.cols, (r + 1) * pred.probabilities.cols).find((v) => !Number.isFinite(v))
      : Number.isFinite(pred.values[r]!) ? undefined : pred.values[r]!;
    if (bad !== undefined) {
      throw inputError(file, lines[r] ?? null, `the model's output for this row is ${bad}: its features are too far from the training data's for float64 arithmetic (rescale them, e.g. take a logarithm)`);
    }
  }
}
