import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { trainWord2vec, type Corpus, type TrainWord2vecOptions } from '../src/index.js';

/** One checkpoint as written: the copy kept of it and the progress it reported. */
export interface CheckpointCopy { file: string; done: number; total: number; finished: boolean }

/**
 * Trains word2vec with checkpoints to dir/name, keeping a copy of every checkpoint written
 * (file name, progress): the word2vec checkpoint tests, one memory and sharded, share it.
 */
export async function trainKeepingCheckpoints(corpus: Corpus, dir: string, name: string, everySeconds: number, options: TrainWord2vecOptions) {
  const path = join(dir, name);
  const copies: CheckpointCopy[] = [];
  const result = await trainWord2vec(corpus, {
    ...options,
    checkpoint: {
      path, everySeconds,
      onWrite: ({ done, total, finished }) => {
        const file = `${path}.${copies.length}`;
        copyFileSync(path, file);
        copies.push({ file, done, total, finished });
      },
    },
  });
  return { path, copies, result };
}
