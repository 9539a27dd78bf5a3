import { closeSync, constants, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LexnetError } from '../io/errors.js';
import { createTemporaryFolder, removeTemporary } from '../io/temp-files.js';
import { writeAll, type WriteFn } from '../io/write-all.js';
import { describeWriteError, errnoCode } from '../io/write-errors.js';
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
  /** Deletes the temporary folder (also done at exit by the CLI if a signal ends the run). */
  remove(): void;
}

export interface EncodeOptions {
  /** Folder for the temporary `lexnet-w2v-*` folder; default the system's (TMPDIR). */
  tmpDir?: string;
  /** Sentences in the corpus, for the size quoted when the disk is full. */
  sentences?: number;
  /** The write function (tests simulate a full disk with it). */
  write?: WriteFn;
}

/**
 * Streams the corpus once more and writes its in-vocabulary words as ids, so each epoch
 * re-reads a compact file instead of re-tokenizing text; memory stays bounded by the vocabulary.
 * The file needs 4 bytes per in-vocabulary token and per sentence; any failure removes it.
 */
export function encodeCorpus(corpus: Corpus, vocab: Vocabulary, options: EncodeOptions = {}): EncodedCorpus {
  const parent = options.tmpDir ?? tmpdir();
  const dir = createTemporaryFolder('lexnet-w2v-', parent);
  const path = join(dir, 'ids.bin');
  const buf = new Int32Array(1 << 16);
  let n = 0, ids = 0, words = 0, run = 0, fd = -1;
  const flush = (): void => {
    writeAll(fd, new Uint8Array(buf.buffer, 0, n * 4), options.write);
    ids += n;
    n = 0;
  };
  const put = (id: number): void => {
    buf[n++] = id;
    if (n === buf.length) flush();
  };
  try {
    fd = openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
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
  } catch (e) {
    removeTemporary(dir);
    if (e instanceof LexnetError || errnoCode(e) === undefined) throw e;
    throw encodeError(parent, e, vocab.totalCount + (options.sentences ?? 0));
  } finally {
    if (fd >= 0) closeSync(fd);
  }
  return { path, ids, words, remove: () => removeTemporary(dir) };
}

function encodeError(parent: string, e: unknown, neededIds: number): LexnetError {
  const code = errnoCode(e);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new LexnetError(
      `temporary folder ${parent}: ${describeWriteError(e)}: the encoded corpus needs about ${formatBytes(4 * neededIds)} ` +
      `(4 bytes × ${neededIds.toLocaleString('en-US')} tokens and sentence ends); free some space or choose another folder with --tmp-dir or TMPDIR`,
    );
  }
  return new LexnetError(`temporary folder ${parent}: cannot write the encoded corpus (${describeWriteError(e)}); set --tmp-dir or TMPDIR`);
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let i = 0, v = bytes;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return i === 0 ? `${bytes} bytes` : `${v.toFixed(1)} ${units[i]} (${bytes.toLocaleString('en-US')} bytes)`;
}
