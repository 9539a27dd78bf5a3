/** What a LexnetError may say about the option at fault. */
export interface LexnetErrorOptions {
  /** The library option the error is about, named as the API names it (`dim`, `learningRate`). */
  option?: string;
  /** Other options the message names (advice such as "lower window or dim"). */
  mentions?: readonly string[];
}

/**
 * An error caused by the user's input or settings, with a message meant to be read as is:
 * the CLI prints it without a stack trace and exits with status 1. Errors about an option
 * name it as the library does, in the message and in `option`; the CLI puts its flags in.
 */
export class LexnetError extends Error {
  /** The option at fault, as the library names it (undefined when the error is about data or files). */
  readonly option: string | undefined;
  /** Other library options the message names. */
  readonly mentions: readonly string[];

  constructor(message: string, options: LexnetErrorOptions = {}) {
    super(message);
    this.name = 'LexnetError';
    this.option = options.option;
    this.mentions = options.mentions ?? [];
  }
}

/** A LexnetError about one option: `optionError('dim', 'dim must be…')`. */
export function optionError(option: string, message: string, mentions: readonly string[] = []): LexnetError {
  return new LexnetError(message, { option, mentions });
}

/** `file:line: problem`, the form compilers use, so editors can jump to it. */
export function inputError(file: string, line: number | null, problem: string, options: LexnetErrorOptions = {}): LexnetError {
  return new LexnetError(line === null ? `${file}: ${problem}` : `${file}:${line}: ${problem}`, options);
}
