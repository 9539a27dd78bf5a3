import type { Command } from 'commander';
import { loadClassifier } from '../classify/model-file.js';
import { testClassifier, type ClassifierTestResult, type TestExample } from '../classify/test-at-k.js';
import { readFastTextClassifierFile } from '../io/fasttext-file.js';
import { LABEL_PREFIX } from '../fasttext/supervised-model.js';
import { readLines } from '../text/line-reader.js';
import { isFastTextFile, lastLineUnterminated, formatG, topK } from './fasttext-predict.js';
import { floatIn } from './options.js';
import { printResult } from './stdout.js';
import { requireExamples } from './no-examples.js';
import { warn } from './quiet.js';
import type { LabelledData } from '../text/labelled.js';

interface TestFlags {
  model: string;
  data: string;
  k?: number;
  threshold?: number;
  perLabel: boolean;
  json: boolean;
}

/** The labelled-data reader of `lexnet classify` (TSV, fastText lines, spam-assassin:…), given the lines already read. */
type ReadData = (spec: string, lines?: Iterable<[number, string]>) => LabelledData;

/** `lexnet classify test`: fastText's `test` (N, P@k, R@k) and, with --per-label, its `test-label` report. */
export function registerClassifyTest(classify: Command, readData: ReadData): void {
  classify
    .command('test')
    .description('precision and recall at k as `fasttext test` prints them (N, P@k, R@k), for lexnet classifiers and fastText models (.bin, .ftz); lines with several __label__s count each')
    .requiredOption('--model <file>', 'model file (lexnet classifier, or fastText .bin/.ftz)')
    .requiredOption('--data <file>', 'labelled data: fastText __label__ lines, TSV with sentence and label columns (- for standard input)')
    .option('-k <n>', 'labels predicted per line (default 1)', topK)
    .option('--threshold <p>', 'leave out predictions less probable than p (default 0)', floatIn(0, 1))
    .option('--per-label', 'first F1, precision and recall of every label, as `fasttext test-label` prints them', false)
    .option('--json', 'print one JSON object (undefined scores as null)', false)
    .option('--quiet', 'no warnings (results and --json are still printed)', false)
    .action((f: TestFlags) => {
      const options = { k: f.k ?? 1, threshold: f.threshold ?? 0 };
      const result = isFastTextFile(f.model)
        ? testClassifier(readFastTextClassifierFile(f.model), fastTextExamples(f.data), options)
        : testClassifier(loadClassifier(f.model), lexnetExamples(f.data, readData), options);
      requireExamples(result.examples + result.skipped, f.data);
      if (result.skipped > 0) warn(`${f.data}: ${result.skipped} line${result.skipped === 1 ? '' : 's'} with no label the model knows left out (as fastText does)`);
      printResult(f.json ? JSON.stringify(result, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) : formatTest(result, f.perLabel));
    });
}

/** Lines in fastText's format, as `fasttext test` reads them: every `__label__` token is a gold label; lines without one are not examples. */
function fastTextExamples(path: string): TestExample[] {
  const unterminated = lastLineUnterminated(path);
  const lines = [...readLines(path)];
  const out: TestExample[] = [];
  lines.forEach(([, line], i) => {
    const labels = line.split(/[ \n\r\t\v\f\0]+/).filter((t) => t.startsWith(LABEL_PREFIX));
    if (labels.length) out.push({ text: line, labels, endOfLine: !(unterminated && i === lines.length - 1) });
  });
  return out;
}

/** Labelled data for a lexnet classifier; fastText lines keep all their labels (the reader keeps the first). */
function lexnetExamples(path: string, readData: ReadData): TestExample[] {
  const lines = /^spam-assassin(:|$)/.test(path) ? undefined : [...readLines(path)];
  const d = readData(path, lines);
  const all = new Map<number, string[]>();
  if (d.labelPrefix && lines) {
    for (const [n, line] of lines) all.set(n, line.trim().split(/\s+/).filter((t) => t.startsWith(d.labelPrefix!) && t.length > d.labelPrefix!.length).map((t) => t.slice(d.labelPrefix!.length)));
  }
  return d.texts.map((text, i) => ({ text, labels: all.get(d.lines[i]!) ?? [d.labels[i]!] }));
}

/** fastText's output: `test-label`'s per-label lines (fixed, 6 decimals), then N, P@k, R@k (3 significant digits; fixed 3 decimals after a per-label report, as fastText's stream keeps `std::fixed`). */
export function formatTest(r: ClassifierTestResult, perLabel: boolean): string {
  const lines: string[] = [];
  if (perLabel) {
    const metric = (name: string, x: number) => `${name} : ${Number.isFinite(x) ? x.toFixed(6) : '--------'}  `;
    for (const l of r.perLabel) lines.push(`${metric('F1-Score', l.f1)}${metric('Precision', l.precision)}${metric('Recall', l.recall)} ${l.label}`);
  }
  const num = (x: number) => (Number.isNaN(x) ? 'nan' : perLabel ? x.toFixed(3) : formatG(x, 3));
  const k = r.k === Infinity ? -1 : r.k;
  lines.push(`N\t${r.examples}`, `P@${k}\t${num(r.precision)}`, `R@${k}\t${num(r.recall)}`);
  return lines.join('\n');
}
