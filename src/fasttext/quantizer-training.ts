import { LexnetError } from '../io/errors.js';
import { MinstdRandom } from './minstd-random.js';
import { CENTROIDS, ProductQuantizer } from './product-quantizer.js';
import { QuantizedMatrix } from './quantized-matrix.js';

/** fastText's quantizer settings (`ProductQuantizer`: niter_, max_points_, seed_, eps_). */
const ITERATIONS = 25;
const MAX_POINTS = 65536;
const SEED = 1234;
const EPS = Math.fround(1e-7);

/** How a long quantization reports and lets others run: `step` after each sub-quantizer, `pause` after each k-means iteration. */
export interface QuantizerHooks {
  /** Called after each sub-quantizer is trained: how many are done, of how many. */
  step?: (done: number, total: number) => void;
  /** Awaited after each k-means iteration (a turn of the event loop, the abort check). */
  pause?: () => Promise<void>;
}

/**
 * The nearest of 256 centroids to a point, the first of equal distances (fastText's
 * `assign_centroid` over its float squared distances, `distL2`), found without trying all: the
 * centroids sorted by their first value, the search walks out from the point's place and stops on
 * each side once the first value's square alone is farther than the best distance (a float sum of
 * squares, added in order, is never less than its first term). The answer is fastText's, bit for bit.
 */
class SortedSearch {
  private readonly order = new Int32Array(CENTROIDS);
  private sorted = new Float64Array(0);
  private d = 0;

  /** Sorts the centroids at c[co …] (d values each); call again when they change. */
  prepare(c: Float32Array, co: number, d: number): void {
    const order = this.order;
    for (let j = 0; j < CENTROIDS; j++) order[j] = j;
    order.sort((a, b) => c[co + d * a]! - c[co + d * b]!);
    if (this.sorted.length !== d * CENTROIDS) this.sorted = new Float64Array(d * CENTROIDS);
    for (let k = 0; k < CENTROIDS; k++) for (let i = 0; i < d; i++) this.sorted[k * d + i] = c[co + d * order[k]! + i]!;
    this.d = d;
  }

  nearest(x: Float32Array, xo: number): number {
    const { order, sorted, d } = this;
    const x0 = x[xo]!;
    let lo = 0, hi = CENTROIDS;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid * d]! < x0) lo = mid + 1;
      else hi = mid;
    }
    let best = CENTROIDS, dis = Infinity;
    for (let dir = 1, k = lo; dir >= -1; dir -= 2, k = lo - 1) {
      for (; k >= 0 && k < CENTROIDS; k += dir) {
        const o = k * d, t0 = Math.fround(x0 - sorted[o]!);
        let dj = Math.fround(t0 * t0);
        if (dj > dis) break;
        for (let i = 1; i < d; i++) {
          const t = Math.fround(x[xo + i]! - sorted[o + i]!);
          dj = Math.fround(dj + Math.fround(t * t));
        }
        const j = order[k]!;
        if (dj < dis || (dj === dis && j < best)) {
          best = j;
          dis = dj;
        }
      }
    }
    return best;
  }
}

/** The codes of n points (d values each, `stride` apart from x[xo]) against the 256 centroids at c[co …], into codes[at], codes[at + step] … */
function assignAll(x: Float32Array, xo: number, stride: number, n: number, c: Float32Array, co: number, d: number, codes: Uint8Array, at: number, step: number, search: SortedSearch): void {
  search.prepare(c, co, d);
  for (let i = 0; i < n; i++) codes[at + i * step] = search.nearest(x, xo + i * stride);
}

/** Each centroid the mean of its points; an empty one split off a populous one (fastText's `MStep`). */
function mStep(x: Float32Array, c: Float32Array, co: number, codes: Uint8Array, d: number, n: number, rng: MinstdRandom): void {
  const nelts = new Int32Array(CENTROIDS);
  c.fill(0, co, co + d * CENTROIDS);
  for (let i = 0; i < n; i++) {
    const k = codes[i]!, o = co + k * d, xo = i * d;
    for (let j = 0; j < d; j++) c[o + j] = c[o + j]! + x[xo + j]!;
    nelts[k]!++;
  }
  for (let k = 0; k < CENTROIDS; k++) {
    const z = nelts[k]!;
    if (z !== 0) for (let j = 0; j < d; j++) c[co + k * d + j] = c[co + k * d + j]! / z;
  }
  for (let k = 0; k < CENTROIDS; k++) {
    if (nelts[k] !== 0) continue;
    let m = 0;
    while (rng.uniformReal() * (n - CENTROIDS) >= nelts[m]! - 1) m = (m + 1) % CENTROIDS;
    c.copyWithin(co + k * d, co + m * d, co + (m + 1) * d);
    for (let j = 0; j < d; j++) {
      const step = Math.fround(((j % 2) * 2 - 1) * EPS);
      c[co + k * d + j] = c[co + k * d + j]! + step;
      c[co + m * d + j] = c[co + m * d + j]! - step;
    }
    nelts[k] = Math.trunc(nelts[m]! / 2);
    nelts[m] = nelts[m]! - nelts[k]!;
  }
}

