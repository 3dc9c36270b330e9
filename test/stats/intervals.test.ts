import { describe, expect, it } from 'vitest';
import { binomialQuantileRanks, normalInterval, studentTQuantile95, wilsonInterval, Z95 } from '../../src/stats/intervals';
import { mulberry32 } from '../linalg/seeded-random';

/** Binomial(n, p) probabilities, by the ratio recurrence in log space (no underflow of (1−p)ⁿ). */
function binomialPmf(n: number, p: number): number[] {
  const logRatio = Math.log(p) - Math.log1p(-p);
  const logs = [n * Math.log1p(-p)];
  for (let k = 0; k < n; k++) logs.push(logs[k] + Math.log((n - k) / (k + 1)) + logRatio);
  return logs.map(Math.exp);
}

/** Exact coverage P(lo ≤ p ≤ hi) of Wilson's interval over Binomial(n, p) outcomes. */
function wilsonCoverage(n: number, p: number): number {
  return binomialPmf(n, p).reduce((sum, mass, k) => {
    const { lo, hi } = wilsonInterval(k, n);
    return lo <= p && p <= hi ? sum + mass : sum;
  }, 0);
}

describe('Z95', () => {
  it('is the 0.975 normal quantile: ∫₀^{Z95} φ = 0.475 (composite Simpson)', () => {
    const steps = 2000;
    const h = Z95 / steps;
    const phi = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
    let sum = phi(0) + phi(Z95);
    for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * phi(i * h);
    expect(Math.abs((sum * h) / 3 - 0.475)).toBeLessThan(1e-13);
  });
});

describe('wilsonInterval', () => {
  it('reproduces the score intervals of Newcombe (1998, Stat. Med. 17:857, Table II) to 4 decimals', () => {
    const published = [
      { successes: 81, n: 263, lo: 0.2553, hi: 0.3662 },
      { successes: 15, n: 148, lo: 0.0624, hi: 0.1605 },
      { successes: 0, n: 20, lo: 0, hi: 0.1611 },
      { successes: 1, n: 29, lo: 0.0061, hi: 0.1718 },
    ];
    for (const { successes, n, lo, hi } of published) {
      const interval = wilsonInterval(successes, n);
      expect(interval.value).toBe(successes / n);
      expect(Math.abs(interval.lo - lo)).toBeLessThanOrEqual(5e-5);
      expect(Math.abs(interval.hi - hi)).toBeLessThanOrEqual(5e-5);
    }
  });

  it('0/10, 5/10 and 10/10 give [0, 0.2775], [0.2366, 0.7634] and [0.7225, 1], exactly 0 and 1 at the ends', () => {
    expect(wilsonInterval(0, 10).lo).toBe(0);
    expect(Math.abs(wilsonInterval(0, 10).hi - 0.2775328)).toBeLessThan(1e-7);
    expect(Math.abs(wilsonInterval(5, 10).lo - 0.2365931)).toBeLessThan(1e-7);
    expect(Math.abs(wilsonInterval(5, 10).hi - 0.7634069)).toBeLessThan(1e-7);
    expect(Math.abs(wilsonInterval(10, 10).lo - 0.7224672)).toBeLessThan(1e-7);
    expect(wilsonInterval(10, 10).hi).toBe(1);
  });

  it('its bounds are the roots of the score equation (p̂ − p)² = z²p(1 − p)/n', () => {
    for (const [successes, n, z] of [[3, 17, Z95], [81, 263, Z95], [40, 41, 2.5758293035489], [1, 1000, 1]]) {
      const { value, lo, hi } = wilsonInterval(successes, n, z);
      for (const p of [lo, hi]) {
        expect(Math.abs((value - p) ** 2 - (z * z * p * (1 - p)) / n)).toBeLessThan(1e-15);
      }
      expect(lo).toBeLessThan(value);
      expect(hi).toBeGreaterThan(value);
    }
  });

  it('n = 0 gives a NaN value and the uninformative [0, 1]; impossible counts throw', () => {
    const empty = wilsonInterval(0, 0);
    expect(empty.value).toBeNaN();
    expect([empty.lo, empty.hi]).toEqual([0, 1]);
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
  });

  it('covers p = 0.1 in ≈95% of 20,000 simulated n = 50 experiments, matching its exact coverage', () => {
    const n = 50;
    const p = 0.1;
    const experiments = 20_000;
    const rand = mulberry32(20240611);
    let covered = 0;
    for (let e = 0; e < experiments; e++) {
      let successes = 0;
      for (let i = 0; i < n; i++) if (rand() < p) successes++;
      const { lo, hi } = wilsonInterval(successes, n);
      if (lo <= p && p <= hi) covered++;
    }
    const simulated = covered / experiments;
    const exact = wilsonCoverage(n, p); // 0.9703: Wilson coverage oscillates around nominal in n and p
    expect(simulated).toBeGreaterThanOrEqual(0.93);
    expect(simulated).toBeLessThanOrEqual(0.975);
    expect(Math.abs(simulated - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / experiments));
  });

  it('has exact coverage within [0.93, 0.98] over a grid of moderate n and p', () => {
    for (const n of [30, 100, 400]) {
      for (const p of [0.05, 0.2, 0.5, 0.8]) {
        const coverage = wilsonCoverage(n, p);
        expect(coverage).toBeGreaterThan(0.93);
        expect(coverage).toBeLessThan(0.98);
      }
    }
  });
});

