import { Matrix } from '../core/matrix.js';
import { predictProbabilities, writtenLabels } from '../classify/classifier.js';
import { loadClassifier } from '../classify/model-file.js';
import { loadTabularModel } from '../io/model-file.js';
import { readVectors } from '../io/vector-file.js';
import { predictTabular } from '../models/tabular-model.js';
import { loadTagger } from '../tagger/model-file.js';
import { describeJson, parseRecord, recordTokens, type RecordId } from '../text/jsonl-record.js';

/**
 * What a `--format jsonl` run does to each record, for each command that has the mode:
 * - `tag` (`tagger tag`): `{id, text | tokens}` → `{id, tokens, tags}`;
 * - `classify` (`classify predict`): `{id, text | tokens}` → `{id, label, probabilities}`;
 * - `predict` (tabular `predict`): `{id, features}` (an array in the training file's column
 *   order, or an object of column name → value) → `{id, prediction}`;
 * - `lookup` (`lookup FILE`): `{id, word}` → `{id, word, vector}` (null for a word not in the file).
 * The same code runs in the calling thread and in each worker thread (see jsonl-worker.ts).
 */
export type JsonlKind = 'tag' | 'classify' | 'predict' | 'lookup';

/** What a worker needs to load the model (plain data: it crosses to worker threads). */
export interface JsonlTaskSpec {
  kind: JsonlKind;
  /** The model file (vectors for lookup). */
  model: string;
  /** lookup: read only the first N vectors. */
  limit?: number;
}

/** One line's outcome: the result's JSON text, or the problem that makes the line unusable. */
export type LineOutcome = string | { line: number; problem: string };

/** Turns batches of numbered lines into outcomes, in order; built once per thread (the model loaded once). */
export type BatchRunner = (lines: readonly [number, string][]) => LineOutcome[];

interface Task<I> {
  /** The input the model needs from a record's fields, or the problem. */
  read(fields: Record<string, unknown>): I | { problem: string };
  /** Results of many inputs at once, without their ids. */
  run(inputs: I[]): Record<string, unknown>[];
}

const isProblem = (v: unknown): v is { problem: string } => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { problem?: unknown }).problem === 'string';

function loadTask(spec: JsonlTaskSpec): Task<unknown> {
  switch (spec.kind) {
    case 'tag': {
      const model = loadTagger(spec.model);
      return {
        read: (fields) => recordTokens(fields, model.text),
        run: (inputs) => (inputs as string[][]).map((tokens) => ({ tokens, tags: tokens.length ? model.tagSentence(tokens) : [] })),
      };
    }
    case 'classify': {
      const c = loadClassifier(spec.model);
      const names = writtenLabels(c);
      return {
        read: (fields) => recordTokens(fields, c.text),
        run: (inputs) => predictProbabilities(c, inputs as string[][]).map((p) => {
          let best = 0;
          for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
          return { label: names[best], probabilities: Object.fromEntries(names.map((n, k) => [n, p[k]!])) };
        }),
      };
    }
    case 'predict': {
      const model = loadTabularModel(spec.model);
      const n = model.spec.inputs;
      const names = model.featureNames;
      return {
        read: (fields) => readFeatures(fields, n, names),
        run: (inputs) => {
          if (inputs.length === 0) return [];
          const x = new Matrix(inputs.length, n);
          (inputs as Float64Array[]).forEach((row, i) => x.data.set(row, i * n));
          return Array.from(predictTabular(model, x).values, (prediction) => ({ prediction }));
        },
      };
    }
    case 'lookup': {
      const v = readVectors(spec.model, { limit: spec.limit });
      return {
        read: (fields) => {
          if (!Object.hasOwn(fields, 'word')) return { problem: 'missing "word" (a string)' };
          return typeof fields.word === 'string' ? fields.word : { problem: `"word" must be a string, got ${describeJson(fields.word)}` };
        },
        // values to 9 significant digits, as the text vector files write them (a float32 read back exactly)
        run: (inputs) => (inputs as string[]).map((word) => {
          const row = v.vector(word);
          return { word, vector: row ? Array.from(row, (x) => Number(x.toPrecision(9))) : null };
        }),
      };
    }
  }
}

/** The numbers of `features`: an array of `n` numbers, or an object naming every training column. */
function readFeatures(fields: Record<string, unknown>, n: number, names: string[] | null): Float64Array | { problem: string } {
  if (!Object.hasOwn(fields, 'features')) return { problem: `missing "features" (an array of ${n} numbers${names ? ', or an object of column name → number' : ''})` };
  const f = fields.features;
  const row = new Float64Array(n);
  const number = (v: unknown, where: string): string | null => (typeof v === 'number' && Number.isFinite(v) ? null : `"features"${where} must be a finite number, got ${describeJson(v)}`);
  if (Array.isArray(f)) {
    if (f.length !== n) return { problem: `"features" has ${f.length} values; the model takes ${n}` };
    for (let i = 0; i < n; i++) {
      const bad = number(f[i], `[${i}]`);
      if (bad) return { problem: bad };
      row[i] = f[i] as number;
    }
    return row;
  }
  if (f !== null && typeof f === 'object' && names) {
    const o = f as Record<string, unknown>;
    for (let i = 0; i < n; i++) {
      const name = names[i]!;
      if (!Object.hasOwn(o, name)) return { problem: `"features" has no column "${name}" (the model takes ${names.map((s) => `"${s}"`).join(', ')})` };
      const bad = number(o[name], `.${name}`);
      if (bad) return { problem: bad };
      row[i] = o[name] as number;
    }
    return row;
  }
  return { problem: `"features" must be an array of ${n} numbers${names ? ' or an object of column name → number' : ' (the model was trained without a header, so columns have no names)'}, got ${describeJson(f)}` };
}

/** Loads the model and returns what processes batches of lines with it. */
export function batchRunner(spec: JsonlTaskSpec): BatchRunner {
  const task = loadTask(spec);
  return (lines) => {
    const out: LineOutcome[] = new Array(lines.length);
    const ids: RecordId[] = [];
    const inputs: unknown[] = [];
    const slots: number[] = [];
    lines.forEach(([line, text], i) => {
      const r = parseRecord(text);
      if ('problem' in r) { out[i] = { line, problem: r.problem }; return; }
      const input = task.read(r.fields);
      if (isProblem(input)) { out[i] = { line, problem: input.problem }; return; }
      ids.push(r.id);
      inputs.push(input);
      slots.push(i);
    });
    task.run(inputs).forEach((result, k) => { out[slots[k]!] = JSON.stringify({ id: ids[k], ...result }); });
    return out;
  };
}
