import type { ClassifySettings } from './checkpoint.js';

/** The settings a resumed run must agree on, in the order the messages that refuse a resume check them. */
export const CLASSIFY_SETTING_KEYS: readonly (keyof ClassifySettings)[] = [
  'model', 'epochs', 'lr', 'l2', 'dim', 'bigrams', 'hidden', 'pretrainedWords', 'dropout', 'patience', 'seed',
];
