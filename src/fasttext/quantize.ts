import { LexnetError, optionError } from '../io/errors.js';
import { plural } from '../io/vector-format.js';
import { validateOptions } from '../options/declare.js';
import { Ticker } from '../train/abort.js';
import type { ProgressCallback } from '../train/progress-event.js';
import type { FastTextDictionary } from './dictionary.js';
import { QUANTIZE_DEFAULTS, QUANTIZE_OPTIONS } from './quantize-options.js';
import { DenseRows, type PredictionMatrix } from './quantized-matrix.js';
import { CENTROIDS } from './product-quantizer.js';
import { quantizeMatrix, rowNorm } from './quantizer-training.js';
import { EOS } from './subwords.js';
import { stdSort } from './std-sort.js';
import { unorderedMapOrder } from './hash-map-order.js';
import { FastTextClassifier } from './supervised-model.js';
import { retrainPruned } from './retrain.js';
import type { SupervisedLine } from './supervised-data.js';

/** How quantizeClassifier quantizes (fastText's `quantize` options). */
export interface QuantizeOptions {
  /** Values per sub-vector (2 by default): each is coded by one byte naming one of 256 centroids. */
  dsub?: number;
  /** Quantize each row's norm apart (false by default). */
  qnorm?: boolean;
  /** Quantize the output matrix too, with sub-vectors of 2 values (false by default; needs at least 256 labels). */
  qout?: boolean;
  /** Keep only this many input rows, those of largest norm (`</s>` first); 0, the default, keeps all. */
  cutoff?: number;
  /** Train the rows kept by `cutoff` and the output matrix again on `input` before quantizing (fastText's `-retrain`; false by default). */
  retrain?: boolean;
  /** retrain: the training lines, in fastText's format (`__label__x text`) or `{ words, labels }` (labels with their prefix). */
  input?: readonly (string | SupervisedLine)[];
  /** retrain: passes over `input` (default 5, as fastText). */
  epochs?: number;
  /** retrain: the starting learning rate, decayed linearly to 0 (default 0.05, fastText's for `quantize`). */
  learningRate?: number;
  /** retrain: training threads (default every core). */
  threads?: number;
  /** retrain: the threads' random seed (default 1). */
  seed?: number;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

/**
 * The input rows fastText keeps with `-cutoff` (`FastText::selectEmbeddings`): `</s>` first, then
 * the rows of largest norm, sorted as libstdc++'s `std::sort` sorts them (rows of equal norm too).
 */
export function selectEmbeddings(input: DenseRows, eos: number, cutoff: number): Int32Array {
  const norms = new Float32Array(input.rows);
  for (let i = 0; i < input.rows; i++) norms[i] = rowNorm(input.data, i, input.cols);
  const idx = Int32Array.from({ length: input.rows }, (_, i) => i);
  stdSort(idx, (a, b) => (a === eos && b === eos ? false : a === eos || (b !== eos && norms[a]! > norms[b]!)));
  return idx.slice(0, cutoff);
}

/**
 * fastText's `Dictionary::prune`: the kept words (in their old order) and every label; the kept
 * buckets in the order chosen, numbered from 0 in the prune index (its pairs in the order fastText's
 * hash map writes them). Returns the pruned dictionary
 * and the old input rows in the new order (the kept words, then the kept buckets).
 */
export function pruneDictionary(d: FastTextDictionary, kept: Int32Array): { dictionary: FastTextDictionary; rows: Int32Array } {
  const words = Array.from(kept).filter((i) => i < d.nwords).sort((a, b) => a - b);
  const buckets = Array.from(kept).filter((i) => i >= d.nwords);
  const chosen = new Map<number, number>();
  buckets.forEach((row, j) => chosen.set(row - d.nwords, j));
  const pruneIndex = new Map<number, number>(); // in the order fastText's hash map writes it
  for (const id of unorderedMapOrder(buckets.map((row) => row - d.nwords))) pruneIndex.set(id, chosen.get(id)!);
  const entries = [...words.map((i) => d.entries[i]!), ...d.entries.slice(d.nwords)];
  return {
    dictionary: { entries, nwords: words.length, nlabels: d.nlabels, ntokens: d.ntokens, pruneIndex },
    rows: Int32Array.from([...words, ...buckets]),
  };
}

/** The retraining options are refused where they would do nothing (fastText ignores them): retrain needs a cut-off and input, the others retrain. */
function refuseRetrainOptions(given: QuantizeOptions, retrain: boolean, cut: boolean, rows: number): void {
  if (!retrain) {
    for (const name of ['input', 'epochs', 'learningRate', 'threads', 'seed'] as const) {
      if (given[name] !== undefined) throw optionError(name, `${name} applies to retrain (training the rows kept by cutoff again); give retrain too, or leave ${name} out`, ['retrain', 'cutoff']);
    }
    return;
  }
  if (!cut) throw optionError('retrain', `retrain trains the rows kept by cutoff again: give cutoff, fewer than the model's ${rows.toLocaleString('en-US')} input rows (fastText retrains only then)`, ['cutoff']);
  if (given.input === undefined) throw optionError('input', 'retrain needs input: the training lines (usually those the model was trained on)', ['retrain']);
}

/** A pretend DenseRows of the chosen rows of `m`, copied. */
function pickRows(m: DenseRows, rows: Int32Array): DenseRows {
  const data = new Float32Array(rows.length * m.cols);
  rows.forEach((r, i) => data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
  return new DenseRows(rows.length, m.cols, data);
}

/**
 * Quantizes a fastText supervised model as `fasttext quantize` does: with `cutoff`, only the input
 * rows of largest norm are kept (the dictionary pruned, the kept n-gram buckets renumbered); the
 * input matrix is product-quantized (256 centroids per sub-vector of `dsub` values, k-means with
 * fastText's seed and draws; with `qnorm` the norms apart), and with `qout` the output matrix too.
 * With `retrain` (and `cutoff`), the pruned model is first trained again on `input` (`epochs`,
 * `learningRate`, `threads`), from its kept rows, as `fasttext quantize -retrain` does.
 * The result predicts as fastText does with the `.ftz`, and `save`s it (`toBytes()` in a browser).
 */
export async function quantizeClassifier(model: FastTextClassifier, options: QuantizeOptions = {}): Promise<FastTextClassifier> {
  validateOptions(QUANTIZE_OPTIONS, options, 'quantizeClassifier');
  if (!(model instanceof FastTextClassifier)) throw new LexnetError('quantizeClassifier: the model must be a FastTextClassifier (loadFastTextClassifier, decodeFastTextClassifier)');
  const o = { ...QUANTIZE_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Required<Omit<QuantizeOptions, 'signal' | 'onProgress'>> & QuantizeOptions;
  const input = model.inputMatrix;
  let output = model.outputMatrix;
  if (!(input instanceof DenseRows)) throw new LexnetError('quantizeClassifier: the model is quantized already (a .ftz): quantize the .bin it was made from');
  const d = model.dictionary;
  let args = model.args;
  if (o.dsub > args.dim) throw optionError('dsub', `dsub ${o.dsub} is larger than the model's dimension ${args.dim}`);
  const cut = o.cutoff > 0 && o.cutoff < input.rows;
  refuseRetrainOptions(options, o.retrain, cut, input.rows);
  if (cut && o.cutoff < CENTROIDS) throw optionError('cutoff', `cutoff ${o.cutoff} keeps too few rows: product quantization needs at least ${CENTROIDS} (one per centroid)`);
  if (input.rows < CENTROIDS) throw new LexnetError(`quantizeClassifier: the model has ${plural(input.rows, 'input row')} (${plural(d.nwords, 'word')} + ${plural(args.bucket, 'bucket')}): product quantization needs at least ${CENTROIDS} (one per centroid)`);
  if (o.qout && output.rows < CENTROIDS) throw optionError('qout', `qout quantizes the output matrix, one row per label, and needs at least ${CENTROIDS} rows: the model has ${plural(output.rows, 'label')}`);
  if (o.qout && !(output instanceof DenseRows)) throw optionError('qout', 'the output matrix is quantized already');
  let rows = input, dictionary = d;
  if (cut) {
    const eos = d.entries.findIndex((e, i) => i < d.nwords && e.word === EOS);
    const pruned = pruneDictionary(d, selectEmbeddings(input, eos, o.cutoff));
    dictionary = pruned.dictionary;
    rows = pickRows(input, pruned.rows);
    if (o.retrain) {
      const retrained = await retrainPruned(model, dictionary, pruned.rows, rows, o.input!, {
        epochs: o.epochs, learningRate: o.learningRate, threads: o.threads, seed: o.seed, signal: o.signal,
        onProgress: o.onProgress, // the retraining's events (task classifier), then the quantizer's
      });
      rows = retrained.inputMatrix as DenseRows;
      output = retrained.outputMatrix;
      args = retrained.args;
    }
  }
  const ticker = new Ticker(o.signal);
  const pause = () => ticker.turnIfDue();
  const outSteps = o.qout ? Math.ceil(args.dim / 2) : 0;
  const total = Math.ceil(args.dim / o.dsub) + outSteps;
  const epochs = total;
  const progress = (done: number) => o.onProgress?.({ task: 'quantize', stage: 'training', epoch: done, epochs, fraction: done / total, loss: null });
  await ticker.tick(); // the abort check, before the work
  const qin = await quantizeMatrix(rows.rows, rows.cols, rows.data, o.dsub, o.qnorm, { pause, step: (m) => progress(m) });
  const qoutput: PredictionMatrix = o.qout && output instanceof DenseRows
    ? await quantizeMatrix(output.rows, output.cols, output.data, 2, o.qnorm, { pause, step: (m) => progress(total - outSteps + m) })
    : output;
  o.onProgress?.({ task: 'quantize', stage: 'done', epoch: total, epochs, fraction: 1, loss: null });
  return new FastTextClassifier({ ...args }, dictionary, qin, qoutput);
}
