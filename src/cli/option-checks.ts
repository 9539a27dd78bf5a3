import type { Command } from 'commander';
import { join } from 'node:path';
import { refuseCompressedName } from '../io/compressed-name.js';
import { LexnetError } from '../io/errors.js';
import { checkFileRoles, type FileRole } from '../io/file-roles.js';
import { note, setQuiet } from './quiet.js';
import { applyRenamedOptions } from './renamed-options.js';
import { setStandardOutputTaken } from './stdout.js';
import { UsageError } from './usage-error.js';

/**
 * Checks every command's options before its action runs, the same way for all commands (one
 * hook on the program, so a new command or option gets them too):
 * - `--quiet` silences the summaries (report) and warnings, never the result (printResult);
 * - an option given an empty string is a usage error (`--out ''` would otherwise mean "no
 *   --out" and `--test ''` "no --test", silently);
 * - old option spellings (`fit --save`, `--model KIND`) move to their new names with a
 *   deprecation note (see renamedOption);
 * - file roles, by option name: an output (`--out`, `--checkpoint`, the files of
 *   `--plots`) must not be one of the inputs (`--train`, `--dev`, `--test`, `--data`,
 *   `--vectors`, `--corpus`, `--model` (always a file), `--resume`, `--analogies`,
 *   `--similarity`), outputs must differ from each other, and `--dev`/`--test` must not be
 *   the `--train` file (see checkFileRoles); an output named `.gz` (or `.bz2`, …) is refused
 *   (outputs are written uncompressed, and every reader inflates a `.gz` name), except
 *   word2vec's vectors, which are written gzip-compressed under a `.gz` name;
 * - with an output on standard output (`-`), what the command prints goes to standard error.
 */
export function installOptionChecks(program: Command): void {
  program.hook('preAction', (_program, action) => {
    const quiet = action.getOptionValue('quiet') === true;
    setQuiet(quiet);
    checkNoEmptyValues(action);
    applyRenamedOptions(action, note);
    checkCommandFileRoles(action);
    const path = [action.parent?.parent ? action.parent.name() : '', action.name()].filter(Boolean).join(' ');
    refuseUnusedOptions(action, UNUSED[path]?.((key) => action.getOptionValue(key) as unknown) ?? []);
    // with an output on standard output (`--out -`), the report must not be mixed into it
    setStandardOutputTaken(OUTPUTS.some((k) => action.getOptionValue(k) === '-'));
  });
}

type Rule = readonly [key: string, used: boolean, when: string];

/** `classify train`'s options of fastText's supervised model (`--kind supervised`). */
export const SUPERVISED_FLAGS = ['loss', 'wordNgrams', 'bucket', 'minn', 'maxn', 'minCount', 'minCountLabel', 'neg', 'threads', 'label'] as const;

/**
 * Options that some settings of a command ignore, for commands whose actions do not check them
 * themselves (fit and word2vec call refuseUnusedOptions in their actions).
 */
const UNUSED: Record<string, (v: (key: string) => unknown) => Rule[]> = {
  'classify train': (v) => {
    const fasttext = v('kind') === 'fasttext', supervised = v('kind') === 'supervised';
    const hidden = v('hidden') as number[] | undefined;
    return [
      ['dim', fasttext || supervised, 'only by --kind fasttext and supervised (average and mlp take the dimension of --vectors)'],
      ...SUPERVISED_FLAGS.map((k): Rule => [k, supervised, 'only by --kind supervised']),
      ['bigrams', fasttext, 'only by --kind fasttext'], ['dropout', fasttext, 'only by --kind fasttext'],
      ['pretrainedWords', fasttext && v('vectors') !== undefined, 'only by --kind fasttext with --vectors'],
      ['hidden', v('kind') !== 'average' && !supervised && !(fasttext && (hidden?.length ?? 0) > 1), 'by --kind mlp (any number of layers) and fasttext (one layer: give one size)'],
    ];
  },
  'tagger train': (v) => [
    ['entity', v('output') === 'sigmoid', 'only with --output sigmoid'],
    ['freezeVectors', v('vectors') !== undefined, 'only with --vectors'],
  ],
};

/** Options for which an empty value means something (`--show ''`: show no words). */
const MAY_BE_EMPTY = new Set(['show']);

