import { LexnetError } from '../io/errors.js';

/** Exit status of a usage error (unknown option or command, missing or bad option value), as argparse, click and commander use. */
export const EXIT_USAGE = 2;
/** Exit status of an input error (a LexnetError: a bad file, bad data). */
export const EXIT_INPUT = 1;
/** Exit status of an internal error (a bug): EX_SOFTWARE of sysexits.h. */
export const EXIT_INTERNAL = 70;

/**
 * A mistake on the command line itself, found without reading any file: a bad option value, an
 * option the chosen settings ignore, two options that exclude each other. The CLI prints
 * `lexnet: <message>` and exits with status 2 (EXIT_USAGE).
 */
export class UsageError extends LexnetError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
