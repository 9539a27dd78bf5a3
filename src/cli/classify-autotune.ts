import type { Command } from 'commander';
import { autotuneClassifier, type AutotuneOptions, type AutotuneQuantization } from '../classify/autotune.js';
import type { FastTextClassifier } from '../fasttext/supervised-model.js';
import { AUTOTUNE_OPTIONS as A } from '../classify/autotune-options.js';
import { saveClassifier } from '../classify/model-file.js';
import { CLASSIFY_OPTIONS as S } from '../classify/options.js';
import { checkOutputPath } from '../io/output-path.js';
import { valueProblem } from '../options/declare.js';
import type { LabelledData } from '../text/labelled.js';
import { declaredOption } from './declared-flags.js';
import { trialOption } from '../classify/autotune-options.js';
import type { OptionSpec } from '../options/declare.js';
import { topK } from './fasttext-predict.js';
import { requireExamples } from './no-examples.js';
import { ProgressBar } from './progress-bar.js';
import { checkOneStdin } from './stdin-inputs.js';
import { printResult } from './stdout.js';
import { givenOptions } from './given-options.js';
import { UsageError } from './usage-error.js';

interface AutotuneFlags {
  train: string; dev: string; duration: number; kind: AutotuneOptions['kind']; metric: string; k?: number; out: string;
  epochs?: number; lr?: number; dim?: number; bigrams?: boolean; seed: number; json: boolean; quiet: boolean; modelSize?: string; dsub?: number;
}

type ReadData = (spec: string) => LabelledData;

/** Flags of fastText's supervised options, added where the classifier declares them. */
const SUPERVISED_FLAGS = [['--word-ngrams <n>', 'wordNgrams'], ['--bucket <n>', 'bucket'], ['--minn <n>', 'minn'], ['--maxn <n>', 'maxn'], ['--loss <loss>', 'loss'], ['--threads <n>', 'threads']] as const;

/** The searched settings as flags of `lexnet classify train` (`--lr 0.2`, `--no-bigrams`; a true switch, the default, is left out), so the line can be pasted. */
export function asFlags(options: Record<string, number | boolean | string>): string {
  return Object.entries(options).filter(([, v]) => v !== true).map(([k, v]) => {
    const flag = k === 'learningRate' ? 'lr' : k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (v === false) return `--no-${flag}`;
    return `--${flag} ${typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v}`;
  }).join(' ');
}

/** How the best model was quantized, as `classify quantize` flags. */
function quantizeFlags(q: AutotuneQuantization): string {
  return [`--dsub ${q.dsub}`, q.qnorm ? '--qnorm' : '', q.qout ? '--qout' : '', q.retrain ? `--cutoff ${q.cutoff} --retrain` : ''].filter(Boolean).join(' ');
}

