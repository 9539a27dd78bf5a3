import { textWidth } from './text-width.js';

/** A box in pixels: left, top, width, height. */
export interface Box { x: number; y: number; w: number; h: number }

/** Where a label went: the centre of its text box in pixels, and whether it was moved away from its point. */
export interface Placement { cx: number; cy: number; box: Box; displaced: boolean; overlaps: boolean }

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Places one label per point so that labels overlap neither each other nor the points, greedily
 * in the order given (put the most important first): right of the point, left, above, below,
 * the diagonals, then the same farther away. A label with no free place takes the place that
 * overlaps least (and is flagged). Everything stays inside the `width` × `height` plot.
 */
export function placeLabels(points: readonly { px: number; py: number; text: string }[], width: number, height: number, fontSize = 11, pointRadius = 3): Placement[] {
  const h = fontSize + 2;
  const obstacles: Box[] = points.map((p) => ({ x: p.px - pointRadius, y: p.py - pointRadius, w: 2 * pointRadius, h: 2 * pointRadius }));
  const placed: Box[] = [];
  return points.map((p) => {
    const w = textWidth(p.text, fontSize) + 2;
    let best: { box: Box; cost: number; ring: number } | null = null;
    for (const [ring, r] of [4, 12, 24, 40].entries()) {
      const gap = pointRadius + r;
      const candidates: [number, number][] = [
        [p.px + gap, p.py - h / 2], [p.px - gap - w, p.py - h / 2], [p.px - w / 2, p.py - gap - h], [p.px - w / 2, p.py + gap],
        [p.px + gap * 0.7, p.py - gap * 0.7 - h], [p.px - gap * 0.7 - w, p.py - gap * 0.7 - h], [p.px + gap * 0.7, p.py + gap * 0.7], [p.px - gap * 0.7 - w, p.py + gap * 0.7],
      ];
      for (const [x, y] of candidates) {
        const box = { x: Math.min(Math.max(x, 0), Math.max(width - w, 0)), y: Math.min(Math.max(y, 0), Math.max(height - h, 0)), w, h };
        let cost = 0;
        for (const o of obstacles) cost += overlap(box, o);
        for (const o of placed) cost += overlap(box, o);
        if (best === null || cost < best.cost) best = { box, cost, ring };
        if (cost === 0) break;
      }
      if (best!.cost === 0) break;
    }
    placed.push(best!.box);
    const { box } = best!;
    return { cx: box.x + box.w / 2, cy: box.y + box.h / 2, box, displaced: best!.ring > 0, overlaps: best!.cost > 0 };
  });
}
