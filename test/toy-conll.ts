import { Random } from '../src/core/random.js';

/** A toy NER corpus in CoNLL columns: capitalized names after "met" are PER, after "in" are LOC. */
export function toyConll(sentences: number, seed: number): string {
  const r = new Random(seed);
  const people = ['Smith', 'Jones', 'Brown', 'Lee', 'Khan', 'Garcia'];
  const places = ['Paris', 'Rome', 'Oslo', 'Lima', 'Cairo', 'Delhi'];
  const out = ['-DOCSTART- -X- -X- O', ''];
  for (let i = 0; i < sentences; i++) {
    const p = people[r.int(people.length)]!, l = places[r.int(places.length)]!;
    out.push('we PRP O', 'met VBD O', `John NNP B-PER`, `${p} NNP I-PER`, 'in IN O', `${l} NNP B-LOC`, '. . O', '');
  }
  return out.join('\n');
}
