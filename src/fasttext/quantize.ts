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
  /** Fine-tune after the cut-off: not available yet (refused). */
  retrain?: boolean;
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
 * The result predicts as fastText does with the `.ftz`, and `save`s it (`toBytes()` in a browser).
 */
export async function quantizeClassifier(model: FastTextClassifier, options: QuantizeOptions = {}): Promise<FastTextClassifier> {
  validateOptions(QUANTIZE_OPTIONS, options, 'quantizeClassifier');
  if (!(model instanceof FastTextClassifier)) throw new LexnetError('quantizeClassifier: the model must be a FastTextClassifier (loadFastTextClassifier, decodeFastTextClassifier)');
  const o = { ...QUANTIZE_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Required<Omit<QuantizeOptions, 'signal' | 'onProgress'>> & QuantizeOptions;
  const input = model.inputMatrix, output = model.outputMatrix;
  if (!(input instanceof DenseRows)) throw new LexnetError('quantizeClassifier: the model is quantized already (a .ftz): quantize the .bin it was made from');
  const { args, dictionary: d } = model;
  if (o.dsub > args.dim) throw optionError('dsub', `dsub ${o.dsub} is larger than the model's dimension ${args.dim}`);
  if (o.retrain) throw optionError('retrain', 'retrain fine-tunes the kept rows on the training data, and lexnet cannot train fastText models yet: quantize without retrain, or use fasttext quantize -retrain');
  const cut = o.cutoff > 0 && o.cutoff < input.rows;
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
