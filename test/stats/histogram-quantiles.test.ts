import { describe, expect, it } from 'vitest';
import { histogramQuantile, histogramQuantileInterval } from '../../src/stats/histogram-quantiles';
import type { Histogram } from '../../src/stats/histogram-quantiles';
import { binomialQuantileRanks } from '../../src/stats/intervals';
import { mulberry32 } from '../linalg/seeded-random';

/** Bins samples on [lo, hi) the way a GPU histogram kernel would. */
function histogramOf(samples: ArrayLike<number>, lo: number, hi: number, bins: number): Histogram {
  const h: Histogram = { lo, hi, counts: new Array<number>(bins).fill(0), underflow: 0, overflow: 0 };
  const width = (hi - lo) / bins;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i];
    if (x < lo) h.underflow++;
    else if (x >= hi) h.overflow++;
    else h.counts[Math.min(bins - 1, Math.floor((x - lo) / width))]++;
  }
  return h;
}

/** N(0, 1) samples by Box–Muller from a fixed seed. */
function normalSamples(n: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
}

/** Φ⁻¹(p) for the probabilities used below (scipy.stats.norm.ppf). */
const NORMAL_QUANTILES = [
  { p: 0.01, q: -2.3263478740408408 },
  { p: 0.1, q: -1.2815515655446004 },
  { p: 0.5, q: 0 },
  { p: 0.8413447460685429, q: 1 },
  { p: 0.9, q: 1.2815515655446004 },
  { p: 0.99, q: 2.3263478740408408 },
];

describe('histogramQuantile', () => {
  it('is exact for evenly spread data: 1000 midpoints of [0, 1) in 10 bins give Q(p) = p', () => {
    const samples = Float64Array.from({ length: 1000 }, (_, i) => (i + 0.5) / 1000);
    const h = histogramOf(samples, 0, 1, 10);
    expect(h.counts).toEqual(new Array(10).fill(100));
    for (const p of [0, 0.001, 0.05, 0.37, 0.5, 0.9, 0.999, 1]) {
      expect(Math.abs(histogramQuantile(h, p) - p)).toBeLessThan(1e-15);
    }
  });

  it('is within one bin width of the true normal quantiles and of the sample quantiles (2·10⁵ samples, w = 0.05)', () => {
    const n = 200_000;
    const samples = normalSamples(n, 12345);
    const h = histogramOf(samples, -5, 5, 200);
    const width = 0.05;
    const sorted = Float64Array.from(samples).sort();
    for (const { p, q } of NORMAL_QUANTILES) {
      const estimate = histogramQuantile(h, p);
      expect(Math.abs(estimate - q)).toBeLessThan(width);
      expect(Math.abs(estimate - sorted[Math.ceil(n * p) - 1])).toBeLessThan(width);
    }
  });

  it('with every sample in one bin interpolates across that bin, edges included', () => {
    const h: Histogram = { lo: 0, hi: 4, counts: [0, 0, 8, 0], underflow: 0, overflow: 0 };
    expect(histogramQuantile(h, 0)).toBe(2);
    expect(histogramQuantile(h, 0.25)).toBe(2.25);
    expect(histogramQuantile(h, 0.5)).toBe(2.5);
    expect(histogramQuantile(h, 1)).toBe(3);
  });

  it('reports quantiles among the under/overflow as ∓Infinity, and resolves those in range', () => {
    // 30 below, 50 in [0, 1), 20 at or above 1: cumulative 30, 80, 100.
    const h: Histogram = { lo: 0, hi: 1, counts: [25, 25], underflow: 30, overflow: 20 };
    expect(histogramQuantile(h, 0)).toBe(-Infinity);
    expect(histogramQuantile(h, 0.29)).toBe(-Infinity);
    expect(histogramQuantile(h, 0.3)).toBe(0);
    expect(histogramQuantile(h, 0.55)).toBeCloseTo(0.5, 14);
    expect(histogramQuantile(h, 0.8)).toBe(1);
    expect(histogramQuantile(h, 0.81)).toBe(Infinity);
    expect(histogramQuantile(h, 1)).toBe(Infinity);
  });

  it('maps a count on the boundary before empty bins to the lower edge of the gap', () => {
    const h: Histogram = { lo: 0, hi: 5, counts: [2, 0, 0, 0, 2], underflow: 0, overflow: 0 };
    expect(histogramQuantile(h, 0.5)).toBe(1);
    expect(histogramQuantile(h, 0.75)).toBe(4.5);
  });

  it('is NaN for an empty histogram and rejects malformed ones', () => {
    const empty: Histogram = { lo: 0, hi: 1, counts: [0, 0], underflow: 0, overflow: 0 };
    expect(histogramQuantile(empty, 0.5)).toBeNaN();
    expect(() => histogramQuantile({ ...empty, hi: 0 }, 0.5)).toThrow(/lo < hi/);
    expect(() => histogramQuantile({ ...empty, counts: [] }, 0.5)).toThrow(/no bins/);
    expect(() => histogramQuantile({ ...empty, counts: [1, -1] }, 0.5)).toThrow(/counts\[1\] = -1/);
    expect(() => histogramQuantile(empty, 1.5)).toThrow(/p must lie/);
  });
});

/** Seeds in the coverage check: 5 standard errors of the coverage at 95% stay under 1.7%. */
const COVERAGE_SEEDS = 4000;

