import { normalized, tokensOf, WHITESPACE_TOKENS, type TextNormalization } from './tokenize.js';

/**
 * One record of a JSON Lines stream (`--format jsonl`): a JSON object with an `id` (a string or
 * a finite number, written back as given) and the fields a command reads (`text` or `tokens`,
 * `word`, `features`). A line that is not such a record gives a problem, said the way an input
 * error says it after `file:line: `.
 */
export type RecordId = string | number;

/** A parsed record, or the problem that makes the line unusable. */
export type ParsedRecord = { id: RecordId; fields: Record<string, unknown> } | { problem: string };

/** What a JSON value is, in messages. */
export function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v === 'number' ? 'the number' : typeof v === 'boolean' ? 'the boolean' : typeof v} ${String(v)}`;
}

/** Parses one line (not blank) of a JSON Lines stream. */
export function parseRecord(line: string): ParsedRecord {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    return { problem: `not JSON (${(e as Error).message})` };
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { problem: `a record must be a JSON object such as {"id": 1, "text": "…"}, got ${describeJson(v)}` };
  const fields = v as Record<string, unknown>;
  if (!Object.hasOwn(fields, 'id')) return { problem: 'missing "id" (a string or a number)' };
  const id = fields.id;
  if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) return { problem: `"id" must be a string or a number, got ${describeJson(id)}` };
  return { id, fields };
}

/**
 * The tokens of a record that holds text: `text`, a string split as the model records (`n`;
 * default at white space), or `tokens`, an array of strings taken as they are (pre-tokenized
 * input; lower-cased when the model records it); exactly one of the two.
 */
export function recordTokens(fields: Record<string, unknown>, n: TextNormalization = WHITESPACE_TOKENS): string[] | { problem: string } {
  const hasText = Object.hasOwn(fields, 'text'), hasTokens = Object.hasOwn(fields, 'tokens');
  if (hasText && hasTokens) return { problem: 'give "text" or "tokens", not both' };
  if (hasText) {
    if (typeof fields.text !== 'string') return { problem: `"text" must be a string, got ${describeJson(fields.text)}` };
    return tokensOf(fields.text, n);
  }
  if (hasTokens) {
    const t = fields.tokens;
    if (!Array.isArray(t)) return { problem: `"tokens" must be an array of strings, got ${describeJson(t)}` };
    for (let i = 0; i < t.length; i++) {
      const w: unknown = t[i];
      if (typeof w !== 'string' || w === '' || /\s/.test(w)) return { problem: `"tokens"[${i}] must be a non-empty string without white space, got ${describeJson(w)}` };
    }
    return normalized(t as string[], n);
  }
  return { problem: 'missing "text" (a string) or "tokens" (an array of strings)' };
}
