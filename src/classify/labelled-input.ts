import { LexnetError } from '../io/errors.js';
import type { LabelledData } from '../text/labelled.js';
import { normalized, tokensOf, WHITESPACE_TOKENS, WORD_TOKENS, type TextNormalization } from '../text/tokenize.js';

/** One labelled example given in code: a text (split by `tokenize`) or its tokens (taken as they are), and its label. */
export interface LabelledExample {
  text: string | readonly string[];
  label: string | number;
}

/** Labelled data as the classifier takes it: read from a file (LabelledData) or an array of examples. */
export type LabelledInput = LabelledData | readonly LabelledExample[];

/** A text split as a model records (a string by its tokenizer; tokens as they are), normalised as it records. */
export function splitText(text: string | readonly string[], n: TextNormalization = WHITESPACE_TOKENS): string[] {
  return typeof text === 'string' ? tokensOf(text, n) : normalized(text, n);
}

/**
 * LabelledData from either form, with how its strings were split (`normalization`): an array's
 * strings by `tokenize`, a reader's as the file wrote them (white space); tokens lower-cased with
 * `lowercase`. `name` names an array in error messages.
 */
export function labelledData(input: LabelledInput, name: string, lowercase = false): LabelledData {
  if (!Array.isArray(input)) {
    const d = input as LabelledData;
    if (d && Array.isArray(d.texts) && Array.isArray(d.labels)) {
      const n = { ...(d.normalization ?? WHITESPACE_TOKENS), lowercase: lowercase || (d.normalization?.lowercase ?? false) };
      return { ...d, texts: n.lowercase ? d.texts.map((t) => normalized(t, n)) : d.texts, normalization: n };
    }
    throw new LexnetError(`${name}: expected labelled data (readLabelled) or an array of { text, label }, got ${describe(input)}`, { option: name });
  }
  const n: TextNormalization = { ...WORD_TOKENS, lowercase };
  const out: LabelledData = { name, texts: [], labels: [], lines: [], normalization: n };
  (input as readonly LabelledExample[]).forEach((e, i) => {
    const ok = e !== null && typeof e === 'object' && (typeof e.text === 'string' || Array.isArray(e.text)) && (typeof e.label === 'string' || typeof e.label === 'number');
    if (!ok) throw new LexnetError(`${name}[${i}]: expected { text: string | string[], label: string }, got ${describe(e)}`, { option: name });
    const label = String(e.label);
    if (label === '') throw new LexnetError(`${name}[${i}]: an empty label`, { option: name });
    out.texts.push(splitText(e.text, n));
    out.labels.push(label);
    out.lines.push(i + 1);
  });
  return out;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  return Array.isArray(v) ? 'an array' : typeof v === 'object' ? JSON.stringify(v).slice(0, 80) : typeof v;
}