/** `lexnet classify autotune`: fastText's `-autotune-*` search on a dev set within a time budget; the best model is written. */
export function registerClassifyAutotune(classify: Command, readData: ReadData): void {
  const command = classify
    .command('autotune')
    .description('search a classifier\'s settings (epochs, learning rate, dim, n-grams…) on --dev within --duration seconds, as fastText\'s -autotune-*; writes the best model and prints its settings as classify train flags')
    .requiredOption('--train <file>', 'training data (- for standard input)')
    .requiredOption('--dev <file>', 'development data: every trial is scored on it')
    .addOption(declaredOption('--duration <seconds>', A.duration))
    .addOption(declaredOption('--kind <kind>', A.kind))
    .option('--metric <metric>', A.metric.doc, (v: string) => {
      const problem = valueProblem(A.metric, v);
      if (problem) throw new UsageError(`--metric ${problem}`);
      return v;
    }, A.metric.default)
    .option('-k <n>', A.k.doc, topK)
    .option('--model-size <size>', `${A.modelSize.doc}; the model is written as a .ftz`, (v: string) => {
      const problem = valueProblem(A.modelSize, v);
      if (problem) throw new UsageError(`--model-size ${problem}`);
      return v;
    })
    .addOption(declaredOption('--dsub <n>', A.dsub))
    .addOption(declaredOption('--epochs <n>', S.epochs, 'fix the epochs (not searched)'))
    .addOption(declaredOption('--lr <rate>', S.learningRate, 'fix the learning rate (not searched)'))
    .addOption(declaredOption('--dim <n>', { ...S.dim, default: undefined }, 'fix the embedding size (not searched)'))
    .option('--no-bigrams', 'words only (word n-grams not searched)')
    .addOption(declaredOption('--seed <s>', S.seed));
  // fastText's supervised options, where the classifier has them: given, they are fixed
  for (const [flag, name] of SUPERVISED_FLAGS) {
    const spec = trialOption(name);
    if (spec) command.addOption(declaredOption(flag, { ...spec, default: undefined } as OptionSpec, name === 'threads' ? spec.doc : `${spec.doc} (given: fixed, not searched)`));
  }
  command
    .option('--out <file>', 'model file (with --model-size: fastText\'s .ftz, classifier.ftz by default)', 'classifier.model')
    .option('--json', 'print a JSON summary (best options, dev score, every trial) on the last line', false)
    .option('--quiet', 'no progress or trial lines (the result and --json are still printed)', false)
    .action(async (f: AutotuneFlags, cmd: Command) => {
      checkOneStdin([['--train', f.train], ['--dev', f.dev]]);
      if (f.modelSize !== undefined) { // a quantized fastText model: written as fastText's .ftz
        if (cmd.getOptionValueSource('out') === 'default') f.out = 'classifier.ftz';
        else if (!/\.ftz$/i.test(f.out)) throw new UsageError(`--model-size writes a quantized fastText model (.ftz): name --out FILE.ftz, not ${f.out}`);
      }
      checkOutputPath(f.out, '--out');
      const given = givenOptions(cmd, f);
      const train = readData(f.train);
      const dev = readData(f.dev);
      requireExamples(train.texts.length, f.train);
      requireExamples(dev.texts.length, f.dev);
      const bar = new ProgressBar({ quiet: f.quiet || f.json });
      const supervised = Object.fromEntries(SUPERVISED_FLAGS.map(([, name]) => [name, (given as Record<string, unknown>)[name]]).filter(([, v]) => v !== undefined));
      const options: AutotuneOptions = {
        ...supervised,
        ...(f.modelSize !== undefined ? { modelSize: f.modelSize } : {}), ...(f.dsub !== undefined ? { dsub: f.dsub } : {}),
        duration: f.duration, kind: f.kind, metric: f.metric as AutotuneOptions['metric'], k: f.k, seed: f.seed,
        epochs: given.epochs, learningRate: given.lr, dim: given.dim, bigrams: given.bigrams,
        onProgress: (e) => {
          bar.update(e);
          if (e.trialScore !== undefined && !f.json) bar.log(`  trial ${e.trial}: ${e.trialScore === null ? (e.trialStatus === 'oversized' ? 'its quantized model does not fit --model-size' : 'did not finish') : `dev ${f.metric} ${e.trialScore.toFixed(4)}`}`);
        },
      };
      const r = await autotuneClassifier(train, dev, options).finally(() => bar.stop());
      if (r.quantize) await (r.model.classifier as { model: FastTextClassifier }).model.save(f.out);
      else saveClassifier(f.out, r.model.classifier);
      if (f.json) {
        printResult(JSON.stringify({ out: f.out, metric: r.metric, score: r.score, options: r.options, trials: r.trials, devAccuracy: r.model.devAccuracy, ...(r.quantize ? { quantize: r.quantize } : {}) }));
        return;
      }
      const best = r.trials.find((t) => t.score === r.score && t.options === r.options)!;
      const first = r.trials[0]!;
      printResult([
        `best: trial ${best.trial} of ${r.trials.length}: --kind ${r.model.classifier.kind} ${asFlags(r.options)}`,
        `dev ${r.metric}: ${r.score.toFixed(4)}${first.score !== null && best !== first ? ` (trial 1, the starting settings: ${first.score.toFixed(4)})` : ''}`,
        ...(r.quantize ? [`quantized: ${quantizeFlags(r.quantize)} (${r.quantize.bytes.toLocaleString('en-US')} bytes, at most ${f.modelSize})`] : []),
        `model saved to ${f.out}`,
      ].join('\n'));
    });
}
