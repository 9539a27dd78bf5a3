import { inputError, type LexnetError } from './errors.js';

/** A short description of a parsed JSON value (never recursive: it may be nested deeply). */
export function describeJson(v: unknown): string {
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object' && v !== null) return 'an object';
  const s = typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : String(v);
  return s;
}
const show = describeJson;

/**
 * Checks the fields of a model file's parsed JSON header before anything is built from it:
 * each failure is a LexnetError `file[:line]: damaged model header: field … expected …`.
 */
export class HeaderCheck {
  constructor(
    readonly path: string,
    readonly line: number | null = null,
  ) {}

  fail(problem: string): LexnetError {
    return inputError(this.path, this.line, `damaged model header: ${problem}`);
  }

  private expected(field: string, v: unknown, what: string): LexnetError {
    return this.fail(`"${field}" is ${v === undefined ? 'missing' : show(v)}, expected ${what}`);
  }

  object(v: unknown, field: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw this.expected(field, v, 'an object');
    return v as Record<string, unknown>;
  }

  int(v: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max) {
      throw this.expected(field, v, `a whole number ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`}`);
    }
    return v as number;
  }

  bool(v: unknown, field: string): boolean {
    if (typeof v !== 'boolean') throw this.expected(field, v, 'true or false');
    return v;
  }

  string(v: unknown, field: string): string {
    if (typeof v !== 'string') throw this.expected(field, v, 'a string');
    return v;
  }

  oneOf<T extends string>(v: unknown, field: string, values: readonly T[]): T {
    if (!values.includes(v as T)) throw this.expected(field, v, `one of ${values.join(', ')}`);
    return v as T;
  }

  /** A list of distinct strings (non-empty ones unless `allowEmpty`). */
  strings(v: unknown, field: string, { allowEmpty = false, distinct = true } = {}): string[] {
    if (!Array.isArray(v)) throw this.expected(field, v, 'a list of strings');
    const seen = new Set<string>();
    v.forEach((s, i) => {
      if (typeof s !== 'string' || (!allowEmpty && s === '')) throw this.expected(`${field}[${i}]`, s, 'a non-empty string');
      if (distinct && seen.has(s)) throw this.fail(`"${field}" holds ${show(s)} twice`);
      seen.add(s);
    });
    return v as string[];
  }

  /** A finite number from `min` to `max`. */
  number(v: unknown, field: string, min = -Number.MAX_VALUE, max = Number.MAX_VALUE): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw this.expected(field, v, min === -Number.MAX_VALUE && max === Number.MAX_VALUE ? 'a finite number' : max === Number.MAX_VALUE ? `a number ≥ ${min}` : `a number from ${min} to ${max}`);
    }
    return v;
  }

  /** A list of finite numbers, of the given length when one is given. */
  numbers(v: unknown, field: string, length?: number): number[] {
    if (!Array.isArray(v)) throw this.expected(field, v, 'a list of numbers');
    if (length !== undefined && v.length !== length) throw this.fail(`"${field}" has ${v.length} values, expected ${length}`);
    v.forEach((x, i) => { if (typeof x !== 'number' || !Number.isFinite(x)) throw this.expected(`${field}[${i}]`, x, 'a finite number'); });
    return v as number[];
  }

  /** A list of whole numbers ≥ min. */
  ints(v: unknown, field: string, min: number): number[] {
    if (!Array.isArray(v)) throw this.expected(field, v, `a list of whole numbers ≥ ${min}`);
    v.forEach((x, i) => this.int(x, `${field}[${i}]`, min));
    return v as number[];
  }
}

/**
 * The same checks on a training checkpoint's header (`file:2: damaged checkpoint: …`): a
 * checkpoint holds a model, and a resume refuses whatever the model's loader refuses.
 */
export class CheckpointCheck extends HeaderCheck {
  override fail(problem: string): LexnetError {
    return inputError(this.path, this.line, `damaged checkpoint: ${problem}`);
  }
}
