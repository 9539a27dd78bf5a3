/** Whether the running command was given --quiet: it then prints nothing but errors. */
let quiet = false;

/** Set once per command, before its action runs (see installOptionChecks). */
export function setQuiet(value: boolean): void {
  quiet = value;
}

export function isQuiet(): boolean {
  return quiet;
}

/** `lexnet: warning: <message>` on standard error, unless --quiet. */
export function warn(message: string): void {
  if (!quiet) process.stderr.write(`lexnet: warning: ${message}\n`);
}

/** A line on standard error that is not an error (a deprecation note), unless --quiet. */
export function note(line: string): void {
  if (!quiet) process.stderr.write(`${line}\n`);
}