/** k-means of n points of d values into the 256 centroids at c[co …], started from 256 shuffled points (fastText's `kmeans`). */
async function kmeans(x: Float32Array, c: Float32Array, co: number, n: number, d: number, rng: MinstdRandom, pause?: () => Promise<void>): Promise<void> {
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  rng.shuffle(perm);
  for (let i = 0; i < CENTROIDS; i++) c.set(x.subarray(perm[i]! * d, (perm[i]! + 1) * d), co + i * d);
  const codes = new Uint8Array(n);
  const search = new SortedSearch();
  for (let it = 0; it < ITERATIONS; it++) {
    assignAll(x, 0, d, n, c, co, d, codes, 0, 1, search);
    mStep(x, c, co, codes, d, n, rng);
    await pause?.();
  }
}

/**
 * Trains fastText's product quantizer on n rows of `dim` values (row-major in `x`): each of the
 * ⌈dim / dsub⌉ sub-vectors gets 256 centroids by k-means (25 iterations) over at most 65,536 rows
 * drawn at random, with fastText's seed and draws (`ProductQuantizer::train`).
 */
export async function trainProductQuantizer(dim: number, dsub: number, n: number, x: Float32Array, hooks: QuantizerHooks = {}): Promise<ProductQuantizer> {
  if (n < CENTROIDS) throw new LexnetError(`a matrix of ${n} rows is too small to quantize: it needs at least ${CENTROIDS} rows (one per centroid)`);
  const nsubq = Math.ceil(dim / dsub);
  const lastdsub = dim - (nsubq - 1) * dsub;
  const pq = new ProductQuantizer(dim, nsubq, dsub, lastdsub, new Float32Array(dim * CENTROIDS));
  const rng = new MinstdRandom(SEED);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const np = Math.min(n, MAX_POINTS);
  const slice = new Float32Array(np * dsub);
  for (let m = 0; m < nsubq; m++) {
    const d = m === nsubq - 1 ? lastdsub : dsub;
    if (np !== n) rng.shuffle(perm);
    for (let j = 0; j < np; j++) {
      const from = perm[j]! * dim + m * dsub;
      slice.set(x.subarray(from, from + d), j * d);
    }
    await kmeans(slice, pq.centroids, pq.start(m, 0), np, d, rng, hooks.pause);
    hooks.step?.(m + 1, nsubq);
  }
  return pq;
}

/** Each row's code: the nearest centroid of each sub-vector (fastText's `compute_codes`). */
export async function computeCodes(pq: ProductQuantizer, x: Float32Array, n: number, pause?: () => Promise<void>): Promise<Uint8Array> {
  const { dim, nsubq, dsub, lastdsub, centroids } = pq;
  const codes = new Uint8Array(n * nsubq);
  const search = new SortedSearch();
  const BLOCK = 4096;
  for (let m = 0; m < nsubq; m++) {
    for (let i = 0; i < n; i += BLOCK) {
      assignAll(x, i * dim + m * dsub, dim, Math.min(BLOCK, n - i), centroids, pq.start(m, 0), m === nsubq - 1 ? lastdsub : dsub, codes, i * nsubq + m, nsubq, search);
      await pause?.();
    }
  }
  return codes;
}

/** A row's L2 norm as fastText computes it (`DenseMatrix::l2NormRow`: float squares summed in a double, a float result). */
export function rowNorm(data: Float32Array, row: number, cols: number): number {
  let norm = 0;
  const o = row * cols;
  for (let j = 0; j < cols; j++) norm += Math.fround(data[o + j]! * data[o + j]!);
  return Math.fround(Math.sqrt(norm));
}

/**
 * fastText's `QuantMatrix` made from a dense matrix (rows × cols, row-major; not changed): with
 * `qnorm`, each row is divided by its norm and the norms are quantized apart (256 norms); the rows
 * are product-quantized with sub-vectors of `dsub` values.
 */
export async function quantizeMatrix(rows: number, cols: number, data: Float32Array, dsub: number, qnorm: boolean, hooks: QuantizerHooks = {}): Promise<QuantizedMatrix> {
  const x = qnorm ? Float32Array.from(data.subarray(0, rows * cols)) : data.subarray(0, rows * cols); // only qnorm changes the rows
  let normCodes: Uint8Array | null = null, npq: ProductQuantizer | null = null;
  if (qnorm) {
    const norms = new Float32Array(rows);
    for (let i = 0; i < rows; i++) {
      const n = (norms[i] = rowNorm(x, i, cols));
      if (n !== 0) for (let j = 0; j < cols; j++) x[i * cols + j] = x[i * cols + j]! / n;
    }
    npq = await trainProductQuantizer(1, 1, rows, norms, { pause: hooks.pause });
    normCodes = await computeCodes(npq, norms, rows, hooks.pause);
  }
  const pq = await trainProductQuantizer(cols, dsub, rows, x, hooks);
  return new QuantizedMatrix(rows, cols, await computeCodes(pq, x, rows, hooks.pause), pq, normCodes, npq);
}
