import { LexnetError } from '../io/errors.js';
import { Arena, RESERVED_BYTES } from '../kernels/memory.js';
import { MAX_CODE_LENGTH } from './huffman.js';
import { formatBytes, MAX_MEMORY_BYTES } from './memory-limit.js';

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
  /** fastText's subwords (0 and 0 without): per word the offset of its input rows in subwordIds (V + 1 int32), and the row ids. */
  subwordOffsets: number;
  subwordIds: number;
  /** Rows of syn0: the words', then (with subwords) the n-gram buckets' that some word uses. */
  inputRows: number;
  /** Per thread: kernel scratch (followed by its sentence buffer) and the ids buffer. */
  threads: { scratch: number; ids: number }[];
  bytes: number;
}

/**
 * Bytes of one thread's kernel scratch (assembly/word2vec.ts `scratchBytes`), computed here in
 * exact arithmetic: the kernel's own 32-bit sum would wrap for absurd sizes.
 */
export function word2vecScratchBytes(dim: number, negative: number, vocabSize: number, window: number): number {
  const floats = (n: number): number => Math.ceil((n * 4) / 16) * 16;
  return 2 * floats(dim) + floats(negative + 1) + floats(2 * window) + floats(2 * window * (negative + 1)) + floats(2 * window * dim)
    + floats(2 * window * (negative + 1)) + floats(2 * window * (negative + 1)) + floats(vocabSize);
}

/**
 * Lays the model out in one linear memory, or throws a LexnetError with the arithmetic when it
 * cannot fit in the 4 GiB a WebAssembly memory can hold (before anything is allocated).
 */
/** With fastText's subwords: n-gram bucket rows after the words' in syn0, and the total of the words' row ids (their own and their n-grams'). */
export interface SubwordRows {
  buckets: number;
  ids: number;
  /** The bucket rows laid out in syn0 (default `buckets`): the session keeps only those some word's n-grams use. */
  rows?: number;
}

export function planLayout(dim: number, vocabSize: number, negTableSize: number, threads: number, scratchBytes: number, subwords?: SubwordRows): Word2vecLayout {
  if (!(Number.isSafeInteger(scratchBytes) && scratchBytes >= 0)) {
    throw new LexnetError(`word2vec: the kernels' scratch size overflowed (${scratchBytes}); dim, window or negative is far too large`, { mentions: ['dim', 'window', 'negative'] });
  }
  checkFits(dim, vocabSize, negTableSize, threads, scratchBytes, subwords);
  const a = new Arena(RESERVED_BYTES);
  const floats = vocabSize * dim * 4;
  const inputRows = vocabSize + (subwords?.rows ?? subwords?.buckets ?? 0);
  const layout: Word2vecLayout = {
    dim, vocabSize, inputRows,
    syn0: a.alloc(inputRows * dim * 4),
    syn1: a.alloc(floats),
    sigTable: a.alloc(SIGMOID_TABLE_FLOATS * 4),
    logSigTable: a.alloc(SIGMOID_TABLE_FLOATS * 4),
    negTable: a.alloc(negTableSize * 4),
    negTableSize,
    keepProb: a.alloc(vocabSize * 4),
    codes: a.alloc(vocabSize * MAX_CODE_LENGTH),
    points: a.alloc(vocabSize * MAX_CODE_LENGTH * 4),
    codeLens: a.alloc(vocabSize * 4),
    subwordOffsets: subwords ? a.alloc((vocabSize + 1) * 4) : 0,
    subwordIds: subwords ? a.alloc(subwords.ids * 4) : 0,
    threads: [],
    bytes: 0,
  };
  for (let t = 0; t < threads; t++) {
    layout.threads.push({ scratch: a.alloc(scratchBytes + CHUNK_WORDS * 4), ids: a.alloc(CHUNK_WORDS * 4) });
  }
  layout.bytes = a.size;
  return layout;
}

/** Every array of the layout but the two V × dim matrices, in bytes (each rounded up to 16 for alignment). */
function otherBytes(vocabSize: number, negTableSize: number, threads: number, scratchBytes: number, subwords?: SubwordRows): number {
  const r = (n: number): number => Math.ceil(n / 16) * 16;
  const tables = r(SIGMOID_TABLE_FLOATS * 4) * 2 + r(negTableSize * 4) + r(vocabSize * 4) * 2 + r(vocabSize * MAX_CODE_LENGTH) + r(vocabSize * MAX_CODE_LENGTH * 4) +
    (subwords ? r((vocabSize + 1) * 4) + r(subwords.ids * 4) : 0);
  return RESERVED_BYTES + tables + threads * (r(scratchBytes + CHUNK_WORDS * 4) + r(CHUNK_WORDS * 4));
}

function checkFits(dim: number, vocabSize: number, negTableSize: number, threads: number, scratchBytes: number, subwords?: SubwordRows): void {
  const buckets = subwords?.buckets ?? 0;
  const vectors = (2 * vocabSize + buckets) * Math.ceil((dim * 4) / 16) * 16;
  const rest = otherBytes(vocabSize, negTableSize, threads, scratchBytes, subwords);
  if (vectors + rest <= MAX_MEMORY_BYTES) return;
  if (buckets > 0) {
    const largestDim = Math.floor((MAX_MEMORY_BYTES - rest) / ((2 * vocabSize + buckets) * 4 * 4)) * 4;
    throw new LexnetError(
      `word2vec: the model needs (${vocabSize.toLocaleString('en-US')} words × 2 matrices + ${buckets.toLocaleString('en-US')} n-gram buckets) × dim ${dim} × 4 bytes = ${formatBytes(vectors)}, ` +
      `plus ${formatBytes(rest)} of tables and buffers = ${formatBytes(vectors + rest)}, more than the 4 GiB a WebAssembly memory can hold; ` +
      `lower bucket (\`bucket\`)${largestDim >= 1 ? ` or dim (\`dim\`, about ${largestDim} at most for these buckets)` : ''}, or raise \`minCount\``,
      { mentions: ['bucket', 'dim', 'minCount'] },
    );
  }
  // a smaller dim also shrinks the scratch, so this bound is safe (if a little low)
  const largestDim = Math.floor((MAX_MEMORY_BYTES - rest) / (2 * vocabSize * 4 * 4)) * 4;
  const perThread = rest - otherBytes(vocabSize, negTableSize, 0, scratchBytes);
  const advice = [
    largestDim >= 1 ? `the largest dim (\`dim\`) for this vocabulary is about ${largestDim}` : null,
    perThread > vectors ? `the per-thread buffers (${formatBytes(perThread / threads)} each, growing with dim × window and window × negative) are most of it: lower threads (\`threads\`), window (\`window\`) or negative (\`negative\`)` : null,
    'raise `minCount` to shrink the vocabulary',
  ].filter((a): a is string => a !== null).join('; or ');
  throw new LexnetError(
    `word2vec: the model needs ${vocabSize.toLocaleString('en-US')} words × dim ${dim} × 2 matrices × 4 bytes = ${formatBytes(vectors)}, ` +
    `plus ${formatBytes(rest)} of tables and buffers for ${threads} thread${threads === 1 ? '' : 's'} = ${formatBytes(vectors + rest)}, ` +
    `more than the 4 GiB a WebAssembly memory can hold; ${advice}`,
    { mentions: ['dim', 'threads', 'window', 'negative', 'minCount'] },
  );
}
