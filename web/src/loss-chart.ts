// The live loss curve: an SVG line of (share of training done, loss), redrawn as points arrive.
import { svgElement } from './dom.js';

const W = 400, H = 140, LEFT = 40, RIGHT = 8, TOP = 8, BOTTOM = 22;

export class LossChart {
  private points: [number, number][] = [];
  private frame = 0;

  constructor(private readonly svg: SVGSVGElement) {
    this.draw();
  }

  clear(): void {
    this.points = [];
    this.draw();
  }

  /** Adds a point (x: the share of training done, in [0, 1]); redraws at most once a frame. */
  add(x: number, loss: number): void {
    if (!Number.isFinite(loss)) return;
    this.points.push([x, loss]);
    if (!this.frame) this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(); });
  }

  private draw(): void {
    const s = this.svg;
    s.replaceChildren();
    const x0 = LEFT, x1 = W - RIGHT, y0 = H - BOTTOM, y1 = TOP;
    s.append(svgElement('line', { class: 'axis', x1: x0, y1: y0, x2: x1, y2: y0 }), svgElement('line', { class: 'axis', x1: x0, y1: y0, x2: x0, y2: y1 }));
    s.append(svgElement('text', { x: (x0 + x1) / 2, y: H - 4, 'text-anchor': 'middle' }, 'training progress'));
    if (this.points.length === 0) {
      s.append(svgElement('text', { x: (x0 + x1) / 2, y: (y0 + y1) / 2, 'text-anchor': 'middle' }, 'loss per prediction appears here while training'));
      return;
    }
    let lo = Infinity, hi = -Infinity;
    for (const [, y] of this.points) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
    if (hi - lo < 1e-9) { hi += 0.5; lo -= 0.5; }
    const px = (x: number) => x0 + x * (x1 - x0);
    const py = (y: number) => y0 - ((y - lo) / (hi - lo)) * (y0 - y1);
    s.append(svgElement('polyline', { class: 'curve', points: this.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ') }));
    if (this.points.length === 1) s.append(svgElement('circle', { cx: px(this.points[0]![0]), cy: py(this.points[0]![1]), r: 2.5, fill: 'currentColor' }));
    s.append(svgElement('text', { x: x0 - 4, y: y1 + 8, 'text-anchor': 'end' }, hi.toFixed(2)));
    s.append(svgElement('text', { x: x0 - 4, y: y0, 'text-anchor': 'end' }, lo.toFixed(2)));
    s.append(svgElement('text', { x: x0 + 4, y: y1 + 8 }, 'loss'));
    s.append(svgElement('text', { x: x1, y: y0 + 12, 'text-anchor': 'end' }, '100%'));
  }
}
