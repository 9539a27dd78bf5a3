import { LexnetError } from '../io/errors.js';

/**
 * Refuses `-` (standard input) for more than one input of a command, before any work: standard
 * input can be read only once. `inputs` are [option, value] pairs (values may be undefined).
 */
export function checkOneStdin(inputs: readonly (readonly [string, string | undefined])[]): void {
  const using = inputs.filter(([, v]) => v === '-').map(([o]) => o);
  if (using.length > 1) {
    const names = `${using.slice(0, -1).join(', ')} and ${using.at(-1)}`;
    throw new LexnetError(`${names} ${using.length === 2 ? 'both' : 'all'} name - (standard input), which can be read only once: give all but one of them as files`);
  }
}
