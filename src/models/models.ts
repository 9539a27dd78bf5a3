import type { Random } from '../core/random.js';
import type { ActivationName } from '../layers/activation.js';
import { buildNetwork, type LossName } from './model-spec.js';
import type { Network } from './network.js';

/** Logistic regression ŷ = σ(xθ + b) with cross-entropy or squared error (seed 004). */
export function logisticRegression(inputs: number, loss: LossName = 'cross-entropy', rng?: Random): Network {
  return buildNetwork({ kind: 'logistic', inputs, outputs: 2, hidden: [], activation: 'sigmoid', loss }, rng);
}

/** Softmax regression over `classes` classes with cross-entropy. */
export function softmaxRegression(inputs: number, classes: number, rng?: Random): Network {
  return buildNetwork({ kind: 'softmax', inputs, outputs: classes, hidden: [], activation: 'sigmoid', loss: 'cross-entropy' }, rng);
}

/** Multilayer perceptron classifier with softmax output. */
export function mlpClassifier(inputs: number, hidden: number[], classes: number, activation: ActivationName = 'relu', rng?: Random): Network {
  return buildNetwork({ kind: 'mlp', inputs, outputs: classes, hidden, activation, loss: 'cross-entropy' }, rng);
}

/** Network regressor: sigmoid hidden layer(s), linear output, squared error. */
export function mlpRegressor(inputs: number, hidden: number[], outputs = 1, activation: ActivationName = 'sigmoid', rng?: Random): Network {
  return buildNetwork({ kind: 'regressor', inputs, outputs, hidden, activation, loss: 'squared-error' }, rng);
}
