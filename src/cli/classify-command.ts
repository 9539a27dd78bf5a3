import { addJsonlOptions, maybeRunJsonl, type JsonlFlags } from './jsonl-options.js';
import { refuseUnusedOptions } from './option-checks.js';
import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { LexnetError } from '../io/errors.js';
import { checkOutputDir, checkOutputPath } from '../io/output-path.js';
import { readVectors } from '../io/vector-file.js';
import { keepNeededWords } from '../io/vector-keep.js';
import { labelIndices, predictIndices, predictProbabilities, writtenLabels, type ClassifierKind, type SentenceClassifier } from '../classify/classifier.js';
import { loadClassifier, saveClassifier } from '../classify/model-file.js';
import { resplit, tokensOf, WHITESPACE_TOKENS, type TextNormalization, type TokenizerChoice } from '../text/tokenize.js';
import { labelledData, surveyedNormalization, trainingNormalization } from '../classify/labelled-input.js';
import { CLASSIFIER_DEFAULTS as D, classifierCheckpointSettings, sweepL2, trainClassifier, trainSupervisedFile, type ClassifyResult, type SweepPoint } from '../classify/train.js';
import { ProgressBar } from './progress-bar.js';
import { resolve } from 'node:path';
import { givenOptions } from './given-options.js';
import { accuracyVsL2Spec, confusionSpec, renderSvg, requirePlotting, trainingCurvesSpec } from '../plot/charts.js';
import { fileLabel } from '../plot/style.js';
import { readLabelled, readSpamAssassin, readUnlabelled, type LabelledData } from '../text/labelled.js';
import { readLabelledIds } from '../text/labelled-ids.js';
import { readLines } from '../text/line-reader.js';
import { classificationReport, formatClassificationReport, type ClassificationReport } from '../train/metrics.js';
import { floatIn, intIn, l2OrSweep, nonNegativeInt, oneOf, positiveInt, seed } from './options.js';
import { CLASSIFY_OPTIONS as S } from '../classify/options.js';
import { READ_VECTORS_OPTIONS } from '../io/vector-format.js';
import { declaredOption, flagParser } from './declared-flags.js';
import { trainTestSplit } from '../io/dataset.js';
import { requireExamples } from './no-examples.js';
import { checkOneStdin } from './stdin-inputs.js';
import { warn } from './quiet.js';
import { renamedOption } from './renamed-options.js';
import { UsageError } from './usage-error.js';
import { printResult, report as printReport } from './stdout.js';
import { formatG, isFastTextFile, predictFastText, topK } from './fasttext-predict.js';
import type { FastTextClassifier } from '../fasttext/supervised-model.js';
import { registerClassifyTest } from './classify-test.js';
import { registerClassifyAutotune } from './classify-autotune.js';
import { registerQuantize } from './quantize-command.js';

/** `spam-assassin:train` / `spam-assassin:test`: the SpamAssassin corpus, split 80/20 with seed 1. */
function readData(spec: string, lines?: Iterable<[number, string]>, labelPrefix?: string): LabelledData {
  const m = /^spam-assassin(?::(train|test))?$/.exec(spec);
  if (!m) return readLabelled(spec, lines, labelPrefix);
  const all = readSpamAssassin();
  const { train, test } = trainTestSplit(all.texts.length, 0.2, 1);
  const pick = m[1] === 'test' ? test : m[1] === 'train' ? train : Int32Array.from(all.texts.keys());
  return { name: spec, texts: Array.from(pick, (i) => all.texts[i]!), labels: Array.from(pick, (i) => all.labels[i]!), lines: Array.from(pick, (i) => i + 1) };
}

function warnUnseen(c: { labels: readonly string[] }, data: LabelledData): void {
  const known = new Set(c.labels);
  const seen = new Set<string>();
  data.labels.forEach((l, i) => {
    if (!known.has(l) && !seen.has(l)) {
      seen.add(l);
      warn(`${data.name}:${data.lines[i]}: label "${l}" was not in the training data; its examples count as wrong`);
    }
  });
  data.texts.forEach((t, i) => {
    if (t.length === 0) warn(`${data.name}:${data.lines[i]}: empty sentence`);
  });
}

