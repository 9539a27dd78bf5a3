import type { Command } from 'commander';
import { LexnetError } from '../io/errors.js';
import { checkOutputPath } from '../io/output-path.js';
import { readFastTextClassifierFile } from '../io/fasttext-file.js';
import { QUANTIZE_OPTIONS as Q } from '../fasttext/quantize-options.js';
import { quantizeClassifier } from '../fasttext/quantize.js';
import { fastTextClassifierBytes } from '../fasttext/classifier-file.js';
import { declaredOption } from './declared-flags.js';
import { ProgressBar } from './progress-bar.js';
import { report as printReport, printResult } from './stdout.js';

interface QuantizeFlags {
  model: string; out: string; dsub: number; qnorm: boolean; qout: boolean; cutoff: number; retrain: boolean; json: boolean; quiet: boolean;
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
    .option('--json', 'print a JSON summary on the last line', false)
    .option('--quiet', 'no progress or summaries (--json is still printed)', false)
    .action(async (f: QuantizeFlags) => {
      checkOutputPath(f.out, '--out');
      const model = readFastTextClassifierFile(f.model);
      if (model.quantized) throw new LexnetError(`${f.model}: the model is quantized already (a .ftz): quantize the .bin it was made from`);
      const bar = new ProgressBar({ quiet: f.quiet || f.json });
      const quantized = await quantizeClassifier(model, { dsub: f.dsub, qnorm: f.qnorm, qout: f.qout, cutoff: f.cutoff, retrain: f.retrain, onProgress: (e) => bar.update(e) })
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
