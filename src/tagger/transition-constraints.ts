/**
 * IOB2 constraints for the crf decoder. When every chunk of the training data starts with `B-`
 * (IOB2, as CoNLL-2003 is distributed here), `I-X` may only follow `B-X` or `I-X`; the start and
 * transition scores of every other way into `I-X` are fixed at FORBIDDEN, so Viterbi never
 * produces an invalid sequence (their gradient, a probability of e^−10000, is exactly 0).
 */
export const FORBIDDEN = -1e4;

/** Whether the tag sequences are IOB2: some `B-`/`I-` tags, no `E-`/`S-`, and every `I-X` after `B-X` or `I-X`. */
export function isIob2(sequences: Iterable<readonly string[]>): boolean {
  let chunked = false;
  for (const tags of sequences) {
    for (let t = 0; t < tags.length; t++) {
      const tag = tags[t]!;
      if (/^[ES]-/.test(tag)) return false;
      if (!tag.startsWith('I-')) { chunked ||= tag.startsWith('B-'); continue; }
      const prev = t > 0 ? tags[t - 1]! : 'O';
      if (prev.slice(2) !== tag.slice(2) || !/^[BI]-/.test(prev)) return false;
      chunked = true;
    }
  }
  return chunked;
}

/** Which starts (T) and transitions (T × T, from row to column) IOB2 forbids: any way into `I-X` but from `B-X` or `I-X`. */
export function iob2Forbidden(tags: readonly string[]): { start: boolean[]; transitions: boolean[] } {
  const T = tags.length;
  const start = tags.map((t) => t.startsWith('I-'));
  const transitions = Array.from({ length: T * T }, (_, q) => {
    const from = tags[Math.floor(q / T)]!, to = tags[q % T]!;
    return to.startsWith('I-') && !(/^[BI]-/.test(from) && from.slice(2) === to.slice(2));
  });
  return { start, transitions };
}
