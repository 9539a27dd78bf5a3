import { inputError } from '../io/errors.js';
import type { ByteReader } from './byte-reader.js';
import { need, readFloats } from './model-file.js';

/** Centroids per sub-quantizer: fastText's codes are one byte (`ksub_ = 1 << 8`). */
export const CENTROIDS = 256;

/**
 * fastText's `ProductQuantizer` as a quantized model stores it: a vector of `dim` values is cut
 * into `nsubq` pieces of `dsub` values (the last one `lastdsub`), and each piece is one of 256
 * centroids, named by a byte. Used for reading (`.ftz` files): rows are rebuilt from their codes.
 */
export class ProductQuantizer {
  constructor(
    readonly dim: number,
    readonly nsubq: number,
    readonly dsub: number,
    readonly lastdsub: number,
    /** The centroids: sub-quantizer m's centroid i starts at `start(m, i)`. */
    readonly centroids: Float32Array,
  ) {}

  /** Where centroid `i` of sub-quantizer `m` starts (fastText's `get_centroids`). */
  start(m: number, i: number): number {
    return m === this.nsubq - 1 ? m * CENTROIDS * this.dsub + i * this.lastdsub : (m * CENTROIDS + i) * this.dsub;
  }

  /** Adds `alpha` × row `t` (its codes at `codes[t * nsubq …]`) to `x` (fastText's `addcode`). */
  addCode(x: Float32Array, codes: Uint8Array, t: number, alpha: number): void {
    const { nsubq, dsub, centroids: c } = this;
    const at = t * nsubq;
    for (let m = 0; m < nsubq; m++) {
      const d = m === nsubq - 1 ? this.lastdsub : dsub;
      const s = this.start(m, codes[at + m]!), o = m * dsub;
      for (let n = 0; n < d; n++) x[o + n] = x[o + n]! + alpha * c[s + n]!;
    }
  }

  /** The dot product of `x` with row `t`, times `alpha` (fastText's `mulcode`). */
  mulCode(x: Float32Array, codes: Uint8Array, t: number, alpha: number): number {
    const { nsubq, dsub, centroids: c } = this;
    const at = t * nsubq;
    let res = 0;
    for (let m = 0; m < nsubq; m++) {
      const d = m === nsubq - 1 ? this.lastdsub : dsub;
      const s = this.start(m, codes[at + m]!), o = m * dsub;
      for (let n = 0; n < d; n++) res += x[o + n]! * c[s + n]!;
    }
    return res * alpha;
  }
}

/** Reads a product quantizer (`ProductQuantizer::save`: dim, nsubq, dsub, lastdsub as int32, then dim × 256 float32). */
export function readProductQuantizer(r: ByteReader, name: string, what: string): ProductQuantizer {
  const b = need(r, name, 16, what);
  const v = new DataView(b.buffer, b.byteOffset, 16);
  const [dim, nsubq, dsub, lastdsub] = [0, 4, 8, 12].map((o) => v.getInt32(o, true)) as [number, number, number, number];
  if (!(dim >= 1 && dsub >= 1 && nsubq === Math.ceil(dim / dsub) && lastdsub === dim - (nsubq - 1) * dsub)) {
    throw inputError(name, null, `bad ${what}: dimension ${dim}, ${nsubq} sub-quantizers of ${dsub} values, the last of ${lastdsub}`);
  }
  if (r.size !== null && dim * CENTROIDS * 4 > r.size - r.offset) throw inputError(name, null, `cut short: the ${what} announces ${dim * CENTROIDS} centroid values but only ${r.size - r.offset} bytes follow`);
  const centroids = new Float32Array(dim * CENTROIDS);
  readFloats(r, name, centroids, 0, centroids.length, (k) => `the ${what}'s centroid value ${k + 1}`);
  return new ProductQuantizer(dim, nsubq, dsub, lastdsub, centroids);
}
