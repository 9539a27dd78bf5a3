// The web edge of tagger checkpoints: a page has no files to write them to.
import { LexnetError } from '../io/errors.js';
import type { TaggerCheckpoint } from '../tagger/checkpoint.js';

function noFiles(option: string): LexnetError {
  return new LexnetError(`${option}: checkpoints are files, not available in a browser (checkpoint and resume need Node)`, { option });
}

/** Refuses: checkpoints need Node. */
export function saveTaggerCheckpoint(_path: string, _c: TaggerCheckpoint): void {
  throw noFiles('checkpoint');
}

/** Refuses: checkpoints need Node. */
export function loadTaggerCheckpoint(_path: string): TaggerCheckpoint {
  throw noFiles('resume');
}

/** Refuses: checkpoints need Node (the up-front check of a checkpoint's path). */
export function checkCheckpointPath(_path: string, option = 'checkpoint'): void {
  throw noFiles(option);
}
