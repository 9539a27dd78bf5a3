// fastText's `quantize -retrain`: after `-cutoff` has pruned the dictionary, the kept input rows and
// the output matrix are trained again on the training lines (`FastText::quantize` starts its
// threads on the pruned model), in lexnet's supervised kernels.
import { LexnetError, optionError } from '../io/errors.js';
import { plural } from '../io/vector-format.js';
import type { ProgressCallback } from '../train/progress-event.js';
import { yieldToEventLoop } from '../train/abort.js';
import { LOSS } from './args.js';
import type { FastTextDictionary } from './dictionary.js';
import { DenseRows } from './quantized-matrix.js';
import { encodeLines, splitFastTextLine, type EncodedLines, type SupervisedLine } from './supervised-data.js';
import { LABEL_PREFIX, FastTextClassifier } from './supervised-model.js';
import { SUPERVISED_DEFAULTS } from './supervised-options.js';
import type { SupervisedLoss } from './supervised-reference.js';
import { trainEncodedLines, type SupervisedOptions, type SupervisedSettings, type SupervisedStart } from './supervised-train.js';

/** How the pruned model is trained again (fastText's `-epoch`, `-lr`, `-thread` given to `quantize`). */
export interface RetrainSettings {
  epochs: number;
  learningRate: number;
  threads?: number | undefined;
  seed?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ProgressCallback | undefined;
}

/** fastText's loss names by the number a model file stores. */
const LOSS_NAMES = Object.fromEntries(Object.entries(LOSS).map(([name, n]) => [n, name])) as Record<number, SupervisedLoss>;

/** The encoded lines also as a plan that writes them where they are trained on (rows, labels and lines counted). */
interface PlannedLines extends EncodedLines {
  rows: number;
  labels: number;
  lines: number;
  write(out: Omit<EncodedLines, 'totalTokens'>): void;
}

/**
 * The lines encoded with the model's own dictionary, each row then renumbered into the pruned
 * model (`newRow[old]`, −1 for a row cut off, which is left out): fastText's `getLine` on the pruned
 * dictionary gives the same rows (a word cut off is unknown, its n-grams and the word n-grams
 * kept where their buckets are).
 */
function renumbered(e: EncodedLines, newRow: Int32Array): PlannedLines {
  const rowIds = new Int32Array(e.rowIds.length), rowOffsets = new Int32Array(e.rowOffsets.length);
  let n = 0;
  for (let i = 0; i + 1 < e.rowOffsets.length; i++) {
    for (let j = e.rowOffsets[i]!; j < e.rowOffsets[i + 1]!; j++) {
      const r = newRow[e.rowIds[j]!]!;
      if (r >= 0) rowIds[n++] = r;
    }
    rowOffsets[i + 1] = n;
  }
  const x = { ...e, rowIds: rowIds.slice(0, n), rowOffsets };
  return {
    ...x, rows: n, labels: e.labelIds.length, lines: e.tokens.length,
    write: (out) => {
      out.rowIds.set(x.rowIds);
      out.rowOffsets.set(x.rowOffsets);
      out.labelIds.set(x.labelIds);
      out.labelOffsets.set(x.labelOffsets);
      out.tokens.set(x.tokens);
    },
  };
}

/**
 * Trains the pruned model again, as `fasttext quantize -cutoff N -retrain -input FILE` does: the
 * kept rows (`rows`: the old row of each new one; `input`, those rows) and the output matrix are
 * the start, the lines (fastText's format, or `{ words, labels }`) are read with the model's
 * settings and learned `epochs` times at `learningRate` decaying to 0 (fastText's schedule), on
 * `threads` Hogwild threads. Returns the pruned model, still dense, its `epoch` the retraining's.
 */
export async function retrainPruned(model: FastTextClassifier, pruned: FastTextDictionary, rows: Int32Array, input: DenseRows, lines: readonly (string | SupervisedLine)[], o: RetrainSettings): Promise<FastTextClassifier> {
  const { args, dictionary: d } = model;
  const output = model.outputMatrix;
  if (!(output instanceof DenseRows)) throw new LexnetError('quantizeClassifier: the output matrix is quantized already: retrain needs the dense model (.bin)');
  const split: SupervisedLine[] = lines.map((l, i) => {
    if (typeof l === 'string') return splitFastTextLine(l, LABEL_PREFIX);
    if (l && Array.isArray(l.words) && Array.isArray(l.labels)) return l;
    throw optionError('input', `input line ${i + 1} must be a string (fastText's format) or { words, labels }`);
  });
  const s: SupervisedSettings = {
    loss: LOSS_NAMES[args.loss] ?? SUPERVISED_DEFAULTS.loss, dim: args.dim, epochs: o.epochs, learningRate: o.learningRate,
    wordNgrams: args.wordNgrams, bucket: args.bucket, minn: args.minn, maxn: args.maxn, minCount: args.minCount, minCountLabel: 0,
    neg: args.neg, seed: o.seed ?? SUPERVISED_DEFAULTS.seed, labelPrefix: LABEL_PREFIX,
  };
  const newRow = new Int32Array(d.nwords + args.bucket).fill(-1);
  rows.forEach((old, i) => { newRow[old] = i; });
  const encoded = renumbered(encodeLines(split, d, s), newRow);
  let labelled = 0;
  for (let i = 0; i + 1 < encoded.labelOffsets.length; i++) if (encoded.labelOffsets[i + 1]! > encoded.labelOffsets[i]!) labelled++;
  if (labelled === 0) {
    const known = model.labels.slice(0, 5).join(', ') + (model.labels.length > 5 ? ', …' : '');
    throw optionError('input', `none of the input's ${plural(split.length, 'line')} has a label the model knows (${known}): retrain needs the lines the model was trained on`);
  }
  await yieldToEventLoop(o.signal);
  // laid out as a model of the kept words and buckets (its rows: nwords + bucket), from the kept rows
  const start: SupervisedStart = { input: input.data, output: output.data };
  const options: SupervisedOptions & { start: SupervisedStart } = { threads: o.threads, signal: o.signal, onProgress: o.onProgress, start };
  const r = await trainEncodedLines(pruned, encoded, { ...s, bucket: rows.length - pruned.nwords }, options, []);
  return new FastTextClassifier({ ...args, epoch: o.epochs }, pruned, r.classifier.inputMatrix, r.classifier.outputMatrix);
}
