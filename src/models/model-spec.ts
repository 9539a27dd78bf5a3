import { Random } from '../core/random.js';
import { activationLayer, sigmoidLayer, type ActivationName } from '../layers/activation.js';
import { Affine } from '../layers/affine.js';
import type { Layer } from '../layers/layer.js';
import type { Loss } from '../losses/loss.js';
import { SigmoidCrossEntropy } from '../losses/sigmoid-cross-entropy.js';
import { SoftmaxCrossEntropy } from '../losses/softmax-cross-entropy.js';
import { SquaredError } from '../losses/squared-error.js';
import { Network } from './network.js';
import { checkModelMemory } from '../core/memory-budget.js';
import { parameterCount } from './parameter-count.js';

/** The tabular model kinds: logistic, softmax, mlp, regressor, linear. */
export type ModelKind = 'logistic' | 'softmax' | 'mlp' | 'regressor' | 'linear';
/** Every ModelKind. */
export const MODEL_KINDS: readonly ModelKind[] = ['logistic', 'softmax', 'mlp', 'regressor', 'linear'];

/** The kinds whose training objective is convex (one affine layer): L-BFGS reaches their optimum. */
export const isConvex = (kind: ModelKind): boolean => kind === 'logistic' || kind === 'softmax' || kind === 'linear';
/** The training losses of a tabular model. */
export type LossName = 'cross-entropy' | 'squared-error';

/** Everything needed to rebuild a network's architecture (weights are stored separately). */
export interface ModelSpec {
  kind: ModelKind;
  inputs: number;
  /** Classes for classifiers, output columns for regressors. */
  outputs: number;
  hidden: number[];
  activation: ActivationName;
  loss: LossName;
}

/** Layer sizes [inputs, ...hidden, outputs] as the network is built. */
export function layerSizes(spec: ModelSpec): number[] {
  const out = spec.kind === 'logistic' ? 1 : spec.outputs;
  const hidden = isConvex(spec.kind) ? [] : spec.hidden;
  return [spec.inputs, ...hidden, out];
}

/**
 * Builds the network of a spec:
 * - logistic: z = xθ + b, ŷ = σ(z), trained with cross-entropy (on logits) or squared error (seed 004);
 * - softmax: softmax regression z = xW + b with cross-entropy;
 * - mlp: affine → activation for each hidden size, then affine → softmax cross-entropy;
 * - regressor: the same stack (default sigmoid hidden units) with a linear output and squared error;
 * - linear: linear regression z = xW + b with squared error (ridge regression with λ > 0).
 */
export function buildNetwork(spec: ModelSpec, rng = new Random(1)): Network {
  const sizes = layerSizes(spec);
  checkModelMemory(`a ${sizes.join('→')} network`, parameterCount(sizes), 5, 'weights, gradients, a temporary gradient and two Adam moments', 'use smaller hidden layers');
  const layers: Layer[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const last = i + 2 === sizes.length;
    const act = last ? null : spec.activation;
    const gain = act === 'sigmoid' ? 4 : act === 'relu' ? Math.SQRT2 : 1;
    layers.push(new Affine(sizes[i]!, sizes[i + 1]!, `layer${i + 1}`).initGlorot(rng, gain));
    if (act) layers.push(activationLayer(act));
  }
  let loss: Loss;
  switch (spec.kind) {
    case 'logistic':
      if (spec.loss === 'squared-error') {
        layers.push(sigmoidLayer());
        loss = new SquaredError();
      } else {
        loss = new SigmoidCrossEntropy();
      }
      break;
    case 'softmax':
    case 'mlp':
      loss = new SoftmaxCrossEntropy();
      break;
    case 'regressor':
    case 'linear':
      loss = new SquaredError();
      break;
  }
  return new Network(layers, loss);
}

/** Whether a model kind predicts classes (every kind but the regressor and linear). */
export const isClassifier = (kind: ModelKind): boolean => kind !== 'regressor' && kind !== 'linear';
