/** Index of the first element where two arrays differ (bitwise for floats, NaN equal to NaN), or −1; a length mismatch returns the shorter length. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return i;
  return a.length === b.length ? -1 : n;
}
