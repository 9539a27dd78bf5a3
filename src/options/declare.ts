import { LexnetError, optionError } from '../io/errors.js';

/**
 * One declaration per model of its options: name, type, range, default and doc. The library
 * checks every call against it (validateOptions), the CLI builds its flags' parsers, ranges and
 * defaults from it (src/cli/declared-flags.ts), and the API reference documents it. Platform-neutral.
 */
/** What every option declares. */
interface Common {
  /** One line for the reference and the CLI's help. */
  doc: string;
  /** The default, when there is one value (kind-dependent defaults are said in `doc`). */
  default?: unknown;
  /** The default in words, where its value depends on the machine (threads: every core). */
  defaultText?: string;
}

/** A whole number in [min, max] (max default: the largest safe integer), optionally odd or a multiple of a step. */
export interface IntSpec extends Common {
  type: 'int';
  min: number;
  max?: number;
  odd?: boolean;
  multipleOf?: { step: number; why: string };
}

/** A finite number in the range from min to max (either end open). */
export interface NumberSpec extends Common {
  type: 'number';
  min?: number;
  max?: number;
  minOpen?: boolean;
  maxOpen?: boolean;
}

/** A list of whole numbers, each in [min, max] (layer sizes). */
export interface IntListSpec extends Common {
  type: 'ints';
  min: number;
  max: number;
  /** Most items (default 100). */
  maxItems?: number;
}

/** One of the given strings. */
export interface EnumSpec extends Common {
  type: 'enum';
  values: readonly string[];
}

/** true or false. */
export interface BooleanSpec extends Common { type: 'boolean' }
/** Any string (a path, a name). */
export interface StringSpec extends Common { type: 'string' }
/** A function (a callback). */
export interface FunctionSpec extends Common { type: 'function' }

/** Any other value: `what` names what it must be; `check` tells it (an AbortSignal, WordVectors…). */
export interface ValueSpec extends Common {
  type: 'value';
  what: string;
  check: (v: unknown) => boolean;
}

/** An object of options with its own declaration (tagger `config`, word2vec `checkpoint`). */
export interface NestedSpec extends Common {
  type: 'nested';
  options: OptionDeclaration;
  /** Name the inner options `outer.inner` (checkpoint.everySeconds) rather than by their own names (hidden). */
  qualified: boolean;
  /** Also accepted instead of the object (a checkpoint path). */
  or?: OptionSpec;
}

/** A value of either spec (`l2`: a number or a sweep; `resume`: a path or a checkpoint). */
export interface EitherSpec extends Common {
  type: 'either';
  specs: readonly OptionSpec[];
}

/** One option's declaration: its type (and with it its range or values), default and doc. */
export type OptionSpec = IntSpec | NumberSpec | IntListSpec | EnumSpec | BooleanSpec | StringSpec | FunctionSpec | ValueSpec | NestedSpec | EitherSpec;

/** A model's options by name: the one declaration the library validates, the CLI's flags and OPTIONS.md are made from. */
export type OptionDeclaration = Readonly<Record<string, OptionSpec>>;

/**
 * The value of an option given under its name or its old one (`kind` or `model`): both given
 * must agree, else a LexnetError names the option.
 */
export function renamedValue<T>(given: object, name: string, old: string): T | undefined {
  const o = given as Record<string, unknown>;
  const now = o[name], before = o[old];
  if (now !== undefined && before !== undefined && now !== before) {
    throw optionError(name, `${name} ${String(now)} and ${old} ${String(before)} (its old name) disagree; give one`);
  }
  return (now ?? before) as T | undefined;
}

/** `[0, 1)`, `> 0`, `≥ 0` … as messages print a range. */
export function rangeText(min: number, max: number, minOpen = false, maxOpen = false): string {
  if (max === Infinity) return minOpen ? `> ${min}` : `≥ ${min}`;
  if (min === -Infinity) return maxOpen ? `< ${max}` : `≤ ${max}`;
  return `in ${minOpen ? '(' : '['}${min}, ${max}${maxOpen ? ')' : ']'}`;
}

/** `a whole number in [1, 10]`, or `a whole number` when any goes. */
function wholeNumber(range: string): string {
  return range ? `a whole number ${range}` : 'a whole number';
}

/** The range of a number or whole-number option as messages print it (`in [1, 100000]`, `> 0`), '' if any number goes. */
export function specRange(spec: IntSpec | NumberSpec | IntListSpec): string {
  if ((spec.type === 'int' || spec.type === 'ints') && !(spec.min === -Infinity && spec.max === undefined)) return rangeText(spec.min, spec.max ?? Infinity);
  if (spec.type === 'int' || spec.type === 'ints') return '';
  const min = spec.min ?? -Infinity, max = spec.max ?? Infinity;
  return min === -Infinity && max === Infinity ? '' : rangeText(min, max, spec.minOpen, spec.maxOpen);
}

