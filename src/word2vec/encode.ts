import { closeSync, constants, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LexnetError } from '../io/errors.js';
import { createTemporaryFolder, removeTemporary } from '../io/temp-files.js';
import { writeAll, type WriteFn } from '../io/write-all.js';
import { describeWriteError, errnoCode } from '../io/write-errors.js';
import type { Corpus } from '../text/corpus.js';
import { ByteScanUnsupported, type TokenIdBlock } from '../text/token-ids.js';
import { TokenTable } from '../text/token-table.js';
import { Ticker } from '../train/abort.js';
import { MAX_SENTENCE_TOKENS } from '../text/corpus-limits.js';
import { readProvisional, SentenceIds, withEndOfLine, type ProvisionalCounts, type Seen } from './provisional-ids.js';
import { keepFrequent, type Vocabulary } from './vocabulary.js';

/** Longest run of ids between sentence marks; longer sentences are cut (gensim's 10,000). */
export const MAX_SENTENCE = MAX_SENTENCE_TOKENS;

/** A corpus encoded as little-endian int32 word ids in a temporary file, −1 after each sentence. */
export interface EncodedCorpus {
  path: string;
  /** Ids in the file, sentence marks included. */
  ids: number;
  /** In-vocabulary tokens. */
  words: number;
  /** Sentences with at least two words, counted as they are written. */
  trainableSentences: number;
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
  /** countAndEncode: stop at the next yield (every ~25 ms) when this aborts; the files are removed. */
  signal?: AbortSignal;
  /** countAndEncode: called at each yield with the tokens and sentences read so far. */
  onRead?: (tokens: number, sentences: number) => void;
  /** countAndEncode: fastText's end-of-line word `</s>` ends each sentence (withEndOfLine; subword models). */
  endOfLine?: boolean | undefined;
}

/** Int32 ids written through a 256 kB buffer. */
class IdWriter {
  private readonly buf = new Int32Array(1 << 16);
  private n = 0;
  /** Ids written so far, buffered ones included. */
  count = 0;

  constructor(private readonly fd: number, private readonly write?: WriteFn) {}

  put(id: number): void {
    this.buf[this.n++] = id;
    this.count++;
    if (this.n === this.buf.length) this.flush();
  }

  putAll(ids: Int32Array): void {
    for (let at = 0; at < ids.length;) {
      const take = Math.min(ids.length - at, this.buf.length - this.n);
      this.buf.set(ids.subarray(at, at + take), this.n);
      this.n += take;
      this.count += take;
      at += take;
      if (this.n === this.buf.length) this.flush();
    }
  }

  flush(): void {
    writeAll(this.fd, new Uint8Array(this.buf.buffer, 0, this.n * 4), this.write);
    this.n = 0;
  }
}

const createExclusive = (path: string): number => openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);

/**
 * Streams the corpus once more and writes its in-vocabulary words as ids, so each epoch
 * re-reads a compact file instead of re-tokenizing text; memory stays bounded by the vocabulary.
 * The file needs 4 bytes per in-vocabulary token and per sentence; any failure removes it.
 */
