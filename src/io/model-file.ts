import { ACTIVATIONS } from '../layers/activation.js';
import { buildNetwork, isClassifier, layerSizes, MODEL_KINDS, type LossName, type ModelSpec } from '../models/model-spec.js';
import type { TabularModel } from '../models/tabular-model.js';
import { writeFileAtomic } from './atomic-write.js';
import { refuseNonFinite } from './bundle.js';
import { refuseCompressedName } from './compressed-name.js';
import { inputError, LexnetError } from './errors.js';
import { describeJson, HeaderCheck } from './header-check.js';
import { readText } from './read-text.js';
import { Standardizer } from './standardizer.js';

const FORMAT = 'lexnet-tabular-model';
const VERSION = 1;
const LOSSES: readonly LossName[] = ['cross-entropy', 'squared-error'];

interface ModelFile {
  format: typeof FORMAT;
  version: number;
  spec: ModelSpec;
  inputScaler: { mean: number[]; std: number[] };
  targetScaler: { mean: number[]; std: number[] } | null;
  classes: number[] | null;
  featureNames: string[] | null;
  /** Absent in files written before they were recorded. */
  labelName?: string | null;
  labelColumn?: number | null;
  params: Record<string, { rows: number; cols: number; data: number[] }>;
}

/** Saves a model as JSON, atomically (a failed save leaves no partial file). */
export function saveTabularModel(path: string, model: TabularModel): void {
  refuseCompressedName(path);
  const params: ModelFile['params'] = {};
  for (const p of model.net.params()) {
    refuseNonFinite(path, p.name, p.value.data);
    params[p.name] = { rows: p.value.rows, cols: p.value.cols, data: [...p.value.data] };
  }
  for (const [name, sc] of [['inputScaler', model.inputScaler], ['targetScaler', model.targetScaler]] as const) {
    if (sc) { refuseNonFinite(path, `${name}.mean`, sc.mean); refuseNonFinite(path, `${name}.std`, sc.std); }
  }
  const file: ModelFile = {
    format: FORMAT, version: VERSION, spec: model.spec,
    inputScaler: model.inputScaler.toJSON(), targetScaler: model.targetScaler?.toJSON() ?? null,
    classes: model.classes, featureNames: model.featureNames, labelName: model.labelName, labelColumn: model.labelColumn, params,
  };
  writeFileAtomic(path, JSON.stringify(file));
}

/**
 * Loads a tabular model, checking every field (types, ranges, the shapes the spec implies for
 * each parameter, scalers and classes, finite values) before the network is built.
 */
export function loadTabularModel(path: string): TabularModel {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(path));
  } catch (e) {
    if (e instanceof LexnetError) throw e;
    throw inputError(path, null, 'not a lexnet model file (it is not valid JSON; was it cut short?)');
  }
  const check = new HeaderCheck(path);
  const file = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (file.format !== FORMAT) throw inputError(path, null, `not a lexnet tabular model (format ${file.format === undefined ? 'missing' : describeJson(file.format)})`);
  if (file.version !== VERSION) throw inputError(path, null, `model file version ${describeJson(file.version)}; this lexnet reads version ${VERSION}`);
  const s = check.object(file.spec, 'spec');
  if (!MODEL_KINDS.includes(s.kind as ModelSpec['kind'])) throw inputError(path, null, `unknown model kind ${describeJson(s.kind)}`);
  const spec: ModelSpec = {
    kind: s.kind as ModelSpec['kind'],
    inputs: check.int(s.inputs, 'spec.inputs', 1),
    outputs: check.int(s.outputs, 'spec.outputs', 1),
    hidden: check.ints(s.hidden, 'spec.hidden', 1),
    activation: check.oneOf(s.activation, 'spec.activation', ACTIVATIONS),
    loss: check.oneOf(s.loss, 'spec.loss', LOSSES),
  };
  const scaler = (v: unknown, field: string, n: number): Standardizer => {
    const o = check.object(v, field);
    const mean = check.numbers(o.mean, `${field}.mean`, n), std = check.numbers(o.std, `${field}.std`, n);
    const bad = std.findIndex((x) => !(x > 0));
    if (bad >= 0) throw check.fail(`"${field}.std[${bad}]" is ${std[bad]}, expected a positive number`);
    return Standardizer.fromJSON({ mean, std });
  };
  const inputScaler = scaler(file.inputScaler, 'inputScaler', spec.inputs);
  let classes: number[] | null = null;
  let targetScaler: Standardizer | null = null;
  if (isClassifier(spec.kind)) {
    classes = check.numbers(file.classes, 'classes', spec.kind === 'logistic' ? 2 : spec.outputs);
    if (new Set(classes).size !== classes.length) throw check.fail('"classes" holds a class twice');
  } else {
    if (spec.outputs !== 1) throw check.fail(`"spec.outputs" is ${spec.outputs}, a regressor has 1`);
    if (file.targetScaler !== null && file.targetScaler !== undefined) targetScaler = scaler(file.targetScaler, 'targetScaler', 1);
  }
  const featureNames = file.featureNames === null || file.featureNames === undefined ? null : check.strings(file.featureNames, 'featureNames', { allowEmpty: true, distinct: false });
  if (featureNames && featureNames.length !== spec.inputs) throw check.fail(`"featureNames" has ${featureNames.length} names for ${spec.inputs} inputs`);
  const params = check.object(file.params, 'params');
  const sizes = layerSizes(spec);
  const saved = sizes.slice(1).flatMap((cols, i) => [[`layer${i + 1}.W`, sizes[i]!, cols], [`layer${i + 1}.b`, 1, cols]] as const).map(([name, rows, cols]) => {
    const p = check.object(params[name], `params.${name}`);
    if (p.rows !== rows || p.cols !== cols) throw inputError(path, null, `parameter ${name} is ${describeJson(p.rows)}×${describeJson(p.cols)}, but the spec implies ${rows}×${cols}`);
    return { name, data: check.numbers(p.data, `params.${name}.data`, rows * cols) };
  });
  // the label column's name and position (recorded by newer lexnet versions; null or absent before)
  const label = {
    labelName: file.labelName === null || file.labelName === undefined ? null : check.string(file.labelName, 'labelName'),
    labelColumn: file.labelColumn === null || file.labelColumn === undefined ? null : check.int(file.labelColumn, 'labelColumn', 0),
  };
  const net = buildNetwork(spec);
  const byName = new Map<string, number[]>(saved.map((p) => [p.name, p.data]));
  for (const p of net.params()) p.value.data.set(byName.get(p.name)!);
  return { spec, net, inputScaler, targetScaler, classes, featureNames, ...label };
}
