import { asMatrix, type Matrix, type MatrixLike } from '../core/matrix.js';
import { Standardizer } from '../io/standardizer.js';
import { predictedClasses } from '../train/metrics.js';
import { isClassifier, type ModelSpec } from './model-spec.js';
import type { Network } from './network.js';

/**
 * A network together with what it needs to read raw rows: the input standardizer fitted
 * on the training split, the class values (classifiers) or the target standardizer
 * (regressors).
 */
export interface TabularModel {
  spec: ModelSpec;
  net: Network;
  inputScaler: Standardizer;
  /** Regressors learn a standardized target; predictions are mapped back. */
  targetScaler: Standardizer | null;
  /** Class value of each output index (classifiers). */
  classes: number[] | null;
  /** Names of the feature columns in input order, when the training file had a header. */
  featureNames: string[] | null;
  /** Name of the label column (header files) and its 0-based position in the training file; null in older model files. */
  labelName: string | null;
  labelColumn: number | null;
}

/** Predicted classes (classifiers) or values (regressors) of a tabular model. */
export type TabularPrediction =
  | { kind: 'classes'; values: Float64Array; indices: Int32Array; probabilities: Matrix }
  | { kind: 'values'; values: Float64Array };

/** Predictions for raw (unstandardized) feature rows (a Matrix or nested arrays). */
export function predictTabular(model: TabularModel, rawX: MatrixLike): TabularPrediction {
  const out = model.net.predict(model.inputScaler.transform(asMatrix(rawX)));
  if (isClassifier(model.spec.kind)) {
    const indices = predictedClasses(out);
    const classes = model.classes!;
    return { kind: 'classes', indices, values: Float64Array.from(indices, (k) => classes[k]!), probabilities: out };
  }
  const col = new Float64Array(out.rows);
  for (let i = 0; i < out.rows; i++) col[i] = out.data[i * out.cols]!;
  return { kind: 'values', values: model.targetScaler ? model.targetScaler.inverseColumn(col) : col };
}
