import { inputError } from '../io/errors.js';
import { readText } from '../io/read-text.js';
import { WordVectors } from '../io/word-vectors.js';
import { analogyCosMul, cosinesOfMany, queryVector, topN } from './similarity.js';

/** One section of an analogy file (`: capital-common-countries` …): questions answered right, answered, and skipped. */
export interface AnalogySection {
  section: string;
  correct: number;
  total: number;
  skipped: number;
}

/** Accuracy on an analogy file, overall and by section, with the questions skipped. */
export interface AnalogyReport {
  method: 'add' | 'mul';
  sections: AnalogySection[];
  correct: number;
  /** Questions answered (all four words known). */
  total: number;
  /** Questions with a word outside the searched vocabulary. */
  skipped: number;
  accuracy: number;
  /** The share of questions whose four words are all in the searched vocabulary. */
  coverage: number;
}

/** How analogies are searched: the vocabulary restriction, 3CosAdd or 3CosMul, and case. */
export interface AnalogyOptions {
  /** Search and accept only the N most frequent words; gensim's default is 30,000. */
  restrict?: number | undefined;
  method?: 'add' | 'mul' | undefined;
  caseInsensitive?: boolean | undefined;
}

/** Lower-cases every word, keeping the first (most frequent) vector of words that collide. */
export function lowercased(vectors: WordVectors, limit = vectors.size): WordVectors {
  const n = Math.min(limit, vectors.size);
  const words: string[] = [];
  const rows: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const w = vectors.words[i]!.toLowerCase();
    if (seen.has(w)) continue;
    seen.add(w);
    words.push(w);
    rows.push(i);
  }
  const data = new Float32Array(words.length * vectors.dim);
  rows.forEach((r, k) => data.set(vectors.data.subarray(r * vectors.dim, (r + 1) * vectors.dim), k * vectors.dim));
  return new WordVectors(words, vectors.dim, data);
}

/**
 * Word-analogy accuracy on files in the format of `questions-words.txt` (`: section` lines,
 * then `a b c d`): the answer must rank first among the restricted vocabulary with a, b, c
 * excluded. Questions with an unknown word are skipped and counted.
 */
export function evaluateAnalogies(vectors: WordVectors, path: string, { restrict = 30000, method = 'add', caseInsensitive = true }: AnalogyOptions = {}): AnalogyReport {
  const vocab = caseInsensitive ? lowercased(vectors, restrict) : firstWords(vectors, restrict);
  const sections: AnalogySection[] = [];
  let current: AnalogySection | null = null;
  // 3CosAdd questions are answered four at a time, in one pass over the rows (the same scores as one by one)
  const pending: { sec: AnalogySection; answer: string; t: Float64Array; exclude: Set<number> }[] = [];
  const answerPending = (): void => {
    if (pending.length === 0) return;
    const scores = cosinesOfMany(vocab, vocab.size, pending.map((q) => q.t));
    pending.forEach((q, k) => {
      const best = topN(scores[k]!, q.exclude, 1)[0];
      if (best !== undefined && vocab.words[best] === q.answer) q.sec.correct++;
    });
    pending.length = 0;
  };
  readText(path).split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith(':')) {
      current = { section: line.slice(1).trim(), correct: 0, total: 0, skipped: 0 };
      sections.push(current);
      return;
    }
    const words = (caseInsensitive ? line.toLowerCase() : line).split(/\s+/);
    if (words.length !== 4) throw inputError(path, i + 1, `expected 4 words, found ${words.length}`);
    if (!current) sections.push((current = { section: '(no section)', correct: 0, total: 0, skipped: 0 }));
    const sec: AnalogySection = current;
    if (words.some((w) => !vocab.index.has(w))) {
      sec.skipped++;
      return;
    }
    const [a, b, c, d] = words as [string, string, string, string];
    sec.total++;
    if (method === 'mul') {
      if (analogyCosMul(vocab, a, b, c, { topn: 1 })[0]?.word === d) sec.correct++;
      return;
    }
    pending.push({ sec, answer: d, ...queryVector(vocab, [b, c], [a]) }); // 3CosAdd: b − a + c
    if (pending.length === 4) answerPending();
  });
  answerPending();
  const correct = sections.reduce((s, x) => s + x.correct, 0);
  const total = sections.reduce((s, x) => s + x.total, 0);
  const skipped = sections.reduce((s, x) => s + x.skipped, 0);
  // an accuracy over no questions would be a made-up number (0% or NaN)
  if (total + skipped === 0) throw inputError(path, null, 'no examples (no analogy questions "a b c d")');
  if (total === 0) throw inputError(path, null, `none of the ${skipped} questions has all four words among the ${vocab.size} words searched (\`restrict\`), so there is no accuracy to report`, { mentions: ['restrict'] });
  return { method, sections, correct, total, skipped, accuracy: correct / total, coverage: total / (total + skipped) };
}

