import { refuseUnusedOptions } from './option-checks.js';
import { addJsonlOptions, maybeRunJsonl, type JsonlFlags } from './jsonl-options.js';
import type { Command } from 'commander';
import { givenOptions } from './given-options.js';
import { checkOutputPath } from '../io/output-path.js';
import { resolve } from 'node:path';
import { readVectors } from '../io/vector-file.js';
import { keepNeededWords } from '../io/vector-keep.js';
import { normalizeWord } from '../tagger/features.js';
import { LexnetError } from '../io/errors.js';
import { brownTaggedSplit } from '../text/brown-tagged.js';
import { readConll, type TaggedSentence } from '../text/conll.js';
import { readLines } from '../text/line-reader.js';
import { formatConfusion, formatConlleval, type ConllevalReport } from '../tagger/conlleval.js';
import { loadTagger, saveTagger } from '../tagger/model-file.js';
import { evaluateTagger, isChunkTagging, TAGGER_DEFAULTS as D, trainTagger } from '../tagger/train.js';
import { ProgressBar } from './progress-bar.js';
import { requireExamples, tokenCount } from './no-examples.js';
import { preparePlots, writePlots } from './plots.js';
import { taggerCurvesSpec } from '../plot/tagger-charts.js';
import { confusionSpec } from '../plot/charts.js';
import { fileLabel } from '../plot/style.js';
import { warn } from './quiet.js';
import { UsageError } from './usage-error.js';
import { tokensOf, WHITESPACE_TOKENS, type TokenizerChoice } from '../text/tokenize.js';
import { integer, intIn, nonNegativeInt, oneOf, positiveInt, seed, threads } from './options.js';
import { TAGGER_OPTIONS as S } from '../tagger/options.js';
import { READ_VECTORS_OPTIONS } from '../io/vector-format.js';
import { declaredOption } from './declared-flags.js';
import { printResult, report } from './stdout.js';

interface TrainFlags {
  train: string; dev?: string; vectors?: string; limit?: number; pretrainedWords: number; freezeVectors: boolean; tagColumn: number; window: number; dim: number;
  capsDim: number; affixDim: number; shapeDim: number; decoder: 'window' | 'crf'; wordDropout: number; hidden: number; output: 'softmax' | 'sigmoid'; entity?: string; epochs: number;
  batchSize: number; lr: number; l2: number; dropout: number; patience: number; seed: number; threads: number; out: string; json: boolean; quiet: boolean;
  checkpoint?: string; resume?: string; plots?: string; tokenizer?: TokenizerChoice;
}

/** `brown` names the tagged Brown corpus: every 10th document held out (`--dev brown`), the rest for training. */
function readTagged(spec: string, tagColumn: number, part: 'train' | 'test'): TaggedSentence[] {
  if (spec === 'brown') return brownTaggedSplit()[part];
  const data = readConll(spec, { tagColumn });
  requireExamples(tokenCount(data), spec);
  return data;
}

function reportJson(r: ConllevalReport): Record<string, unknown> {
  return {
    f1: r.overall.f1, precision: r.overall.precision, recall: r.overall.recall, tokenAccuracy: r.tokenAccuracy, tokens: r.tokens,
    types: Object.fromEntries(r.types.map((t) => [t.type, { f1: t.f1, precision: t.precision, recall: t.recall, gold: t.gold, predicted: t.predicted }])),
    confusion: r.confusion,
  };
}

function warnUnseenTags(data: readonly TaggedSentence[], known: readonly string[], file: string): void {
  const set = new Set(known);
  const unseen = new Map<string, number>();
  for (const s of data) s.tags.forEach((t, i) => { if (!set.has(t) && !unseen.has(t)) unseen.set(t, s.lines?.[i] ?? 0); });
  for (const [t, line] of unseen) warn(`${file}:${line}: tag "${t}" was never seen in training; its tokens count as wrong`);
}

