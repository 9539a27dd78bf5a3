import { Option } from 'commander';
import { parseFlagValue, type OptionSpec } from '../options/declare.js';
import { UsageError } from './usage-error.js';

/**
 * The commander parser of a declared option: the value is read and checked as the library checks
 * it, with the same words and the flag in front (`--dim must be a whole number in [1, 100000],
 * got 0`), so the ranges live only in the declaration. It throws UsageError (exit status 2).
 */
export function flagParser(spec: OptionSpec): (this: Option | void, value: string) => unknown {
  return function (this: Option | void, value: string): unknown {
    const r = parseFlagValue(spec, value);
    if ('problem' in r) throw new UsageError(`${(this as Option | undefined)?.long ?? 'the value'} ${r.problem}`);
    return r.value;
  };
}

/**
 * A command-line option built from a library option's declaration: its parser, its default
 * (when it has one) and its doc as the help text unless `description` says it otherwise.
 */
export function declaredOption(flags: string, spec: OptionSpec, description = spec.doc): Option {
  const option = new Option(flags, description).argParser(flagParser(spec) as (value: string, previous: unknown) => unknown);
  if (spec.default !== undefined && spec.type !== 'boolean') option.default(Array.isArray(spec.default) ? [...(spec.default as unknown[])] : spec.default);
  return option;
}