/** Lower-cased word → the row of its first (most frequent) spelling. */
function lowercasedIndex(vectors: WordVectors): Map<string, number> {
  const index = new Map<string, number>();
  vectors.words.forEach((w, i) => {
    const lower = w.toLowerCase();
    if (!index.has(lower)) index.set(lower, i);
  });
  return index;
}

function firstWords(vectors: WordVectors, limit: number): WordVectors {
  const n = Math.min(limit, vectors.size);
  return new WordVectors(vectors.words.slice(0, n), vectors.dim, vectors.data.subarray(0, n * vectors.dim));
}

/** Spearman correlation of cosine similarity with human scores on a word-pair file. */
export interface SimilarityReport {
  spearman: number;
  pairs: number;
  /** Pairs with a word not in the vocabulary (none with subwords: those pairs are scored). */
  skipped: number;
  /** The share of the file's pairs whose two words are both in the vocabulary. */
  coverage: number;
}

/** Average ranks (ties share the mean of their positions), 1-based. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const r = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's ρ: Pearson correlation of the average ranks. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const rx = ranks(x), ry = ranks(y);
  const n = x.length;
  const mx = rx.reduce((s, v) => s + v, 0) / n, my = ry.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i]! - mx) * (ry[i]! - my);
    sxx += (rx[i]! - mx) ** 2;
    syy += (ry[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Word-pair similarity (WordSim-353 format: `#` comments, then `word1<TAB>word2<TAB>score`):
 * Spearman correlation between the gold scores and the cosine similarities. Pairs with a word
 * outside the vocabulary are skipped, unless the vectors have subwords (a fastText model), which
 * give every word a vector: then every pair is scored. `coverage` says how many were in-vocabulary.
 */
export function evaluateSimilarity(vectors: WordVectors, path: string, { caseInsensitive = true }: { caseInsensitive?: boolean } = {}): SimilarityReport {
  // the rows are looked up, not copied: a lower-cased word's row is its first (most frequent) spelling's
  const index = caseInsensitive ? lowercasedIndex(vectors) : vectors.index;
  const { data, dim: d } = vectors;
  const gold: number[] = [], predicted: number[] = [];
  let skipped = 0, known = 0;
  // a word's vector: its row, or with subwords one composed from its character n-grams
  const vectorOf = (w: string, row: number | undefined): Float32Array | undefined => {
    if (row !== undefined) return data.subarray(row * d, (row + 1) * d);
    return vectors.hasSubwords ? vectors.vector(w) : undefined;
  };
  readText(path).split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.split(/\t|\s+/);
    if (parts.length < 3) throw inputError(path, i + 1, `expected "word1 word2 score", found ${parts.length} fields`);
    const [w1, w2] = parts.slice(0, 2).map((w) => (caseInsensitive ? w.toLowerCase() : w)) as [string, string];
    const score = Number(parts[2]);
    if (!Number.isFinite(score)) throw inputError(path, i + 1, `score "${parts[2]}" is not a number`);
    const a = index.get(w1), b = index.get(w2);
    if (a !== undefined && b !== undefined) known++;
    const va = vectorOf(w1, a), vb = vectorOf(w2, b);
    if (!va || !vb) { skipped++; return; }
    let ab = 0, aa = 0, bb = 0;
    for (let j = 0; j < d; j++) {
      const x = va[j]!, y = vb[j]!;
      ab += x * y;
      aa += x * x;
      bb += y * y;
    }
    gold.push(score);
    predicted.push(aa > 0 && bb > 0 ? ab / Math.sqrt(aa) / Math.sqrt(bb) : 0);
  });
  // a correlation over fewer than two pairs, or over constant values, is undefined (NaN)
  if (gold.length + skipped === 0) throw inputError(path, null, 'no examples (no word pairs "word1 word2 score")');
  if (gold.length < 2) throw inputError(path, null, `${gold.length} word pair${gold.length === 1 ? '' : 's'} with both words in the vocabulary (${skipped} skipped); Spearman's correlation needs at least 2`);
  const rho = spearman(gold, predicted);
  if (!Number.isFinite(rho)) {
    throw inputError(path, null, `Spearman's correlation is undefined: ${new Set(gold).size === 1 ? 'the gold scores are all equal' : 'the vectors give every pair the same similarity'}`);
  }
  return { spearman: rho, pairs: gold.length, skipped, coverage: known / (gold.length + skipped) };
}
