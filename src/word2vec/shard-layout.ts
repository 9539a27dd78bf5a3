// The layout of one memory of a sharded word2vec model: the vocabulary in S blocks of rows (word
// w in block w % S, at row ⌊w / S⌋), each memory holding one input block and one output block.
import { LexnetError } from '../io/errors.js';
import { Arena, RESERVED_BYTES } from '../kernels/memory.js';
import { CHUNK_WORDS, SIGMOID_TABLE_FLOATS, type Word2vecLayout } from './layout.js';
import { formatBytes, MAX_MEMORY_BYTES } from './memory-limit.js';
import { unigramTableSize } from './unigram-table.js';

/** Rows of block b of a vocabulary of V words in S blocks. */
export function blockRows(V: number, S: number, b: number): number {
  return Math.max(0, Math.ceil((V - b) / S));
}

/**
 * The layout every memory of a sharded model shares: syn0 (its input block), syn1 (the output
 * block it holds, which moves between memories: `outputRange`), the unigram tables of all S
 * blocks (`negTableSize` entries each, block b's at negTable + b × that); the subsampling probabilities of every word
 * (ids stay the vocabulary's); per thread slot the kernel scratch and the ids buffer.
 * `vocabSize` is the largest block's rows (the kernel's row count). Throws a LexnetError with
 * the arithmetic when one memory would pass 4 GiB.
 */
export function planShardLayout(dim: number, V: number, S: number, slots: number, scratchBytes: number): Word2vecLayout {
  const rows = blockRows(V, S, 0);
  const tableSize = unigramTableSize(rows);
  const need = shardMemoryBytes(dim, V, S, slots, scratchBytes);
  if (need > MAX_MEMORY_BYTES) {
    let enough = S + 1;
    while (enough < V && shardMemoryBytes(dim, V, enough, slots, scratchBytes) > MAX_MEMORY_BYTES) enough++;
    throw new LexnetError(
      `word2vec: with ${S} shard${S === 1 ? '' : 's'} each memory needs ${rows.toLocaleString('en-US')} rows × dim ${dim} × 2 matrices × 4 bytes plus tables and buffers = ${formatBytes(need)}, ` +
        `more than the 4 GiB a WebAssembly memory can hold; raise shards (\`shards\`, ${enough} at least) or lower dim (\`dim\`)`,
      { mentions: ['shards', 'dim'] },
    );
  }
  const a = new Arena(RESERVED_BYTES);
  const layout: Word2vecLayout = {
    dim, vocabSize: rows, inputRows: rows,
    syn0: a.alloc(rows * dim * 4),
    syn1: a.alloc(rows * dim * 4),
    negTable: a.alloc(S * tableSize * 4),
    negTableSize: tableSize,
    sigTable: a.alloc(SIGMOID_TABLE_FLOATS * 4),
    logSigTable: a.alloc(SIGMOID_TABLE_FLOATS * 4),
    keepProb: a.alloc(V * 4),
    codes: 0, points: 0, codeLens: 0, subwordOffsets: 0, subwordIds: 0,
    threads: [],
    bytes: 0,
  };
  // per slot: the kernel scratch, its sentence buffer, the sentence's blocks and places (blocksBuffer), the ids
  for (let t = 0; t < slots; t++) layout.threads.push({ scratch: a.alloc(scratchBytes + 3 * CHUNK_WORDS * 4), ids: a.alloc(CHUNK_WORDS * 4) });
  layout.bytes = a.size;
  return layout;
}

/** Bytes of one memory of the layout (each array rounded up to 16 for alignment). */
function shardMemoryBytes(dim: number, V: number, S: number, slots: number, scratchBytes: number): number {
  const rows = blockRows(V, S, 0);
  const r = (n: number): number => Math.ceil(n / 16) * 16;
  return RESERVED_BYTES + 2 * r(rows * dim * 4) + 2 * r(SIGMOID_TABLE_FLOATS * 4) + r(S * unigramTableSize(rows) * 4) + r(V * 4) +
    slots * (r(scratchBytes + 3 * CHUNK_WORDS * 4) + r(CHUNK_WORDS * 4));
}

/** Where the kernel keeps the blocks and chunk indices of a sentence's words in a slot's scratch (after its sentence buffer; CHUNK_WORDS is the kernel's SHARD_CHUNK). */
export function blocksBuffer(L: Word2vecLayout, slot: number, scratchBytes: number): number {
  return L.threads[slot]!.scratch + scratchBytes + CHUNK_WORDS * 4;
}

/** The byte range of a memory that holds its output block: syn1 (every memory keeps every block's unigram table). */
export function outputRange(L: Word2vecLayout): { at: number; bytes: number } {
  return { at: L.syn1, bytes: L.vocabSize * L.dim * 4 };
}
