// σ(x) and log σ(x) from tables over [−MAX, MAX] with linear interpolation (error ~1e-7,
// below float32 resolution), the word2vec.c trick made precise enough to check against float64.

export const TABLE_SIZE: i32 = 4096;
export const MAX: f32 = 8;
const SCALE: f32 = <f32>TABLE_SIZE / (2 * MAX);

let sigTable: usize = 0;
let logSigTable: usize = 0;

/** Fills both tables (TABLE_SIZE + 1 floats each) at the given addresses. */
export function initSigmoidTables(sigPtr: usize, logSigPtr: usize): void {
  sigTable = sigPtr;
  logSigTable = logSigPtr;
  for (let i = 0; i <= TABLE_SIZE; i++) {
    const x = (<f64>i / <f64>SCALE) - <f64>MAX;
    const s = 1.0 / (1.0 + Math.exp(-x));
    store<f32>(sigPtr + (<usize>i << 2), <f32>s);
    store<f32>(logSigPtr + (<usize>i << 2), <f32>Math.log(s));
  }
}

/** Uses tables that another instance already filled (shared memory). */
export function useSigmoidTables(sigPtr: usize, logSigPtr: usize): void {
  sigTable = sigPtr;
  logSigTable = logSigPtr;
}

@inline
function lookup(table: usize, x: f32): f32 {
  const t = (x + MAX) * SCALE;
  const i = <i32>t;
  const frac = t - <f32>i;
  const p = table + (<usize>i << 2);
  const a = load<f32>(p);
  return a + frac * (load<f32>(p, 4) - a);
}

@inline
export function sigmoid(x: f32): f32 {
  if (x >= MAX) return 1;
  if (x <= -MAX) return 0;
  return lookup(sigTable, x);
}

/** log σ(x); beyond the table, log σ(x) ≈ x for x ≪ 0 and ≈ 0 for x ≫ 0. */
@inline
export function logSigmoid(x: f32): f32 {
  if (x >= MAX) return 0;
  if (x <= -MAX) return x;
  return lookup(logSigTable, x);
}

export function sigmoidAt(x: f32): f32 {
  return sigmoid(x);
}
