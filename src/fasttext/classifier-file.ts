import { LexnetError } from '../io/errors.js';
import { plural } from '../io/vector-format.js';
import { argsProblem, encodeArgs, MODEL } from './args.js';
import { encodeDictionary } from './dictionary.js';
import { dictionaryProblem, FASTTEXT_MAGIC, FASTTEXT_VERSION, floatPieces } from './model-file.js';
import type { ProductQuantizer } from './product-quantizer.js';
import { DenseRows, QuantizedMatrix, type PredictionMatrix } from './quantized-matrix.js';
import type { FastTextClassifier } from './supervised-model.js';

/** Bytes of a dense matrix header (rows, cols: int64) or a quantized one's (qnorm byte, rows, cols, code size int32). */
function denseHead(rows: number, cols: number): Uint8Array {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setBigInt64(0, BigInt(rows), true);
  v.setBigInt64(8, BigInt(cols), true);
  return b;
}

/** `ProductQuantizer::save`: dim, nsubq, dsub, lastdsub (int32), then the dim × 256 centroid values. */
function* quantizerBytes(pq: ProductQuantizer): Generator<Uint8Array> {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  [pq.dim, pq.nsubq, pq.dsub, pq.lastdsub].forEach((x, i) => v.setInt32(4 * i, x, true));
  yield b;
  yield* floatPieces(pq.centroids);
}

/** A matrix as `DenseMatrix::save` or `QuantMatrix::save` writes it (after the model's flag byte). */
function* matrixBytes(m: PredictionMatrix): Generator<Uint8Array> {
  if (m instanceof DenseRows) {
    yield denseHead(m.rows, m.cols);
    yield* floatPieces(m.data);
    return;
  }
  const q = m as QuantizedMatrix;
  const head = new Uint8Array(21);
  const v = new DataView(head.buffer);
  head[0] = q.normCodes ? 1 : 0;
  v.setBigInt64(1, BigInt(q.rows), true);
  v.setBigInt64(9, BigInt(q.cols), true);
  v.setInt32(17, q.codes.length, true);
  yield head;
  yield q.codes;
  yield* quantizerBytes(q.pq);
  if (q.normCodes) {
    yield q.normCodes;
    yield* quantizerBytes(q.npq!);
  }
}

/** Why a matrix cannot be written (an unknown kind, sizes that disagree, values that are not finite), or null. */
function matrixProblem(m: PredictionMatrix, what: string, rows: number, cols: number): string | null {
  if (m.rows !== rows || m.cols !== cols) return `the ${what} matrix is ${m.rows} × ${m.cols}, expected ${rows} × ${cols}`;
  if (m instanceof DenseRows) {
    if (m.data.length !== rows * cols) return `the ${what} matrix of ${rows} × ${cols} holds ${m.data.length} values`;
    const k = m.data.findIndex((x) => !Number.isFinite(x));
    return k >= 0 ? `the ${what} matrix holds ${m.data[k]} (row ${Math.floor(k / cols) + 1})` : null;
  }
  if (!(m instanceof QuantizedMatrix)) return `the ${what} matrix is neither dense (DenseRows) nor quantized (QuantizedMatrix)`;
  if (m.pq.dim !== cols || m.codes.length !== rows * m.pq.nsubq) return `the quantized ${what} matrix has ${m.codes.length} code bytes for ${rows} rows of ${m.pq.nsubq} pieces`;
  if ((m.normCodes === null) !== (m.npq === null) || (m.normCodes && (m.normCodes.length !== rows || m.npq!.dim !== 1))) return `the quantized ${what} matrix's norm codes do not fit its ${plural(rows, 'row')}`;
  return null;
}

/**
 * The bytes of a fastText supervised model as `FastText::saveModel` writes them (format version
 * 12): args, dictionary (with its prune index when pruned), the input matrix (dense, or quantized
 * as in a `.ftz`), the output matrix (dense, or quantized with `-qout`), in pieces. The model is
 * checked first: nothing is produced for a model fastText could not read back.
 */
export function* fastTextClassifierChunks(model: FastTextClassifier): Generator<Uint8Array> {
  const { args, dictionary: d } = model;
  const input = model.inputMatrix, output = model.outputMatrix;
  const quantized = !(input instanceof DenseRows);
  const problem = argsProblem(args)
    ?? (args.model !== MODEL.sup ? 'not a supervised model' : null)
    ?? dictionaryProblem(d)
    ?? (d.nlabels === 0 ? 'a supervised model needs labels' : null)
    ?? matrixProblem(input, 'input', d.nwords + (d.pruneIndex ? d.pruneIndex.size : args.bucket), args.dim)
    ?? matrixProblem(output, 'output', d.nlabels, args.dim)
    ?? (d.pruneIndex && !quantized ? 'a pruned dictionary needs a quantized input matrix (fastText refuses pruned dense models)' : null)
    ?? (!quantized && !(output instanceof DenseRows) ? 'a quantized output matrix needs a quantized input matrix (fastText reads the output of a dense model as dense)' : null);
  if (problem) throw new LexnetError(`cannot write the fastText model: ${problem}`);
  const sig = new Uint8Array(8);
  const v = new DataView(sig.buffer);
  v.setInt32(0, FASTTEXT_MAGIC, true);
  v.setInt32(4, FASTTEXT_VERSION, true);
  yield sig;
  yield encodeArgs(args);
  yield* encodeDictionary(d);
  yield Uint8Array.of(quantized ? 1 : 0);
  yield* matrixBytes(input);
  yield Uint8Array.of(output instanceof DenseRows ? 0 : 1);
  yield* matrixBytes(output);
}

/** A fastText supervised model's file (`.bin`, or `.ftz` when quantized) as one array of bytes. */
export function encodeFastTextClassifier(model: FastTextClassifier): Uint8Array {
  const pieces = [...fastTextClassifierChunks(model)];
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The size in bytes of the model's file, without making it. */
export function fastTextClassifierBytes(model: FastTextClassifier): number {
  let n = 0;
  for (const p of fastTextClassifierChunks(model)) n += p.length;
  return n;
}
