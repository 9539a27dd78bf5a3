import { Option, type Command } from 'commander';
import { UsageError } from './usage-error.js';

/** Old spellings and the long name of the option that replaced each. */
const RENAMED = new WeakMap<Option, string>();

/**
 * A hidden option kept under an old name: `renamedOption('--save <file>', '--out')`. Given on
 * the command line, it prints a one-line deprecation note and its value goes to the new option
 * (see applyRenamedOptions). `parser` checks the value as the new option does.
 */
export function renamedOption(flags: string, now: string, parser?: (this: Option, value: string) => unknown): Option {
  const option = new Option(flags, `deprecated: use ${now}`).hideHelp();
  if (parser) option.argParser(parser as (value: string, previous: unknown) => unknown);
  RENAMED.set(option, now);
  return option;
}

/**
 * Moves the values of old spellings to their new options before the command runs, with a note
 * on standard error (`lexnet: --save is deprecated; use --out`); the old and new spelling both
 * given is a usage error. Afterwards the old option reads as not given.
 */
export function applyRenamedOptions(cmd: Command, note: (line: string) => void): void {
  for (const old of cmd.options) {
    const now = RENAMED.get(old);
    if (now === undefined) continue;
    const key = old.attributeName();
    if (cmd.getOptionValueSource(key) !== 'cli') continue;
    const target = cmd.options.find((o) => o.long === now);
    if (!target) throw new Error(`${old.long} is renamed to ${now}, which ${cmd.name()} does not have`);
    const newKey = target.attributeName();
    if (cmd.getOptionValueSource(newKey) === 'cli') {
      throw new UsageError(`${old.long} and ${now} are both given: ${old.long} is the old name of ${now}; give only ${now}`);
    }
    note(`lexnet: ${old.long} is deprecated; use ${now}`);
    cmd.setOptionValueWithSource(newKey, cmd.getOptionValue(key), 'cli');
    cmd.setOptionValueWithSource(key, undefined, 'default');
  }
}