export function registerTagger(program: Command): void {
  const tagger = program.command('tagger').description('window-based sequence tagger (named entities, part of speech)');

  tagger
    .command('train')
    .description('train on CoNLL-style column files (or `brown`), keeping the epoch with the best dev score')
    .requiredOption('--train <file|brown>', 'training data: `WORD … TAG` per line, blank line between sentences')
    .option('--dev <file|brown>', 'development data for early stopping and model selection')
    .option('--vectors <file>', 'initial word vectors (.bin, .txt, .vec, .gz of those, - for standard input)')
    .addOption(declaredOption('--limit <n>', READ_VECTORS_OPTIONS.limit, 'read only the first N rows of --vectors'))
    .option('--pretrained-words <n>', 'rows of --vectors kept besides the words of the training data (the first N others)', nonNegativeInt, D.pretrainedWords)
    .option('--freeze-vectors', 'keep the word vectors fixed', D.freezeWords)
    .option('--tag-column <n>', 'tag column, 0-based; negative counts from the end', integer, -1)
    .addOption(declaredOption('--window <n>', S.window, 'window size (odd)'))
    .addOption(declaredOption('--dim <n>', S.wordDim))
    .addOption(declaredOption('--caps-dim <n>', S.capsDim))
    .addOption(declaredOption('--affix-dim <n>', S.affixDim))
    .addOption(declaredOption('--shape-dim <n>', S.shapeDim))
    .addOption(declaredOption('--decoder <kind>', S.decoder, 'crf (sentence-level: learned tag transitions, Viterbi; needs --output softmax) | window (each token on its own; the default with --output sigmoid)'))
    .addOption(declaredOption('--word-dropout <p>', S.wordDropout, 'replace each word by the unknown word with this probability while training (words seen once: 0.5 always)'))
    .addOption(declaredOption('--hidden <n>', S.hidden))
    .addOption(declaredOption('--output <kind>', S.output, 'softmax (all tags) | sigmoid (one entity type, with --entity)'))
    .option('--entity <type>', 'entity type for --output sigmoid, e.g. PER')
    .addOption(declaredOption('--epochs <n>', S.epochs))
    .addOption(declaredOption('--batch-size <n>', S.batchSize))
    .addOption(declaredOption('--lr <rate>', S.learningRate))
    .addOption(declaredOption('--l2 <lambda>', S.l2))
    .addOption(declaredOption('--dropout <p>', S.dropout))
    .addOption(declaredOption('--patience <n>', S.patience))
    .addOption(declaredOption('--seed <s>', S.seed, 'random seed; with --threads 1 the run is bit-identical'))
    .addOption(declaredOption('--tokenizer <name>', S.tokenizer))
    .addOption(declaredOption('--threads <n>', S.threads, 'training threads (lock-free updates of shared weights)'))
    .option('--out <file>', 'model file', 'tagger.model')
    .option('--json', 'print a JSON summary on the last line', false)
    .option('--quiet', 'no progress, summaries or warnings (results and --json are still printed)', false)
    .option('--checkpoint <file>', 'save the training state here after every epoch (default with --resume: the resumed file)')
    .option('--resume <file>', 'continue the run saved in this checkpoint (options left out take its values)')
    .option('--plots <dir>', 'write training-curves.svg (loss and dev score per epoch) and, with --dev, confusion.svg (dev tags, true × predicted) here')
    .action(async (f: TrainFlags, cmd: Command) => {
      if (f.output === 'sigmoid' && !f.entity) throw new UsageError('--output sigmoid needs --entity TYPE (e.g. PER)');
      checkOutputPath(f.out, '--out');
      // checkpoint / resume: with --resume, the options not given take the checkpoint's values
      const checkpoint = f.checkpoint ?? f.resume;
      if (checkpoint) checkOutputPath(checkpoint, '--checkpoint');
      if (checkpoint && resolve(checkpoint) === resolve(f.out)) throw new LexnetError(`--checkpoint and --out both name ${f.out}; the model would overwrite the checkpoint`);
      if (f.plots) await preparePlots(f.plots, ['training-curves.svg', 'confusion.svg']);
      if (checkpoint && resolve(checkpoint) === resolve(f.out)) throw new UsageError(`--checkpoint and --out both name ${f.out}; the model would overwrite the checkpoint`);
      const g = f.resume ? givenOptions(cmd, f) : f;
      const train = readTagged(f.train, f.tagColumn, 'train');
      const dev = f.dev ? readTagged(f.dev, f.tagColumn, 'test') : null;
      const needed = new Set(train.flatMap((s) => s.words.map(normalizeWord)));
      // with a fastText model with subwords, training words it lacks get vectors from their n-grams
      const vectors = f.vectors ? readVectors(f.vectors, { limit: f.limit, keep: keepNeededWords(needed, f.pretrainedWords, normalizeWord), composeWords: [...needed] }) : undefined;
      const say = (s: string): void => { if (!f.json) report(s); };
      say(`training on ${train.length} sentences${dev ? `, selecting on ${dev.length} dev sentences` : ''}`);
      const scoreName = isChunkTagging(train.flatMap((s) => s.tags)) ? 'entity F1' : 'token accuracy';
      const bar = new ProgressBar({ quiet: f.quiet || f.json });
      const result = await trainTagger(train, dev, {
        config: { window: g.window, wordDim: g.dim, capsDim: g.capsDim, affixDim: g.affixDim, shapeDim: g.shapeDim, decoder: f.output === 'sigmoid' && cmd.getOptionValueSource('decoder') === 'default' ? 'window' : g.decoder, hidden: g.hidden, output: g.output, entityType: g.entity, freezeWords: g.freezeVectors },
        vectors, threads: g.threads, epochs: g.epochs, batchSize: g.batchSize, learningRate: g.lr, l2: g.l2, wordDropout: g.wordDropout, dropout: g.dropout, patience: g.patience, seed: g.seed,
        checkpoint, resume: f.resume, onProgress: (e) => bar.update(e), tokenizer: f.tokenizer,
        // the epoch lines go above the bar, never onto its line
        onEpoch: (e) => { if (!f.json) bar.log(`epoch ${e.epoch}: loss ${e.loss.toFixed(4)}, ${Math.round(e.tokensPerSecond)} tokens/s${e.devScore !== null ? `, dev ${scoreName} ${(100 * e.devScore).toFixed(2)}` : ''}`); },
      }).finally(() => bar.stop());
      saveTagger(f.out, result.model);
      if (result.model.text.tokenizer === 'ptb-1') say('tagger tag splits raw text into Treebank tokens (ptb-1: "does n\'t", "York ."), as the training words are written');
      if (vectors) say(`initialised ${result.vectorsMatched} of ${result.model.words.size} word vectors from ${f.vectors}`);
      const best = result.history[result.bestEpoch - 1]!;
      if (best.dev) say(`best epoch ${result.bestEpoch}:\n${formatConlleval(best.dev)}`);
      if (f.plots) {
        const charts: [string, Record<string, unknown>][] = [['training-curves.svg', taggerCurvesSpec(result.history, `tagger on ${fileLabel(f.train)}`, scoreName, result.bestEpoch)]];
        if (best.dev) charts.push(['confusion.svg', confusionSpec(best.dev.confusion.tags, best.dev.confusion.counts, `tag confusion on ${fileLabel(f.dev!)} (epoch ${result.bestEpoch})`, 'tag')]);
        say(`plots: ${(await writePlots(f.plots, charts)).join(', ')}`);
      }
      say(`model saved to ${f.out}`);
      if (f.json) printResult(JSON.stringify({ out: f.out, bestEpoch: result.bestEpoch, tokensPerSecond: best.tokensPerSecond, dev: best.dev ? reportJson(best.dev) : null }));
    });

  tagger
    .command('eval')
    .description('entity precision, recall and F1 (conlleval), token accuracy and the tag confusion matrix')
    .requiredOption('--model <file>', 'model file')
    .requiredOption('--data <file|brown>', 'tagged data')
    .option('--tag-column <n>', 'tag column, 0-based; negative counts from the end', integer, -1)
    .option('--json', 'print one JSON object', false)
    .option('--quiet', 'no progress, summaries or warnings (results and --json are still printed)', false)
    .action((f: { model: string; data: string; tagColumn: number; json: boolean }) => {
      const model = loadTagger(f.model);
      const data = readTagged(f.data, f.tagColumn, 'test');
      warnUnseenTags(data, model.tags, f.data);
      const r = evaluateTagger(model, data);
      if (f.json) printResult(JSON.stringify(reportJson(r)));
      else printResult(`${formatConlleval(r)}\n\nconfusion (rows gold, columns predicted):\n${formatConfusion(r)}`);
    });

  tagger
    .command('predict')
    .description('print `WORD GOLD PRED` per token, blank lines between sentences (conlleval\'s input)')
    .requiredOption('--model <file>', 'model file')
    .requiredOption('--data <file|brown>', 'tagged data')
    .option('--tag-column <n>', 'tag column, 0-based; negative counts from the end', integer, -1)
    .option('--json', 'print one JSON object: "sentences", each with its "words", "gold" and "predicted" tags', false)
    .option('--quiet', 'no progress, summaries or warnings (results and --json are still printed)', false)
    .action((f: { model: string; data: string; tagColumn: number; json: boolean }) => {
      const model = loadTagger(f.model);
      const data = readTagged(f.data, f.tagColumn, 'test');
      warnUnseenTags(data, model.tags, f.data);
      const out: string[] = [];
      const sentences: { words: string[]; gold: string[]; predicted: string[] }[] = [];
      for (const s of data) {
        const pred = model.tagSentence(s.words);
        if (f.json) sentences.push({ words: s.words, gold: s.tags, predicted: pred });
        else s.words.forEach((w, i) => out.push(`${w} ${s.tags[i]} ${pred[i]}`));
        out.push('');
      }
      if (f.json) printResult(JSON.stringify({ model: f.model, data: f.data, sentences }));
      else printResult(out.join('\n'));
    });

  addJsonlOptions(tagger
    .command('tag')
    .description('tag plain text, one sentence per line (split by the model\'s tokenizer: "York." is two tokens): word/TAG per token')
    .requiredOption('--model <file>', 'model file')
    .option('--data <file>', 'text to tag (`-`: standard input; .gz is inflated)', '-')
    .option('--tokenized', 'the text is tokenized already: split it at white space only', false)
    .option('--json', 'print one JSON object: "sentences", each with its "words" and "tags" (held in memory, unlike the streamed lines)', false)
    .option('--quiet', 'no progress, summaries or warnings (results and --json are still printed)', false))
    .action(async (f: { model: string; data: string; json: boolean; tokenized: boolean } & JsonlFlags, cmd: Command) => {
      refuseUnusedOptions(cmd, [['tokenized', f.format !== 'jsonl', 'without --format jsonl (whose records give tokens as "tokens")']]);
      if (await maybeRunJsonl(cmd, f, { kind: 'tag', model: f.model }, f.data)) return;
      const model = loadTagger(f.model);
      const split = f.tokenized ? WHITESPACE_TOKENS : model.text;
      // streamed through the common reader: strict UTF-8, NUL bytes refused, gzip, bounded memory
      const out: string[] = [];
      const sentences: { words: string[]; tags: string[] }[] = [];
      const flush = (): void => { if (out.length) printResult(out.splice(0).join('\n')); };
      for (const [lineNo, line] of readLines(f.data)) {
        const words = tokensOf(line, split);
        const tags = words.length ? model.tagSentence(words) : [];
        if (words.length === 0) warn(`${f.data === '-' ? 'stdin' : f.data}:${lineNo}: empty sentence`);
        if (f.json) sentences.push({ words, tags });
        else out.push(words.map((w, k) => `${w}/${tags[k]}`).join(' '));
        if (out.length >= 1024) flush();
      }
      flush();
      if (f.json) printResult(JSON.stringify({ model: f.model, data: f.data, sentences }));
    });
}

