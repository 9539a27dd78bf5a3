/**
 * libstdc++'s `std::sort` (introsort: median-of-three quicksort down to runs of 16, heapsort past
 * 2 log₂ n levels, then insertion sort), step for step: elements that compare equal end where
 * fastText's sort leaves them, so that rows of equal norm are cut off as fastText cuts them.
 */
const THRESHOLD = 16;

/** Sorts `a` in place by `less` as libstdc++'s `std::sort(a.begin(), a.end(), less)` does. */
export function stdSort(a: Int32Array, less: (x: number, y: number) => boolean): void {
  const n = a.length;
  if (n === 0) return;
  const swap = (i: number, j: number): void => {
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  };

  const pushHeap = (first: number, hole: number, top: number, value: number): void => {
    let parent = Math.trunc((hole - 1) / 2);
    while (hole > top && less(a[first + parent]!, value)) {
      a[first + hole] = a[first + parent]!;
      hole = parent;
      parent = Math.trunc((hole - 1) / 2);
    }
    a[first + hole] = value;
  };
  const adjustHeap = (first: number, hole: number, len: number, value: number): void => {
    const top = hole;
    let child = hole;
    while (child < Math.trunc((len - 1) / 2)) {
      child = 2 * (child + 1);
      if (less(a[first + child]!, a[first + child - 1]!)) child--;
      a[first + hole] = a[first + child]!;
      hole = child;
    }
    if ((len & 1) === 0 && child === Math.trunc((len - 2) / 2)) {
      child = 2 * (child + 1);
      a[first + hole] = a[first + child - 1]!;
      hole = child - 1;
    }
    pushHeap(first, hole, top, value);
  };
  const heapSort = (first: number, last: number): void => {
    const len = last - first;
    if (len >= 2) {
      for (let parent = Math.trunc((len - 2) / 2); ; parent--) {
        adjustHeap(first, parent, len, a[first + parent]!);
        if (parent === 0) break;
      }
    }
    while (last - first > 1) {
      last--;
      const value = a[last]!;
      a[last] = a[first]!;
      adjustHeap(first, 0, last - first, value);
    }
  };
  const medianToFirst = (result: number, x: number, y: number, z: number): void => {
    if (less(a[x]!, a[y]!)) {
      if (less(a[y]!, a[z]!)) swap(result, y);
      else if (less(a[x]!, a[z]!)) swap(result, z);
      else swap(result, x);
    } else if (less(a[x]!, a[z]!)) swap(result, x);
    else if (less(a[y]!, a[z]!)) swap(result, z);
    else swap(result, y);
  };
  const partition = (first: number, last: number, pivot: number): number => {
    for (;;) {
      while (less(a[first]!, a[pivot]!)) first++;
      last--;
      while (less(a[pivot]!, a[last]!)) last--;
      if (!(first < last)) return first;
      swap(first, last);
      first++;
    }
  };
  const introsort = (first: number, last: number, depth: number): void => {
    while (last - first > THRESHOLD) {
      if (depth === 0) {
        heapSort(first, last);
        return;
      }
      depth--;
      const mid = first + Math.trunc((last - first) / 2);
      medianToFirst(first, first + 1, mid, last - 1);
      const cut = partition(first + 1, last, first);
      introsort(cut, last, depth);
      last = cut;
    }
  };
  const linearInsert = (last: number): void => {
    const value = a[last]!;
    let next = last - 1;
    while (less(value, a[next]!)) {
      a[last] = a[next]!;
      last = next;
      next--;
    }
    a[last] = value;
  };
  const insertionSort = (first: number, last: number): void => {
    if (first === last) return;
    for (let i = first + 1; i !== last; i++) {
      if (less(a[i]!, a[first]!)) {
        const value = a[i]!;
        a.copyWithin(first + 1, first, i);
        a[first] = value;
      } else {
        linearInsert(i);
      }
    }
  };

  introsort(0, n, 2 * (31 - Math.clz32(n))); // 2 ⌊log₂ n⌋
  if (n > THRESHOLD) {
    insertionSort(0, THRESHOLD);
    for (let i = THRESHOLD; i < n; i++) linearInsert(i);
  } else {
    insertionSort(0, n);
  }
}
