import { brownFiles, brownTaggedSentences } from './corpus.js';
import type { TaggedSentence } from './conll.js';

/**
 * Brown corpus tags simplified for tagging: the title, headline, negation and foreign-word
 * markers (`-tl`, `-hl`, `-nc`, `fw-`) are dropped and contractions keep their first tag
 * (`vbz+rb` → `vbz`), leaving the ~80 base tags of the tagged Brown corpus.
 */
export function simplifyBrownTag(tag: string): string {
  let t = tag.toLowerCase();
  t = t.replace(/^fw-/, '').replace(/-(tl|hl|nc)/g, '');
  const plus = t.indexOf('+');
  if (plus > 0) t = t.slice(0, plus);
  if (t.length > 1 && t.endsWith('*') && t !== '*') t = t.slice(0, -1); // negated forms (`do*`)
  return t || tag;
}

/**
 * The tagged Brown corpus split by document: every `heldOutEvery`-th document (the 10th, 20th,
 * …) is held out, the rest is for training.
 */
export function brownTaggedSplit(heldOutEvery = 10, simplify = true): { train: TaggedSentence[]; test: TaggedSentence[] } {
  const train: TaggedSentence[] = [], test: TaggedSentence[] = [];
  brownFiles().forEach((file, i) => {
    const into = (i + 1) % heldOutEvery === 0 ? test : train;
    for (const s of brownTaggedSentences(file)) {
      into.push({ words: s.map(([w]) => w), tags: s.map(([, t]) => (simplify ? simplifyBrownTag(t) : t)), lines: [] });
    }
  });
  return { train, test };
}