/** A value as a message shows it: strings quoted, numbers as they are, objects by kind. */
export function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'symbol') return 'a symbol';
  if (Array.isArray(v)) {
    try {
      const s = JSON.stringify(v);
      return s.length <= 40 ? s : 'an array';
    } catch {
      return 'an array';
    }
  }
  const name = (v as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

/** What is wrong with a whole number (its value already a number), or null; `raw` is the value as the message shows it. */
function intProblem(spec: IntSpec, v: number, raw: string): string | null {
  const range = specRange(spec);
  const max = spec.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(v)) return `must be ${wholeNumber(range)}, got ${raw}`;
  if (v < spec.min || v > max) return `must be ${wholeNumber(range)}, got ${raw}`;
  if (spec.odd && v % 2 !== 1) return `must be odd (the token and as many neighbours on each side), got ${raw}`;
  if (spec.multipleOf && v % spec.multipleOf.step !== 0) return `must be a multiple of ${spec.multipleOf.step} (${spec.multipleOf.why}), got ${raw}`;
  return null;
}

function numberProblem(spec: NumberSpec, v: number, raw: string): string | null {
  const range = specRange(spec);
  if (!Number.isFinite(v)) return `must be a number${range ? ` ${range}` : ''}, got ${raw}`;
  const min = spec.min ?? -Infinity, max = spec.max ?? Infinity;
  const ok = (spec.minOpen ? v > min : v >= min) && (spec.maxOpen ? v < max : v <= max);
  return ok ? null : `must be ${range}, got ${raw}`;
}

/**
 * A command-line value read as the option's spec says (a number, a whole number, a list, a
 * choice), or the problem with it, in the words valueProblem uses (the raw text is what the
 * message shows: `got 1e9`, `got "ten"`). Options of other types take the text as it is.
 */
export function parseFlagValue(spec: OptionSpec, text: string): { value: unknown } | { problem: string } {
  const fail = (problem: string) => ({ problem });
  switch (spec.type) {
    case 'int': {
      const v = Number(text);
      if (text.trim() === '' || !Number.isSafeInteger(v)) return fail(`must be ${wholeNumber(specRange(spec))}, got ${JSON.stringify(text)}`);
      const p = intProblem(spec, v, text);
      return p ? fail(p) : { value: v };
    }
    case 'number': {
      const v = Number(text);
      const range = specRange(spec);
      if (text.trim() === '' || !Number.isFinite(v)) return fail(`must be a number${range ? ` ${range}` : ''}, got ${JSON.stringify(text)}`);
      const p = numberProblem(spec, v, text);
      return p ? fail(p) : { value: v };
    }
    case 'ints': {
      const parts = text.split(',').map((x) => x.trim());
      const most = spec.maxItems ?? 100;
      if (parts.length > most) return fail(`takes at most ${most} numbers, got ${parts.length}`);
      const item: IntSpec = { type: 'int', min: spec.min, max: spec.max, doc: '' };
      const values: number[] = [];
      for (const part of parts) {
        const r = parseFlagValue(item, part);
        if ('problem' in r) return r;
        values.push(r.value as number);
      }
      return { value: values };
    }
    case 'enum':
      return spec.values.includes(text) ? { value: text } : fail(`must be one of ${spec.values.join(', ')}, got ${JSON.stringify(text)}`);
    case 'either':
      for (const s of spec.specs) {
        const r = parseFlagValue(s, text);
        if ('value' in r) return r;
      }
      return fail(`must be ${spec.specs.map(describe).join(' or ')}, got ${JSON.stringify(text)}`);
    default:
      return { value: text };
  }
}

/**
 * What is wrong with a value given to an option, as the end of a message (`must be > 0, got 0`),
 * or null when it is fine. Values are never converted: `'3'` is not a number.
 */
