import { buildNetwork, MODEL_KINDS, type ModelSpec } from '../models/model-spec.js';
import type { TabularModel } from '../models/tabular-model.js';
import { writeFileAtomic } from './atomic-write.js';
import { inputError, LexnetError } from './errors.js';
import { readText } from './read-text.js';
import { Standardizer } from './standardizer.js';

const FORMAT = 'lexnet-tabular-model';
const VERSION = 1;

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
  const params: ModelFile['params'] = {};
  for (const p of model.net.params()) params[p.name] = { rows: p.value.rows, cols: p.value.cols, data: [...p.value.data] };
  const file: ModelFile = {
    format: FORMAT, version: VERSION, spec: model.spec,
    inputScaler: model.inputScaler.toJSON(), targetScaler: model.targetScaler?.toJSON() ?? null,
    classes: model.classes, featureNames: model.featureNames, labelName: model.labelName, labelColumn: model.labelColumn, params,
  };
  writeFileAtomic(path, JSON.stringify(file));
}

export function loadTabularModel(path: string): TabularModel {
  let file: ModelFile;
  try {
    file = JSON.parse(readText(path)) as ModelFile;
  } catch (e) {
    if (e instanceof LexnetError) throw e;
    throw inputError(path, null, 'not a lexnet model file (it is not valid JSON; was it cut short?)');
  }
  if (file?.format !== FORMAT) throw inputError(path, null, `not a lexnet tabular model (format "${String(file?.format)}")`);
  if (file.version !== VERSION) throw inputError(path, null, `model file version ${file.version}; this lexnet reads version ${VERSION}`);
  if (!MODEL_KINDS.includes(file.spec?.kind)) throw inputError(path, null, `unknown model kind "${String(file.spec?.kind)}"`);
  if (file.featureNames && file.featureNames.length !== file.spec.inputs) {
    throw inputError(path, null, `${file.featureNames.length} feature names for ${file.spec.inputs} inputs`);
  }
  const net = buildNetwork(file.spec);
  for (const p of net.params()) {
    const saved = file.params[p.name];
    if (!saved || saved.rows !== p.value.rows || saved.cols !== p.value.cols || saved.data.length !== p.value.data.length) {
      throw inputError(path, null, `parameter ${p.name} is missing or has the wrong shape`);
    }
    p.value.data.set(saved.data);
  }
  return {
    spec: file.spec, net,
    inputScaler: Standardizer.fromJSON(file.inputScaler),
    targetScaler: file.targetScaler ? Standardizer.fromJSON(file.targetScaler) : null,
    classes: file.classes, featureNames: file.featureNames ?? null,
    labelName: file.labelName ?? null, labelColumn: file.labelColumn ?? null,
  };
}