function checkNoEmptyValues(cmd: Command): void {
  for (const opt of cmd.options) {
    const key = opt.attributeName();
    if (MAY_BE_EMPTY.has(key) || cmd.getOptionValueSource(key) !== 'cli') continue;
    if (cmd.getOptionValue(key) === '') throw new UsageError(`${opt.long ?? opt.flags} needs a value, got an empty string`);
  }
}

/** Inputs named by options; `--corpus` may list several files (`a.txt,conll:b.conll,brown`). */
const INPUTS = ['train', 'dev', 'test', 'data', 'model', 'vectors', 'resume', 'analogies', 'similarity'] as const;
const OUTPUTS = ['checkpoint', 'out'] as const;
/** The files `--plots DIR` may write. */
const PLOT_FILES = ['training-curves.svg', 'accuracy-vs-l2.svg', 'confusion.svg'];

function checkCommandFileRoles(cmd: Command): void {
  const value = (key: string): string | undefined => {
    const v = cmd.getOptionValue(key) as unknown;
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const role = (key: string, path = value(key)): FileRole[] => (path === undefined ? [] : [{ option: `--${kebab(key)}`, path }]);
  const inputs: FileRole[] = INPUTS.flatMap((k) => role(k));
  const corpus = value('corpus');
  if (corpus !== undefined && corpus.split(',').every((s) => s.trim() === '')) {
    throw new UsageError(`--corpus "${corpus}" names no corpus: give FILE, brown, conll:FILE or several joined by commas`);
  }
  for (const part of (corpus ?? '').split(',').map((s) => s.trim())) {
    const file = part.startsWith('conll:') ? part.slice(6) : part;
    if (file !== '' && file !== 'brown') inputs.push({ option: '--corpus', path: file });
  }
  const outputs: FileRole[] = OUTPUTS.flatMap((k) => role(k));
  const plots = value('plots');
  if (plots !== undefined) outputs.push(...PLOT_FILES.map((f) => ({ option: '--plots', path: join(plots, f) })));
  const train = role('train');
  const distinct = train.flatMap((t) => [...role('dev'), ...role('test')].map((other) => [t, other] as const));
  // built-in data sets are names, not files: the same name twice is the same data (`brown` alone is split into train and held-out parts)
  for (const [t, other] of distinct) {
    if (t.path === other.path && t.path !== 'brown' && t.path !== '-') throw new UsageError(`${other.option} ${other.path} is also ${t.option}: the scores would be measured on the training data itself; give held-out data`);
  }
  // word2vec's --out is word vectors, written gzip-compressed under a .gz name (as the library's writeVectors does)
  const vectorsOut = cmd.name() === 'word2vec' ? '--out' : null;
  for (const o of outputs) {
    if (o.option === vectorsOut && /\.gz$/i.test(o.path)) continue;
    asUsageError(() => refuseCompressedName(o.path, o.option));
  }
  // two options naming one file is a mistake of the command line: a usage error
  asUsageError(() => {
    checkFileRoles(inputs.filter((r) => r.option !== '--resume'), outputs, distinct);
    // a run resumed from FILE may go on checkpointing to FILE
    checkFileRoles(inputs.filter((r) => r.option === '--resume'), outputs.filter((r) => r.option !== '--checkpoint'));
  });
}

function asUsageError(check: () => void): void {
  try {
    check();
  } catch (e) {
    throw e instanceof LexnetError && !(e instanceof UsageError) ? new UsageError(e.message) : e;
  }
}

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Refuses options given on the command line that the chosen settings do not use (they would be
 * ignored silently, so the run would not be the one asked for): each rule is the option's
 * attribute name, whether it is used, and when it is (`only with --kind mlp or regressor`).
 */
export function refuseUnusedOptions(cmd: Command, rules: readonly (readonly [key: string, used: boolean, when: string])[]): void {
  for (const [key, used, when] of rules) {
    if (used || cmd.getOptionValueSource(key) !== 'cli') continue;
    const opt = cmd.options.find((o) => o.attributeName() === key);
    const name = opt?.negate ? opt.long : `--${kebab(key)}`;
    throw new UsageError(`${name} has no effect here: it is used ${when}`);
  }
}
