// The options a command line gave (not left at their defaults): with --resume the others take the
// checkpoint's values. Its own file so that a command using it loads no other command's modules.
import type { Command } from 'commander';

/**
 * With --resume, options left at their defaults take the checkpoint's values: they are passed
 * to the trainer as undefined, and only options given on the command line are compared.
 */
export function givenOptions<T extends object>(cmd: Command, f: T): Partial<T> {
  const out: Partial<T> = { ...f };
  for (const key of Object.keys(f) as (keyof T & string)[]) if (cmd.getOptionValueSource(key) === 'default') delete out[key];
  return out;
}
