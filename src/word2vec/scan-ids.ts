import { Ticker } from '../train/abort.js';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

export interface IdsScan {
  /** Sentences with at least two in-vocabulary words: the only ones that give (word, context) pairs. */
  trainableSentences: number;
  /** SHA-256 of the file's bytes (hex), when asked for. */
  hash?: string;
}

/** Reads an encoded corpus (int32 ids, −1 after each sentence) once, counting trainable sentences. */
export async function scanIds(path: string, ids: number, { hash = false, signal }: { hash?: boolean; signal?: AbortSignal | undefined } = {}): Promise<IdsScan> {
  const h = hash ? createHash('sha256') : null;
  const buf = new Int32Array(1 << 16);
  const bytes = new Uint8Array(buf.buffer);
  const fd = openSync(path, 'r');
  let trainableSentences = 0, run = 0;
  const ticker = new Ticker(signal, 25, 1); // a turn of the event loop every ~25 ms
  try {
    for (let at = 0; at < ids;) {
      const n = Math.min(buf.length, ids - at);
      const got = readSync(fd, bytes, 0, n * 4, at * 4) / 4;
      if (got <= 0) break;
      h?.update(bytes.subarray(0, got * 4));
      for (let i = 0; i < got; i++) {
        if (buf[i]! >= 0) run++;
        else {
          if (run >= 2) trainableSentences++;
          run = 0;
        }
      }
      at += got;
      if (ticker.due()) await ticker.tick();
    }
  } finally {
    closeSync(fd);
  }
  if (run >= 2) trainableSentences++;
  return { trainableSentences, ...(h ? { hash: h.digest('hex') } : {}) };
}
