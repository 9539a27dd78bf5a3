import { chunks } from './chunks.js';

/** Chunk precision, recall and F1 of one entity type (or of all, in `overall`). */
export interface TypeScore {
  type: string;
  precision: number;
  recall: number;
  f1: number;
  /** Chunks in the gold and predicted tags, and those found with the same span and type. */
  gold: number;
  predicted: number;
  correct: number;
}

/** conlleval's report: token accuracy, chunk scores overall and per type, the tag confusion matrix. */
export interface ConllevalReport {
  tokens: number;
  tokenAccuracy: number;
  overall: TypeScore;
  types: TypeScore[];
  /** Gold tag × predicted tag counts, over `tags` in order. */
  confusion: { tags: string[]; counts: number[][] };
}

function score(type: string, gold: number, predicted: number, correct: number): TypeScore {
  const precision = predicted ? correct / predicted : 0;
  const recall = gold ? correct / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { type, precision, recall, f1, gold, predicted, correct };
}

/**
 * Scores predicted tags against gold tags as conlleval does: a predicted entity counts as
 * correct only if a gold entity has the same start, end and type; precision, recall and F1
 * per type and overall (micro-averaged); token accuracy over all tokens.
 */
export function conlleval(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): ConllevalReport {
  const perType = new Map<string, { gold: number; predicted: number; correct: number }>();
  const bump = (t: string, k: 'gold' | 'predicted' | 'correct'): void => {
    const s = perType.get(t) ?? { gold: 0, predicted: 0, correct: 0 };
    s[k]++;
    perType.set(t, s);
  };
  const tagSet = new Set<string>();
  let tokens = 0, right = 0;
  const pairs: [string, string][] = [];
  gold.forEach((g, s) => {
    const p = predicted[s]!;
    if (p.length !== g.length) throw new RangeError(`sentence ${s + 1}: ${g.length} gold tags, ${p.length} predicted`);
    for (let i = 0; i < g.length; i++) {
      tokens++;
      if (g[i] === p[i]) right++;
      tagSet.add(g[i]!);
      tagSet.add(p[i]!);
      pairs.push([g[i]!, p[i]!]);
    }
    const gc = chunks(g), pc = chunks(p);
    const key = (c: { type: string; start: number; end: number }) => `${c.start}:${c.end}:${c.type}`;
    const goldKeys = new Set(gc.map(key));
    for (const c of gc) bump(c.type, 'gold');
    for (const c of pc) {
      bump(c.type, 'predicted');
      if (goldKeys.has(key(c))) bump(c.type, 'correct');
    }
  });
  const types = [...perType].sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, s]) => score(t, s.gold, s.predicted, s.correct));
  const sum = (k: 'gold' | 'predicted' | 'correct') => types.reduce((a, t) => a + t[k], 0);
  const tags = [...tagSet].sort((a, b) => (a === 'O' ? -1 : b === 'O' ? 1 : a < b ? -1 : 1));
  const index = new Map(tags.map((t, i) => [t, i]));
  const counts = tags.map(() => new Array<number>(tags.length).fill(0));
  for (const [g, p] of pairs) counts[index.get(g)!]![index.get(p)!]!++;
  return {
    tokens, tokenAccuracy: tokens ? right / tokens : 0,
    overall: score('overall', sum('gold'), sum('predicted'), sum('correct')),
    types, confusion: { tags, counts },
  };
}

/** conlleval's text report. */
export function formatConlleval(r: ConllevalReport): string {
  const pct = (v: number) => (100 * v).toFixed(2).padStart(6);
  const lines = [
    `processed ${r.tokens} tokens with ${r.overall.gold} phrases; found: ${r.overall.predicted} phrases; correct: ${r.overall.correct}.`,
    `accuracy: ${pct(r.tokenAccuracy)}%; precision: ${pct(r.overall.precision)}%; recall: ${pct(r.overall.recall)}%; FB1: ${pct(r.overall.f1)}`,
    ...r.types.map((t) => `${t.type.padStart(17)}: precision: ${pct(t.precision)}%; recall: ${pct(t.recall)}%; FB1: ${pct(t.f1)}  ${t.predicted}`),
  ];
  return lines.join('\n');
}

/** The tag confusion matrix as a text table (gold tags in rows, predicted in columns). */
export function formatConfusion(r: ConllevalReport): string {
  const { tags, counts } = r.confusion;
  const w = Math.max(6, ...tags.map((t) => t.length)) + 1;
  const head = 'gold\\pred'.padEnd(w) + tags.map((t) => t.padStart(w)).join('');
  return [head, ...tags.map((t, i) => t.padEnd(w) + counts[i]!.map((c) => String(c).padStart(w)).join(''))].join('\n');
}
