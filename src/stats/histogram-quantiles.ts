/**
 * Quantiles of samples that were only kept as a fixed-range histogram (e.g.
 * per-trajectory escape times binned on the GPU, where storing every sample
 * would not fit). Within a bin the samples are taken as uniformly spread, so
 * the answers are exact for uniformly spread data and otherwise resolved to
 * one bin width; samples outside [lo, hi) are counted but not located, so a
 * quantile that falls among them is reported as ∓Infinity, not guessed.
 */

import { binomialQuantileRanks, Z95 } from './intervals';
import type { Interval } from './intervals';

/** Counts of samples in equal-width bins on [lo, hi), plus the counts below lo and at or above hi. */
export interface Histogram {
  lo: number;
  hi: number;
  /** counts[i] samples in [lo + i·w, lo + (i+1)·w) with w = (hi − lo)/counts.length. */
  counts: number[];
  underflow: number;
  overflow: number;
}

function checkHistogram(caller: string, h: Histogram): number {
  if (!Number.isFinite(h.lo) || !Number.isFinite(h.hi) || !(h.lo < h.hi)) {
    throw new RangeError(`${caller}: need finite lo < hi, got lo = ${h.lo}, hi = ${h.hi}`);
  }
  if (h.counts.length === 0) throw new RangeError(`${caller}: the histogram has no bins`);
  let total = 0;
  const tally = (name: string, count: number) => {
    if (!(count >= 0) || !Number.isFinite(count)) throw new RangeError(`${caller}: ${name} = ${count} must be finite and ≥ 0`);
    total += count;
  };
  tally('underflow', h.underflow);
  h.counts.forEach((count, i) => tally(`counts[${i}]`, count));
  tally('overflow', h.overflow);
  return total;
}

/**
 * The value at which the piecewise-linear cumulative count reaches `count`:
 * −Infinity while `count` is still inside the underflow, +Infinity once it
 * is past every in-range sample, otherwise linear inside the first non-empty
 * bin whose cumulative count reaches it (so a count that sits exactly on the
 * boundary before a run of empty bins maps to the lower edge of that gap).
 */
function valueAtCount(h: Histogram, count: number): number {
  if (count < h.underflow) return -Infinity;
  const width = (h.hi - h.lo) / h.counts.length;
  let before = h.underflow;
  for (let i = 0; i < h.counts.length; i++) {
    const inBin = h.counts[i];
    if (inBin > 0 && count <= before + inBin) return h.lo + (i + (count - before) / inBin) * width;
    before += inBin;
  }
  return Infinity;
}

/**
 * The p-quantile of the histogrammed samples: the value where the cumulative
 * count, underflow included, reaches p·total (linear within the bin). NaN for
 * an empty histogram; ∓Infinity when it falls in the under/overflow.
 */
export function histogramQuantile(h: Histogram, p: number): number {
  const total = checkHistogram('histogramQuantile', h);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`histogramQuantile: p must lie in [0, 1], got ${p}`);
  if (total === 0) return NaN;
  return valueAtCount(h, p * total);
}

/**
 * The p-quantile with a distribution-free ≈95% interval (for z = Z95): the
 * interval's ends stand for the order statistics of ranks
 * {@link binomialQuantileRanks}(p, total, z), located through the same
 * interpolation. Order statistic k occupies the cumulative-count slot
 * (k, k+1]; lo is taken at the lower end of its slot and hi at the upper end
 * of its slot, which widens the interval outward by at most one sample's
 * share of a bin. Each end lies in the bin that holds its order statistic,
 * but where in that bin the sample sat is lost: the resolution is one bin
 * width, and it dominates when bins are wider than the sampling interval.
 * Counts must be integers (they define the ranks). Empty histogram: value
 * NaN, bounds ∓Infinity.
 */
export function histogramQuantileInterval(h: Histogram, p: number, z: number = Z95): Interval {
  const total = checkHistogram('histogramQuantileInterval', h);
  if (total === 0) return { value: NaN, lo: -Infinity, hi: Infinity };
  const value = histogramQuantile(h, p);
  const ranks = binomialQuantileRanks(p, total, z);
  return { value, lo: valueAtCount(h, ranks.lo), hi: valueAtCount(h, ranks.hi + 1) };
}