describe('normalInterval', () => {
  it('is value ± z·SE, propagates a NaN SE and rejects a negative one', () => {
    expect(normalInterval(2, 0.5)).toEqual({ value: 2, lo: 2 - Z95 * 0.5, hi: 2 + Z95 * 0.5 });
    expect(normalInterval(2, 0.5, 1)).toEqual({ value: 2, lo: 1.5, hi: 2.5 });
    expect(normalInterval(1, NaN).lo).toBeNaN();
    expect(() => normalInterval(1, -0.1)).toThrow(RangeError);
  });
});

describe('binomialQuantileRanks', () => {
  it('brackets np with ⌊np − z√(np(1−p))⌋ and ⌈np + z√(np(1−p))⌉', () => {
    expect(binomialQuantileRanks(0.5, 100)).toEqual({ lo: 40, hi: 60 });
    expect(binomialQuantileRanks(0.5, 200)).toEqual({ lo: 86, hi: 114 });
    expect(binomialQuantileRanks(0.9, 1000)).toEqual({ lo: 881, hi: 919 });
  });

  it('clamps to [0, n − 1] in the tails and rejects bad p or n', () => {
    expect(binomialQuantileRanks(0, 50)).toEqual({ lo: 0, hi: 0 });
    expect(binomialQuantileRanks(1, 50)).toEqual({ lo: 49, hi: 49 });
    expect(binomialQuantileRanks(0.01, 20)).toEqual({ lo: 0, hi: 2 }); // 0.2 ± 0.87
    expect(binomialQuantileRanks(0.99, 20)).toEqual({ lo: 18, hi: 19 }); // 19.8 ± 0.87, ⌈20.67⌉ clamped
    expect(() => binomialQuantileRanks(1.1, 10)).toThrow(RangeError);
    expect(() => binomialQuantileRanks(0.5, 0)).toThrow(RangeError);
    expect(() => binomialQuantileRanks(0.5, 2.5)).toThrow(RangeError);
  });

  it('has exact coverage P(lo < B ≤ hi) ≈ 0.95 for B ~ Binomial(n, p) once np(1−p) ≳ 10', () => {
    for (const [p, n] of [[0.5, 200], [0.9, 1000], [0.1, 100], [0.25, 5000]]) {
      const { lo, hi } = binomialQuantileRanks(p, n);
      const coverage = binomialPmf(n, p).reduce((sum, mass, k) => (k > lo && k <= hi ? sum + mass : sum), 0);
      expect(coverage).toBeGreaterThan(0.945);
      expect(coverage).toBeLessThan(0.965);
    }
  });

  it('the order statistics of those ranks cover the true median of U(0, 1) in ≈95% of 4000 samples of 200', () => {
    const n = 200;
    const p = 0.5;
    const { lo, hi } = binomialQuantileRanks(p, n);
    const rand = mulberry32(7);
    const repetitions = 4000;
    let covered = 0;
    for (let r = 0; r < repetitions; r++) {
      const sample = Float64Array.from({ length: n }, rand).sort();
      if (sample[lo] <= p && p <= sample[hi]) covered++;
    }
    // Exact coverage is 0.9520 (previous test); 4·SE ≈ 0.014.
    expect(Math.abs(covered / repetitions - 0.952)).toBeLessThan(0.014);
  });
});

describe('studentTQuantile95', () => {
  it('matches textbook t_{0.975} values and tends to Z95', () => {
    expect(studentTQuantile95(1)).toBeCloseTo(12.7062, 4);
    expect(studentTQuantile95(10)).toBeCloseTo(2.2281, 4);
    expect(studentTQuantile95(30)).toBeCloseTo(2.0423, 4);
    // scipy.stats.t.ppf(0.975, ν) for ν beyond the table.
    const beyondTable = [
      [31, 2.039513446396408],
      [40, 2.021075390306273],
      [100, 1.9839715185235518],
      [1000, 1.9623390808264083],
    ];
    for (const [dof, reference] of beyondTable) {
      expect(Math.abs(studentTQuantile95(dof) - reference)).toBeLessThan(5e-8);
    }
    expect(Math.abs(studentTQuantile95(1e9) - Z95)).toBeLessThan(1e-8);
    expect(() => studentTQuantile95(0)).toThrow(RangeError);
  });

  it('decreases with the degrees of freedom across the table boundary', () => {
    for (let dof = 1; dof < 60; dof++) expect(studentTQuantile95(dof + 1)).toBeLessThan(studentTQuantile95(dof));
  });
});
