import { LexnetError, type LexnetErrorOptions } from '../io/errors.js';
import { textWidth } from './text-width.js';
import { loadOptionalModule } from '../io/optional-package.js';

/**
 * A Vega-Lite specification as a plain object (https://vega.github.io/vega-lite/). Typed loosely
 * so that lexnet's declarations do not depend on vega-lite, which is an optional package.
 */
export type ChartSpec = Record<string, unknown>;

/** What to tell a user whose installation lacks the charting packages. */
export const PLOT_PACKAGES_MISSING = 'plots need the packages vega and vega-lite: npm install vega vega-lite';

/**
 * Imports a charting package on first use (never at `import 'lexnet'`). A package that is not
 * installed becomes a LexnetError that says what to install; other failures pass through.
 */
export async function loadPlotModule<T>(load: () => Promise<T>, missing = PLOT_PACKAGES_MISSING, options: LexnetErrorOptions = {}): Promise<T> {
  return loadOptionalModule(load, missing, options);
}

type Renderer = { vega: typeof import('vega'); vegaLite: typeof import('vega-lite') };
let loaded: Promise<Renderer> | undefined;

/** vega and vega-lite, imported once (not exported: lexnet's declarations must not name their types). */
function renderer(): Promise<Renderer> {
  loaded ??= loadPlotModule(async () => {
    const vega = await import('vega');
    // text widths for layout (chart size, label truncation and overlap) from our estimate, as vl-convert supplies its
    // own (this sets vega's module-wide textMetrics.width, for other users of vega in the process too)
    (vega as unknown as { textMetrics: { width: unknown } }).textMetrics.width = (item: { fontSize?: number; fontWeight?: string | number; limit?: number }, text?: unknown): number => {
      const w = textWidth(String(text ?? '').trim(), item.fontSize ?? 11, item.fontWeight === 'bold' || Number(item.fontWeight) >= 600);
      return item.limit !== undefined && item.limit > 0 ? Math.min(w, item.limit) : w;
    };
    return { vega, vegaLite: await import('vega-lite') };
  });
  loaded.catch(() => { loaded = undefined; }); // a later call may try again
  return loaded;
}

/**
 * Resolves once vega and vega-lite are loaded; rejects with a LexnetError when they are not
 * installed (the CLI calls it before training, so a missing package does not waste a run).
 */
export async function requirePlotting(): Promise<void> {
  await renderer();
}

/** Renders a Vega-Lite specification to an SVG document (headless, no canvas needed). */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const { vega, vegaLite } = await renderer();
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
