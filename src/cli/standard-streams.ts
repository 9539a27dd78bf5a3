import { LexnetError } from '../io/errors.js';
import { writeAll } from '../io/write-all.js';
import { describeWriteError, errnoCode } from '../io/write-errors.js';

/**
 * Checked, synchronous writes to the process's standard output and standard error (fd 1 and
 * 2). process.stdout.write on a file or a pipe may write part of a chunk, or fail later with
 * no one listening, so output cut short would end with status 0.
 */

/** The status of a process ended by SIGPIPE (128 + 13); Node ignores the signal itself. */
export const EXIT_CLOSED_PIPE = 141;

/**
 * Writes to standard output. A reader that closed the pipe (EPIPE, `lexnet … | head`) ends the
 * process quietly with status 141, as SIGPIPE ends `cat` or `seq` (temporary files are removed
 * on exit); any other failure (file too large, no space left on device) throws
 * `standard output: <problem>` (status 1).
 */
export function writeStdout(text: string): void {
  writeStdoutBytes(Buffer.from(text, 'utf8'));
}

/** writeStdout for bytes (UTF-8 text already encoded), with the same checks. */
export function writeStdoutBytes(bytes: Uint8Array): void {
  try {
    writeAll(1, bytes);
  } catch (e) {
    const code = errnoCode(e);
    if (code === undefined) throw e;
    // at once, as SIGPIPE would, wherever the write is (a training log line inside a callback too)
    if (code === 'EPIPE') process.exit(EXIT_CLOSED_PIPE);
    throw new LexnetError(`standard output: ${describeWriteError(e)}`);
  }
}

let stderrFailed = false;

/**
 * Writes to standard error. A failure cannot be told there: a closed pipe is ignored (the
 * command goes on; its result may still be read), any other failure (file too large) makes
 * the process end with status 1 instead of 0 once the command is done.
 */
export function writeStderr(text: string): void {
  writeStderrBytes(Buffer.from(text, 'utf8'));
}

/** writeStderr for bytes (UTF-8 text already encoded), with the same checks. */
export function writeStderrBytes(bytes: Uint8Array): void {
  if (stderrFailed) return;
  try {
    writeAll(2, bytes);
  } catch (e) {
    const code = errnoCode(e);
    if (code === undefined) throw e;
    if (code === 'EPIPE') return;
    stderrFailed = true;
    process.once('exit', (status) => { if (status === 0) process.exitCode = 1; });
  }
}
