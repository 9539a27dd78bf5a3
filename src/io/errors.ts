/**
 * An error caused by the user's input or settings, with a message meant to be read as is:
 * the CLI prints it without a stack trace and exits with status 1.
 */
export class LexnetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LexnetError';
  }
}

/** `file:line: problem`, the form compilers use, so editors can jump to it. */
export function inputError(file: string, line: number | null, problem: string): LexnetError {
  return new LexnetError(line === null ? `${file}: ${problem}` : `${file}:${line}: ${problem}`);
}
