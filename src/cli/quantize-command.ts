import type { Command } from 'commander';
import { LexnetError } from '../io/errors.js';
import { checkOutputPath } from '../io/output-path.js';
import { readFastTextClassifierFile } from '../io/fasttext-file.js';
import { readText } from '../io/read-text.js';
import { QUANTIZE_OPTIONS as Q } from '../fasttext/quantize-options.js';
import { quantizeClassifier } from '../fasttext/quantize.js';
import { fastTextClassifierBytes } from '../fasttext/classifier-file.js';
import { declaredOption } from './declared-flags.js';
import { ProgressBar } from './progress-bar.js';
import { report as printReport, printResult } from './stdout.js';

interface QuantizeFlags {
  model: string; out: string; dsub: number; qnorm: boolean; qout: boolean; cutoff: number; retrain: boolean; json: boolean; quiet: boolean;
  input?: string; epochs?: number; lr?: number; threads?: number; seed?: number;
}

/** A size in bytes as people read it (`6.1 MB`). */
function size(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

/** `lexnet classify quantize`: a fastText supervised `.bin` made a `.ftz`, as `fasttext quantize` makes it. */
export function registerQuantize(classify: Command): void {
  classify
    .command('quantize')
    .description('product-quantize a fastText supervised model (.bin from fasttext supervised) into a .ftz, as fasttext quantize does')
    .requiredOption('--model <file>', 'the fastText supervised model (.bin; - for standard input)')
    .requiredOption('--out <file>', 'the quantized model (.ftz), which fasttext predict and lexnet classify predict read')
    .addOption(declaredOption('--dsub <n>', Q.dsub))
    .option('--qnorm', Q.qnorm.doc, false)
    .option('--qout', Q.qout.doc, false)
    .addOption(declaredOption('--cutoff <n>', Q.cutoff))
    .option('--retrain', Q.retrain.doc, false)
    .option('--input <file>', 'retrain: the training data in fastText\'s format (`__label__x text` lines), usually the file the model was trained on')
    .addOption(declaredOption('--epochs <n>', { ...Q.epochs, default: undefined }, `${Q.epochs.doc} (default ${Q.epochs.default})`))
    .addOption(declaredOption('--lr <rate>', { ...Q.learningRate, default: undefined }, `${Q.learningRate.doc}`))
    .addOption(declaredOption('--threads <n>', { ...Q.threads, default: undefined }, `${Q.threads.doc} (default every core)`))
    .addOption(declaredOption('--seed <s>', { ...Q.seed, default: undefined }, `${Q.seed.doc} (default ${Q.seed.default})`))
    .option('--json', 'print a JSON summary on the last line', false)
    .option('--quiet', 'no progress or summaries (--json is still printed)', false)
    .action(async (f: QuantizeFlags) => {
      checkOutputPath(f.out, '--out');
      const model = readFastTextClassifierFile(f.model);
      if (model.quantized) throw new LexnetError(`${f.model}: the model is quantized already (a .ftz): quantize the .bin it was made from`);
      // the lines to retrain on, read only when they will be used (the library refuses --input without --retrain)
      const input = f.input === undefined ? undefined : f.retrain ? readText(f.input).split('\n') : [];
      if (input && input.at(-1) === '') input.pop();
      const bar = new ProgressBar({ quiet: f.quiet || f.json });
      const quantized = await quantizeClassifier(model, {
        dsub: f.dsub, qnorm: f.qnorm, qout: f.qout, cutoff: f.cutoff, retrain: f.retrain,
        input, epochs: f.epochs, learningRate: f.lr, threads: f.threads, seed: f.seed, onProgress: (e) => bar.update(e),
      })
        .finally(() => bar.stop());
      await quantized.save(f.out);
      const bytes = fastTextClassifierBytes(quantized), before = fastTextClassifierBytes(model);
      if (f.json) {
        printResult(JSON.stringify({ model: f.model, out: f.out, bytes, modelBytes: before, words: quantized.dictionary.nwords, inputRows: quantized.inputMatrix.rows }));
      } else if (!f.quiet) {
        printReport(`${f.out}: ${size(bytes)} (from ${size(before)}, ${(before / bytes).toFixed(1)}× smaller); ${quantized.inputMatrix.rows.toLocaleString('en-US')} input rows, ${quantized.dictionary.nwords.toLocaleString('en-US')} words`);
      }
    });
}
