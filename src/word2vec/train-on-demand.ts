// Node's trainWord2vec as the package entry exports it: the trainer's modules (sessions,
// threads, encoding, checkpoints) are loaded on the first call, not with `import 'lexnet'`.
import type { Corpus } from '../text/corpus.js';
import type { Word2vecResult } from './session.js';
import type { TrainWord2vecOptions } from './train.js';

/**
 * Trains word vectors: builds the vocabulary, encodes the corpus, lays the model out in
 * (shared) WebAssembly memory, and runs `threads` workers over slices of the corpus with
 * lock-free updates, the learning rate decaying linearly from alpha to ~0. With `checkpoint`
 * the state is saved as it goes; with `resume` a saved run continues (bit-identically with one thread).
 */
export async function trainWord2vec(input: Corpus | Iterable<readonly string[]>, options: TrainWord2vecOptions = {}): Promise<Word2vecResult> {
  const { trainWord2vec: train } = await import('./train.js');
  return train(input, options);
}
