import { refuseUnusedOptions } from './option-checks.js';
import { renamedOption } from './renamed-options.js';
import { UsageError } from './usage-error.js';
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { checkOutputPath } from '../io/output-path.js';
import { checkTemporaryFolder } from '../io/temp-files.js';
import { writeVectors } from '../io/vector-file.js';
import { writeFastTextModel } from '../io/fasttext-file.js';
import { corpusFromSpec } from '../text/corpus.js';
import { defaultWord2vecOptions, WORD2VEC_DEFAULTS, WORD2VEC_MODELS, WORD2VEC_OPTIONS as S, type Word2vecLoss, type Word2vecModel } from '../word2vec/options.js';
import type { DataOrder } from '../word2vec/data-order.js';
import { declaredOption, flagParser } from './declared-flags.js';
import { ProgressBar } from './progress-bar.js';
import { LexnetError } from '../io/errors.js';
import { checkpointFinished, readWord2vecCheckpoint, type Word2vecCheckpoint } from '../word2vec/checkpoint.js';
import { fileIdentity } from '../io/file-roles.js';
import { mostSimilar } from '../word2vec/similarity.js';
import { trainWord2vec } from '../word2vec/train.js';
import { checkSmallestModelFits } from '../word2vec/envelope.js';
import { preparePlots, writePlots } from './plots.js';
import { word2vecCurvesSpec } from '../plot/word2vec-charts.js';
import { fileLabel } from '../plot/style.js';
import { printResult, report } from './stdout.js';

interface Word2vecFlags {
  corpus: string; out: string; kind: Word2vecModel; loss: Word2vecLoss; dim: number; window: number;
  negative?: number; sample: number; minCount: number; epochs: number; alpha?: number; threads: number;
  seed: number; batchNegatives: boolean; skipSaturated: boolean; negativeWeight?: number; dataOrder?: DataOrder; lowercase?: boolean; quiet: boolean; json: boolean; show: string; tmpDir?: string;
  checkpoint?: string; checkpointEvery: number; resume?: string; plots?: string;
  subwords?: boolean; minn?: number; maxn?: number; bucket?: number; shards: number;
}

// checkpoint / resume (issue 10) ------------------------------------------------------------

/** What the CLI keeps in a checkpoint besides the training state, so `--resume FILE` alone continues the run. */
type CheckpointExtra = { corpus?: string; lowercase?: boolean; out?: string; checkpointEvery?: number };

/**
 * With --resume, options not given on the command line come from the checkpoint (training
 * options through the library, which refuses given ones that differ; the corpus, --lowercase,
 * --out and --checkpoint-every from what the CLI stored). Returns the checkpoint, or undefined.
 */
function applyResume(f: Word2vecFlags, cmd: Command): Word2vecCheckpoint | undefined {
  if (!f.resume) return undefined;
  const ck = readWord2vecCheckpoint(f.resume);
  const extra = ck.extra as CheckpointExtra;
  const given = (name: string): boolean => cmd.getOptionValueSource(name) === 'cli';
  if (!given('corpus') && typeof extra.corpus === 'string') f.corpus = extra.corpus;
  // a finished run is not trained again (its corpus is not read), so a different --corpus would be ignored silently
  if (given('corpus') && checkpointFinished(ck) && typeof extra.corpus === 'string' && !sameCorpus(f.corpus, extra.corpus)) {
    throw new LexnetError(`${f.resume}: the checkpoint's run is finished, on --corpus ${extra.corpus}; it cannot continue on --corpus ${f.corpus} (start a new run, or leave --corpus out to keep its vectors)`);
  }
  if (!given('lowercase') && typeof extra.lowercase === 'boolean') f.lowercase = extra.lowercase;
  if (!given('out') && typeof extra.out === 'string') f.out = extra.out;
  if (!given('checkpointEvery') && typeof extra.checkpointEvery === 'number') f.checkpointEvery = extra.checkpointEvery;
  const flags = f as unknown as Record<string, unknown>;
  for (const k of ['kind', 'loss', 'dim', 'window', 'negative', 'sample', 'minCount', 'epochs', 'alpha', 'threads', 'seed', 'batchNegatives', 'skipSaturated', 'negativeWeight', 'dataOrder', 'shards']) {
    if (!given(k)) flags[k] = undefined;
  }
  return ck;
}

/** Whether two --corpus specs name the same parts (files compared as files, `./a` as `a`). */
function sameCorpus(a: string, b: string): boolean {
  const parts = (spec: string): string[] => spec.split(',').map((s) => s.trim()).filter(Boolean);
  const key = (p: string): string => {
    const kind = p.startsWith('conll:') ? 'conll:' : '';
    const file = p.slice(kind.length);
    return file === 'brown' && !kind ? 'brown' : `${kind}${fileIdentity(file) ?? file}`;
  };
  const [x, y] = [parts(a).map(key), parts(b).map(key)];
  return x.length === y.length && x.every((k, i) => k === y[i]);
}

