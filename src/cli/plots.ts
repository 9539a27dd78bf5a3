import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { checkOutputDir } from '../io/output-path.js';
import { renderSvg, requirePlotting, type ChartSpec } from '../plot/render.js';

/**
 * Before any work: the folder of `--plots DIR` can take `files`, and vega/vega-lite are installed
 * (a LexnetError saying what to install otherwise), so a run is not wasted on a missing package.
 */
export async function preparePlots(dir: string, files: readonly string[]): Promise<void> {
  checkOutputDir(dir, '--plots', files);
  await requirePlotting();
}

/** Renders each chart to DIR/name (atomically, creating DIR) and returns the paths written. */
export async function writePlots(dir: string, charts: readonly (readonly [name: string, spec: ChartSpec])[]): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, spec] of charts) {
    const path = join(dir, name);
    writeFileAtomic(path, await renderSvg(spec));
    written.push(path);
  }
  return written;
}
