import { Random } from '../src/index.js';

/** A synthetic corpus with two topics whose words co-occur only within their topic. */
export function topicCorpus(sentences: number, seed: number): string {
  const r = new Random(seed);
  const topics = [['cat', 'dog', 'pet', 'fur', 'paw', 'tail'], ['stock', 'bond', 'bank', 'loan', 'cash', 'fund']];
  const lines: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const t = topics[i % 2]!;
    lines.push(Array.from({ length: 8 }, () => t[r.int(t.length)]).join(' '));
  }
  return lines.join('\n') + '\n';
}

