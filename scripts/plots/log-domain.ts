// The domain of a log-scale axis: whole decades around the positive values, so
// that every axis starts and ends on a power of ten as the tables' numbers do.

/** [10^⌊log₁₀ min⌋, 10^⌈log₁₀ max⌉] over the finite positive values; throws when there are none. */
export function decadeDomain(values: readonly number[], what: string): [number, number] {
  const positive = values.filter((v) => Number.isFinite(v) && v > 0);
  if (positive.length === 0) throw new RangeError(`${what}: no finite positive value to put on a log axis`);
  const lo = Math.floor(Math.log10(Math.min(...positive)));
  const hi = Math.ceil(Math.log10(Math.max(...positive)));
  return [10 ** lo, 10 ** (hi > lo ? hi : lo + 1)];
}

/** v moved into [lo, hi]: error bars that reach 0 or past the axis end at the axis. */
export function clampTo([lo, hi]: readonly [number, number], v: number): number {
  return Number.isNaN(v) ? lo : Math.min(hi, Math.max(lo, v));
}

/** The powers of ten in a decade domain: the ticks and grid lines of a log axis. */
export function decades([lo, hi]: readonly [number, number]): number[] {
  const out: number[] = [];
  for (let e = Math.round(Math.log10(lo)); e <= Math.round(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

/** Vega axis labels for decade ticks as the tables write them: 1e-3, 1e0, 1e2. */
export const DECADE_LABELS = "'1e' + round(log(datum.value) / LN10)";

/** Ticks at 1, 2 and 5 × 10^k inside [lo, hi]: a log axis over less than a few decades. */
export function ticks125([lo, hi]: readonly [number, number]): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= lo && v <= hi) out.push(v);
    }
  }
  return out;
}
