/**
 * Exact order statistics over a Float64Array, for the statistics engine.
 *
 * Percentiles are the inclusive definition (linear interpolation between closest ranks: Excel
 * PERCENTILE.INC, numpy's default "linear"): for sorted values x[0..n-1] and p in [0, 1],
 * h = (n - 1) p, and the percentile is x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)]).
 * So the median of [2, 10, 30] is 10 and the 90th percentile of [1, 2, 3, 4] is 3.7.
 *
 * Values are selected in place with Floyd–Rivest quickselect (expected linear time) instead of a
 * full sort: over a million pay points that is the difference between a few milliseconds and a
 * hundred.
 */

/** Rearranges `a[left..right]` so that `a[k]` is the value a sort would put there, smaller ones before it, larger after. */
export function quickselect(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      // Floyd–Rivest: recurse on a small sample around k to pick a pivot close to the answer.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      quickselect(a, k, newLeft, newRight);
    }
    const t = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** Below this many values a plain quickselect is as fast as anything. */
const HISTOGRAM_MIN = 2048;
/** Up to this many values the small-slice path (insertion sort or multiselect) is cheapest. */
const SORT_MAX = 256;
const MAX_BUCKETS = 4096;

/** Slices this short are finished by insertion sort (no call, no recursion). */
const INSERTION_MAX = 16;
/**
 * Slices up to this long are simply insertion-sorted: measured over 10,000s of small groups it is
 * about 1.5x faster than the typed array's native sort (a runtime call per group) or multiselect.
 */
const SMALL_SORT_MAX = 32;
const smallRanks: number[] = [];

/**
 * Inclusive percentiles of `values` (which must hold no NaN) for the given fractions, in the
 * order given. May reorder `values`. Empty input gives nulls.
 */
export function percentilesInPlace(values: Float64Array, fractions: readonly number[], range?: { min: number; max: number }): (number | null)[] {
  return percentilesInRange(values, 0, values.length, fractions, range);
}

/**
 * Inclusive percentiles of `values[start..end)` (no NaN), reordering only that range: the
 * statistics engine keeps every group's pay points as one slice of a shared array, so thousands
 * of small groups cost no arrays and no views.
 */
export function percentilesInRange(values: Float64Array, start: number, end: number, fractions: readonly number[], range?: { min: number; max: number }): (number | null)[] {
  const n = end - start;
  if (n <= 0) return fractions.map(() => null);
  if (n <= SORT_MAX) {
    // Small groups (most groups of a fine grouping). Above SMALL_SORT_MAX a multiselect
    // partitions only towards the wanted ranks (each percentile needs at most two neighbouring
    // order statistics): on par with the native sort near 100 values, ~1.4x faster near 250.
    if (n <= SMALL_SORT_MAX) insertionSort(values, start, end);
    else {
      // Reused between calls (this runs once per group, thousands of times a query).
      const ranks = smallRanks;
      ranks.length = 0;
      let ascending = true;
      for (let f = 0; f < fractions.length; f++) {
        const h = (n - 1) * fractions[f]!;
        const lo = Math.floor(h);
        if (ranks.length && start + lo < ranks[ranks.length - 1]!) ascending = false;
        ranks.push(start + lo);
        if (h > lo && lo + 1 < n) ranks.push(start + lo + 1);
      }
      if (!ascending) ranks.sort((a, b) => a - b);
      multiselect(values, start, end, ranks, 0, ranks.length);
    }
    const out = new Array<number>(fractions.length);
    for (let f = 0; f < fractions.length; f++) {
      const h = (n - 1) * fractions[f]!;
      const lo = Math.floor(h);
      const x = values[start + lo]!;
      out[f] = h > lo && lo + 1 < n ? x + (h - lo) * (values[start + lo + 1]! - x) : x;
    }
    return out;
  }
  const view = start === 0 && end === values.length ? values : values.subarray(start, end);
  const plan = fractions.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return { lo, hi: h > lo && lo + 1 < n ? lo + 1 : lo, frac: h - lo };
  });
  const ranks = [...new Set(plan.flatMap((x) => [x.lo, x.hi]))].sort((a, b) => a - b);
  const at = n >= HISTOGRAM_MIN ? ranksByHistogram(view, ranks, range) : ranksByQuickselect(view, ranks);
  return plan.map(({ lo, hi, frac }) => {
    const x = at.get(lo)!;
    return hi === lo ? x : x + frac * (at.get(hi)! - x);
  });
}

