import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { checkOutputPath } from '../io/output-path.js';
import { checkTemporaryFolder } from '../io/temp-files.js';
import { writeVectors } from '../io/vector-file.js';
import { corpusFromSpec } from '../text/corpus.js';
import { WORD2VEC_LIMITS, WORD2VEC_LOSSES, WORD2VEC_MODELS, type Word2vecLoss, type Word2vecModel } from '../word2vec/options.js';
import { mostSimilar } from '../word2vec/similarity.js';
import { trainWord2vec } from '../word2vec/train.js';
import { epochs, floatIn, intIn, nonNegativeFloat, oneOf, positiveFloat, seed, threads } from './options.js';

interface Word2vecFlags {
  corpus: string; out: string; model: Word2vecModel; loss: Word2vecLoss; dim: number; window: number;
  negative: number; sample: number; minCount: number; epochs: number; alpha?: number; threads: number;
  seed: number; batchNegatives: boolean; lowercase?: boolean; quiet: boolean; json: boolean; show: string; tmpDir?: string;
}

export function registerWord2vec(program: Command): void {
  program
    .command('word2vec')
    .description('train word vectors (skip-gram or CBOW) and show the neighbours of a few common words')
    .option('--corpus <spec>', 'plain-text FILE (one sentence per line), `brown` (built in), `conll:FILE` (words of a CoNLL file), or several joined by commas', 'brown')
    .option('--out <file>', 'where to write the vectors: .bin binary, .txt/.vec text, - standard output (text)', 'vectors.bin')
    .option('--model <name>', WORD2VEC_MODELS.join('|'), oneOf(WORD2VEC_MODELS), 'skipgram')
    .option('--loss <name>', WORD2VEC_LOSSES.join('|'), oneOf(WORD2VEC_LOSSES), 'negative')
    .option('--dim <n>', 'vector size', intIn(1, WORD2VEC_LIMITS.dim), 100)
    .option('--window <n>', 'maximum context window (shrunk at random per word)', intIn(1, WORD2VEC_LIMITS.window), 5)
    .option('--negative <n>', 'negative samples per prediction', intIn(0, WORD2VEC_LIMITS.negative), 5)
    .option('--sample <t>', 'subsampling threshold for frequent words (0: off)', nonNegativeFloat, 1e-3)
    .option('--min-count <n>', 'drop words seen fewer times', intIn(1, WORD2VEC_LIMITS.minCount), 5)
    .option('--epochs <n>', 'passes over the corpus', epochs, 5)
    .option('--alpha <rate>', 'starting learning rate (default 0.025 skip-gram, 0.05 CBOW)', positiveFloat)
    .option('--threads <n>', 'worker threads', threads, Math.min(availableParallelism(), WORD2VEC_LIMITS.threads))
    .option('--seed <s>', 'random seed; with --threads 1 the run is bit-identical', seed, 1)
    .option('--no-batch-negatives', 'skip-gram: sample negatives per (context, centre) pair as word2vec.c does, instead of once per window')
    .option('--lowercase', 'lower-case the corpus (default for brown)')
    .option('--no-lowercase', 'keep the corpus\'s case')
    .option('--show <words>', 'comma-separated words whose neighbours are printed at the end', 'man,city,good,money,war')
    .option('--json', 'print a JSON summary on the last line', false)
    .option('--quiet', 'no progress bar', false)
    .option('--tmp-dir <dir>', 'folder for the temporary encoded corpus, 4 bytes per token (default: $TMPDIR or /tmp)')
    .action(async (f: Word2vecFlags) => {
      checkOutputPath(f.out, '--out');
      checkTemporaryFolder(f.tmpDir);
      const corpus = corpusFromSpec(f.corpus, f.lowercase);
      // with --out - the vectors go to standard output, so the report goes to standard error
      const print = (line: string): void => { if (f.out === '-') process.stderr.write(`${line}\n`); else console.log(line); };
      const say = (line: string): void => { if (!f.json) print(line); };
      const result = await trainWord2vec(corpus, {
        model: f.model, loss: f.loss, dim: f.dim, window: f.window, negative: f.negative, sample: f.sample,
        minCount: f.minCount, epochs: f.epochs, alpha: f.alpha, threads: f.threads, seed: f.seed, batchNegatives: f.batchNegatives,
        quiet: f.quiet || f.json, log: say, tmpDir: f.tmpDir,
      });
      writeVectors(f.out, result.vectors);
      say(`trained ${f.model}/${f.loss} on ${result.trainWords.toLocaleString('en-US')} words × ${f.epochs} epochs in ${result.seconds.toFixed(1)} s ` +
        `(${Math.round(result.wordsPerSecond).toLocaleString('en-US')} words/s, ${f.threads} threads), final loss ${result.finalLoss.toFixed(4)}`);
      say(`wrote ${result.vectors.size} vectors of dimension ${f.dim} to ${f.out}`);
      for (const w of f.show.split(',').map((s) => s.trim()).filter(Boolean)) {
        if (!result.vectors.index.has(w)) continue;
        const ns = mostSimilar(result.vectors, [w], [], { topn: 8 });
        say(`  ${w.padEnd(10)} ${ns.map((n) => `${n.word} (${n.similarity.toFixed(2)})`).join(', ')}`);
      }
      if (f.json) {
        print(JSON.stringify({ out: f.out, words: result.vectors.size, trainWords: result.trainWords, seconds: result.seconds, wordsPerSecond: result.wordsPerSecond, finalLoss: result.finalLoss }));
      }
    });
}
