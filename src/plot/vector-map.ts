import { BASE } from './style.js';
import { placeLabels } from './label-placement.js';
import type { ChartSpec } from './render.js';

/** A word at a point of a 2-D map. */
export interface MapPoint { word: string; x: number; y: number }

/**
 * A 2-D map of words (e.g. their vectors' first two principal components): a dot per word and
 * its label, placed so that labels do not overlap (moved labels get a thin leader line). Put
 * the most important words first: they get the best places.
 */
export function vectorMapSpec(points: readonly MapPoint[], o: { title: string; subtitle?: string; xTitle?: string; yTitle?: string; width?: number; height?: number; /** false: no tick labels (t-SNE's coordinates mean nothing) */ ticks?: boolean }): ChartSpec {
  const n = points.length;
  const width = o.width ?? Math.round(560 + 2 * Math.min(n, 200));
  const height = o.height ?? Math.round(0.75 * width);
  const fontSize = n > 150 ? 9 : n > 60 ? 10 : 11;
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const domain = (v: number[]): [number, number] => {
    const lo = Math.min(...v), hi = Math.max(...v);
    const pad = (hi - lo) * 0.08 || Math.abs(lo) * 0.1 || 1;
    return [lo - pad, hi + pad];
  };
  const [x0, x1] = n ? domain(xs) : [-1, 1], [y0, y1] = n ? domain(ys) : [-1, 1];
  const toPx = (p: MapPoint) => ({ px: ((p.x - x0) / (x1 - x0)) * width, py: height - ((p.y - y0) / (y1 - y0)) * height, text: p.word });
  const placements = placeLabels(points.map(toPx), width, height, fontSize);
  const fromPx = (px: number, py: number): [number, number] => [x0 + (px / width) * (x1 - x0), y0 + ((height - py) / height) * (y1 - y0)];
  const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);
  const values = points.map((p, i) => {
    const pl = placements[i]!, at = toPx(p);
    const [lx, ly] = fromPx(pl.cx, pl.cy);
    // a moved label gets a leader line from its point to the nearest edge of its text
    const [ex, ey] = fromPx(clamp(at.px, pl.box.x, pl.box.x + pl.box.w), clamp(at.py, pl.box.y, pl.box.y + pl.box.h));
    return { word: p.word, x: p.x, y: p.y, lx, ly, ex, ey, leader: pl.displaced };
  });
  const x = (field: string, title: string | null) => ({ field, type: 'quantitative', title, scale: { domain: [x0, x1], nice: false, zero: false }, axis: { grid: false, labels: o.ticks ?? true, ticks: o.ticks ?? true, tickCount: 8 } });
  const y = (field: string, title: string | null) => ({ field, type: 'quantitative', title, scale: { domain: [y0, y1], nice: false, zero: false }, axis: { grid: false, labels: o.ticks ?? true, ticks: o.ticks ?? true, tickCount: 8 } });
  return {
    ...BASE, width, height,
    title: o.subtitle ? { text: o.title, subtitle: o.subtitle } : o.title,
    data: { values },
    layer: [
      {
        transform: [{ filter: 'datum.leader' }],
        mark: { type: 'rule', color: '#aaaaaa', strokeWidth: 0.7 },
        encoding: { x: x('x', o.xTitle ?? null), y: y('y', o.yTitle ?? null), x2: { field: 'ex' }, y2: { field: 'ey' } },
      },
      { mark: { type: 'circle', size: 30, color: '#1f77b4', opacity: 0.8 }, encoding: { x: x('x', o.xTitle ?? null), y: y('y', o.yTitle ?? null), tooltip: [{ field: 'word' }] } },
      { mark: { type: 'text', fontSize, color: '#222222', align: 'center', baseline: 'middle' }, encoding: { x: x('lx', o.xTitle ?? null), y: y('ly', o.yTitle ?? null), text: { field: 'word' } } },
    ],
  };
}
