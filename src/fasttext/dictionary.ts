/** fastText's `entry_type`: a word or a label (`__label__…` in supervised models). */
export const ENTRY_WORD = 0;
export const ENTRY_LABEL = 1;

/** One dictionary entry: the word's text, its count in the training data, word or label. */
export interface DictionaryEntry {
  word: string;
  /** The word's bytes when they are not valid UTF-8 (`word` then holds U+FFFD in their place); written as they were read. */
  bytes?: Uint8Array;
  count: number;
  type: number;
}

/**
 * fastText's dictionary as a model file stores it: words first (most frequent first), then
 * labels; `pruneIndex` maps kept buckets to their new rows in pruned (quantized) models, and
 * is null when the model was not pruned.
 */
export interface FastTextDictionary {
  entries: DictionaryEntry[];
  nwords: number;
  nlabels: number;
  ntokens: number;
  pruneIndex: Map<number, number> | null;
}

/** Bytes of the dictionary header: size, nwords, nlabels (int32), ntokens, pruneidx_size (int64). */
export const DICTIONARY_HEADER_BYTES = 3 * 4 + 2 * 8;

/** Decodes the dictionary header. */
export function decodeDictionaryHeader(bytes: Uint8Array): { size: number; nwords: number; nlabels: number; ntokens: number; pruneSize: number } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, DICTIONARY_HEADER_BYTES);
  return {
    size: v.getInt32(0, true),
    nwords: v.getInt32(4, true),
    nlabels: v.getInt32(8, true),
    ntokens: Number(v.getBigInt64(12, true)),
    pruneSize: Number(v.getBigInt64(20, true)),
  };
}

const encoder = new TextEncoder();

/** The dictionary's bytes, as `Dictionary::save` writes them. */
export function* encodeDictionary(d: FastTextDictionary): Generator<Uint8Array> {
  const head = new Uint8Array(DICTIONARY_HEADER_BYTES);
  const v = new DataView(head.buffer);
  v.setInt32(0, d.entries.length, true);
  v.setInt32(4, d.nwords, true);
  v.setInt32(8, d.nlabels, true);
  v.setBigInt64(12, BigInt(d.ntokens), true);
  v.setBigInt64(20, BigInt(d.pruneIndex === null ? -1 : d.pruneIndex.size), true);
  yield head;
  const tail = new Uint8Array(9);
  const tv = new DataView(tail.buffer);
  for (const e of d.entries) {
    const w = e.bytes ?? encoder.encode(e.word);
    const out = new Uint8Array(w.length + 10);
    out.set(w);
    tv.setBigInt64(0, BigInt(e.count), true);
    tv.setInt8(8, e.type);
    out.set(tail, w.length + 1);
    yield out;
  }
  if (d.pruneIndex) {
    const pairs = new Uint8Array(8 * d.pruneIndex.size);
    const pv = new DataView(pairs.buffer);
    let k = 0;
    for (const [from, to] of d.pruneIndex) {
      pv.setInt32(k, from, true);
      pv.setInt32(k + 4, to, true);
      k += 8;
    }
    yield pairs;
  }
}

/** Why a word cannot be stored in a dictionary (fastText splits on whitespace and ends words with NUL), or null. */
export function wordProblem(word: string, bytes?: Uint8Array): string | null {
  if (bytes) return bytes.length === 0 ? 'an empty word' : bytes.some((b) => b === 0 || b === 32 || (b >= 9 && b <= 13)) ? 'the word\'s bytes contain whitespace or a NUL byte' : null;
  if (word === '') return 'an empty word';
  if (/[\s\0]/.test(word)) return `the word ${JSON.stringify(word.slice(0, 40))} contains whitespace or a NUL byte, which fastText cannot read back`;
  return null;
}
