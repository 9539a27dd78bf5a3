import { Arena, RESERVED_BYTES } from './kernels.js';
import { MAX_CODE_LENGTH } from './huffman.js';

/** Ids handed to the kernel per call; alpha is updated between calls (word2vec: every 10k words). */
export const CHUNK_WORDS = 10_000;
/** Interpolated sigmoid table length (assembly/sigmoid-table.ts: TABLE_SIZE + 1). */
export const SIGMOID_TABLE_FLOATS = 4097;

/** Where every array of a word2vec model lives in the kernels' linear memory. */
export interface Word2vecLayout {
  dim: number;
  vocabSize: number;
  syn0: number;
  syn1: number;
  sigTable: number;
  logSigTable: number;
  negTable: number;
  negTableSize: number;
  keepProb: number;
  codes: number;
  points: number;
  codeLens: number;
  /** Per thread: kernel scratch (followed by its sentence buffer) and the ids buffer. */
  threads: { scratch: number; ids: number }[];
  bytes: number;
}

export function planLayout(dim: number, vocabSize: number, negTableSize: number, threads: number, scratchBytes: number): Word2vecLayout {
  const a = new Arena(RESERVED_BYTES);
  const floats = vocabSize * dim * 4;
  const layout: Word2vecLayout = {
    dim, vocabSize,
    syn0: a.alloc(floats),
    syn1: a.alloc(floats),
    sigTable: a.alloc(SIGMOID_TABLE_FLOATS * 4),
    logSigTable: a.alloc(SIGMOID_TABLE_FLOATS * 4),
    negTable: a.alloc(negTableSize * 4),
    negTableSize,
    keepProb: a.alloc(vocabSize * 4),
    codes: a.alloc(vocabSize * MAX_CODE_LENGTH),
    points: a.alloc(vocabSize * MAX_CODE_LENGTH * 4),
    codeLens: a.alloc(vocabSize * 4),
    threads: [],
    bytes: 0,
  };
  for (let t = 0; t < threads; t++) {
    layout.threads.push({ scratch: a.alloc(scratchBytes + CHUNK_WORDS * 4), ids: a.alloc(CHUNK_WORDS * 4) });
  }
  layout.bytes = a.size;
  return layout;
}
