import type { Option } from 'commander';
import { UsageError } from './usage-error.js';
import { rangeText } from '../options/declare.js';
import { CLASSIFY_OPTIONS } from '../classify/options.js';
import { MAX_THREADS, SEED_OPTION } from '../options/common.js';
import { flagParser } from './declared-flags.js';

/**
 * Commander argument parsers that reject bad values at parse time, naming the option and its
 * valid range: `--dropout must be in [0, 1), got 1.5`. Commander calls a parser as a method of
 * its Option, so `this.long` is the option's name. They throw UsageError (a LexnetError, not
 * commander's InvalidArgumentError), so the CLI prints `lexnet: <message>` and exits with status 2.
 * The options of the library's functions take their parsers from the functions' declarations
 * (declared-flags.ts); these are for the flags that only the CLI has.
 */
type Parser<T> = (this: Option | void, value: string) => T;

function optionName(self: Option | void): string {
  return (self as Option | undefined)?.long ?? (self as Option | undefined)?.name?.() ?? 'the value';
}

function fail(self: Option | void, problem: string): never {
  throw new UsageError(`${optionName(self)} ${problem}`);
}

function number(self: Option | void, value: string, range = ''): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v)) fail(self, `must be a number${range}, got "${value}"`);
  return v;
}

function whole(self: Option | void, value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(v)) fail(self, `must be a whole number, got "${value}"`);
  return v;
}

export { rangeText } from '../options/declare.js';

export interface Bounds {
  /** Exclude the lower end (`(min, …`). */
  minOpen?: boolean;
  /** Exclude the upper end (`…, max)`). */
  maxOpen?: boolean;
}

/** A finite number in [min, max] (either end open with minOpen/maxOpen). */
export function floatIn(min: number, max: number, { minOpen = false, maxOpen = false }: Bounds = {}): Parser<number> {
  return function (this: Option | void, value: string): number {
    const v = number(this, value, ` ${rangeText(min, max, minOpen, maxOpen)}`);
    const ok = (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
    if (!ok) fail(this, `must be ${rangeText(min, max, minOpen, maxOpen)}, got ${value}`);
    return v;
  };
}

/** A whole number in [min, max]. */
export function intIn(min: number, max = Number.MAX_SAFE_INTEGER): Parser<number> {
  const range = rangeText(min, max === Number.MAX_SAFE_INTEGER ? Infinity : max);
  return function (this: Option | void, value: string): number {
    const v = Number(value);
    if (value.trim() === '' || !Number.isSafeInteger(v)) fail(this, `must be a whole number ${range}, got "${value}"`);
    if (v < min || v > max) fail(this, `must be a whole number ${range}, got ${value}`);
    return v;
  };
}

/** An odd whole number in [min, max]. */
export function oddIntIn(min: number, max: number): Parser<number> {
  const inRange = intIn(min, max);
  return function (this: Option | void, value: string): number {
    const v = inRange.call(this, value);
    if (v % 2 !== 1) fail(this, `must be odd (the token and as many neighbours on each side), got ${value}`);
    return v;
  };
}

/** Any whole number (negative allowed). */
export function integer(this: Option | void, value: string): number {
  return whole(this, value);
}

export const positiveInt: Parser<number> = intIn(1);
export const nonNegativeInt: Parser<number> = intIn(0);
/** A random seed: a whole number in [0, 2³²), as every model declares it. */
export const seed = flagParser(SEED_OPTION) as Parser<number>;
/** Worker threads: a whole number in [1, MAX_THREADS], as the trainers declare them. */
export const threads = flagParser({ type: 'int', min: 1, max: MAX_THREADS, doc: 'worker threads' }) as Parser<number>;

export function oneOf<T extends string>(choices: readonly T[]): Parser<T> {
  return function (this: Option | void, value: string): T {
    if (!choices.includes(value as T)) fail(this, `must be one of ${choices.join(', ')}, got "${value}"`);
    return value as T;
  };
}

/** `--l2` of `classify train`: the classifier's λ (a number ≥ 0), or `sweep`. */
export const l2OrSweep = flagParser({ type: 'either', specs: [CLASSIFY_OPTIONS.l2, { type: 'enum', values: ['sweep'], doc: '' }], doc: '' }) as Parser<number | 'sweep'>;
