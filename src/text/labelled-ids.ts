// A fastText-format training file (`__label__a [__label__b …] text` lines) read straight into
// numbered words and labels: the bytes scanned into token ids (token-ids.ts, one string per
// distinct token, none per occurrence), the tokens surveyed and split again as the model will
// record (each distinct token once), then the lines indexed as fastText's dictionary counts them.
// The result is what readFastText, trainingNormalization and labelledData give, without the
// string arrays: kind supervised trains the same model from it.
import { statSync } from 'node:fs';
import { LineMemory, type NumberArray } from '../fasttext/line-memory.js';
import { LineIndex, type IndexedLines } from '../fasttext/supervised-data.js';
import { sourceName } from '../io/byte-source.js';
import { MAX_SENTENCE_TOKENS } from './corpus-limits.js';
import { ByteScanUnsupported, tokenIdBlocks } from './token-ids.js';
import { TokenTable } from './token-table.js';
import { resplit, resplitToken, TextSurvey, type TextNormalization } from './tokenize.js';

/** Bytes scanned at a time (the scan's ids for a block take 5 bytes a byte: 1.3 MB here). */
const SCAN_BYTES = 1 << 18;

/** A training file as numbered lines, with how its texts were split and how it writes labels. */
export interface LabelledIds {
  name: string;
  /** The numbered lines; null once trained on (training lets them go when they are in the kernels' memory). */
  indexed: IndexedLines | null;
  normalization: TextNormalization;
  labelPrefix: string;
}

/**
 * Reads a fastText-format file into numbered lines, its texts split as `normalization(survey)`
 * decides from a survey of its words (labels excepted). The numbers are read into a kernel memory
 * (LineMemory, `shared` between threads unless told not: training with one thread) where supervised
 * training then lays out its model. Returns null when the file needs the
 * line reader: a path that is not a regular file (read once), a line without a label or with an
 * empty one, bytes that are not UTF-8, a NUL, a very long token or line (the line reader then
 * gives the error with its line, or reads it).
 */
export function readLabelledIds(path: string, labelPrefix: string, normalization: (survey: TextSurvey) => TextNormalization, o: { shared?: boolean } = {}): LabelledIds | null {
  const bytes = fileBytes(path);
  if (bytes === null) return null; // a FIFO or a device is read once, by the line reader
  const table = new TokenTable();
  // the token ids in a kernel memory, 2 bytes each while they fit (65,535 ends a line), grown in place
  const lines = new LineMemory(o.shared ?? true);
  let ids: NumberArray = lines.view(0), n = 0;
  try {
    for (const block of tokenIdBlocks(path, false, table, SCAN_BYTES)) {
      if (lines.width === 2 && table.words.length >= 0xffff) ids = lines.widen(n);
      ids = lines.view(n + block.ids.length);
      ids.set(block.ids, n); // (−1 is 65,535 in a Uint16Array)
      n += block.ids.length;
    }
  } catch (e) {
    if (e instanceof ByteScanUnsupported) return null;
    throw e;
  }
  const END = lines.width === 2 ? 0xffff : -1;
  const words = table.words, distinct = words.length;
  const isLabel = new Uint8Array(distinct);
  const survey = new TextSurvey();
  for (let id = 0; id < distinct; id++) {
    const t = words[id]!;
    if (t.startsWith(labelPrefix)) {
      if (t.length === labelPrefix.length) return null; // an empty label: the line reader names its line
      isLabel[id] = 1;
    } else survey.addToken(t, table.counts[id]!);
  }
  const n1 = normalization(survey);
  // each distinct word split as n1 says, null when its split needs its line
  const splits: (string[] | null)[] = new Array(distinct);
  let oneToOne = true;
  for (let id = 0; id < distinct; id++) {
    if (isLabel[id]) continue;
    const split = (splits[id] = resplitToken(words[id]!, n1));
    if (split === null || split.length !== 1) oneToOne = false;
  }
  // every token one word (white space; Treebank tokens kept whole): the words are numbered over the
  // token ids themselves, each written behind where the lines are read (no second array)
  const x = new LineIndex(oneToOne ? ids : n);
  /** Each distinct word's number in x once it has been met, when it splits into one word (−1: not met, or see `numbers`). */
  const number = new Int32Array(distinct).fill(-1);
  /** The numbers of a word split into several (or none). */
  const numbers = new Map<number, Int32Array>();
  for (let start = 0, end = 0; start < n; start = end + 1) {
    end = ids.indexOf(END, start);
    if (end < 0) end = n;
    if (end - start >= MAX_SENTENCE_TOKENS) return null; // the scan cuts lines this long
    let labels = 0, context = false;
    for (let i = start; i < end; i++) {
      const id = ids[i]!;
      if (isLabel[id]) { labels++; continue; }
      if (splits[id] === null) context = true;
    }
    if (labels === 0) return null; // no label: the line reader names the line
    for (let i = start; i < end; i++) if (isLabel[ids[i]!]) x.label(words[ids[i]!]!);
    // (then the words, the line's last reading of its token ids)
    if (context) {
      const tokens: string[] = [];
      for (let i = start; i < end; i++) if (!isLabel[ids[i]!]) tokens.push(words[ids[i]!]!);
      for (const w of resplit(tokens, n1)) x.word(w);
    } else {
      for (let i = start; i < end; i++) {
        const id = ids[i]!;
        if (isLabel[id]) continue;
        const one = number[id]!;
        if (one >= 0) {
          x.wordAgain(one);
          continue;
        }
        const known = numbers.get(id);
        if (known) {
          for (let k = 0; k < known.length; k++) x.wordAgain(known[k]!);
        } else {
          const split = splits[id]!;
          if (split.length === 1) number[id] = x.word(split[0]!);
          else numbers.set(id, Int32Array.from(split, (w) => x.word(w)));
        }
      }
    }
    x.endLine();
  }
  return { name: sourceName(path), indexed: { ...x.result(), ...(oneToOne ? { memory: lines } : {}) }, normalization: n1, labelPrefix };
}

/** The size of a regular file in bytes; null for anything else (or what cannot be looked at: the line reader says why). */
function fileBytes(path: string): number | null {
  try {
    const s = statSync(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}
