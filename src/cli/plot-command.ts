import type { Command } from 'commander';
import { resolve } from 'node:path';
import { LexnetError } from '../io/errors.js';
import { checkOutputPath } from '../io/output-path.js';
import { readVectors } from '../io/vector-file.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { renderSvg, requirePlotting } from '../plot/render.js';
import { fileLabel } from '../plot/style.js';
import { vectorMapSpec } from '../plot/vector-map.js';
import { chooseWords, pcaWordMap } from '../plot/word-map.js';
import { tsneWordMap } from '../plot/tsne-map.js';
import { refuseUnusedOptions } from './option-checks.js';
import { floatIn, intIn, oneOf, positiveInt, seed } from './options.js';
import { report } from './stdout.js';

/** The most words a map takes (beyond that the labels cannot be read). */
const MAX_WORDS = 1000;

interface VectorsFlags { words?: string; top: number; method: 'pca' | 'tsne'; limit?: number; out: string; perplexity: number; seed: number }

export function registerPlot(program: Command): void {
  const plot = program.command('plot').description('charts of saved models and vectors (SVG, Vega-Lite)');

  plot
    .command('vectors')
    .description('a 2-D map of word vectors (PCA, or t-SNE with the optional package @saehrimnir/druidjs), labelled, as SVG')
    .argument('<file>', 'vectors (.bin, .txt, .vec, .gz of those, - for standard input)')
    .option('--words <list>', 'comma-separated words to draw (default: the --top most frequent)')
    .option('--top <n>', `draw the first N words of the file, the most frequent ones (at most ${MAX_WORDS})`, intIn(2, MAX_WORDS), 100)
    .option('--method <m>', 'pca|tsne', oneOf(['pca', 'tsne'] as const), 'pca')
    .option('--perplexity <p>', 't-SNE perplexity (about the number of close neighbours), below the number of words', floatIn(1, 100), 10)
    .option('--seed <s>', 't-SNE random seed', seed, 1)
    .option('--limit <n>', 'read only the first N vectors of the file', positiveInt)
    .requiredOption('--out <file.svg>', 'the SVG file to write (- for standard output)')
    .action(async (file: string, f: VectorsFlags, cmd: Command) => {
      refuseUnusedOptions(cmd, [
        ['top', f.words === undefined, 'only without --words'],
        ['perplexity', f.method === 'tsne', 'only with --method tsne'],
        ['seed', f.method === 'tsne', 'only with --method tsne'],
      ]);
      if (f.out !== '-' && !f.out.toLowerCase().endsWith('.svg')) throw new LexnetError(`--out ${f.out}: the map is written as SVG; give a name ending in .svg`);
      checkOutputPath(f.out, '--out');
      if (file !== '-' && f.out !== '-' && resolve(file) === resolve(f.out)) throw new LexnetError(`--out ${f.out} is also the vectors file; give another name`);
      await requirePlotting();
      const asked = f.words?.split(',').map((w) => w.trim()).filter(Boolean);
      if (asked !== undefined && asked.length === 0) throw new LexnetError(`--words "${f.words}" names no word: give words joined by commas`);
      if (asked !== undefined && asked.length > MAX_WORDS) throw new LexnetError(`--words lists ${asked.length} words; a map takes at most ${MAX_WORDS}`);
      // without --words only the first --top rows are needed
      const vectors = readVectors(file, { limit: asked === undefined ? Math.min(f.top, f.limit ?? Infinity) : f.limit });
      const words = chooseWords(vectors, asked, f.top, file === '-' ? 'standard input' : file);
      const name = fileLabel(file);
      let spec;
      if (f.method === 'pca') {
        const { points, explainedRatio } = pcaWordMap(vectors, words);
        const pct = (r: number): string => `${(100 * r).toFixed(1)}%`;
        spec = vectorMapSpec(points, {
          title: `${words.length} words of ${name} (PCA)`,
          subtitle: `unit-length vectors of dimension ${vectors.dim} on their first two principal components (${pct(explainedRatio[0]!)} and ${pct(explainedRatio[1]!)} of the variance)`,
          xTitle: `PC1 (${pct(explainedRatio[0]!)})`, yTitle: `PC2 (${pct(explainedRatio[1]!)})`,
        });
      } else {
        const points = await tsneWordMap(vectors, words, { perplexity: f.perplexity, seed: f.seed });
        spec = vectorMapSpec(points, {
          title: `${words.length} words of ${name} (t-SNE)`,
          subtitle: `perplexity ${f.perplexity}, seed ${f.seed}, unit-length vectors; t-SNE keeps neighbours close, distances between clusters mean little`,
          ticks: false,
        });
      }
      writeFileAtomic(f.out, await renderSvg(spec));
      if (f.out !== '-') report(`wrote a map of ${words.length} words to ${f.out}`);
    });
}
