import { InvalidArgumentError } from 'commander';

/** Commander argument parsers that reject bad numbers with a clear message. */
export function float(value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v)) throw new InvalidArgumentError(`"${value}" is not a number.`);
  return v;
}

export function positiveInt(value: string): number {
  const v = Number(value);
  if (!Number.isInteger(v) || v <= 0) throw new InvalidArgumentError(`"${value}" is not a positive whole number.`);
  return v;
}

export function nonNegativeInt(value: string): number {
  const v = Number(value);
  if (!Number.isInteger(v) || v < 0) throw new InvalidArgumentError(`"${value}" is not a whole number ≥ 0.`);
  return v;
}

export function integer(value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isInteger(v)) throw new InvalidArgumentError(`"${value}" is not a whole number.`);
  return v;
}

export function fraction(value: string): number {
  const v = float(value);
  if (!(v > 0 && v < 1)) throw new InvalidArgumentError(`"${value}" must be between 0 and 1.`);
  return v;
}

export function intList(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  return parts.map((p) => positiveInt(p));
}

export function oneOf<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value: string) => {
    if (!choices.includes(value as T)) throw new InvalidArgumentError(`"${value}" is not one of ${choices.join(', ')}.`);
    return value as T;
  };
}
