/** Longest Huffman code the kernels accept (as in word2vec.c). */
export const MAX_CODE_LENGTH = 40;

/** Every word's Huffman code and path of inner nodes (hierarchical softmax). */
export interface HuffmanCodes {
  /** codes[w·40 + d]: the d-th bit of word w's code. */
  codes: Uint8Array;
  /** points[w·40 + d]: the inner node (0..V−2) visited at depth d. */
  points: Int32Array;
  lengths: Int32Array;
}

/**
 * The Huffman tree of hierarchical softmax, built from counts sorted in descending order as
 * word2vec.c does: two pointers walk the leaves and the new inner nodes, always merging the
 * two smallest.
 */
export function buildHuffman(counts: ArrayLike<number>): HuffmanCodes {
  const V = counts.length;
  const count = new Float64Array(2 * V + 1).fill(1e15);
  for (let i = 0; i < V; i++) count[i] = counts[i]!;
  const binary = new Uint8Array(2 * V + 1);
  const parent = new Int32Array(2 * V + 1);
  let pos1 = V - 1, pos2 = V;
  for (let a = 0; a < V - 1; a++) {
    const pick = (): number => (pos1 >= 0 && count[pos1]! < count[pos2]! ? pos1-- : pos2++);
    const min1 = pick();
    const min2 = pick();
    count[V + a] = count[min1]! + count[min2]!;
    parent[min1] = V + a;
    parent[min2] = V + a;
    binary[min2] = 1;
  }
  const codes = new Uint8Array(V * MAX_CODE_LENGTH);
  const points = new Int32Array(V * MAX_CODE_LENGTH);
  const lengths = new Int32Array(V);
  const code: number[] = [], point: number[] = [];
  for (let w = 0; w < V; w++) {
    code.length = 0;
    point.length = 0;
    for (let b = w; b !== 2 * V - 2; b = parent[b]!) {
      code.push(binary[b]!);
      point.push(b);
    }
    const len = code.length;
    if (len > MAX_CODE_LENGTH) throw new RangeError(`Huffman code of word ${w} is longer than ${MAX_CODE_LENGTH}`);
    lengths[w] = len;
    // root first: inner node ids are offset by V so they index 0..V−2
    points[w * MAX_CODE_LENGTH] = V - 2;
    for (let d = 0; d < len; d++) {
      codes[w * MAX_CODE_LENGTH + len - d - 1] = code[d]!;
      if (d > 0) points[w * MAX_CODE_LENGTH + len - d] = point[d]! - V;
    }
  }
  return { codes, points, lengths };
}
