import { LexnetError } from '../io/errors.js';
import type { WordVectors } from '../io/word-vectors.js';
import { loadPlotModule } from './render.js';
import type { MapPoint } from './vector-map.js';
import { validateOptions, type OptionDeclaration } from '../options/declare.js';

/** The options of tsneWordMap. */
export const TSNE_OPTIONS = {
  perplexity: { type: 'number', min: 1, default: 10, doc: 'about the number of close neighbours; below a third of the number of words' },
  seed: { type: 'int', min: 0, max: 2 ** 32 - 1, default: 1, doc: 'random seed' },
  iterations: { type: 'int', min: 1, max: 100_000, default: 1000, doc: 'gradient steps' },
} as const satisfies OptionDeclaration;

/** The optional package whose t-SNE lexnet uses (maintained, no dependencies; LGPL-3.0-or-later). */
export const TSNE_PACKAGE = '@saehrimnir/druidjs';

/** The part of the package's API used here. */
interface TsneModule {
  TSNE: new (x: number[][], parameters: { perplexity: number; epsilon: number; d: number; seed: number }) => { transform(iterations: number): number[][] };
}

/**
 * The words' unit-length vectors laid out in 2-D by t-SNE (van der Maaten and Hinton, 2008), with
 * the optional package @saehrimnir/druidjs (a LexnetError saying how to install it when missing).
 * The perplexity must be below a third of the number of words.
 */
export async function tsneWordMap(vectors: WordVectors, words: readonly string[], o: { perplexity?: number; seed?: number; iterations?: number } = {}): Promise<MapPoint[]> {
  validateOptions(TSNE_OPTIONS, o, 'tsneWordMap');
  const perplexity = o.perplexity ?? 10, seed = o.seed ?? 1, iterations = o.iterations ?? 1000;
  if (!(perplexity >= 1 && 3 * perplexity < words.length)) {
    throw new LexnetError(`t-SNE's perplexity must be at least 1 and below a third of the number of words (${words.length}), got ${perplexity}; give more words or a smaller perplexity`);
  }
  const name = TSNE_PACKAGE; // a variable: the package is optional, so the compiler must not look for it
  const druid = await loadPlotModule(() => import(name) as Promise<TsneModule>, `t-SNE maps need the package ${TSNE_PACKAGE}: npm install ${TSNE_PACKAGE} (or use \`pcaWordMap\`)`, { mentions: ['pcaWordMap'] });
  const unit = vectors.normalized(), d = vectors.dim;
  const rows = words.map((w) => {
    const r = vectors.index.get(w);
    if (r === undefined) throw new LexnetError(`no vector for "${w}"`);
    return Array.from(unit.subarray(r * d, (r + 1) * d));
  });
  const y = new druid.TSNE(rows, { perplexity, epsilon: 10, d: 2, seed }).transform(iterations);
  const points = words.map((word, i) => ({ word, x: Number(y[i]![0]), y: Number(y[i]![1]) }));
  if (!points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))) throw new LexnetError('t-SNE did not converge (a coordinate is not a number); try another `perplexity` or `seed`', { mentions: ['perplexity', 'seed'] });
  return points;
}
