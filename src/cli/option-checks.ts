import type { Command } from 'commander';
import { join } from 'node:path';
import { LexnetError } from '../io/errors.js';
import { checkFileRoles, type FileRole } from '../io/file-roles.js';

/**
 * Checks every command's options before its action runs, the same way for all commands (one
 * hook on the program, so a new command or option gets them too):
 * - an option given an empty string is an error (`--save ''` would otherwise mean "no --save"
 *   and `--test ''` "no --test", silently);
 * - file roles, by option name: an output (`--out`, `--save`, `--checkpoint`, the files of
 *   `--plots`) must not be one of the inputs (`--train`, `--dev`, `--test`, `--data`,
 *   `--vectors`, `--corpus`, `--model` where it names a file, `--resume`, `--analogies`,
 *   `--similarity`), outputs must differ from each other, and `--dev`/`--test` must not be
 *   the `--train` file (see checkFileRoles); an output named `.gz` is refused (outputs are
 *   written uncompressed, and every reader inflates a `.gz` name);
 * - with an output on standard output (`-`), what the command prints goes to standard error.
 */
export function installOptionChecks(program: Command): void {
  program.hook('preAction', (_program, action) => {
    checkNoEmptyValues(action);
    checkCommandFileRoles(action);
    const path = [action.parent?.parent ? action.parent.name() : '', action.name()].filter(Boolean).join(' ');
    refuseUnusedOptions(action, UNUSED[path]?.((key) => action.getOptionValue(key) as unknown) ?? []);
    // with an output on standard output (`--out -`), the report must not be mixed into it
    if (OUTPUTS.some((k) => action.getOptionValue(k) === '-')) console.log = console.error;
  });
}

type Rule = readonly [key: string, used: boolean, when: string];

/**
 * Options that some settings of a command ignore, for commands whose actions do not check them
 * themselves (fit and word2vec call refuseUnusedOptions in their actions).
 */
const UNUSED: Record<string, (v: (key: string) => unknown) => Rule[]> = {
  'classify train': (v) => {
    const fasttext = v('model') === 'fasttext';
    const hidden = v('hidden') as number[] | undefined;
    return [
      ['dim', fasttext, 'only by --model fasttext (average and mlp take the dimension of --vectors)'],
      ['bigrams', fasttext, 'only by --model fasttext'], ['dropout', fasttext, 'only by --model fasttext'],
      ['pretrainedWords', fasttext && v('vectors') !== undefined, 'only by --model fasttext with --vectors'],
      ['hidden', v('model') !== 'average' && !(fasttext && (hidden?.length ?? 0) > 1), 'by --model mlp (any number of layers) and fasttext (one layer: give one size)'],
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
    if (cmd.getOptionValue(key) === '') throw new LexnetError(`${opt.long ?? opt.flags} needs a value, got an empty string`);
  }
}

/** Inputs named by options; `--corpus` may list several files (`a.txt,conll:b.conll,brown`). */
const INPUTS = ['train', 'dev', 'test', 'data', 'vectors', 'resume', 'analogies', 'similarity'] as const;
const OUTPUTS = ['checkpoint', 'save', 'out'] as const;
/** The files `--plots DIR` may write. */
const PLOT_FILES = ['training-curves.svg', 'accuracy-vs-l2.svg', 'confusion.svg'];

function checkCommandFileRoles(cmd: Command): void {
  const value = (key: string): string | undefined => {
    const v = cmd.getOptionValue(key) as unknown;
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const role = (key: string, path = value(key)): FileRole[] => (path === undefined ? [] : [{ option: `--${kebab(key)}`, path }]);
  const inputs: FileRole[] = INPUTS.flatMap((k) => role(k));
  // --model is a file where the command reads a model (eval, predict, tag), a kind where it trains one
  const model = cmd.options.find((o) => o.attributeName() === 'model');
  if (model?.mandatory) inputs.push(...role('model'));
  const corpus = value('corpus');
  if (corpus !== undefined && corpus.split(',').every((s) => s.trim() === '')) {
    throw new LexnetError(`--corpus "${corpus}" names no corpus: give FILE, brown, conll:FILE or several joined by commas`);
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
    if (t.path === other.path && t.path !== 'brown' && t.path !== '-') throw new LexnetError(`${other.option} ${other.path} is also ${t.option}: the scores would be measured on the training data itself; give held-out data`);
  }
  for (const o of outputs) {
    if (o.path.endsWith('.gz')) throw new LexnetError(`${o.option} ${o.path}: lexnet does not write compressed files (it would be unreadable as .gz); give a name without .gz and gzip it afterwards`);
  }
  checkFileRoles(inputs.filter((r) => r.option !== '--resume'), outputs, distinct);
  // a run resumed from FILE may go on checkpointing to FILE
  checkFileRoles(inputs.filter((r) => r.option === '--resume'), outputs.filter((r) => r.option !== '--checkpoint'));
}

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Refuses options given on the command line that the chosen settings do not use (they would be
 * ignored silently, so the run would not be the one asked for): each rule is the option's
 * attribute name, whether it is used, and when it is (`only with --model mlp or regressor`).
 */
export function refuseUnusedOptions(cmd: Command, rules: readonly (readonly [key: string, used: boolean, when: string])[]): void {
  for (const [key, used, when] of rules) {
    if (used || cmd.getOptionValueSource(key) !== 'cli') continue;
    const opt = cmd.options.find((o) => o.attributeName() === key);
    const name = opt?.negate ? opt.long : `--${kebab(key)}`;
    throw new LexnetError(`${name} has no effect here: it is used ${when}`);
  }
}
