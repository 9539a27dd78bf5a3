/**
 * The width in pixels of `text` in DejaVu Sans / Helvetica at `fontSize`, estimated from
 * character classes (headless rendering has no font metrics; vega's own estimate, 0.8 em per
 * character, makes charts much wider than their text).
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    units += /[mwMW@%]/.test(ch) ? 0.88
      : /[iljtfrI.,'!:;|()[\]\s`]/.test(ch) ? 0.36
        : /[A-Z]/.test(ch) ? 0.7
          : ch.charCodeAt(0) > 0x2e80 ? 1 : 0.6;
  }
  return Math.ceil(units * fontSize * (bold ? 1.1 : 1));
}
