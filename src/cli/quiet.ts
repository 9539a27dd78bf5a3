import { writeStderr } from './standard-streams.js';

/**
 * Whether the running command was given --quiet: it then prints no progress, logs, summaries,
 * warnings or notes; its result (predictions, neighbours, an eval's report, the --json object)
 * and errors are still printed (see printResult).
 */
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
  if (!quiet) writeStderr(`lexnet: warning: ${message}\n`);
}

/** A line on standard error that is not an error (a deprecation note), unless --quiet. */
export function note(line: string): void {
  if (!quiet) writeStderr(`${line}\n`);
}
