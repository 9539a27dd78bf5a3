import { Random, type RandomState } from '../core/random.js';
import { LexnetError } from '../io/errors.js';

/**
 * Checks for resuming a run from a checkpoint: the data must be the same (compared by hash) and
 * every setting that shapes the model or the result must agree.
 */

/**
 * One data set's fingerprint: the option that names it and its hash (null when it was not given).
 * The option is stored as `--train`, `--dev`, `--vectors` (checkpoints already written say so);
 * messages name it without the dashes, as the library does.
 */
export interface DataFingerprint {
  option: string;
  hash: string | null;
}

/** Refuses a checkpoint whose data differ from this run's, naming the option. */
export function checkSameData(path: string, saved: readonly DataFingerprint[], now: readonly DataFingerprint[]): void {
  for (const s of saved) {
    const n = now.find((x) => x.option === s.option);
    const current = n ? n.hash : null;
    if (current === s.hash) continue;
    const name = s.option.replace(/^--/, '');
    const what = s.hash === null ? `was made without ${name}, and this run gives one`
      : current === null ? `was made with ${name}, and this run gives none`
        : `was made with other ${name} data (their contents differ)`;
    throw new LexnetError(`${path}: cannot resume: the checkpoint ${what}`, { option: name });
  }
}

/**
 * Merges the settings asked for in a resumed run with the checkpoint's: a setting left undefined
 * takes the checkpoint's value; one given with another value is refused, naming its option
 * (each of `keys` is named as the library's options name it) and both values.
 */
export function mergeSettings<T extends object>(path: string, saved: T, given: Partial<T>, keys: readonly (keyof T & string)[]): T {
  const out = { ...saved };
  for (const key of keys) {
    const g = given[key];
    if (g === undefined) continue;
    if (!sameValue(g, saved[key])) {
      throw new LexnetError(
        `${path}: cannot resume: the checkpoint was made with ${key} ${show(saved[key])}, this run asks for ${key} ${show(g)} (leave the option out to keep the checkpoint's value, or train afresh without \`resume\`)`,
        { option: key, mentions: ['resume'] },
      );
    }
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function show(v: unknown): string {
  if (v === undefined || v === null) return '(none)';
  if (Array.isArray(v)) return v.length ? v.join(',') : '(none)';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  return String(v);
}

/**
 * Whether a checkpoint's settings have the types of `defaults` (finite numbers, booleans, strings,
 * arrays of numbers); keys in `optional` may also be missing.
 */
export function settingsLookRight(settings: unknown, defaults: object, optional: readonly string[] = []): boolean {
  if (typeof settings !== 'object' || settings === null) return false;
  const s = settings as Record<string, unknown>;
  return Object.entries(defaults).every(([k, d]) => {
    const v = s[k];
    if (v === undefined || v === null) return optional.includes(k);
    if (Array.isArray(d)) return Array.isArray(v) && v.every((x) => Number.isFinite(x));
    if (typeof d === 'number') return Number.isFinite(v);
    return typeof v === typeof d;
  });
}

/** Whether data fingerprints look like ones a checkpoint writes. */
export function fingerprintsLookRight(data: unknown): boolean {
  return Array.isArray(data) && data.every((d) => typeof d === 'object' && d !== null && typeof d.option === 'string' && (d.hash === null || typeof d.hash === 'string'));
}

/** Whether a saved generator state is one Random accepts. */
export function rngLooksRight(state: unknown): boolean {
  try {
    new Random().setState(state as RandomState);
    return true;
  } catch {
    return false;
  }
}
