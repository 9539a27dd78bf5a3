import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Corpus } from '../text/corpus.js';
import type { Vocabulary } from './vocabulary.js';

/** Longest run of ids between sentence marks; longer sentences are cut (gensim's 10,000). */
export const MAX_SENTENCE = 10_000;

/** A corpus encoded as little-endian int32 word ids in a temporary file, −1 after each sentence. */
export interface EncodedCorpus {
  path: string;
  /** Ids in the file, sentence marks included. */
  ids: number;
  /** In-vocabulary tokens. */
  words: number;
  remove(): void;
}

/**
 * Streams the corpus once more and writes its in-vocabulary words as ids, so each epoch
 * re-reads a compact file instead of re-tokenizing text; memory stays bounded by the vocabulary.
 */
export function encodeCorpus(corpus: Corpus, vocab: Vocabulary): EncodedCorpus {
  const dir = mkdtempSync(join(tmpdir(), 'lexnet-w2v-'));
  const path = join(dir, 'ids.bin');
  const fd = openSync(path, 'w');
  const buf = new Int32Array(1 << 16);
  let n = 0, ids = 0, words = 0, run = 0;
  const flush = (): void => {
    writeSync(fd, new Uint8Array(buf.buffer, 0, n * 4));
    ids += n;
    n = 0;
  };
  const put = (id: number): void => {
    buf[n++] = id;
    if (n === buf.length) flush();
  };
  try {
    for (const sentence of corpus.sentences()) {
      for (const w of sentence) {
        const id = vocab.index.get(w);
        if (id === undefined) continue;
        put(id);
        words++;
        if (++run === MAX_SENTENCE) { put(-1); run = 0; }
      }
      if (run > 0) { put(-1); run = 0; }
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return { path, ids, words, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
