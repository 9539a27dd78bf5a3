// The web edge of classifier checkpoints: a page has no files to write them to.
import { LexnetError } from '../io/errors.js';
import type { ClassifyCheckpoint } from '../classify/checkpoint.js';

function noFiles(option: string): LexnetError {
  return new LexnetError(`${option}: checkpoints are files, not available in a browser (checkpoint and resume need Node)`, { option });
}

/** Refuses: checkpoints need Node. */
export function saveClassifierCheckpoint(_path: string, _c: ClassifyCheckpoint): void {
  throw noFiles('checkpoint');
}

/** Refuses: checkpoints need Node (the up-front check of a checkpoint's path). */
export function checkCheckpointPath(_path: string, option = 'checkpoint'): void {
  throw noFiles(option);
}

/** Refuses: checkpoints need Node. */
export function loadClassifierCheckpoint(_path: string): ClassifyCheckpoint {
  throw noFiles('resume');
}
