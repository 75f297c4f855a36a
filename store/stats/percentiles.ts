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

/**
 * Inclusive percentiles of `values` (which must hold no NaN) for the given fractions, in the
 * order given. Reorders `values` in place. Empty input gives nulls.
 */
export function percentilesInPlace(values: Float64Array, fractions: readonly number[]): (number | null)[] {
  const n = values.length;
  if (n === 0) return fractions.map(() => null);
  // Ranks needed, ascending, so each selection works on the part above the previous one: after
  // selecting rank k, everything at k+1.. is >= a[k] and the next rank is found in a[k+1..].
  const ranks = new Set<number>();
  for (const p of fractions) {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    ranks.add(lo);
    if (h > lo && lo + 1 < n) ranks.add(lo + 1);
  }
  let left = 0;
  for (const k of [...ranks].sort((x, y) => x - y)) {
    quickselect(values, k, left, n - 1);
    left = k;
  }
  return fractions.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const x = values[lo]!;
    return h > lo && lo + 1 < n ? x + (h - lo) * (values[lo + 1]! - x) : x;
  });
}

/** One inclusive percentile (p in [0, 1]), reordering `values` in place. */
export function percentileInPlace(values: Float64Array, p: number): number | null {
  return percentilesInPlace(values, [p])[0] ?? null;
}