export function encodeCorpus(corpus: Corpus, vocab: Vocabulary, options: EncodeOptions = {}): EncodedCorpus {
  const parent = options.tmpDir ?? tmpdir();
  const dir = createTemporaryFolder('lexnet-w2v-', parent);
  const path = join(dir, 'ids.bin');
  let fd = -1;
  try {
    fd = createExclusive(path);
    const out = new IdWriter(fd, options.write);
    const ids = new SentenceIds(out);
    for (const sentence of corpus.sentences()) {
      for (const w of sentence) {
        const id = vocab.index.get(w);
        if (id !== undefined) ids.word(id);
      }
      ids.end();
    }
    out.flush();
    return { path, ids: out.count, words: ids.words, trainableSentences: ids.trainableSentences, remove: () => removeTemporary(dir) };
  } catch (e) {
    removeTemporary(dir);
    if (e instanceof LexnetError || errnoCode(e) === undefined) throw e;
    throw encodeError(parent, e, vocab.totalCount + (options.sentences ?? 0));
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** A corpus read once: its vocabulary, what was read, and the encoded file. */
export interface CountedCorpus {
  vocab: Vocabulary;
  /** Tokens and sentences read (all words, in the vocabulary or not). */
  tokens: number;
  sentences: number;
  encoded: EncodedCorpus;
}

/**
 * Reads the corpus once, so standard input, FIFOs and process substitutions work: every token
 * is counted and written at once as a provisional id (in order of first appearance), then the
 * vocabulary is built (minCount, most frequent first, as buildVocabulary) and the file is
 * renumbered to its ids, out-of-vocabulary words dropped and sentences cut as encodeCorpus does,
 * so the encoded file is the one buildVocabulary + encodeCorpus give. The provisional file takes
 * 4 bytes per token and sentence until it is renumbered; any failure removes both.
 */
export async function countAndEncode(corpus: Corpus, minCount: number, options: EncodeOptions = {}): Promise<CountedCorpus> {
  const parent = options.tmpDir ?? tmpdir();
  const dir = createTemporaryFolder('lexnet-w2v-', parent);
  const readPath = join(dir, 'read.bin');
  const path = join(dir, 'ids.bin');
  let fd = -1, read = 0;
  const seen = { tokens: 0, sentences: 0 }; // so far, for the size quoted if the disk fills
  // the pass is synchronous reading; it gives the event loop a turn every ~25 ms (timers, abort)
  const ticker = new Ticker(options.signal, 25, 1);
  try {
    let first: ProvisionalIds | null = null;
    const table = new TokenTable();
    const blocks = corpus.tokenIdBlocks?.(table) ?? null;
    if (blocks) {
      // text files: tokens scanned as bytes, one string per distinct word
      fd = createExclusive(readPath);
      try {
        first = await scanProvisional(blocks, table, new IdWriter(fd, options.write), ticker, seen, options.onRead);
      } catch (e) {
        if (!(e instanceof ByteScanUnsupported)) throw e;
        closeSync(fd); // the string tokenizer reads the file again and reports what the scan left to it
        fd = -1;
        rmSync(readPath, { force: true });
      }
    }
    if (!first) {
      fd = createExclusive(readPath);
      const out = new IdWriter(fd, options.write);
      first = { ...await readProvisional(corpus, out, ticker, seen, options.onRead), read: out.count };
      out.flush();
    }
    closeSync(fd);
    fd = -1;
    const { tokens, sentences } = first;
    read = first.read;
    // the sentence marks are the ids read that are not tokens
    const eol = options.endOfLine ? withEndOfLine(first.words, first.counts, read - tokens) : null;
    const words = eol?.words ?? first.words, counts = eol?.counts ?? first.counts;
    const { vocab, ids } = keepFrequent(corpus.name, words, counts.subarray(0, words.length), minCount, tokens);
    const final = new Int32Array(words.length).fill(-1);
    ids.forEach((provisional, k) => { final[provisional] = k; });
    const encoded = await renumber(readPath, read, path, final, ticker, options.write, eol ? final[eol.eos]! : -1);
    rmSync(readPath, { force: true });
    return { vocab, tokens, sentences, encoded: { path, ...encoded, remove: () => removeTemporary(dir) } };
  } catch (e) {
    if (fd >= 0) closeSync(fd);
    removeTemporary(dir);
    if (e instanceof LexnetError || errnoCode(e) === undefined) throw e;
    throw read === 0
      ? encodeError(parent, e, seen.tokens + seen.sentences, ' read so far, then as much again while they are renumbered')
      : encodeError(parent, e, 2 * read, ' twice: read, then renumbered');
  }
}

/** The first pass: each token's provisional id (order of first appearance) written, −1 after each sentence. */
interface ProvisionalIds extends ProvisionalCounts {
  /** Ids written, sentence marks included. */
  read: number;
}

/** The first pass over a byte-scanned text file. */
async function scanProvisional(
  blocks: Iterable<TokenIdBlock>, table: TokenTable, out: IdWriter, ticker: Ticker, seen: Seen, onRead?: (tokens: number, sentences: number) => void,
): Promise<ProvisionalIds> {
  for (const b of blocks) {
    seen.tokens = b.tokens;
    seen.sentences = b.sentences;
    out.putAll(b.ids);
    if (ticker.due()) {
      await ticker.tick();
      onRead?.(seen.tokens, seen.sentences);
    }
  }
  out.flush();
  return { words: table.words, counts: table.counts.subarray(0, table.size), tokens: seen.tokens, sentences: seen.sentences, read: out.count };
}


/**
 * Rewrites the provisional ids of `from` through `final` (−1: not in the vocabulary): words left
 * out are dropped, and a sentence mark goes after each MAX_SENTENCE words and at the end of
 * each sentence that kept any, as encodeCorpus writes them (with `endOfLine` ≥ 0, that word
 * before each sentence mark of `from`: SentenceIds).
 */
async function renumber(from: string, count: number, to: string, final: Int32Array, ticker: Ticker, write?: WriteFn, endOfLine = -1): Promise<{ ids: number; words: number; trainableSentences: number }> {
  const inFd = openSync(from, 'r');
  let outFd = -1;
  try {
    outFd = createExclusive(to);
    const out = new IdWriter(outFd, write);
    const ids = new SentenceIds(out, endOfLine);
    const buf = new Int32Array(1 << 16);
    const bytes = new Uint8Array(buf.buffer);
    for (let at = 0; at < count;) {
      const want = Math.min(buf.length, count - at) * 4;
      let got = 0;
      while (got < want) {
        const n = readSync(inFd, bytes, got, want - got, at * 4 + got);
        if (n === 0) throw new Error(`the provisional ids file ${from} is shorter than written`);
        got += n;
      }
      ids.renumber(buf.subarray(0, want / 4), final);
      at += want / 4;
      await ticker.tick();
    }
    ids.end();
    out.flush();
    return { ids: out.count, words: ids.words, trainableSentences: ids.trainableSentences };
  } finally {
    closeSync(inFd);
    if (outFd >= 0) closeSync(outFd);
  }
}

function encodeError(parent: string, e: unknown, neededIds: number, how = ''): LexnetError {
  const code = errnoCode(e);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new LexnetError(
      `temporary folder ${parent}: ${describeWriteError(e)}: the encoded corpus needs about ${formatBytes(4 * neededIds)} ` +
      `(4 bytes × ${neededIds.toLocaleString('en-US')} tokens and sentence ends${how}); free some space or choose another folder with tmpDir or TMPDIR`,
      { option: 'tmpDir' },
    );
  }
  return new LexnetError(`temporary folder ${parent}: cannot write the encoded corpus (${describeWriteError(e)}); set tmpDir or TMPDIR`, { option: 'tmpDir' });
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let i = 0, v = bytes;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return i === 0 ? `${bytes} bytes` : `${v.toFixed(1)} ${units[i]} (${bytes.toLocaleString('en-US')} bytes)`;
}
