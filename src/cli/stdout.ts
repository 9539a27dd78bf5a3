import { isQuiet } from './quiet.js';
import { writeStderr, writeStderrBytes, writeStdout, writeStdoutBytes } from './standard-streams.js';

/**
 * The CLI's output channel: every line a command prints goes through here, written
 * synchronously and checked (process.stdout.write on a file or a pipe may write part of a
 * chunk, or fail later, without the command knowing, so output cut short would exit 0).
 *
 * - `printResult`: what the command exists to print (predictions, neighbours, an eval's report,
 *   the `--json` object). Always printed, `--quiet` or not.
 * - `report`: summaries and training logs. Nothing under `--quiet`.
 * Both go to standard output, or to standard error when an output of the command is `-`
 * (standard output then holds that file).
 * A failed write ends the command (see writeStdout).
 */

let reportToStderr = false;

/** Set once per command (see installOptionChecks): whether an output of the command is `-`. */
export function setStandardOutputTaken(taken: boolean): void {
  reportToStderr = taken;
}

/** The command's result, one line or more (a newline is added); printed even with --quiet. */
export function printResult(text: string): void {
  (reportToStderr ? writeStderr : writeStdout)(`${text}\n`);
}

/** printResult for output already encoded as UTF-8 bytes (a long result written in chunks); nothing is added. */
export function printResultBytes(bytes: Uint8Array): void {
  (reportToStderr ? writeStderrBytes : writeStdoutBytes)(bytes);
}

/** A summary or log line (a newline is added); nothing with --quiet. */
export function report(text: string): void {
  if (!isQuiet()) printResult(text);
}
