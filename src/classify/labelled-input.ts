import { LexnetError } from '../io/errors.js';
import type { LabelledData } from '../text/labelled.js';
import { shown } from '../options/declare.js';
import { normalized, resplit, TextSurvey, TOKENIZER_OF_CHOICE, tokensOf, WHITESPACE_TOKENS, WORD_TOKENS, type TextNormalization, type TokenizerChoice } from '../text/tokenize.js';
import { stepsToEnd } from '../train/abort.js';

/** One labelled example given in code: a text (split by `tokenize`) or its tokens (taken as they are), and its label. */
export interface LabelledExample {
  text: string | readonly string[];
  label: string | number;
}

/** Labelled data as the classifier takes it: read from a file (LabelledData) or an array of examples. */
export type LabelledInput = LabelledData | readonly LabelledExample[];

/** A text split as a model records (a string by its tokenizer; tokens as they are), normalised as it records. */
export function splitText(text: string | readonly string[], n: TextNormalization = WHITESPACE_TOKENS): string[] {
  return typeof text === 'string' ? tokensOf(text, n) : normalized(text, n);
}

/**
 * How training texts are split and normalised, recorded in the model for prediction: `tokenizer`
 * and `lowercase` when given; otherwise an array's strings by `tokenize`, data read from a file
 * (white-space tokens) by the Treebank tokenizer when it looks Treebank-tokenized (`it 's`,
 * `does n't`, `-lrb-`) or as it is, and lower-cased when no token has an upper-case letter.
 */
export function trainingNormalization(input: LabelledInput, o: NormalizationOptions): TextNormalization {
  return stepsToEnd(normalizationSteps(input, o));
}

/** What trainingNormalization is told. */
export interface NormalizationOptions { tokenizer?: TokenizerChoice | undefined; lowercase?: boolean | undefined }

/** trainingNormalization in steps, one yield per text (run with stepsInTurns to give the event loop turns). */
export function* normalizationSteps(input: LabelledInput, o: NormalizationOptions): Generator<void, TextNormalization> {
  const given = o.tokenizer === undefined ? undefined : TOKENIZER_OF_CHOICE[o.tokenizer];
  const survey = new TextSurvey();
  if (Array.isArray(input)) {
    const n: TextNormalization = { ...WORD_TOKENS, ...(given ? { tokenizer: given } : {}) };
    if (n.tokenizer === 'ptb-1') n.escapes = true;
    if (o.lowercase !== undefined) return { ...n, lowercase: o.lowercase };
    // strings as the tokenizer splits them, token arrays as they are
    for (const e of input as readonly LabelledExample[]) {
      if (e !== null && typeof e === 'object') survey.add(typeof e.text === 'string' ? [e.text] : Array.isArray(e.text) ? e.text.filter((t) => typeof t === 'string') : []);
      yield;
    }
    return { ...n, lowercase: !survey.upper };
  }
  const d = input as LabelledData;
  if (!d || !Array.isArray(d.texts)) return { ...WHITESPACE_TOKENS }; // refused by labelledData
  const from = d.normalization;
  if (given === undefined || (given === 'ptb-1' && from?.tokenizer !== 'ptb-1') || (o.lowercase === undefined && from === undefined)) {
    for (const t of d.texts) { survey.add(t); yield; }
  }
  return surveyedNormalization(survey, o, from);
}

/**
 * The normalization of texts read from a file (white-space tokens, `from` how they were split if
 * they record it) once `survey` has seen their tokens (it need not have when `o` says everything).
 */
export function surveyedNormalization(survey: TextSurvey, o: NormalizationOptions, from?: TextNormalization): TextNormalization {
  const given = o.tokenizer === undefined ? undefined : TOKENIZER_OF_CHOICE[o.tokenizer];
  const tokenizer = given ?? from?.tokenizer ?? (survey.treebank ? 'ptb-1' : 'whitespace');
  const n: TextNormalization = { tokenizer, lowercase: o.lowercase ?? from?.lowercase ?? !survey.upper };
  if (tokenizer === 'ptb-1') n.escapes = from?.tokenizer === 'ptb-1' ? from.escapes ?? true : survey.escapes;
  return n;
}

/**
 * LabelledData from either form, split and normalised as `n` says (trainingNormalization):
 * an array's strings by its tokenizer (token arrays taken as they are), a reader's white-space
 * tokens split again by it (`resplit`); `name` names an array in error messages.
 */
export function labelledData(input: LabelledInput, name: string, n: TextNormalization): LabelledData {
  return stepsToEnd(labelledSteps(input, name, n));
}

/** labelledData in steps, one yield per text (run with stepsInTurns to give the event loop turns). */
export function* labelledSteps(input: LabelledInput, name: string, n: TextNormalization): Generator<void, LabelledData> {
  if (!Array.isArray(input)) {
    const d = input as LabelledData;
    if (d && Array.isArray(d.texts) && Array.isArray(d.labels)) {
      const from = d.normalization ?? WHITESPACE_TOKENS;
      const same = from.tokenizer === n.tokenizer && (from.escapes ?? true) === (n.escapes ?? true);
      if (same && !(n.lowercase && !from.lowercase)) return { ...d, normalization: n };
      const texts: string[][] = [];
      for (const t of d.texts) {
        texts.push(same ? normalized(t, n) : resplit(t, n));
        yield;
      }
      return { ...d, texts, normalization: n };
    }
    throw new LexnetError(`${name}: expected labelled data (readLabelled) or an array of { text, label }, got ${describe(input)}`, { option: name });
  }
  const out: LabelledData = { name, texts: [], labels: [], lines: [], normalization: n };
  for (const [i, e] of (input as readonly LabelledExample[]).entries()) {
    const ok = e !== null && typeof e === 'object' && (typeof e.text === 'string' || Array.isArray(e.text)) && (typeof e.label === 'string' || typeof e.label === 'number');
    if (!ok) throw new LexnetError(`${name}[${i}]: expected { text: string | string[], label: string }, got ${describe(e)}`, { option: name });
    if (Array.isArray(e.text)) {
      const bad = (e.text as unknown[]).findIndex((t) => typeof t !== 'string');
      if (bad >= 0) throw new LexnetError(`${name}[${i}]: token ${bad + 1} of text must be a string, got ${shown((e.text as unknown[])[bad])}`, { option: name });
    }
    const label = String(e.label);
    if (label === '') throw new LexnetError(`${name}[${i}]: an empty label`, { option: name });
    out.texts.push(splitText(e.text, n));
    out.labels.push(label);
    out.lines.push(i + 1);
    yield;
  }
  return out;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  return Array.isArray(v) ? 'an array' : typeof v === 'object' ? JSON.stringify(v).slice(0, 80) : typeof v;
}