export function valueProblem(spec: OptionSpec, v: unknown): string | null {
  switch (spec.type) {
    case 'int':
      return typeof v === 'number' ? intProblem(spec, v, shown(v)) : `must be ${wholeNumber(specRange(spec))}, got ${shown(v)}`;
    case 'number': {
      if (typeof v === 'number') return numberProblem(spec, v, shown(v));
      const range = specRange(spec);
      return `must be a number${range ? ` ${range}` : ''}, got ${shown(v)}`;
    }
    case 'ints': {
      const most = spec.maxItems ?? 100;
      if (!Array.isArray(v)) return `must be a list of whole numbers ${specRange(spec)}, got ${shown(v)}`;
      if (v.length > most) return `takes at most ${most} numbers, got ${v.length}`;
      for (const item of v as unknown[]) {
        const p = typeof item === 'number' ? intProblem({ type: 'int', min: spec.min, max: spec.max, doc: '' }, item, shown(item)) : `must be ${wholeNumber(specRange(spec))}, got ${shown(item)}`;
        if (p) return p;
      }
      return null;
    }
    case 'enum':
      return typeof v === 'string' && spec.values.includes(v) ? null : `must be one of ${spec.values.join(', ')}, got ${shown(v)}`;
    case 'boolean':
      return typeof v === 'boolean' ? null : `must be true or false, got ${shown(v)}`;
    case 'string':
      return typeof v === 'string' ? null : `must be a string, got ${shown(v)}`;
    case 'function':
      return typeof v === 'function' ? null : `must be a function, got ${shown(v)}`;
    case 'value':
      return spec.check(v) ? null : `must be ${spec.what}, got ${shown(v)}`;
    case 'nested':
      if (spec.or && valueProblem(spec.or, v) === null) return null;
      return isPlainObject(v) ? null : `must be an object of options${spec.or ? ` or ${describe(spec.or)}` : ''}, got ${shown(v)}`;
    case 'either': {
      const problems = spec.specs.map((s) => valueProblem(s, v));
      if (problems.some((p) => p === null)) return null;
      return `must be ${spec.specs.map(describe).join(' or ')}, got ${shown(v)}`;
    }
  }
}

/** What a value of this spec is, in words (`a number ≥ 0`, `"sweep"`). */
export function describe(spec: OptionSpec): string {
  switch (spec.type) {
    case 'int': return wholeNumber(specRange(spec));
    case 'number': { const r = specRange(spec); return r ? `a number ${r}` : 'a number'; }
    case 'ints': return `a list of whole numbers ${specRange(spec)}`;
    case 'enum': return spec.values.length === 1 ? JSON.stringify(spec.values[0]) : `one of ${spec.values.join(', ')}`;
    case 'boolean': return 'true or false';
    case 'string': return 'a string';
    case 'function': return 'a function';
    case 'value': return spec.what;
    case 'nested': return 'an object of options';
    case 'either': return spec.specs.map(describe).join(' or ');
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Edit distance (Damerau–Levenshtein, adjacent swaps) between two names, case and `-`/`_` ignored. */
function distance(a: string, b: string): number {
  a = a.toLowerCase().replace(/[-_]/g, '');
  b = b.toLowerCase().replace(/[-_]/g, '');
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known name closest to an unknown one, if close enough to be a slip (as commander suggests
 * flags), or the option another spelling stands for (`aliases`: the CLI's `kind` is `model`).
 */
export function closestName(name: string, known: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
  const alias = Object.entries(aliases).find(([a]) => distance(a, name) === 0)?.[1];
  if (alias !== undefined) return alias;
  let best: string | undefined, bestDistance = Infinity;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestDistance) { best = k; bestDistance = d; }
  }
  const allowed = Math.max(1, Math.floor(name.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Settings of validateOptions. */
export interface ValidateSettings {
  /** Names the user may mean by another (the CLI's flag names): `{ kind: 'model' }`. */
  aliases?: Readonly<Record<string, string>>;
  /** Prefix of the names in messages (`checkpoint.`). */
  prefix?: string;
  /** The object these options are inside (`config`), named with an unknown option. */
  within?: string;
}

/**
 * Checks the options of a library call against its declaration and throws a LexnetError naming
 * the option (in the message and in `option`): an unknown name (with the closest known name),
 * a value of the wrong type (no conversion: `'3'` is not a number), NaN, a value out of range.
 * An option given as `undefined` means its default. Nested objects are checked the same way.
 */
export function validateOptions(declaration: OptionDeclaration, given: unknown, fn: string, settings: ValidateSettings = {}): void {
  if (given === undefined) return;
  const prefix = settings.prefix ?? '';
  if (!isPlainObject(given)) {
    const what = prefix === '' ? 'its options' : prefix.slice(0, -1);
    throw new LexnetError(`${fn}: ${what} must be an object, got ${shown(given)}`, prefix === '' ? {} : { option: prefix.slice(0, -1) });
  }
  const known = Object.keys(declaration);
  for (const key of Object.keys(given)) {
    const name = `${prefix}${key}`;
    const spec = Object.hasOwn(declaration, key) ? declaration[key] : undefined;
    if (spec === undefined) {
      const near = closestName(key, known, settings.aliases);
      const where = settings.within !== undefined && prefix === '' ? `${settings.within}.` : prefix;
      const hint = near !== undefined ? `; did you mean "${where}${near}"?` : `; the options are ${known.join(', ')}`;
      throw new LexnetError(`${fn}: unknown option "${where}${key}"${hint}`, { option: name });
    }
    const value = given[key];
    if (value === undefined) continue;
    const problem = valueProblem(spec, value);
    if (problem !== null) throw optionError(name, `${name} ${problem}`);
    if (spec.type === 'nested' && isPlainObject(value)) {
      validateOptions(spec.options, value, fn, { aliases: settings.aliases, prefix: spec.qualified ? `${name}.` : '', within: name });
    }
  }
}
