// Small DOM helpers of the playground.

/** The element with this data-testid (the page's controls are found by these, as the tests do). */
export function byTestId<T extends Element = HTMLElement>(id: string): T {
  const e = document.querySelector<T & Element>(`[data-testid="${id}"]`);
  if (!e) throw new Error(`the page has no element data-testid="${id}"`);
  return e as T;
}

/** An HTML element with attributes and children. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes. */
export function svgElement<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A number with thousands separators. */
export const grouped = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Lets the browser download bytes (or a Blob) as a file. */
export function download(bytes: Uint8Array | Blob, name: string, type: string): void {
  const url = URL.createObjectURL(bytes instanceof Blob ? bytes : new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = element('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