/** Where an interval end would sit if interpolated inside its bin (samples taken as evenly spread): for comparison. */
function interpolatedAt(h: Histogram, count: number): number {
  const width = (h.hi - h.lo) / h.counts.length;
  let before = h.underflow;
  for (let i = 0; i < h.counts.length; i++) {
    if (h.counts[i] > 0 && count <= before + h.counts[i]) return h.lo + (i + (count - before) / h.counts[i]) * width;
    before += h.counts[i];
  }
  return Infinity;
}

describe('histogramQuantileInterval', () => {
  it('has ends within one bin width of the sample order statistics of ranks binomialQuantileRanks, covering the truth', () => {
    const n = 200_000;
    const samples = normalSamples(n, 777);
    const h = histogramOf(samples, -5, 5, 200);
    const width = 0.05;
    const sorted = Float64Array.from(samples).sort();
    for (const { p, q } of NORMAL_QUANTILES) {
      const interval = histogramQuantileInterval(h, p);
      const ranks = binomialQuantileRanks(p, n);
      expect(interval.value).toBe(histogramQuantile(h, p));
      expect(Math.abs(interval.lo - sorted[ranks.lo])).toBeLessThan(width);
      expect(Math.abs(interval.hi - sorted[ranks.hi])).toBeLessThan(width);
      expect(interval.lo).toBeLessThan(interval.value);
      expect(interval.hi).toBeGreaterThan(interval.value);
      expect(interval.lo).toBeLessThanOrEqual(q);
      expect(interval.hi).toBeGreaterThanOrEqual(q);
    }
  });

  it('runs from the lower edge of the bin holding X₍lo₎ to the upper edge of the bin holding X₍hi₎', () => {
    const samples = Float64Array.from({ length: 1000 }, (_, i) => (i + 0.5) / 1000);
    const h = histogramOf(samples, 0, 1, 10);
    const { lo, hi } = binomialQuantileRanks(0.3, 1000);
    // Ranks 271 and 329 (0-based): samples 0.2715 and 0.3295, in bins [0.2, 0.3) and [0.3, 0.4).
    expect([lo, hi]).toEqual([271, 329]);
    const interval = histogramQuantileInterval(h, 0.3);
    expect(interval.lo).toBeCloseTo(0.2, 15);
    expect(interval.hi).toBeCloseTo(0.4, 15);
    expect(interval.value).toBeCloseTo(0.3, 15);
  });

  // Exit times as the GPU records them sit on the step grid, a few grid points per
  // bin: interpolating an end inside its bin as if samples were evenly spread
  // misplaces it most there.
  const DT = 0.07;
  const LAWS = [
    { law: 'exponential', draw: (u: number) => -Math.log(1 - u), quantile: (p: number) => -Math.log(1 - p) },
    { law: `exponential on a grid of step ${DT}`, draw: (u: number) => DT * Math.ceil(-Math.log(1 - u) / DT), quantile: (p: number) => DT * Math.ceil(-Math.log(1 - p) / DT) },
  ];
  it.each(LAWS)(
    `covers the exact median and 0.9-quantile of an $law law in ≥ 95% − 5 SE of ${COVERAGE_SEEDS} seeds (5000 samples, bins of width 0.2)`,
    ({ draw, quantile }) => {
      const n = 5000;
      const cases = [0.5, 0.9].map((p) => ({ p, q: quantile(p) }));
      const covered = cases.map(() => 0);
      const coveredInterpolated = cases.map(() => 0);
      for (let seed = 1; seed <= COVERAGE_SEEDS; seed++) {
        const rand = mulberry32(seed);
        const samples = Float64Array.from({ length: n }, () => draw(rand()));
        const h = histogramOf(samples, 0, 8, 40);
        cases.forEach(({ p, q }, k) => {
          const interval = histogramQuantileInterval(h, p);
          if (interval.lo <= q && q <= interval.hi) covered[k]++;
          const ranks = binomialQuantileRanks(p, n);
          if (interpolatedAt(h, ranks.lo) <= q && q <= interpolatedAt(h, ranks.hi + 1)) coveredInterpolated[k]++;
        });
      }
      const nominal = 0.95;
      const floor = nominal - 5 * Math.sqrt((nominal * (1 - nominal)) / COVERAGE_SEEDS);
      expect(floor).toBeGreaterThan(0.93);
      cases.forEach(({ p }, k) => {
        const coverage = covered[k] / COVERAGE_SEEDS;
        const percent = (c: number) => `${((100 * c) / COVERAGE_SEEDS).toFixed(1)}%`;
        console.info(`quantile ${p}: covered ${covered[k]} of ${COVERAGE_SEEDS} (${percent(covered[k])}); with ends interpolated inside their bins ${coveredInterpolated[k]} (${percent(coveredInterpolated[k])})`);
        expect(coverage, `quantile ${p}`).toBeGreaterThanOrEqual(floor);
      });
    },
  );

  it('opens to ∓Infinity when an order statistic falls in the under/overflow, and is uninformative when empty', () => {
    const h: Histogram = { lo: 0, hi: 1, counts: [45, 45], underflow: 5, overflow: 5 };
    const lowTail = histogramQuantileInterval(h, 0.05);
    expect(lowTail.lo).toBe(-Infinity);
    expect(lowTail.hi).toBeGreaterThan(0);
    const highTail = histogramQuantileInterval(h, 0.95);
    expect(highTail.hi).toBe(Infinity);
    expect(histogramQuantileInterval({ ...h, counts: [0, 0], underflow: 0, overflow: 0 }, 0.5)).toEqual({
      value: NaN,
      lo: -Infinity,
      hi: Infinity,
    });
  });
});
