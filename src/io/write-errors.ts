import { LexnetError } from './errors.js';
import { describeFsError } from './read-text.js';

/**
 * A write to standard output whose reader closed the pipe (`lexnet … | head`): not a failure
 * to report; the CLI ends quietly, as SIGPIPE ends other tools.
 */
export class ClosedPipeError extends LexnetError {
  constructor() {
    super('standard output: the reader closed the pipe');
    this.name = 'ClosedPipeError';
  }
}

/** The error code of a failed system call (`ENOSPC`, …), or undefined for any other exception. */
export function errnoCode(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** Why a write or a file creation failed, in words (the cause part of an error message). */
export function describeWriteError(e: unknown): string {
  switch (errnoCode(e)) {
    case 'ENOSPC': return 'no space left on device';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'EROFS': return 'read-only file system';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOENT': return 'no such file or folder';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EISDIR': return 'is a folder';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'EFBIG': return 'file too large';
    case 'EIO': return 'input/output error';
    case 'ENAMETOOLONG': return 'file name too long';
    case 'EPIPE': return 'the reader closed the pipe';
    case 'ENXIO': return 'no such device or address';
    default: return describeFsError(e);
  }
}
