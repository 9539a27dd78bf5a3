import { LexnetError } from '../io/errors.js';

/** Library option names whose flag is not simply the name in kebab case, by command. */
const SPECIAL: Record<string, string> = {
  wordDim: '--dim', entityType: '--entity', freezeWords: '--freeze-vectors', 'checkpoint.everySeconds': '--checkpoint-every', lr: '--lr', save: '--out',
  sweepL2: '--l2 sweep', pcaWordMap: '--method pca', // library functions whose work a flag asks for
};

/** Options a command spells otherwise or has no flag for (the name is then printed as it is). */
const BY_COMMAND: Record<string, Record<string, string>> = {
  'classify train': { bigrams: 'bigrams (--no-bigrams)', patience: 'patience' },
  'tagger train': { unknownRate: 'unknownRate' },
  'classify predict': { k: '-k' },
};

/** The flag of a library option in a command: `minCount` → `--min-count`; the learning rate is `--alpha` in word2vec, `--lr` elsewhere; a model kind is `--kind`. */
export function flagOf(option: string, command: string): string {
  if (option === 'learningRate' || option === 'alpha') return command === 'word2vec' ? '--alpha' : '--lr';
  if (option === 'model' && /^(word2vec|fit|classify)\b/.test(command)) return '--kind'; // the architecture; --model names a model file

  return BY_COMMAND[command]?.[option] ?? SPECIAL[option] ?? `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * The message of a library error as the CLI prints it: the options the error names (its
 * `option` and `mentions`) become the command's flags, e.g. `dim must be…` → `--dim must be…`
 * (whole words only: names inside quotes or other words are left alone). A message that quotes
 * a name as code (`` `dim` ``) marks where it is the option: only those places change, so
 * `dim × window` in arithmetic stays as it is.
 */
export function cliMessage(e: LexnetError, command: string): string {
  let message = e.message;
  for (const name of new Set([e.option, ...e.mentions].filter((n): n is string => n !== undefined))) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const quoted = `\`${name}\``;
    if (message.includes(quoted)) {
      message = message.split(quoted).join(flagOf(name, command));
      continue;
    }
    const word = new RegExp(`(?<![\\w"'\`./-])${escaped}(?![\\w"'\`/-]|\\.\\w)`, 'g'); // not inside file paths
    message = message.replace(word, flagOf(name, command));
  }
  return message;
}
