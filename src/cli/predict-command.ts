import type { Command } from 'commander';
import { matchColumns, selectColumns } from '../io/dataset.js';
import { loadTabularModel } from '../io/model-file.js';
import { readTable } from '../io/table.js';
import { predictTabular } from '../models/tabular-model.js';

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('print one prediction per row of a data file with a model saved by `lexnet fit --save`')
    .requiredOption('--model <file>', 'model file')
    .requiredOption('--data <file>', 'rows of features: with a header line, columns are matched by the training names (any order; extra columns and the label are ignored); without one, by position')
    .action((f: { model: string; data: string }) => {
      const model = loadTabularModel(f.model);
      const table = readTable(f.data);
      const { x } = selectColumns(table, matchColumns(table, { inputs: model.spec.inputs, ...model }, false), model.featureNames);
      const pred = predictTabular(model, x);
      process.stdout.write(Array.from(pred.values, (v) => String(v)).join('\n') + '\n');
    });
}