/** The classification report of `c` on `data`, from `predictions` when the training gave them (kind supervised: the kernels' top labels, no prediction again). */
function evaluate(c: SentenceClassifier, data: LabelledData, predictions?: Int32Array): ClassificationReport {
  return classificationReport(predictions ?? predictIndices(c, data.texts), labelIndices(c, data.labels), c.labels);
}

async function writePlot(dir: string, name: string, svg: Promise<string>): Promise<string> {
  const path = join(dir, name);
  writeFileAtomic(path, await svg);
  return path;
}

interface TrainFlags {
  train: string; dev?: string; vectors?: string; limit?: number; kind: ClassifierKind; l2: number | 'sweep'; epochs?: number; lr?: number; dim: number;
  bigrams: boolean; hidden?: number[]; dropout: number; pretrainedWords: number; seed: number; out: string; plots?: string; json: boolean; quiet: boolean;
  checkpoint?: string; resume?: string; tokenizer?: TokenizerChoice; lowercase?: boolean;
  loss: 'softmax' | 'ns' | 'hs' | 'ova'; wordNgrams: number; bucket: number; minn: number; maxn: number; minCount: number; minCountLabel: number; neg: number; threads: number; label: string;
}

/** How a model splits text, in a summary line. */
function describeNormalization(n: TextNormalization): string {
  const how = n.tokenizer === 'ptb-1' ? `Treebank tokens (ptb-1${n.escapes === false ? ', brackets and quotes as written' : ''})` : n.tokenizer === 'words-1' ? 'words (words-1)' : 'white space';
  return `text split at ${how}${n.lowercase ? ', lower-cased' : ''}; raw text is split the same way at prediction`;
}

/** Labelled texts read from a file (white-space tokens), split again as a model records. */
function asModelSplits(c: SentenceClassifier, data: LabelledData): LabelledData {
  const n = c.text ?? WHITESPACE_TOKENS;
  return n.tokenizer === 'whitespace' && !n.lowercase ? data : { ...data, texts: data.texts.map((t) => resplit(t, n)) };
}

