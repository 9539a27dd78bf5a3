/**
 * The random numbers fastText's product quantizer draws (`std::minstd_rand` seeded 1234, with
 * libstdc++'s `std::shuffle`, `uniform_int_distribution` and `uniform_real_distribution<double>`),
 * reproduced step for step, so that lexnet's quantizer picks the rows and centroids fastText's picks.
 */
export class MinstdRandom {
  private state: number;
  /** The generator's range, `max() - min()` (its values are 1 … 2³¹ − 2). */
  static readonly RANGE = 2147483645;

  constructor(seed: number) {
    const s = seed % 2147483647;
    this.state = s === 0 ? 1 : s;
  }

  /** The next value, in [1, 2³¹ − 2] (x ← 48271 x mod 2³¹ − 1). */
  next(): number {
    // 48271 × (2³¹ − 2) < 2⁴⁷: exact in a double
    this.state = (this.state * 48271) % 2147483647;
    return this.state;
  }

  /** `uniform_int_distribution<unsigned long>{a, b}(g)`, as libstdc++ draws it (downscaling: two divisions, rejection). */
  uniformInt(a: number, b: number): number {
    const range = b - a;
    if (range === MinstdRandom.RANGE) return this.next() - 1 + a;
    if (range > MinstdRandom.RANGE) throw new RangeError(`uniformInt: range ${range} is larger than the generator's`);
    const erange = range + 1;
    const scaling = Math.floor(MinstdRandom.RANGE / erange);
    const past = erange * scaling;
    let r: number;
    do r = this.next() - 1;
    while (r >= past);
    return Math.floor(r / scaling) + a;
  }

  /** `uniform_real_distribution<double>(0, 1)(g)`: libstdc++'s `generate_canonical<double, 53>`, two draws. */
  uniformReal(): number {
    const r = 2147483646;
    let sum = 0, tmp = 1;
    for (let k = 0; k < 2; k++) {
      sum += (this.next() - 1) * tmp;
      tmp *= r;
    }
    const ret = sum / tmp;
    return ret >= 1 ? 1 - 2 ** -53 : ret;
  }

  /** `std::shuffle(a.begin(), a.end(), g)` as libstdc++ does it (two positions from one draw when the range allows). */
  shuffle(a: Int32Array): void {
    const n = a.length;
    if (n === 0) return;
    const swap = (i: number, j: number): void => {
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    };
    if (Math.floor(MinstdRandom.RANGE / n) >= n) {
      let i = 1;
      if (n % 2 === 0) {
        swap(i, this.uniformInt(0, 1));
        i++;
      }
      while (i !== n) {
        const b0 = i + 1, b1 = b0 + 1;
        const x = this.uniformInt(0, b0 * b1 - 1);
        swap(i++, Math.floor(x / b1));
        swap(i++, x % b1);
      }
      return;
    }
    for (let i = 1; i < n; i++) swap(i, this.uniformInt(0, i));
  }
}
