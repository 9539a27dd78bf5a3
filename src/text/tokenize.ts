// lexnet's one tokenizer for raw text, and the record of how a model's texts were split.
import type { HeaderCheck } from '../io/header-check.js';

/**
 * How a model splits and normalises a text given as a string: `words-1` is `tokenize` (version 1),
 * `ptb-1` is `treebankTokenize` (version 1: Penn Treebank conventions, as SST-2 and CoNLL-2003
 * are written), `whitespace` splits at white space only (files written before the tokenizer, and
 * data read from files that come tokenized). Saved in classifier and tagger files, applied at
 * prediction as at training.
 */
export interface TextNormalization {
  tokenizer: TokenizerName;
  /** Tokens lower-cased (with `toLowerCase`, strings and token arrays alike). */
  lowercase: boolean;
  /**
   * `ptb-1` only: Treebank's escapes — brackets written `-LRB-` `-RRB-` `-LSB-` `-RSB-` `-LCB-` `-RCB-`,
   * double quotes `` and '', `/` and `*` as `\/` and `\*` (absent: true); false keeps them as they
   * are (CoNLL-2003 writes `(` and `"`).
   */
  escapes?: boolean;
}

/** The tokenizers a model file can name. */
export const TOKENIZERS = ['words-1', 'whitespace', 'ptb-1'] as const;
/** A tokenizer as a model file names it (with its version). */
export type TokenizerName = (typeof TOKENIZERS)[number];

/** The tokenizers an option (`tokenizer`, `--tokenizer`) names, and the current version each means. */
export const TOKENIZER_CHOICES = ['ptb', 'words', 'whitespace'] as const;
/** A tokenizer as the `tokenizer` option (`--tokenizer`) names it: `ptb` (Treebank), `words` (`tokenize`), `whitespace`. */
export type TokenizerChoice = (typeof TOKENIZER_CHOICES)[number];
/** The model-file name of each choice (its current version). */
export const TOKENIZER_OF_CHOICE: Readonly<Record<TokenizerChoice, TokenizerName>> = { ptb: 'ptb-1', words: 'words-1', whitespace: 'whitespace' };

/** What a model trained from strings records. */
export const WORD_TOKENS: TextNormalization = { tokenizer: 'words-1', lowercase: false };
/** What older files and data read as tokens record (and mean when they record nothing). */
export const WHITESPACE_TOKENS: TextNormalization = { tokenizer: 'whitespace', lowercase: false };

// In order: a URL; letters joined by dots (U.S., e.g.); a number with inner separators (3.5,
// 1,000, 10:30); a word with inner apostrophes or hyphens (don't, O'Neil, state-of-the-art), combining
// marks included; otherwise one character (punctuation, a symbol, an emoji), never white space.
const TOKEN = /https?:\/\/[^\s]+?(?=[.,;:!?'")\]]*(?:\s|$))|\p{L}\p{M}*(?:\.\p{L}\p{M}*)+\.?|\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}\p{N}_]+(?:['’-][\p{L}\p{M}\p{N}_]+)*|\S/gu;

/**
 * Splits a text into words, numbers and punctuation, keeping case (unless `lowercase`):
 * `"This movie was GREAT!"` → `This movie was GREAT !`; `"New York."` → `New York .`; `U.S.`,
 * `don't`, `3.5` and URLs stay whole. Every character that is not white space is in exactly one
 * token, in order. The same on every platform (plain Unicode regular expressions).
 */
export function tokenize(text: string, options: { lowercase?: boolean | undefined } = {}): string[] {
  const tokens = text.match(TOKEN) ?? [];
  return options.lowercase ? tokens.map((t) => t.toLowerCase()) : tokens;
}

