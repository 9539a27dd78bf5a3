/**
 * The smallest module that uses relaxed SIMD (one `f32x4.relaxed_madd` on three zero vectors):
 * `WebAssembly.validate` on it tells whether the engine runs the relaxed-SIMD kernels, without
 * fetching them.
 */
const zeros = (): number[] => [0xfd, 0x0c, ...new Array<number>(16).fill(0)]; // v128.const 0
const body = [0x00, ...zeros(), ...zeros(), ...zeros(), 0xfd, 0x85, 0x02, 0x1a, 0x0b]; // relaxed_madd, drop, end

/** The probe module's bytes. */
const RELAXED_SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () → ()
  0x03, 0x02, 0x01, 0x00, // function section
  0x0a, body.length + 2, 0x01, body.length, ...body, // code section
]);

/** Whether this engine validates relaxed-SIMD instructions. */
export function engineHasRelaxedSimd(): boolean {
  return WebAssembly.validate(RELAXED_SIMD_PROBE);
}
