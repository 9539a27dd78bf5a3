// The 2-D word map: points (PCA of unit vectors) in an SVG that zooms with the wheel or a pinch,
// pans by dragging, and names the word under the pointer in a tooltip. Dots and labels keep their
// size when zoomed; more labels appear as the view zooms in. Words the user added are drawn apart
// and labelled first.
import { svgElement } from './dom.js';

export interface MapPoint {
  word: string;
  x: number;
  y: number;
  /** A word the user added to the map (drawn apart, labelled first). */
  added?: boolean;
  /** For an added word: whether it is in the vocabulary (else its vector came from its n-grams). */
  known?: boolean;
}

const PAD = 24;

export class WordMap {
  private points: MapPoint[] = [];
  private k = 1;
  private tx = 0;
  private ty = 0;
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private circles: SVGCircleElement[] = [];
  private labels: SVGTextElement[] = [];
  private base: { sx: (x: number) => number; sy: (y: number) => number } = { sx: (x) => x, sy: (y) => y };
  /** The drawing's size in SVG units: the element's size in CSS pixels (at most 600 wide), so text keeps its size on a phone. */
  private W = 600;
  private H = 420;

  constructor(private readonly svg: SVGSVGElement, private readonly tooltip: HTMLElement) {
    svg.addEventListener('wheel', (e) => {
      e.preventDefault();
      const p = this.local(e.clientX, e.clientY);
      this.zoomAt(p.x, p.y, Math.exp(-e.deltaY * 0.0015));
    }, { passive: false });
    svg.addEventListener('pointerdown', (e) => {
      svg.setPointerCapture(e.pointerId);
      this.pointers.set(e.pointerId, this.local(e.clientX, e.clientY));
    });
    svg.addEventListener('pointermove', (e) => this.move(e));
    const up = (e: PointerEvent) => this.pointers.delete(e.pointerId);
    svg.addEventListener('pointerup', up);
    svg.addEventListener('pointercancel', up);
    svg.addEventListener('pointerleave', () => { this.tooltip.hidden = true; });
    svg.addEventListener('dblclick', () => { this.k = 1; this.tx = 0; this.ty = 0; this.layout(); });
  }

  /** Draws a new set of points (the most frequent first: they get labels first). */
  show(points: MapPoint[]): void {
    this.points = points;
    this.k = 1; this.tx = 0; this.ty = 0;
    const width = Math.round(this.svg.getBoundingClientRect().width) || 600;
    this.W = Math.min(600, Math.max(280, width));
    this.H = Math.round(this.W < 500 ? this.W * 1.1 : this.W * 0.7);
    this.svg.setAttribute('viewBox', `0 0 ${this.W} ${this.H}`);
    const { W, H } = this;
    const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
    const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
    const s = Math.min((W - 2 * PAD) / (maxX - minX || 1), (H - 2 * PAD) / (maxY - minY || 1));
    const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    this.base = { sx: (x) => W / 2 + (x - cx) * s, sy: (y) => H / 2 - (y - cy) * s };
    this.svg.replaceChildren();
    this.circles = points.map((p, i) => svgElement('circle', { r: p.added ? 4.5 : 3, 'data-word': p.word, 'data-index': i, ...(p.added ? { class: 'added' } : {}) }));
    this.labels = points.map((p) => svgElement('text', { dx: 4, dy: 3, ...(p.added ? { class: 'added' } : {}) }, p.word));
    this.svg.append(...this.circles, ...this.labels);
    this.layout();
  }

  /** SVG user coordinates of a client position. */
  private local(clientX: number, clientY: number): { x: number; y: number } {
    const r = this.svg.getBoundingClientRect();
    return { x: ((clientX - r.left) / r.width) * this.W, y: ((clientY - r.top) / r.height) * this.H };
  }

  private zoomAt(x: number, y: number, factor: number): void {
    const k = Math.min(40, Math.max(0.5, this.k * factor));
    const f = k / this.k;
    this.tx = x - (x - this.tx) * f;
    this.ty = y - (y - this.ty) * f;
    this.k = k;
    this.layout();
  }

  private move(e: PointerEvent): void {
    const p = this.local(e.clientX, e.clientY);
    const before = this.pointers.get(e.pointerId);
    if (!before) { this.hover(e, p); return; }
    if (this.pointers.size === 1) {
      this.tx += p.x - before.x;
      this.ty += p.y - before.y;
      this.pointers.set(e.pointerId, p);
      this.layout();
    } else if (this.pointers.size === 2) {
      const other = [...this.pointers.entries()].find(([id]) => id !== e.pointerId)![1];
      const d0 = Math.hypot(before.x - other.x, before.y - other.y), d1 = Math.hypot(p.x - other.x, p.y - other.y);
      this.pointers.set(e.pointerId, p);
      if (d0 > 0) this.zoomAt((p.x + other.x) / 2, (p.y + other.y) / 2, d1 / d0);
    }
  }

  /** The tooltip names the point nearest the pointer (within a few pixels). */
  private hover(e: PointerEvent, p: { x: number; y: number }): void {
    let best = -1, bestD = 12;
    this.points.forEach((_, i) => {
      const c = this.circles[i]!;
      const d = Math.hypot(Number(c.getAttribute('cx')) - p.x, Number(c.getAttribute('cy')) - p.y);
      if (d < bestD) { bestD = d; best = i; }
    });
    this.circles.forEach((c, i) => c.classList.toggle('hot', i === best));
    if (best < 0) { this.tooltip.hidden = true; return; }
    const r = this.svg.parentElement!.getBoundingClientRect();
    const point = this.points[best]!;
    this.tooltip.textContent = point.added
      ? `${point.word} (added${point.known ? '' : ': not in the vocabulary, placed by its n-grams'})`
      : `${point.word} (#${best + 1} by frequency)`;
    this.tooltip.style.left = `${e.clientX - r.left + 10}px`;
    this.tooltip.style.top = `${e.clientY - r.top - 26}px`;
    this.tooltip.hidden = false;
  }

  /**
   * Places every dot and label for the current zoom and pan. Labels go to added words, then to the
   * most frequent words, each only where it overlaps no label already placed (so zooming in reveals more).
   */
  private layout(): void {
    const boxes: [number, number, number, number][] = [];
    const order = this.points.map((_, i) => i).sort((a, b) => Number(this.points[b]!.added ?? false) - Number(this.points[a]!.added ?? false) || a - b);
    order.forEach((i) => {
      const p = this.points[i]!;
      const x = this.base.sx(p.x) * this.k + this.tx, y = this.base.sy(p.y) * this.k + this.ty;
      this.circles[i]!.setAttribute('cx', x.toFixed(1));
      this.circles[i]!.setAttribute('cy', y.toFixed(1));
      const t = this.labels[i]!;
      t.setAttribute('x', x.toFixed(1));
      t.setAttribute('y', y.toFixed(1));
      // the label's box, about 5.5 px a character at 9 px type, right of the dot
      const box: [number, number, number, number] = [x + 3, y - 6, x + 5 + 5.5 * p.word.length, y + 4];
      const inside = box[0] < this.W && box[2] > 0 && box[1] < this.H && box[3] > 0;
      const free = inside && !boxes.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]);
      if (free) boxes.push(box);
      t.style.display = free ? '' : 'none';
    });
  }
}