export function registerClassify(program: Command): void {
  const classify = program.command('classify').description('sentence classification (sentiment, spam) from word vectors');

  classify
    .command('train')
    .description('train on labelled text: TSV with a `sentence` and a `label` column, fastText `__label__` lines, or `spam-assassin:train`')
    .requiredOption('--train <file>', 'training data (- for standard input)')
    .option('--dev <file>', 'development data (early stopping, the λ sweep, plots)')
    .option('--vectors <file>', 'word vectors (.bin, .txt, .vec, .gz of those, - for standard input): features of average/mlp, initial embeddings of fasttext')
    .addOption(declaredOption('--limit <n>', READ_VECTORS_OPTIONS.limit, 'read only the first N rows of --vectors'))
    .addOption(declaredOption('--kind <kind>', S.kind))
    .addOption(renamedOption('--model <kind>', '--kind', flagParser(S.kind)))
    .option('--l2 <lambda|sweep>', 'λ of (λ/2)‖W‖², or `sweep` to choose it on dev over a log grid', l2OrSweep, D.l2)
    .addOption(declaredOption('--epochs <n>', S.epochs))
    .addOption(declaredOption('--lr <rate>', S.learningRate))
    .addOption(declaredOption('--dim <n>', S.dim, 'fasttext embedding size without --vectors'))
    .option('--no-bigrams', 'fasttext: words only')
    .addOption(declaredOption('--hidden <sizes>', S.hidden))
    .addOption(declaredOption('--pretrained-words <n>', S.pretrainedWords, 'words of --vectors not in the training texts to keep (fasttext: in the vocabulary), most frequent first'))
    .addOption(declaredOption('--dropout <p>', S.dropout))
    .addOption(declaredOption('--seed <s>', S.seed))
    .addOption(declaredOption('--loss <name>', S.loss))
    .addOption(declaredOption('--word-ngrams <n>', S.wordNgrams))
    .addOption(declaredOption('--bucket <n>', S.bucket))
    .addOption(declaredOption('--minn <n>', S.minn))
    .addOption(declaredOption('--maxn <n>', S.maxn))
    .addOption(declaredOption('--min-count <n>', S.minCount))
    .addOption(declaredOption('--min-count-label <n>', S.minCountLabel))
    .addOption(declaredOption('--neg <n>', S.neg))
    .addOption(declaredOption('--threads <n>', S.threads))
    .addOption(declaredOption('--label <prefix>', S.labelPrefix, 'how fastText-format lines mark a label (fastText\'s -label; --kind supervised)'))
    .addOption(declaredOption('--tokenizer <name>', S.tokenizer))
    .option('--lowercase', 'lower-case every token, at training and (recorded in the model) at prediction (default when no training token has an upper-case letter)')
    .option('--no-lowercase', 'keep case, even when the training text has no upper case')
    .option('--out <file>', 'model file (--kind supervised: a name ending .bin is written as fastText\'s .bin)', 'classifier.model')
    .option('--plots <dir>', 'write accuracy-vs-l2.svg, training-curves.svg and confusion.svg here')
    .option('--json', 'print a JSON summary on the last line', false)
    .option('--quiet', 'no progress, summaries or warnings (results and --json are still printed)', false)
    .option('--checkpoint <file>', 'save the training state here after every epoch (default with --resume: the resumed file; sweeps: fasttext only)')
    .option('--resume <file>', 'continue the run (or fasttext --l2 sweep) saved in this checkpoint (options left out take its values)')
    .action(async (f: TrainFlags, cmd: Command) => {
      checkOneStdin([['--train', f.train], ['--dev', f.dev], ['--vectors', f.vectors]]);
      checkOutputPath(f.out, '--out');
      if (f.plots) checkOutputDir(f.plots, '--plots', ['training-curves.svg', 'accuracy-vs-l2.svg', 'confusion.svg']);
      if (f.plots) await requirePlotting(); // before training: a missing package is said at once
      // checkpoint / resume: with --resume, the options not given take the checkpoint's values
      const checkpoint = f.checkpoint ?? f.resume;
      if (checkpoint) checkOutputPath(checkpoint, '--checkpoint');
      if (checkpoint && resolve(checkpoint) === resolve(f.out)) throw new UsageError(`--checkpoint and --out both name ${f.out}; the model would overwrite the checkpoint`);
      const g = f.resume ? givenOptions(cmd, f) : f;
      if (f.resume) {
        const saved = classifierCheckpointSettings(f.resume);
        if (g.l2 === undefined) (f as { l2: unknown }).l2 = saved.sweep ? 'sweep' : saved.l2 ?? 0;
        if (g.kind === undefined) f.kind = saved.model;
      }
      const prefix = f.kind === 'supervised' ? f.label : undefined;
      // split and normalised as the model will record (Treebank tokens when the file looks written in them, lower case when it has no upper case)
      // kind supervised reads a fastText-format file straight into numbered lines (no string per token) when it can; the same model
      const asIds = f.kind === 'supervised' && f.train !== '-' && !/^spam-assassin(:|$)/.test(f.train) && !f.train.replace(/\.gz$/, '').endsWith('.tsv')
        && !f.vectors && !checkpoint && f.l2 !== 'sweep';
      const ids = asIds ? readLabelledIds(f.train, f.label, (survey) => surveyedNormalization(survey, { tokenizer: f.tokenizer, lowercase: f.lowercase }), { shared: f.threads !== 1 }) : null;
      const read = ids ? null : readData(f.train, undefined, prefix);
      const text = ids ? ids.normalization : trainingNormalization(read!, { tokenizer: f.tokenizer, lowercase: f.lowercase });
      const train = ids ?? labelledData(read!, f.train, text);
      const dev = f.dev ? labelledData(readData(f.dev, undefined, prefix), f.dev, text) : null;
      if (dev) requireExamples(dev.texts.length, f.dev!);
      // the rows of --vectors kept: the training words, and the first --pretrained-words others
      const pretrained = f.resume && g.pretrainedWords === undefined ? classifierCheckpointSettings(f.resume).pretrainedWords : f.pretrainedWords;
      const trainingWords = f.vectors && !ids ? new Set((train as LabelledData).texts.flat()) : null; // (only --vectors needs them)
      // with a fastText model with subwords, training words it lacks get vectors from their n-grams
      const vectors = f.vectors ? readVectors(f.vectors, { limit: f.limit, keep: keepNeededWords(trainingWords!, pretrained), composeWords: [...trainingWords!] }) : undefined;
      if (vectors) {
        const d = f.kind === 'fasttext' && f.dim !== 100 ? f.dim : vectors.dim;
        if (d !== vectors.dim) throw new LexnetError(`${f.vectors}: the vectors have dimension ${vectors.dim} but --dim is ${f.dim}`);
      }
      const say = (s: string): void => { if (!f.json) printReport(s); };
      const bar = new ProgressBar({ quiet: f.quiet || f.json });
      const base = {
        onProgress: (e: Parameters<ProgressBar['update']>[0]) => bar.update(e),
        kind: g.kind, vectors, epochs: g.epochs, learningRate: g.lr, dim: g.dim, bigrams: g.bigrams, hidden: g.hidden, dropout: g.dropout, pretrainedWords: g.pretrainedWords, seed: g.seed,
        checkpoint, resume: f.resume,
        ...(f.kind === 'supervised' ? {
          loss: f.loss, wordNgrams: f.wordNgrams, bucket: f.bucket, minn: f.minn, maxn: f.maxn, minCount: f.minCount, minCountLabel: f.minCountLabel, neg: f.neg, threads: f.threads,
          labelPrefix: f.label, // the other kinds' options reach the library (and its refusal) only when given
          ...Object.fromEntries((['bigrams', 'dropout', 'pretrainedWords'] as const).map((k) => [k, cmd.getOptionValueSource(k) === 'cli' ? g[k] : undefined])), ...(cmd.getOptionValueSource('dim') === 'cli' ? {} : { dim: undefined }),
          ...(cmd.getOptionValueSource('minn') === 'cli' ? {} : { minn: undefined }),
        } : {}),
      };
      let result: ClassifyResult;
      let sweep: { points: SweepPoint[]; bestL2: number } | null = null;
      if (f.l2 === 'sweep') {
        if (!dev) throw new UsageError('--l2 sweep chooses λ on the dev set: give --dev');
        const s = await sweepL2(train as LabelledData, dev, base, undefined, (p) => { if (!f.json) bar.log(`  λ ${String(p.l2).padEnd(22)} train ${(100 * p.trainAccuracy).toFixed(2)}%  dev ${(100 * p.devAccuracy).toFixed(2)}%`); })
          .finally(() => bar.stop());
        result = s.best;
        sweep = { points: s.points, bestL2: s.bestL2 };
        say(`chose λ = ${s.bestL2} on dev`);
      } else {
        const l2 = Number(f.l2);
        if (!Number.isFinite(l2) || l2 < 0) throw new LexnetError(`--l2 must be a number ≥ 0 or "sweep", got "${f.l2}"`);
        const options = { ...base, l2: g.l2 === undefined ? undefined : l2 };
        result = await (ids ? trainSupervisedFile(ids, dev, options) : trainClassifier(train as LabelledData, dev, options)).finally(() => bar.stop());
      }
      if (dev) warnUnseen(result.classifier, dev);
      // fastText's model named .bin is written as fastText writes it (fasttext predict and quantize read it); else lexnet's file
      if (result.classifier.kind === 'supervised' && /\.bin$/i.test(f.out)) await result.classifier.model.save(f.out);
      else saveClassifier(f.out, result.classifier);
      if (text.tokenizer !== 'whitespace' || text.lowercase) say(describeNormalization(text));
      if (result.coverage) {
        const c = result.coverage;
        say(`vectors cover ${c.tokens - c.unknownTokens} of ${c.tokens} training tokens (${c.unknownTokens} unknown); ${c.emptySentences} sentences have no known word`);
      }
      say(`${f.kind}: best epoch ${result.bestEpoch}, train accuracy ${(100 * result.trainAccuracy).toFixed(2)}%${result.devAccuracy !== null ? `, dev accuracy ${(100 * result.devAccuracy).toFixed(2)}%` : ''}`);
      const report = dev ? evaluate(result.classifier, dev, result.devPredictions) : null;
      if (report) say(formatClassificationReport(report));
      if (f.plots) {
        mkdirSync(f.plots, { recursive: true });
        const written = [await writePlot(f.plots, 'training-curves.svg', renderSvg(trainingCurvesSpec(result.history, `${f.kind} on ${fileLabel(train.name)}`)))];
        if (sweep) written.push(await writePlot(f.plots, 'accuracy-vs-l2.svg', renderSvg(accuracyVsL2Spec(sweep.points, `accuracy against λ (${f.kind})`))));
        if (report) written.push(await writePlot(f.plots, 'confusion.svg', renderSvg(confusionSpec(result.classifier.labels, report.confusion, `confusion on ${fileLabel(dev!.name)}`))));
        say(`plots: ${written.join(', ')}`);
      }
      say(`model saved to ${f.out}`);
      if (f.json) {
        printResult(JSON.stringify({ model: f.kind, kind: f.kind, out: f.out, trainAccuracy: result.trainAccuracy, devAccuracy: result.devAccuracy, bestEpoch: result.bestEpoch, l2: sweep?.bestL2 ?? Number(f.l2), sweep: sweep?.points ?? null, macroF1: report?.macroF1 ?? null, coverage: result.coverage }));
      }
    });

  classify
    .command('eval')
    .description('accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix')
    .requiredOption('--model <file>', 'model file')
    .requiredOption('--data <file>', 'labelled data (- for standard input, or spam-assassin:test)')
    .option('--plots <dir>', 'write confusion.svg here')
    .option('--json', 'print one JSON object', false)
    .option('--quiet', 'no progress, summaries or warnings (results and --json are still printed)', false)
    .action(async (f: { model: string; data: string; plots?: string; json: boolean }) => {
      if (f.plots) checkOutputDir(f.plots, '--plots', ['confusion.svg']);
      if (f.plots) await requirePlotting();
      const c = loadClassifier(f.model);
      const data = asModelSplits(c, readData(f.data));
      requireExamples(data.texts.length, f.data);
      warnUnseen(c, data);
      const r = evaluate(c, data);
      if (f.plots) {
        mkdirSync(f.plots, { recursive: true });
        await writePlot(f.plots, 'confusion.svg', renderSvg(confusionSpec(c.labels, r.confusion, `confusion on ${fileLabel(data.name)}`)));
      }
      printResult(f.json ? JSON.stringify(r) : formatClassificationReport(r));
    });

  addJsonlOptions(classify
    .command('predict')
    .description('print one predicted label per input line (the sentence column of a TSV, or plain lines), written as the training data wrote it (`__label__pos` for fastText lines)')
    .requiredOption('--model <file>', 'model file')
    .requiredOption('--data <file>', 'TSV with a sentence column, fastText lines, or plain text (- for standard input)')
    .option('--probabilities', 'print every label\'s probability after the label: `label<TAB>label1:p1 label2:p2 …` (fastText models: `label p` pairs, as `fasttext predict-prob`)', false)
    .option('--tokenized', 'plain lines are tokenized already: split them at white space only (else as the model records: its tokenizer and case)', false)
    .option('-k <n>', 'fastText models (.bin, .ftz): the k most probable labels per line (default 1)', topK)
    .option('--threshold <p>', 'fastText models: leave out labels less probable than p (default 0)', floatIn(0, 1))
    .option('--json', 'print one JSON object (the labels in "predictions", and with --probabilities one object of label → probability per line in "probabilities"; fastText models: lists of {label, probability} per line)', false)
    .option('--quiet', 'no progress, summaries or warnings (results and --json are still printed)', false), undefined,
  '; fastText models (.bin, .ftz): worker threads that predict past the first MiB of lines (default 1: the calling thread)')
    .action(async (f: { model: string; data: string; probabilities: boolean; json: boolean; tokenized: boolean; k?: number; threshold?: number } & JsonlFlags, cmd: Command) => {
      if (isFastTextFile(f.model)) { // told by its magic number: lid.176.ftz, fasttext supervised models
        if (f.format === 'jsonl') throw new UsageError(`--format jsonl is for lexnet classifiers; ${f.model} is a fastText model, which reads plain lines`);
        refuseUnusedOptions(cmd, [['onError', false, 'only with --format jsonl'], ['tokenized', false, 'fastText models split lines at white space, as fastText does']]);
        return predictFastText(f);
      }
      const topFlags = f.k !== undefined || f.threshold !== undefined;
      const refuseTop = () => new UsageError(`${f.k !== undefined ? '-k' : '--threshold'} applies to fastText models (.bin, .ftz, or a lexnet classifier of --kind supervised); ${f.model} is a lexnet classifier of another kind, which gives one label per line`);
      if (topFlags && f.format === 'jsonl') throw refuseTop();
      refuseUnusedOptions(cmd, [['probabilities', f.format !== 'jsonl', 'without --format jsonl (whose results hold the probabilities)'],
        ['tokenized', f.format !== 'jsonl', 'without --format jsonl (whose records give tokens as "tokens")']]);
      if (await maybeRunJsonl(cmd, f, { kind: 'classify', model: f.model }, f.data)) return;
      const c = loadClassifier(f.model);
      // the lines are read once, so that standard input can be tried as labelled data, then as plain lines
      const lines = /^spam-assassin(:|$)/.test(f.data) ? undefined : [...readLines(f.data)];
      // texts read from a file come as white-space tokens: split again as the model records (--tokenized: as they are)
      const split: TextNormalization = f.tokenized ? { ...WHITESPACE_TOKENS, lowercase: c.text?.lowercase ?? false } : c.text ?? WHITESPACE_TOKENS;
      let texts: string[][];
      try {
        texts = readData(f.data, lines).texts.map((t) => resplit(t, split));
      } catch (e) {
        if (!(e instanceof LexnetError) || !lines) throw e;
        // prediction needs no labels: a TSV's sentence column alone (other columns ignored), or plain lines
        const unlabelled = readUnlabelled(f.data, lines);
        texts = unlabelled.tsv ? unlabelled.texts.map((t) => resplit(t, split)) : plainLines(lines, split);
      }
      const names = writtenLabels(c);
      if (topFlags) {
        if (c.kind !== 'supervised') throw refuseTop();
        printTopLabels(c.model, names, texts, { k: f.k ?? 1, threshold: f.threshold ?? 0 }, f);
        return;
      }
      const pred = Array.from(predictIndices(c, texts), (k) => names[k]!);
      const probs = f.probabilities ? predictProbabilities(c, texts) : null;
      if (f.json) {
        const probabilities = probs?.map((p) => Object.fromEntries(names.map((n, k) => [n, p[k]!])));
        printResult(JSON.stringify({ model: f.model, data: f.data, predictions: pred, ...(probabilities ? { probabilities } : {}) }));
        return;
      }
      const out = probs ? pred.map((l, i) => `${l}\t${names.map((n, k) => `${n}:${probs[i]![k]!.toFixed(6)}`).join(' ')}`) : pred;
      if (out.length) printResult(out.join('\n'));
    });

  registerClassifyTest(classify, readData);
  registerClassifyAutotune(classify, readData);
  registerQuantize(classify);
}

/** The k most probable labels of each text (fastText's model inside a lexnet classifier), printed as `fasttext predict(-prob)` prints them, labels as the data wrote them. */
function printTopLabels(model: FastTextClassifier, names: readonly string[], texts: readonly (readonly string[])[], options: { k: number; threshold: number }, f: { model: string; data: string; probabilities: boolean; json: boolean }): void {
  const at = new Map(model.labels.map((l, i) => [l, i]));
  const all = texts.map((t) => model.predict(t.join(' '), options).map((p) => ({ label: names[at.get(p.label)!]!, probability: p.probability })));
  if (f.json) {
    printResult(JSON.stringify({ model: f.model, data: f.data, predictions: all }));
    return;
  }
  const out = all.map((p) => p.map((x) => (f.probabilities ? `${x.label} ${formatG(x.probability)}` : x.label)).join(' '));
  if (out.length) printResult(out.join('\n'));
}

/** Plain text, one example per line (empty lines included, so output lines match input lines), split as the model records. */
function plainLines(lines: Iterable<[number, string]>, n: TextNormalization): string[][] {
  const out: string[][] = [];
  for (const [, line] of lines) out.push(tokensOf(line, n));
  return out;
}
