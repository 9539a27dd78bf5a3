import type { Command } from 'commander';
import { addJsonlOptions, maybeRunJsonl, type JsonlFlags } from './jsonl-options.js';
import { matchColumns, selectColumns } from '../io/dataset.js';
import { loadTabularModel } from '../io/model-file.js';
import { readTable } from '../io/table.js';
import { predictTabular } from '../models/tabular-model.js';
import { refuseNonFinitePredictions } from '../train/fit-tabular.js';
import { printResult } from './stdout.js';

export function registerPredict(program: Command): void {
  addJsonlOptions(program
    .command('predict')
    .description('print one prediction per row of a data file with a model saved by `lexnet fit --out`')
    .requiredOption('--model <file>', 'model file')
    .requiredOption('--data <file>', 'rows of features: with a header line, columns are matched by the training names (any order; extra columns and the label are ignored); without one, by position')
    .option('--json', 'print one JSON object (the predictions in "predictions") instead of one line per row', false)
    .option('--quiet', 'no progress, summaries or warnings (results and --json are still printed)', false))
    .action(async (f: { model: string; data: string; json: boolean } & JsonlFlags, cmd: Command) => {
      if (await maybeRunJsonl(cmd, f, { kind: 'predict', model: f.model }, f.data)) return;
      const model = loadTabularModel(f.model);
      // by name, the columns the model does not use (an id, a name) are ignored, as --data says
      const table = readTable(f.data, model.featureNames ? { numeric: model.featureNames } : {});
      const { x } = selectColumns(table, matchColumns(table, { inputs: model.spec.inputs, ...model }, false), model.featureNames);
      const prediction = predictTabular(model, x);
      refuseNonFinitePredictions(table.file, table.lines, prediction);
      const pred = Array.from(prediction.values);
      if (f.json) printResult(JSON.stringify({ model: f.model, data: f.data, rows: pred.length, predictions: pred }));
      else printResult(pred.map((v) => String(v)).join('\n'));
    });
}
