/**
 * The order in which libstdc++'s `std::unordered_map<int32_t, int32_t>` hands out its keys after
 * they were inserted one by one into an empty map (prime bucket counts, growth by 2, a new bucket's
 * node put at the list's front): the order fastText writes its prune index in
 * (`Dictionary::save` iterates `pruneidx_`), so that lexnet's cut-off models are fastText's bytes.
 */

/** libstdc++'s `__prime_list` (hashtable-aux.cc), up to 2³² − 5: the bucket counts past 13. */
const PRIMES = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 103, 109, 113, 127, 137, 139, 149,
  157, 167, 179, 193, 199, 211, 227, 241, 257, 277, 293, 313, 337, 359, 383, 409, 439, 467, 503, 541, 577, 619, 661, 709, 761, 823, 887,
  953, 1031, 1109, 1193, 1289, 1381, 1493, 1613, 1741, 1879, 2029, 2179, 2357, 2549, 2753, 2971, 3209, 3469, 3739, 4027, 4349, 4703, 5087,
  5503, 5953, 6427, 6949, 7517, 8123, 8783, 9497, 10273, 11113, 12011, 12983, 14033, 15173, 16411, 17749, 19183, 20753, 22447, 24281,
  26267, 28411, 30727, 33223, 35933, 38873, 42043, 45481, 49201, 53201, 57557, 62233, 67307, 72817, 78779, 85229, 92203, 99733, 107897,
  116731, 126271, 136607, 147793, 159871, 172933, 187091, 202409, 218971, 236897, 256279, 277261, 299951, 324503, 351061, 379787, 410857,
  444487, 480881, 520241, 562841, 608903, 658753, 712697, 771049, 834181, 902483, 976369, 1056323, 1142821, 1236397, 1337629, 1447153,
  1565659, 1693859, 1832561, 1982627, 2144977, 2320627, 2510653, 2716249, 2938679, 3179303, 3439651, 3721303, 4026031, 4355707, 4712381,
  5098259, 5515729, 5967347, 6456007, 6984629, 7556579, 8175383, 8844859, 9569143, 10352717, 11200489, 12117689, 13109983, 14183539,
  15345007, 16601593, 17961079, 19431899, 21023161, 22744717, 24607243, 26622317, 28802401, 31160981, 33712729, 36473443, 39460231,
  42691603, 46187573, 49969847, 54061849, 58488943, 63278561, 68460391, 74066549, 80131819, 86693767, 93793069, 101473717, 109783337,
  118773397, 128499677, 139022417, 150406843, 162723577, 176048909, 190465427, 206062531, 222936881, 241193053, 260944219, 282312799,
  305431229, 330442829, 357502601, 386778277, 418451333, 452718089, 489790921, 529899637, 573292817, 620239453, 671030513, 725980837,
  785430967, 849749479, 919334987, 994618837, 1076067617, 1164186217, 1259520799, 1362662261, 1474249943, 1594975441, 1725587117,
  1866894511, 2019773507, 2185171673, 2364114217, 2557710269, 2767159799, 2993761039, 3238918481, 3504151727, 3791104843, 4101556399,
  4294967291,
];
/** `_Prime_rehash_policy::_M_next_bkt`'s table for small requests. */
const FAST_BUCKETS = [2, 2, 2, 3, 5, 5, 7, 7, 11, 11, 11, 11, 13, 13];

/** `_M_next_bkt(n)`: the bucket count for a request of n (and the element count past which the map grows). */
function nextBuckets(n: number): { buckets: number; resize: number } {
  if (n < FAST_BUCKETS.length) return { buckets: FAST_BUCKETS[n]!, resize: FAST_BUCKETS[n]! };
  let lo = 6, hi = PRIMES.length - 1; // lower_bound over primes[6 …], the last one left out
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (PRIMES[mid]! < n) lo = mid + 1;
    else hi = mid;
  }
  return { buckets: PRIMES[lo]!, resize: lo === PRIMES.length - 1 ? Infinity : PRIMES[lo]! };
}

/** The keys (distinct, ≥ 0), inserted in this order, in the order the map iterates them. */
export function unorderedMapOrder(keys: ArrayLike<number>): number[] {
  const n = keys.length;
  const next = new Int32Array(n).fill(-1);
  const BEFORE_BEGIN = -1, EMPTY = -2;
  let head = -1, bucketCount = 1, nextResize = 0;
  let buckets = new Int32Array(1).fill(EMPTY);
  const nextOf = (p: number): number => (p === BEFORE_BEGIN ? head : next[p]!);
  const setNext = (p: number, v: number): void => {
    if (p === BEFORE_BEGIN) head = v;
    else next[p] = v;
  };
  const rehash = (count: number): void => {
    const nb = new Int32Array(count).fill(EMPTY);
    let p = head, bbegin = 0;
    head = -1;
    while (p !== -1) {
      const after = next[p]!;
      const b = keys[p]! % count;
      if (nb[b] === EMPTY) {
        next[p] = head;
        head = p;
        nb[b] = BEFORE_BEGIN;
        if (next[p] !== -1) nb[bbegin] = p;
        bbegin = b;
      } else {
        const before = nb[b]!;
        next[p] = nextOf(before);
        setNext(before, p);
      }
      p = after;
    }
    buckets = nb;
    bucketCount = count;
  };
  for (let i = 0; i < n; i++) {
    // _M_need_rehash(bucketCount, i, 1)
    if (i + 1 > nextResize) {
      const minBuckets = Math.max(i + 1, nextResize ? 0 : 11);
      if (minBuckets >= bucketCount) {
        const { buckets: count, resize } = nextBuckets(Math.max(Math.floor(minBuckets) + 1, bucketCount * 2));
        nextResize = resize;
        rehash(count);
      } else {
        nextResize = bucketCount;
      }
    }
    const b = keys[i]! % bucketCount;
    if (buckets[b] !== EMPTY) {
      const before = buckets[b]!;
      next[i] = nextOf(before);
      setNext(before, i);
    } else {
      next[i] = head;
      head = i;
      if (next[i] !== -1) buckets[keys[next[i]!]! % bucketCount] = i;
      buckets[b] = BEFORE_BEGIN;
    }
  }
  const out: number[] = [];
  for (let p = head; p !== -1; p = next[p]!) out.push(keys[p]!);
  return out;
}
