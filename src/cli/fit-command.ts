import type { Command } from 'commander';
import type { ActivationName } from '../layers/activation.js';
import { saveTabularModel } from '../io/model-file.js';
import { checkOutputPath } from '../io/output-path.js';
import { layerSizes, type LossName, type ModelKind } from '../models/model-spec.js';
import { parameterCount } from '../models/parameter-count.js';
import { defaultOptimizer, fitTabular, TABULAR_DEFAULTS as D } from '../train/fit-tabular.js';
import { ProgressBar } from './progress-bar.js';
import type { OptimizerName } from '../train/optimizer.js';
import type { ScheduleName } from '../train/schedule.js';
import { refuseUnusedOptions } from './option-checks.js';
import { renamedOption } from './renamed-options.js';
import { TABULAR_OPTIONS as S } from '../train/tabular-options.js';
import { declaredOption, flagParser } from './declared-flags.js';
import { printResult, report as printReport } from './stdout.js';

interface FitFlags {
  train: string; test?: string; testSplit: number; labelColumn?: string; kind: ModelKind;
  hidden: number[]; activation?: ActivationName; loss: LossName; l2?: number; epochs?: number;
  batchSize: number; lr: number; optimizer?: OptimizerName; schedule: ScheduleName; momentum: number;
  validationSplit?: number; patience: number; seed: number; out?: string; json: boolean; quiet: boolean;
}

export function registerFit(program: Command): void {
  program
    .command('fit')
    .description('train a classifier or regressor on a numeric CSV and report test accuracy (or RMSE and R²)')
    .requiredOption('--train <file>', 'training CSV/TSV (a header line and scikit-learn\'s layout are detected; .gz is read)')
    .option('--test <file>', 'separate test file with the same columns')
    .addOption(declaredOption('--test-split <f>', S.testSplit, 'fraction of --train held out for testing when there is no --test'))
    .option('--label-column <n|name>', '0-based index or header name of the label (default: last column)')
    .addOption(declaredOption('--kind <kind>', S.kind))
    .addOption(renamedOption('--model <kind>', '--kind', flagParser(S.kind)))
    .addOption(declaredOption('--hidden <sizes>', S.hidden, 'hidden layer sizes, e.g. 100,50'))
    .addOption(declaredOption('--activation <name>', S.activation))
    .addOption(declaredOption('--loss <name>', S.loss))
    .addOption(declaredOption('--l2 <lambda>', { ...S.l2, default: undefined }))
    .addOption(declaredOption('--epochs <n>', { ...S.epochs, default: undefined }, `maximum epochs, or iterations with lbfgs (default ${D.epochs}; lbfgs ${D.lbfgsIterations})`))
    .addOption(declaredOption('--batch-size <n>', S.batchSize))
    .addOption(declaredOption('--lr <rate>', S.learningRate, 'learning rate'))
    .addOption(declaredOption('--optimizer <name>', { ...S.optimizer, default: undefined }))
    .addOption(declaredOption('--schedule <name>', S.schedule))
    .addOption(declaredOption('--momentum <mu>', S.momentum, 'momentum for --optimizer momentum'))
    .addOption(declaredOption('--validation-split <f>', S.validationSplit))
    .addOption(declaredOption('--patience <n>', S.patience, 'epochs without validation improvement before stopping'))
    .addOption(declaredOption('--seed <s>', S.seed, 'random seed (split, initialisation, shuffling)'))
    .option('--out <file>', 'write the trained model here')
    .addOption(renamedOption('--save <file>', '--out'))
    .option('--json', 'print one JSON object with the metrics on the last line', false)
    .option('--quiet', 'no progress, summaries or warnings (results and --json are still printed)', false)
    .action(async (f: FitFlags, cmd: Command) => {
      const deep = f.kind === 'mlp' || f.kind === 'regressor';
      const minibatch = (f.optimizer ?? defaultOptimizer(f.kind)) !== 'lbfgs';
      refuseUnusedOptions(cmd, [
        ['hidden', deep, 'only with --kind mlp or regressor'], ['activation', deep, 'only with --kind mlp or regressor'],
        ['loss', f.kind === 'logistic', 'only with --kind logistic'], ['momentum', f.optimizer === 'momentum', 'only with --optimizer momentum'],
        ['testSplit', f.test === undefined, 'only without --test'],
        ...(['lr', 'batchSize', 'schedule', 'validationSplit', 'patience'] as const).map((k) => [k, minibatch, 'only with --optimizer adam, sgd or momentum (lbfgs is full-batch, without a learning rate)'] as const),
      ]);
      if (f.out) checkOutputPath(f.out, '--out');
      const bar = new ProgressBar({ quiet: f.quiet || f.json });
      const report = await fitTabular({
        train: f.train, test: f.test, testSplit: f.testSplit, labelColumn: f.labelColumn, kind: f.kind,
        hidden: f.hidden, activation: f.activation, loss: f.loss, l2: f.l2, epochs: f.epochs, batchSize: f.batchSize,
        learningRate: f.lr, optimizer: f.optimizer, schedule: f.schedule, momentum: f.momentum,
        validationSplit: f.validationSplit, patience: f.patience, seed: f.seed, onProgress: (e) => bar.update(e),
      }).finally(() => bar.stop());
      if (f.out) saveTabularModel(f.out, report.model);
      const m = report.metrics;
      const { spec } = report.model;
      const last = report.fit.history.at(-1)!;
      if (!f.json) {
        printReport(`model ${spec.kind} ${layerSizes(spec).join('→')} (${parameterCount(layerSizes(spec))} parameters), ${report.trainRows} training rows, ${report.testRows} test rows`);
        const lb = report.fit.lbfgs;
        if (lb) printReport(`L-BFGS ${lb.stop === 'converged' ? 'converged' : lb.stop === 'max-iterations' ? 'stopped at the iteration limit (raise --epochs)' : 'stopped: no step lowers the loss (optimum at machine precision)'} after ${lb.iterations} iterations, largest gradient component ${lb.gradientNorm.toExponential(1)}, final training loss ${(last?.loss ?? NaN).toFixed(4)}`);
        else printReport(`epochs ${report.fit.history.length}${report.fit.stoppedEarly ? ' (stopped early)' : ''}, best epoch ${report.fit.bestEpoch}, final training loss ${last.loss.toFixed(4)}`);
        if ('accuracy' in m) printReport(`test accuracy ${(100 * m.accuracy).toFixed(2)}%`);
        else printReport(`test RMSE ${m.rmse.toFixed(4)}  R² ${Number.isFinite(m.r2) ? m.r2.toFixed(4) : 'undefined (the test targets are all equal)'}`);
        if (f.out) printReport(`model saved to ${f.out}`);
      }
      const out: Record<string, unknown> = { model: spec.kind, kind: spec.kind, ...(f.out ? { out: f.out } : {}), trainRows: report.trainRows, testRows: report.testRows, epochs: report.fit.history.length, ...m };
      if (report.fit.lbfgs) out.lbfgs = report.fit.lbfgs;
      if (f.json) printResult(JSON.stringify(out));
    });
}