// -------------------------------------------------------------------------------------------

export function registerWord2vec(program: Command): void {
  program
    .command('word2vec')
    .description('train word vectors (skip-gram or CBOW) and show the neighbours of a few common words')
    .option('--corpus <spec>', 'plain-text FILE (one sentence per line; .gz, or - for standard input), `brown` (built in), `conll:FILE` (words of a CoNLL file), or several joined by commas', 'brown')
    .option('--out <file>', 'where to write the vectors: .bin binary, .txt/.vec text, - standard output (text)', 'vectors.bin')
    .addOption(declaredOption('--kind <name>', S.kind, WORD2VEC_MODELS.join('|')))
    .addOption(renamedOption('--model <name>', '--kind', flagParser(S.kind)))
    .addOption(declaredOption('--loss <name>', S.loss, S.loss.values.join('|')))
    .addOption(declaredOption('--dim <n>', S.dim))
    .addOption(declaredOption('--window <n>', S.window))
    .addOption(declaredOption('--negative <n>', S.negative))
    .addOption(declaredOption('--sample <t>', S.sample))
    .addOption(declaredOption('--min-count <n>', S.minCount))
    .addOption(declaredOption('--epochs <n>', S.epochs))
    .addOption(declaredOption('--alpha <rate>', S.learningRate))
    .addOption(declaredOption('--threads <n>', S.threads, 'worker threads'))
    .addOption(declaredOption('--seed <s>', S.seed, 'random seed; with --threads 1 the run is bit-identical'))
    .option('--no-batch-negatives', 'skip-gram: sample negatives per (context, centre) pair as word2vec.c does, instead of once per window')
    .option('--no-skip-saturated', 'word2vec.c\'s rule for pairs whose score |uᵀv| reaches 6: saturate σ and update, instead of gensim\'s skipping them')
    .addOption(declaredOption('--negative-weight <w>', S.negativeWeight))
    .addOption(declaredOption('--data-order <order>', S.dataOrder, `${S.dataOrder.values.join('|')} (default ${WORD2VEC_DEFAULTS.skipgramDataOrder} for skip-gram with batched negatives, no subwords and one memory; ${WORD2VEC_DEFAULTS.shardDataOrder} with --shards; else ${WORD2VEC_DEFAULTS.dataOrder})`))
    .option('--subwords', `fastText's subwords: each word is the mean of its own vector and its character n-grams' (--minn ${S.minn.default}, --maxn ${S.maxn.default}), so any word gets a vector; --out FILE.bin then writes fastText's FILE.bin and FILE.vec`)
    .addOption(declaredOption('--minn <n>', { ...S.minn, default: undefined }, `shortest character n-gram (implies --subwords; default ${S.minn.default})`))
    .addOption(declaredOption('--maxn <n>', { ...S.maxn, default: undefined }, `longest character n-gram (implies --subwords; default ${S.maxn.default})`))
    .addOption(declaredOption('--bucket <n>', { ...S.bucket, default: undefined }, `rows the n-grams are hashed into (implies --subwords; default ${S.bucket.default})`))
    .addOption(declaredOption('--shards <n>', S.shards))
    .option('--lowercase', 'lower-case the corpus (default for brown)')
    .option('--no-lowercase', 'keep the corpus\'s case')
    .option('--show <words>', 'comma-separated words whose neighbours are printed at the end', 'man,city,good,money,war')
    .option('--json', 'print a JSON summary on the last line', false)
    .option('--quiet', 'no progress, summaries or warnings (results and --json are still printed)', false)
    .option('--tmp-dir <dir>', 'folder for the temporary encoded corpus, 4 bytes per token (default: $TMPDIR or /tmp)')
        .option('--checkpoint <file>', 'save the training state to FILE (atomically) at the end of each epoch and every --checkpoint-every seconds')
    .addOption(declaredOption('--checkpoint-every <seconds>', S.checkpoint.options.everySeconds, 'longest time between two checkpoints (fractions allowed)'))
    .option('--resume <file>', 'continue the run saved in FILE (options not given are taken from it; it keeps being checkpointed there)')
    .option('--plots <dir>', 'write training-curves.svg here: the loss and the learning rate against epochs')
    .action(async (f: Word2vecFlags, cmd: Command) => {
      // checkpoint / resume
      const resumed = applyResume(f, cmd);
      const loss = resumed?.options.loss ?? f.loss, model = resumed?.options.model ?? f.kind;
      refuseUnusedOptions(cmd, [
        ['negative', loss === 'negative', 'only with --loss negative'],
        ['batchNegatives', model === 'skipgram' && loss === 'negative', 'only with --kind skipgram and --loss negative'],
        ['skipSaturated', loss !== 'softmax', 'only with --loss negative or hierarchical'],
      ]);
      const checkpointPath = f.checkpoint ?? f.resume;
      if (checkpointPath === undefined && cmd.getOptionValueSource('checkpointEvery') === 'cli') throw new UsageError('--checkpoint-every needs --checkpoint FILE (or --resume FILE)');
      if (checkpointPath !== undefined) {
        checkOutputPath(checkpointPath, '--checkpoint');
        if (resolve(checkpointPath) === resolve(f.out)) throw new UsageError(`--checkpoint ${checkpointPath} is also --out; give them different files`);
      }
      const extra: CheckpointExtra = { corpus: f.corpus, out: f.out, checkpointEvery: f.checkpointEvery, ...(f.lowercase !== undefined ? { lowercase: f.lowercase } : {}) };
      const checkpoint = checkpointPath === undefined ? undefined : { path: checkpointPath, everySeconds: f.checkpointEvery, extra };
      checkOutputPath(f.out, '--out');
      // with subwords, --out FILE.bin is fastText's model, and its .vec goes beside it (as fastText writes them)
      const subwords = resumed?.options.subwords === true || f.subwords === true || f.minn !== undefined || f.maxn !== undefined || f.bucket !== undefined;
      const vecOut = subwords && f.out.endsWith('.bin') ? `${f.out.slice(0, -'.bin'.length)}.vec` : undefined;
      if (vecOut !== undefined) checkOutputPath(vecOut, '--out');
      checkTemporaryFolder(f.tmpDir);
      if (f.plots) await preparePlots(f.plots, ['training-curves.svg']);
      // ---
      if (!resumed) {
        // --negative and --data-order default by the model (interleaved for skip-gram's batched negatives), as the library's
        const d = defaultWord2vecOptions(f.kind, subwords, { loss: f.loss, batchNegatives: f.batchNegatives, shards: f.shards, negative: f.negative });
        f.negative ??= d.negative;
        f.dataOrder ??= d.dataOrder;
        checkSmallestModelFits({ ...f, negative: f.negative }); // before the corpus is read (the vocabulary is checked once counted)
      }
      const corpus = corpusFromSpec(f.corpus, f.lowercase);
      // with --out - the vectors go to standard output, so the report goes to standard error (see report)
      const say = (line: string): void => { if (!f.json) report(line); };
      const bar = new ProgressBar({ quiet: f.quiet || f.json });
      let result;
      try {
        result = await trainWord2vec(corpus, {
          kind: f.kind, loss: f.loss, dim: f.dim, window: f.window, negative: f.negative, sample: f.sample,
          minCount: f.minCount, epochs: f.epochs, learningRate: f.alpha, threads: f.threads, seed: f.seed, batchNegatives: f.batchNegatives, skipSaturated: f.skipSaturated, negativeWeight: f.negativeWeight, dataOrder: f.dataOrder,
          subwords: f.subwords, minn: f.minn, maxn: f.maxn, bucket: f.bucket, shards: f.shards,
          log: (line) => { if (!f.json) bar.log(line); },
          onProgress: (e) => bar.update(e), tmpDir: f.tmpDir, checkpoint, resume: resumed,
        });
      } finally {
        bar.stop();
      }
      if (vecOut !== undefined && result.fastText) {
        writeFastTextModel(f.out, result.fastText);
        writeVectors(vecOut, result.vectors);
      } else writeVectors(f.out, result.vectors);
      const used = resumed?.options ?? { ...f, model: f.kind }; // with --resume, the options in force are the checkpoint's
      say(`wrote ${result.vectors.size} vectors of dimension ${result.vectors.dim} to ${f.out}${vecOut !== undefined ? ` (fastText's model, with ${result.fastText?.args.bucket} n-gram buckets) and ${vecOut}` : ''}`);
      if (f.plots && result.history.length === 0) say('plots: none (the resumed run had finished: nothing was trained)');
      else if (f.plots) {
        const on = f.corpus.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (s.startsWith('conll:') ? fileLabel(s.slice(6)) : fileLabel(s))).join(', ');
        const written = await writePlots(f.plots, [['training-curves.svg', word2vecCurvesSpec(result.history, `word2vec ${used.model}/${used.loss} on ${on}`)]]);
        say(`plots: ${written.join(', ')}`);
      }
      for (const w of f.show.split(',').map((s) => s.trim()).filter(Boolean)) {
        if (!result.vectors.index.has(w)) continue;
        const ns = mostSimilar(result.vectors, [w], [], { topn: 8 });
        say(`  ${w.padEnd(10)} ${ns.map((n) => `${n.word} (${n.similarity.toFixed(2)})`).join(', ')}`);
      }
      if (f.json) {
        printResult(JSON.stringify({ out: f.out, words: result.vectors.size, trainWords: result.trainWords, seconds: result.seconds, wordsPerSecond: result.wordsPerSecond, finalLoss: result.finalLoss, ...(result.threadSeconds ? { threadSeconds: result.threadSeconds, threadLossTerms: result.threadLossTerms } : {}) }));
      }
    });
}
