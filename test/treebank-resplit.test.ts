// Issue 22: tokens read from a file already written in Treebank tokens (SST-2) are taken as they are
// when the Treebank tokenizer would give them back unchanged, instead of joined and split again;
// the result is the same tokens as the slow path on every input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { resplit, resplitToken, TextSurvey, tokensOf, treebankTokenize, type TextNormalization } from '../src/text/tokenize.js';

const PTB: TextNormalization[] = [
  { tokenizer: 'ptb-1', lowercase: false, escapes: true }, { tokenizer: 'ptb-1', lowercase: true, escapes: true },
  { tokenizer: 'ptb-1', lowercase: false, escapes: false }, { tokenizer: 'ptb-1', lowercase: true, escapes: false },
];

test('resplit keeps Treebank-tokenized lines as they are and splits the others as treebankTokenize does', () => {
  const n = PTB[1]!;
  assert.deepEqual(resplit(['it', "'s", 'a', 'sci-fi', 'film', '--', 'does', "n't", 'work', '...', '-lrb-', '``', 'yes', "''", '-rrb-', '.'], n),
    ['it', "'s", 'a', 'sci-fi', 'film', '--', 'does', "n't", 'work', '...', '-lrb-', '``', 'yes', "''", '-rrb-', '.']);
  assert.deepEqual(resplit(['It', "'S", 'GREAT', '!'], n), ['it', "'s", 'great', '!']);
  // tokens the tokenizer changes, or splits as the text around them says
  assert.deepEqual(resplit(["It's", '(good)', 'writer/director', '"yes"'], n), ['it', "'s", '-lrb-', 'good', '-rrb-', 'writer\\/director', '``', 'yes', "''"]);
  assert.deepEqual(resplit(['mr.', 'lopez', 'and', 'mr.'], n), ['mr.', 'lopez', 'and', 'mr', '.']);
  assert.deepEqual(resplit(['1.', 'seles', 'won', '2.'], PTB[0]!), ['1.', 'seles', 'won', '2', '.']);
  assert.deepEqual(resplit(['won', '1.', 'seles'], PTB[0]!), treebankTokenize('won 1. seles'));
});

// pieces a token is made of: letters of both cases (a final sigma, a dotted capital I), digits,
// every character the tokenizer treats apart, abbreviations, clitics, a URL, white space
const PIECES = ['a', 'B', 'é', 'Σ', 'İ', 'x', '1', '23', '.', ',', ':', "'", '’', 's', 'S', 'n', "n't", 't', 'll', 're', 'em', 'd', '-', '--', '/', '\\', '*', '"', '(', ')', '[', '{', '`', '``', "''",
  '…', '_', '\u0301', '😀', '&', '+', '$', 'mr', 'Dr', 'U', 'http://', 'lrb', '-LRB-', '-rcb-', ' ', ''];
const token = fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 4 }).map((p) => p.join(''));

test('property: resplit gives the tokens treebankTokenize gives the joined line, with and without lower case and escapes', () => {
  fc.assert(fc.property(fc.array(token, { maxLength: 8 }), fc.constantFrom(...PTB), (tokens, n) => {
    assert.deepEqual(resplit(tokens, n), tokensOf(tokens.join(' '), n));
  }), { numRuns: 3000 });
});

test('property: a line split token by token (resplitToken, where no token needs its neighbours) is the line resplit, for every tokenizer', () => {
  const all: TextNormalization[] = [...PTB, { tokenizer: 'words-1', lowercase: false }, { tokenizer: 'words-1', lowercase: true }, { tokenizer: 'whitespace', lowercase: false }, { tokenizer: 'whitespace', lowercase: true }];
  fc.assert(fc.property(fc.array(token, { maxLength: 8 }), fc.constantFrom(...all), (tokens, n) => {
    const splits = tokens.map((t) => resplitToken(t, n));
    if (splits.some((x) => x === null)) return;
    assert.deepEqual(splits.flatMap((x) => x!), resplit(tokens, n));
  }), { numRuns: 4000 });
  assert.equal(resplitToken('mr.', PTB[0]!), null);
  assert.deepEqual(resplitToken("It's", PTB[1]!), ['it', "'s"]);
});

/** TextSurvey.add as it was before it remembered each distinct token (the reference). */
function surveyOnce(texts: readonly (readonly string[])[]): Omit<TextSurvey, 'add' | 'addToken' | 'treebank' | 'escapes'> {
  const s = { marks: 0, attached: 0, escaped: false, plain: false, upper: false };
  const marks = new Set(["n't", "'s", "'re", "'ve", "'ll", "'d", "'m", '-lrb-', '-rrb-', '``', "''"]);
  for (const text of texts) {
    if (!s.upper && /[\p{Lu}\p{Lt}]/u.test(text.join(' '))) s.upper = true;
    for (const t of text) {
      if (t === '(' || t === ')' || t === '"') { s.plain = true; continue; }
      if (!/['’`-]/.test(t)) continue;
      const low = t.toLowerCase().replace(/’/g, "'");
      if (marks.has(low)) {
        s.marks++;
        if (low === '``' || /^-[lr][rsc]b-$/.test(low)) s.escaped = true;
      } else if (/^-[lr][rsc]b-$/.test(low)) s.escaped = true;
      else if (/\p{L}(?:n't|'s|'re|'ve|'ll|'d|'m)$/iu.test(low)) s.attached++;
    }
  }
  return s;
}

test('property: TextSurvey, which looks at each distinct token once, counts as looking at every token', () => {
  fc.assert(fc.property(fc.array(fc.array(token, { maxLength: 6 }), { maxLength: 6 }), (texts) => {
    const s = new TextSurvey();
    for (const t of texts) s.add(t);
    const r = surveyOnce(texts);
    assert.deepEqual({ marks: s.marks, attached: s.attached, escaped: s.escaped, plain: s.plain, upper: s.upper }, r);
  }), { numRuns: 2000 });
});
