import { LexnetError } from '../io/errors.js';
import type { LabelledData } from '../text/labelled.js';
import { shown } from '../options/declare.js';

/** One labelled example given in code: a text (split at white space) or its tokens, and its label. */
export interface LabelledExample {
  text: string | readonly string[];
  label: string | number;
}

/** Labelled data as the classifier takes it: read from a file (LabelledData) or an array of examples. */
export type LabelledInput = LabelledData | readonly LabelledExample[];

/** Splits a text at white space, as `lexnet classify` reads TSV sentences and plain lines. */
export function splitText(text: string | readonly string[]): string[] {
  return typeof text === 'string' ? text.trim().split(/\s+/).filter(Boolean) : [...text];
}

/** LabelledData from either form; `name` names an array in error messages. */
export function labelledData(input: LabelledInput, name: string): LabelledData {
  if (!Array.isArray(input)) {
    const d = input as LabelledData;
    if (d && Array.isArray(d.texts) && Array.isArray(d.labels)) return d;
    throw new LexnetError(`${name}: expected labelled data (readLabelled) or an array of { text, label }, got ${describe(input)}`, { option: name });
  }
  const out: LabelledData = { name, texts: [], labels: [], lines: [] };
  (input as readonly LabelledExample[]).forEach((e, i) => {
    const ok = e !== null && typeof e === 'object' && (typeof e.text === 'string' || Array.isArray(e.text)) && (typeof e.label === 'string' || typeof e.label === 'number');
    if (!ok) throw new LexnetError(`${name}[${i}]: expected { text: string | string[], label: string }, got ${describe(e)}`, { option: name });
    if (Array.isArray(e.text)) {
      const bad = (e.text as unknown[]).findIndex((t) => typeof t !== 'string');
      if (bad >= 0) throw new LexnetError(`${name}[${i}]: token ${bad + 1} of text must be a string, got ${shown((e.text as unknown[])[bad])}`, { option: name });
    }
    const label = String(e.label);
    if (label === '') throw new LexnetError(`${name}[${i}]: an empty label`, { option: name });
    out.texts.push(splitText(e.text));
    out.labels.push(label);
    out.lines.push(i + 1);
  });
  return out;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  return Array.isArray(v) ? 'an array' : typeof v === 'object' ? JSON.stringify(v).slice(0, 80) : typeof v;
}