/**
 * Rearranges `a[lo..hi)` so that every position in `ranks[rFrom..rTo)` (ascending, absolute
 * indices inside the range) holds the value a sort would put there. Hoare partitions around a
 * median-of-three pivot, recursing only into the parts that hold wanted ranks; short parts are
 * insertion-sorted. Used for slices of at most SORT_MAX values, so its quadratic worst case is bounded.
 */
export function multiselect(a: Float64Array, lo: number, hi: number, ranks: readonly number[], rFrom: number, rTo: number): void {
  while (rFrom < rTo) {
    if (hi - lo <= INSERTION_MAX) {
      insertionSort(a, lo, hi);
      return;
    }
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi - 1]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo..j] <= pivot, a[i..hi) >= pivot and anything between equals the pivot.
    let split = rFrom;
    while (split < rTo && ranks[split]! <= j) split++;
    let right = split;
    while (right < rTo && ranks[right]! < i) right++;
    if (split > rFrom) multiselect(a, lo, j + 1, ranks, rFrom, split);
    lo = i;
    rFrom = right;
  }
}

/** Sorts `a[lo..hi)` ascending in place. */
function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

function ranksByQuickselect(values: Float64Array, ranks: readonly number[]): Map<number, number> {
  const n = values.length;
  const out = new Map<number, number>();
  // Ranks ascending, so each selection works on the part above the previous one: after
  // selecting rank k, everything at k+1.. is >= a[k] and the next rank is found in a[k+1..]
  // (never including k itself, or that selection could move a larger value into a[k]).
  let left = 0;
  for (const k of ranks) {
    quickselect(values, k, left, n - 1);
    out.set(k, values[k]!);
    left = k + 1;
  }
  return out;
}

/**
 * Exact order statistics in two linear passes for large inputs: a histogram of the values over
 * [min, max] says which bucket holds each wanted rank, then only those buckets' values are
 * copied out and quickselected. Still exact (the answer is a value of the input, selected by
 * comparison); just far less data movement than selecting over the whole array several times.
 */
function ranksByHistogram(values: Float64Array, ranks: readonly number[], range?: { min: number; max: number }): Map<number, number> {
  const n = values.length;
  const [min, max] = range ? [range.min, range.max] : minMax(values);
  const out = new Map<number, number>();
  if (min === max) {
    for (const k of ranks) out.set(k, min);
    return out;
  }
  // About eight values a bucket on average, at most MAX_BUCKETS buckets; the top value lands in
  // the extra last bucket. `| 0` truncates the non-negative bucket position (faster than floor).
  const buckets = Math.min(MAX_BUCKETS, n >> 3);
  const bucketCount = buckets + 1;
  const scale = buckets / (max - min);
  const counts = new Uint32Array(bucketCount);
  for (let i = 0; i < n; i++) counts[((values[i]! - min) * scale) | 0]!++;
  // For each rank: its bucket and its rank inside the bucket.
  const where: { k: number; bucket: number; inner: number }[] = [];
  let cum = 0;
  let b = 0;
  for (const k of ranks) {
    while (cum + counts[b]! <= k) cum += counts[b++]!;
    where.push({ k, bucket: b, inner: k - cum });
  }
  // Copy out the values of the buckets holding wanted ranks (a lookup table, not a Map, per value).
  const slotOf = new Int32Array(bucketCount).fill(-1);
  const slots: Float64Array[] = [];
  for (const w of where) {
    if (slotOf[w.bucket] === -1) {
      slotOf[w.bucket] = slots.length;
      slots.push(new Float64Array(counts[w.bucket]!));
    }
  }
  const fill = new Uint32Array(slots.length);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const s = slotOf[((v - min) * scale) | 0]!;
    if (s >= 0) slots[s]![fill[s]!++] = v;
  }
  const byBucket = new Map<number, { k: number; inner: number }[]>();
  for (const w of where) byBucket.set(w.bucket, [...(byBucket.get(w.bucket) ?? []), w]);
  for (const [bucket, ws] of byBucket) {
    const got = ranksByQuickselect(slots[slotOf[bucket]!]!, [...new Set(ws.map((w) => w.inner))].sort((x, y) => x - y));
    for (const w of ws) out.set(w.k, got.get(w.inner)!);
  }
  return out;
}

function minMax(values: Float64Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/** One inclusive percentile (p in [0, 1]), reordering `values` in place. */
export function percentileInPlace(values: Float64Array, p: number): number | null {
  return percentilesInPlace(values, [p])[0] ?? null;
}