// Treebank-style tokens, in order: a URL; a token in Treebank's escapes already (-LRB-, ``, '', --, ...);
// the letters before n't (does|n't, ca|n't); a clitic ('s 're 've 'll 'd 'm n't) or an elided start
// ('70s, 'em, 'til, 'n'); letters joined by dots (U.S., e.t.); a title or abbreviation with its period
// when more text follows (mr. lopez, vs. them, j. lo), a list's number first (1. Seles); a number with its sign or
// leading point (+44, .500); a word or number with inner apostrophes (not before a
// clitic), hyphens, ampersands, slashes or, between digits, . , : (o'fallon, sci-fi, r&b, writer\/director, 3.5);
// otherwise one character, never white space.
const WORD = String.raw`[\p{L}\p{M}\p{N}_]`;
/** `s` matched in either case, without the `i` flag (which slows the whole expression). */
const anyCase = (s: string): string => s.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
const CLITIC = `(?:${anyCase('s|re|ve|ll|d|m')})(?!${WORD})`;
const NT = `${anyCase('n')}['’]${anyCase('t')}(?!${WORD})`;
const ABBREVIATIONS = anyCase('mr|mrs|ms|dr|prof|st|jr|sr|vs|etc|inc|co|corp|ltd|bros|no|vol|al|gen|sen|rep|gov|lt|col|mt|ft|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec');
const TREEBANK = new RegExp([
  String.raw`${anyCase('http')}s?:\/\/[^\s]+?(?=[.,;:!?'")\]]*(?:\s|$))`,
  String.raw`-[LlRr][RrSsCc][Bb]-(?!${WORD})`, '``', "''", '-{2,}', String.raw`\.{2,}`, '…',
  String.raw`[\p{L}\p{M}]+(?=${NT})`,
  NT, `['’]${CLITIC}`, String.raw`['’](?:\p{N}\p{N}[sS]|${anyCase('em|til')}|[nN]['’]?)(?!${WORD})`,
  String.raw`\p{L}\p{M}*(?:\.\p{L}\p{M}*)+\.?`,
  String.raw`(?<!${WORD})(?:${ABBREVIATIONS}|\p{L})\.(?=\s+\S)`, String.raw`^\p{N}{1,3}\.(?=\s+\S)`, String.raw`(?<!${WORD}|\.)[+-]?\.?\p{N}+(?:[.,:]\p{N}+)*(?![\p{L}\p{M}\p{N}_'’&\/\\-]|[.,:]\p{N})`,
  String.raw`${WORD}+(?:(?:['’](?!${CLITIC})|-|&|\\?\/|(?<=\p{N})[.,:](?=\p{N}))${WORD}+)*`,
  String.raw`\\?\/`, String.raw`(?:\\?\*)+`, String.raw`\S`,
].join('|'), 'gu');
/** Characters a token needs more than copying for: curly apostrophes, the ellipsis, escapes. */
const SPECIAL = /[’…"()[\]{}*/]/;
const BRACKETS: Readonly<Record<string, string>> = { '(': '-LRB-', ')': '-RRB-', '[': '-LSB-', ']': '-RSB-', '{': '-LCB-', '}': '-RCB-' };

/**
 * Splits a text as the Penn Treebank does (and SST-2 and CoNLL-2003 are written): punctuation split
 * off, clitics apart (`It's` → `It 's`, `doesn't` → `does n't`, `can't` → `ca n't`), abbreviations
 * (`U.S.`, `mr.` before more text), numbers (`3.5`, `1,000`) and hyphenated words whole; with
 * `escapes` (the default) brackets become `-LRB-` `-RRB-` …, double quotes `` (opening) and ''
 * (closing), `/` and `*` become `\/` and `\*`. Case is kept unless `lowercase`. Text tokenized
 * this way already comes back as the same tokens (at white space).
 */
export function treebankTokenize(text: string, options: { lowercase?: boolean | undefined; escapes?: boolean | undefined } = {}): string[] {
  const escapes = options.escapes ?? true, lowercase = options.lowercase ?? false;
  const src = lowercase ? text.toLowerCase() : text;
  const out: string[] = [];
  const rx = new RegExp(TREEBANK); // its own lastIndex
  for (let m = rx.exec(src); m !== null; m = rx.exec(src)) {
    let t = m[0];
    if (SPECIAL.test(t)) {
      t = t.replace(/’/g, "'");
      if (t === '…') t = '...';
      else if (escapes) {
        if (t === '"') t = m.index === 0 || /[\s([{<]/.test(src[m.index - 1]!) ? '``' : "''";
        else if (t in BRACKETS) t = lowercase ? BRACKETS[t]!.toLowerCase() : BRACKETS[t]!;
        else if (t.includes('*')) t = t.replace(/\\?\*/g, '\\*');
        else if (t.includes('/') && !t.includes('\\/') && !/^https?:/i.test(t)) t = t.replace(/\//g, '\\/');
      }
    }
    out.push(t);
  }
  return out;
}

/** A string split as a model records (`tokenize`, `treebankTokenize` or white space), normalised as it records. */
export function tokensOf(text: string, n: TextNormalization): string[] {
  if (n.tokenizer === 'words-1') return tokenize(text, n);
  if (n.tokenizer === 'ptb-1') return treebankTokenize(text, n);
  return normalized(text.trim().split(/\s+/).filter(Boolean), n);
}

/**
 * Tokens read from a file (split at white space), split again as a model records: for `ptb-1` and
 * `words-1` the line's tokens joined by spaces go through the tokenizer (text already written in
 * Treebank tokens keeps its tokens under `ptb-1`), for `whitespace` they are kept; then normalised.
 */
export function resplit(tokens: readonly string[], n: TextNormalization): string[] {
  if (n.tokenizer === 'whitespace') return normalized(tokens, n);
  if (n.tokenizer === 'ptb-1') {
    // most lines of a file written in Treebank tokens (SST-2: 96 %) come back as they are: taken so
    // when every token is one the tokenizer keeps whole whatever surrounds it (lower-casing a token
    // alone is lower-casing it in its line: white space ends a word for the final sigma)
    const kept = normalized(tokens, n);
    if (kept.every((t) => TREEBANK_WHOLE.test(t))) return kept;
  }
  return tokensOf(tokens.join(' '), n);
}

/** A token whose split may depend on the text around it: a period at its end after a letter or digit (`mr.`, `j.`, a list's `1.`), white space inside, or empty. */
const NEEDS_CONTEXT = /^$|\s|[\p{L}\p{M}\p{N}_]\.$/u;

/**
 * The tokens `resplit` gives for this token wherever it stands in a line, or null when that depends
 * on the tokens around it (`mr.` before more text): a line is split token by token, each distinct
 * token once, unless one of its tokens needs the line.
 */
export function resplitToken(token: string, n: TextNormalization): string[] | null {
  if (n.tokenizer === 'whitespace') return normalized([token], n);
  if (n.tokenizer === 'ptb-1') {
    const t = n.lowercase ? token.toLowerCase() : token;
    if (TREEBANK_WHOLE.test(t)) return [t];
  }
  return NEEDS_CONTEXT.test(token) ? null : tokensOf(token, n);
}

/**
 * A token `treebankTokenize` gives back as it is, whatever the text around it (no `.` at its end,
 * no character it rewrites): letters and digits (joined by hyphens), one punctuation character,
 * a clitic, `n't`, a dash, an ellipsis, Treebank's quotes and bracket escapes.
 */
const TREEBANK_WHOLE = /^(?:[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*|[^\s\p{L}\p{N}\p{M}’…"()[\]{}*/\\]|'[sSdDmM]|'[rR][eE]|'[vV][eE]|'[lL][lL]|[nN]'[tT]|--|\.\.\.|``|''|-[lLrR][rRsScC][bB]-)$/u;

const TREEBANK_MARKS = new Set(["n't", "'s", "'re", "'ve", "'ll", "'d", "'m", '-lrb-', '-rrb-', '``', "''"]);
const ATTACHED_CLITIC = /\p{L}(?:n't|'s|'re|'ve|'ll|'d|'m)$/iu;

const SURVEY_UPPER = 1, SURVEY_PLAIN = 2, SURVEY_MARK = 4, SURVEY_ESCAPED = 8, SURVEY_ATTACHED = 16;

/** What one token shows: an upper-case letter, a bracket or quote as written, a Treebank mark or escape, a clitic attached. */
function surveyToken(t: string): number {
  const upper = /[\p{Lu}\p{Lt}]/u.test(t) ? SURVEY_UPPER : 0;
  if (t === '(' || t === ')' || t === '"') return upper | SURVEY_PLAIN;
  if (!/['’`-]/.test(t)) return upper; // every mark has one of these
  const low = t.toLowerCase().replace(/’/g, "'");
  if (TREEBANK_MARKS.has(low)) return upper | SURVEY_MARK | (low === '``' || /^-[lr][rsc]b-$/.test(low) ? SURVEY_ESCAPED : 0);
  if (/^-[lr][rsc]b-$/.test(low)) return upper | SURVEY_ESCAPED;
  return upper | (ATTACHED_CLITIC.test(low) ? SURVEY_ATTACHED : 0);
}

/** What the training texts (white-space tokens) show about how they were written, text by text. */
export class TextSurvey {
  /** Clitics and escapes standing alone (`'s`, `n't`, `-lrb-`, ``), and clitics attached to a word (`it's`). */
  marks = 0;
  attached = 0;
  /** Brackets and quotes escaped (`-lrb-`, ``) and as they are (`(`, `"`). */
  escaped = false;
  plain = false;
  upper = false;

  /** What each distinct token shows (SURVEY_* bits), found once. */
  private readonly seen = new Map<string, number>();

  add(text: readonly string[]): void {
    for (let i = 0; i < text.length; i++) this.addToken(text[i]!);
  }

  /** One token seen `times` times (a file's distinct tokens with their counts survey as its texts do). */
  addToken(t: string, times = 1): void {
    let what = this.seen.get(t);
    if (what === undefined) {
      what = surveyToken(t);
      this.seen.set(t, what);
    }
    if (what === 0) return;
    if (what & SURVEY_UPPER) this.upper = true;
    if (what & SURVEY_PLAIN) this.plain = true;
    if (what & SURVEY_MARK) this.marks += times;
    if (what & SURVEY_ESCAPED) this.escaped = true;
    if (what & SURVEY_ATTACHED) this.attached += times;
  }

  /** Clitics and escapes standing alone at least 4 times as often as clitics attached to their word, and at least once. */
  get treebank(): boolean {
    return this.marks > 0 && this.marks >= 4 * this.attached;
  }

  /** Whether brackets and quotes are escaped: false when the texts write `(` `)` `"` and never an escape. */
  get escapes(): boolean {
    return this.escaped || !this.plain;
  }
}

function survey(texts: readonly (readonly string[])[]): TextSurvey {
  const s = new TextSurvey();
  for (const t of texts) s.add(t);
  return s;
}

/**
 * Whether texts read as white-space tokens look written in Treebank tokens: clitics and escapes
 * standing alone (`it 's`, `does n't`, `-lrb-`, ``) at least 4 times as often as clitics attached to
 * their word (`it's`), and at least once.
 */
export function looksTreebank(texts: readonly (readonly string[])[]): boolean {
  return survey(texts).treebank;
}

/** Whether Treebank-tokenized texts write brackets and quotes escaped (-LRB-, ``): false when they write `(` `)` `"` and never an escape. */
export function writesEscapes(texts: readonly (readonly string[])[]): boolean {
  return survey(texts).escapes;
}

/** Whether no token has an upper-case (or title-case) letter. */
export function hasNoUpperCase(texts: readonly (readonly string[])[]): boolean {
  return !survey(texts).upper;
}

/** Tokens normalised as a model records (lower-cased or as they are). */
export function normalized(tokens: readonly string[], n: TextNormalization): string[] {
  return n.lowercase ? tokens.map((t) => t.toLowerCase()) : [...tokens];
}

/** Lower-cased word and punctuation tokens: how readSpamAssassin reads mail (kept as it was). */
export function lowercaseWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** A model file's record of how it splits strings. */
export function checkNormalization(check: HeaderCheck, v: unknown): TextNormalization {
  const t = check.object(v, 'text');
  const n: TextNormalization = { tokenizer: check.oneOf(t.tokenizer, 'text.tokenizer', TOKENIZERS), lowercase: check.bool(t.lowercase, 'text.lowercase') };
  if (t.escapes !== undefined) n.escapes = check.bool(t.escapes, 'text.escapes');
  return n;
}

/** The record a model file writes (escapes only for `ptb-1`). */
export function normalizationRecord(n: TextNormalization): TextNormalization {
  return { tokenizer: n.tokenizer, lowercase: n.lowercase, ...(n.tokenizer === 'ptb-1' ? { escapes: n.escapes ?? true } : {}) };
}
