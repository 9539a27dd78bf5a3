import type { Command } from 'commander';
import { Matrix } from '../core/matrix.js';
import { inputError } from '../io/errors.js';
import { loadTabularModel } from '../io/model-file.js';
import { readTable } from '../io/table.js';
import { predictTabular } from '../models/tabular-model.js';

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('print one prediction per row of a data file with a model saved by `lexnet fit --save`')
    .requiredOption('--model <file>', 'model file')
    .requiredOption('--data <file>', 'rows of features; a trailing label column is allowed and ignored')
    .action((f: { model: string; data: string }) => {
      const model = loadTabularModel(f.model);
      const table = readTable(f.data);
      const d = model.spec.inputs;
      if (table.cols !== d && table.cols !== d + 1) {
        throw inputError(f.data, table.lines[0]!, `${table.cols} columns; the model takes ${d} features (optionally followed by a label)`);
      }
      const x = new Matrix(table.rows, d);
      for (let r = 0; r < table.rows; r++) x.data.set(table.data.subarray(r * table.cols, r * table.cols + d), r * d);
      const pred = predictTabular(model, x);
      process.stdout.write(Array.from(pred.values, (v) => String(v)).join('\n') + '\n');
    });
}
