// SIMD vector kernels over raw float32 memory (pointers are byte offsets).

/** a·b + c per lane: one fused multiply-add where relaxed SIMD is enabled, else a multiply and an add. */
@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** Σ a_i b_i with two f32x4 accumulators. */
@inline
export function dot(a: usize, b: usize, n: i32): f32 {
  let acc0 = f32x4.splat(0);
  let acc1 = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const o = <usize>(i << 2);
    acc0 = madd(v128.load(a + o), v128.load(b + o), acc0);
    acc1 = madd(v128.load(a + o, 16), v128.load(b + o, 16), acc1);
  }
  for (; i + 4 <= n; i += 4) {
    const o = <usize>(i << 2);
    acc0 = madd(v128.load(a + o), v128.load(b + o), acc0);
  }
  acc0 = f32x4.add(acc0, acc1);
  let s = f32x4.extract_lane(acc0, 0) + f32x4.extract_lane(acc0, 1) + f32x4.extract_lane(acc0, 2) + f32x4.extract_lane(acc0, 3);
  for (; i < n; i++) s += load<f32>(a + (<usize>i << 2)) * load<f32>(b + (<usize>i << 2));
  return s;
}

/** y ← y + α x */
@inline
export function axpy(alpha: f32, x: usize, y: usize, n: i32): void {
  const va = f32x4.splat(alpha);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const o = <usize>(i << 2);
    const y0 = madd(va, v128.load(x + o), v128.load(y + o));
    const y1 = madd(va, v128.load(x + o, 16), v128.load(y + o, 16));
    v128.store(y + o, y0);
    v128.store(y + o, y1, 16);
  }
  for (; i + 4 <= n; i += 4) {
    const o = <usize>(i << 2);
    v128.store(y + o, madd(va, v128.load(x + o), v128.load(y + o)));
  }
  for (; i < n; i++) {
    const o = <usize>(i << 2);
    store<f32>(y + o, load<f32>(y + o) + alpha * load<f32>(x + o));
  }
}

/** y ← α x */
@inline
export function scaleInto(alpha: f32, x: usize, y: usize, n: i32): void {
  const va = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>(i << 2);
    v128.store(y + o, f32x4.mul(va, v128.load(x + o)));
  }
  for (; i < n; i++) store<f32>(y + (<usize>i << 2), alpha * load<f32>(x + (<usize>i << 2)));
}

@inline
export function zero(y: usize, n: i32): void {
  memory.fill(y, 0, <usize>n << 2);
}
