import type { Option } from 'commander';
import { UsageError } from './usage-error.js';

/**
 * Commander argument parsers that reject bad values at parse time, naming the option and its
 * valid range: `--dropout must be in [0, 1), got 1.5`. Commander calls a parser as a method of
 * its Option, so `this.long` is the option's name. They throw UsageError (a LexnetError, not
 * commander's InvalidArgumentError), so the CLI prints `lexnet: <message>` and exits with status 2.
 */
type Parser<T> = (this: Option | void, value: string) => T;

/** Largest worker-thread count any command accepts. */
export const MAX_THREADS = 256;
/** Largest --epochs any command accepts. */
export const MAX_EPOCHS = 100_000;

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

/** `[0, 1)`, `(0, ∞)`, `≥ 0` … as the messages print a range. */
export function rangeText(min: number, max: number, minOpen = false, maxOpen = false): string {
  if (max === Infinity) return minOpen ? `> ${min}` : `≥ ${min}`;
  if (min === -Infinity) return maxOpen ? `< ${max}` : `≤ ${max}`;
  return `in ${minOpen ? '(' : '['}${min}, ${max}${maxOpen ? ')' : ']'}`;
}

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

/** A whole number in [min, max] that is a multiple of `step`. */
export function multipleIn(step: number, min: number, max: number, why: string): Parser<number> {
  const inRange = intIn(min, max);
  return function (this: Option | void, value: string): number {
    const v = inRange.call(this, value);
    if (v % step !== 0) fail(this, `must be a multiple of ${step} (${why}), got ${value}`);
    return v;
  };
}

/** Comma-separated whole numbers, each in [min, max]. */
export function intListIn(min: number, max: number, maxItems = 100): Parser<number[]> {
  const item = intIn(min, max);
  return function (this: Option | void, value: string): number[] {
    const parts = value.split(',').map((s) => s.trim());
    if (parts.length > maxItems) fail(this, `takes at most ${maxItems} numbers, got ${parts.length}`);
    return parts.map((p) => item.call(this, p));
  };
}

/** Any finite number. */
export function float(this: Option | void, value: string): number {
  return number(this, value);
}

/** Any whole number (negative allowed). */
export function integer(this: Option | void, value: string): number {
  return whole(this, value);
}

export const positiveInt: Parser<number> = intIn(1);
export const nonNegativeInt: Parser<number> = intIn(0);
/** A learning rate: finite and > 0. */
export const positiveFloat: Parser<number> = floatIn(0, Infinity, { minOpen: true });
/** A penalty or threshold: finite and ≥ 0. */
export const nonNegativeFloat: Parser<number> = floatIn(0, Infinity);
/** A probability that may be 0 but not 1: dropout, momentum, a validation fraction. */
export const unitInterval: Parser<number> = floatIn(0, 1, { maxOpen: true });
/** A fraction strictly between 0 and 1. */
export const fraction: Parser<number> = floatIn(0, 1, { minOpen: true, maxOpen: true });
export const threads: Parser<number> = intIn(1, MAX_THREADS);
export const epochs: Parser<number> = intIn(1, MAX_EPOCHS);
/** A random seed: a whole number in [0, 2³²). */
export const seed: Parser<number> = intIn(0, 2 ** 32 - 1);
export const intList: Parser<number[]> = intListIn(1, Number.MAX_SAFE_INTEGER);

export function oneOf<T extends string>(choices: readonly T[]): Parser<T> {
  return function (this: Option | void, value: string): T {
    if (!choices.includes(value as T)) fail(this, `must be one of ${choices.join(', ')}, got "${value}"`);
    return value as T;
  };
}

/** `--l2`: λ ≥ 0, or `sweep`. */
export function l2OrSweep(this: Option | void, value: string): number | 'sweep' {
  if (value === 'sweep') return value;
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v < 0) fail(this, `must be a number ≥ 0 or "sweep", got "${value}"`);
  return v;
}
