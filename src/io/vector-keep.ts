/**
 * A `keep` predicate for readVectors: the rows whose word (after `normalize`) is in `needed`,
 * and the first `others` rows besides (files list the most frequent words first), so a model
 * reads a GoogleNews-size file in the memory of the rows it can use.
 */
export function keepNeededWords(needed: ReadonlySet<string>, others: number, normalize: (word: string) => string = (w) => w): (word: string) => boolean {
  let taken = 0;
  return (word) => {
    if (needed.has(normalize(word))) return true;
    if (taken >= others) return false;
    taken++;
    return true;
  };
}
