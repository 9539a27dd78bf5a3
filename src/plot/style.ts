import { basename } from 'node:path';

/** Settings shared by every lexnet chart: white background, readable type. */
export const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  background: 'white',
  padding: 8,
  config: {
    font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
    title: { fontSize: 15, subtitleFontSize: 12, anchor: 'start', offset: 10 },
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
    legend: { labelFontSize: 12, titleFontSize: 12 },
  },
} as const;

/** Train is always blue and dev always orange, in every chart and panel. */
export const SPLIT_COLOURS = { train: '#1f77b4', dev: '#ff7f0e' } as const;

/** The colour channel of a train/dev series, with its legend. */
export function splitColour(splits: readonly (keyof typeof SPLIT_COLOURS)[] = ['train', 'dev']): Record<string, unknown> {
  return {
    field: 'split', type: 'nominal', title: null,
    scale: { domain: [...splits], range: splits.map((s) => SPLIT_COLOURS[s]) },
    legend: { orient: 'right', symbolType: 'stroke', symbolStrokeWidth: 3, symbolSize: 300 },
  };
}

/** An x channel of whole epochs (ticks at integers only) from `first` to `last`. */
export function epochX(first: number, last: number, field = 'epoch'): Record<string, unknown> {
  const lo = Math.floor(first), hi = Math.max(Math.ceil(last), lo + 1);
  return {
    field, type: 'quantitative', title: 'epoch',
    scale: { domain: [lo, hi], nice: false },
    axis: { tickMinStep: 1, format: 'd', values: integerTicks(lo, hi) },
  };
}

/** At most ~12 integer tick values from lo to hi (every 1, 2, 5, 10, … epochs). */
export function integerTicks(lo: number, hi: number): number[] {
  const span = hi - lo;
  const step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find((s) => span / s <= 12) ?? Math.ceil(span / 12);
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push(v);
  return out;
}

/** A file named in a title: its base name (a full path is noise there); `-` is standard input. */
export function fileLabel(path: string): string {
  return path === '-' ? 'standard input' : basename(path);
}

/** A number as a short label: 1e-5, 3.16e-4, 0.01, 0.5, 1. */
export function shortNumber(x: number): string {
  if (x === 0) return '0';
  if (Math.abs(x) >= 0.01 && Math.abs(x) < 1e4) return String(Number(x.toPrecision(3)));
  const [m, e] = x.toExponential().split('e') as [string, string];
  return `${Number(Number(m).toPrecision(3))}e${Number(e)}`;
}
