// Word vectors as a worker posts them to the page: the words, the vectors' floats and, when the
// model has fastText's subwords, the n-gram settings and the bucket rows (in blocks of whole rows,
// each at most 2^24 floats), so that the page's SubwordVectors answers words outside the vocabulary.
import { SubwordVectors, WordVectors } from 'lexnet';

/** The largest block of bucket rows posted as one Float32Array. */
const BLOCK_FLOATS = 1 << 24;

export interface PackedVectors {
  words: string[];
  dim: number;
  data: Float32Array;
  subwords: { minn: number; maxn: number; bucket: number; pruneIndex?: ReadonlyMap<number, number>; rows: number; rowsPerBlock: number; blocks: Float32Array[] } | null;
}

/** Copies of the vectors' words, floats and bucket rows (the buffers are the caller's to transfer). */
export function packVectors(v: WordVectors): PackedVectors {
  const words = [...v.words], dim = v.dim, data = v.data.slice();
  if (!(v instanceof SubwordVectors)) return { words, dim, data, subwords: null };
  const { minn, maxn, bucket, pruneIndex } = v.subwords;
  // a pruned model keeps fewer rows than buckets: the prune index maps each kept bucket to its row
  const rows = pruneIndex ? Math.max(-1, ...pruneIndex.values()) + 1 : bucket;
  const rowsPerBlock = Math.max(1, Math.floor(BLOCK_FLOATS / dim));
  const blocks: Float32Array[] = [];
  for (let first = 0; first < rows; first += rowsPerBlock) {
    const n = Math.min(rowsPerBlock, rows - first), block = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) block.set(v.buckets.row(first + i), i * dim);
    blocks.push(block);
  }
  return { words, dim, data, subwords: { minn, maxn, bucket, ...(pruneIndex ? { pruneIndex } : {}), rows, rowsPerBlock, blocks } };
}

/** The page's vectors from a worker's message: SubwordVectors when they have subwords. */
export function unpackVectors(p: PackedVectors): WordVectors {
  if (!p.subwords) return new WordVectors(p.words, p.dim, p.data);
  const { minn, maxn, bucket, pruneIndex, rowsPerBlock, blocks } = p.subwords;
  const dim = p.dim;
  const buckets = {
    row(i: number): Float32Array {
      const b = Math.floor(i / rowsPerBlock), o = (i - b * rowsPerBlock) * dim;
      return blocks[b]!.subarray(o, o + dim);
    },
  };
  return new SubwordVectors(p.words, dim, p.data, undefined, { minn, maxn, bucket, ...(pruneIndex ? { pruneIndex } : {}) }, buckets);
}
