import { LexnetError } from '../io/errors.js';

/** Library option names whose flag is not simply the name in kebab case, by command. */
const SPECIAL: Record<string, string> = {
  wordDim: '--dim', entityType: '--entity', freezeWords: '--freeze-vectors', 'checkpoint.everySeconds': '--checkpoint-every', lr: '--lr', save: '--out',
};

/** The flag of a library option in a command: `minCount` → `--min-count`; the learning rate is `--alpha` in word2vec, `--lr` elsewhere; a model kind is `--kind`. */
export function flagOf(option: string, command: string): string {
  if (option === 'learningRate' || option === 'alpha') return command === 'word2vec' ? '--alpha' : '--lr';
  if (option === 'model' && /^(word2vec|fit|classify)\b/.test(command)) return '--kind'; // the architecture; --model names a model file

  return SPECIAL[option] ?? `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * The message of a library error as the CLI prints it: the options the error names (its
 * `option` and `mentions`) become the command's flags, e.g. `dim must be…` → `--dim must be…`
 * (whole words only: names inside quotes or other words are left alone).
 */
export function cliMessage(e: LexnetError, command: string): string {
  let message = e.message;
  for (const name of new Set([e.option, ...e.mentions].filter((n): n is string => n !== undefined))) {
    const word = new RegExp(`(?<![\\w"'\`.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w"'\`-])`, 'g');
    message = message.replace(word, flagOf(name, command));
  }
  return message;
}
