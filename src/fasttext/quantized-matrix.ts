import { inputError } from '../io/errors.js';
import type { ByteReader } from './byte-reader.js';
import { need } from './model-file.js';
import { readProductQuantizer, type ProductQuantizer } from './product-quantizer.js';

/** What a classifier needs of a matrix, dense or quantized: rows added to a vector, rows dotted with one. */
export interface PredictionMatrix {
  readonly rows: number;
  readonly cols: number;
  /** x += a × row i. */
  addRow(x: Float32Array, i: number, a: number): void;
  /** row i · x. */
  dotRow(x: Float32Array, i: number): number;
}

/** A dense row-major float32 matrix as a PredictionMatrix. */
export class DenseRows implements PredictionMatrix {
  constructor(readonly rows: number, readonly cols: number, readonly data: Float32Array) {}
  addRow(x: Float32Array, i: number, a: number): void {
    const { cols, data } = this;
    const o = i * cols;
    for (let j = 0; j < cols; j++) x[j] = x[j]! + a * data[o + j]!;
  }
  dotRow(x: Float32Array, i: number): number {
    const { cols, data } = this;
    const o = i * cols;
    let d = 0;
    for (let j = 0; j < cols; j++) d += data[o + j]! * x[j]!;
    return d;
  }
}

/**
 * fastText's `QuantMatrix`: each row a product-quantized code (one byte per sub-vector) and,
 * with `qnorm`, the row's norm quantized apart (a byte naming one of 256 norms), the codes then
 * being those of the row divided by its norm.
 */
export class QuantizedMatrix implements PredictionMatrix {
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly codes: Uint8Array,
    readonly pq: ProductQuantizer,
    readonly normCodes: Uint8Array | null,
    readonly npq: ProductQuantizer | null,
  ) {}

  /** Row i's norm (1 without norm quantization). */
  norm(i: number): number {
    return this.normCodes ? this.npq!.centroids[this.npq!.start(0, this.normCodes[i]!)]! : 1;
  }
  addRow(x: Float32Array, i: number, a: number): void {
    this.pq.addCode(x, this.codes, i, a * this.norm(i));
  }
  dotRow(x: Float32Array, i: number): number {
    return this.pq.mulCode(x, this.codes, i, this.norm(i));
  }
}

/** Reads a quantized matrix after its flag byte (`QuantMatrix::save`: qnorm, rows, cols, code size, codes, quantizer, then norm codes and their quantizer). */
export function readQuantizedMatrix(r: ByteReader, name: string, what: string): QuantizedMatrix {
  const b = need(r, name, 21, `the ${what} matrix header`);
  const v = new DataView(b.buffer, b.byteOffset, 21);
  const qnorm = v.getUint8(0);
  const rows = Number(v.getBigInt64(1, true)), cols = Number(v.getBigInt64(9, true));
  const codeSize = v.getInt32(17, true);
  if (qnorm > 1 || !(rows >= 0 && cols >= 1 && rows <= 0x7fffffff && cols <= 0x7fffffff)) throw inputError(name, null, `bad quantized ${what} matrix header: ${rows} × ${cols}, norm flag ${qnorm}`);
  if (codeSize < 0 || (r.size !== null && codeSize > r.size - r.offset)) throw inputError(name, null, `cut short or damaged: the quantized ${what} matrix announces ${codeSize} code bytes${r.size !== null ? ` but only ${r.size - r.offset} bytes follow` : ''}`);
  const codes = new Uint8Array(need(r, name, codeSize, `the ${what} matrix's codes`));
  const pq = readProductQuantizer(r, name, `${what} matrix's quantizer`);
  if (pq.dim !== cols || codeSize !== rows * pq.nsubq) {
    throw inputError(name, null, `the quantized ${what} matrix is ${rows} × ${cols} with ${codeSize} code bytes, but its quantizer is for dimension ${pq.dim} in ${pq.nsubq} pieces (${rows * pq.nsubq} code bytes)`);
  }
  if (!qnorm) return new QuantizedMatrix(rows, cols, codes, pq, null, null);
  const normCodes = new Uint8Array(need(r, name, rows, `the ${what} matrix's norm codes`));
  const npq = readProductQuantizer(r, name, `${what} matrix's norm quantizer`);
  if (npq.dim !== 1) throw inputError(name, null, `the ${what} matrix's norm quantizer has dimension ${npq.dim}, expected 1`);
  return new QuantizedMatrix(rows, cols, codes, pq, normCodes, npq);
}
