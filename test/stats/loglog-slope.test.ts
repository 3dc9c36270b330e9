import { describe, expect, it } from 'vitest';
import { Z95 } from '../../src/stats/intervals';
import { logLogSlope } from '../../src/stats/loglog-slope';
import type { LogLogPoint } from '../../src/stats/loglog-slope';
import { mulberry32 } from '../linalg/seeded-random';

/** A standard normal generator (Box–Muller) from a fixed seed. */
function normalGenerator(seed: number): () => number {
  const rand = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** y = c·x^slope·e^{noise·ε} on the given x, with SE = noise·y when `withErrors`. */
function powerLawData(xs: number[], c: number, slope: number, noise: number, normal: () => number, withErrors: boolean): LogLogPoint[] {
  return xs.map((x) => {
    const y = c * x ** slope * Math.exp(noise * normal());
    return withErrors ? { x, y, standardError: noise * y } : { x, y };
  });
}

/** Step sizes halving from 0.1, as in a weak-order study. */
const STEPS = [0.1, 0.05, 0.025, 0.0125, 0.00625, 0.003125, 0.0015625, 0.00078125];

describe('logLogSlope', () => {
  it('recovers an exact power law to 1e−12, with and without standard errors', () => {
    const xs = [1, 2, 4, 8, 16, 32];
    const exact = xs.map((x) => ({ x, y: 3 * x ** -1.5 }));
    for (const points of [exact, exact.map((p) => ({ ...p, standardError: 0.01 * p.y }))]) {
      const fit = logLogSlope(points);
      expect(Math.abs(fit.slope + 1.5)).toBeLessThan(1e-12);
      expect(Math.abs(fit.intercept - Math.log(3))).toBeLessThan(1e-12);
      expect(fit.points).toBe(6);
      expect(fit.residualStandardError).toBeLessThan(1e-12);
    }
  });

  it('with standard errors and a perfect fit uses SE = 1/sqrt(Σw(log x − x̄)²), interval ± Z95·SE', () => {
    const xs = [1, 2, 4, 8];
    const relativeError = 0.02; // weights 1/0.02² = 2500
    const fit = logLogSlope(xs.map((x) => ({ x, y: x, standardError: relativeError * x })));
    const logs = xs.map(Math.log);
    const mean = logs.reduce((a, b) => a + b) / logs.length;
    const sxx = logs.reduce((sum, l) => sum + (l - mean) ** 2, 0) / relativeError ** 2;
    expect(Math.abs(fit.standardError - 1 / Math.sqrt(sxx))).toBeLessThan(1e-15);
    expect(Math.abs(fit.hi - fit.slope - Z95 * fit.standardError)).toBeLessThan(1e-15);
  });

  it('noisy seeded data (8 points, 5% noise) has a slope interval that covers the truth, weighted or not', () => {
    for (const withErrors of [false, true]) {
      const fit = logLogSlope(powerLawData(STEPS, 0.8, 1, 0.05, normalGenerator(99), withErrors));
      expect(fit.lo).toBeLessThan(1);
      expect(fit.hi).toBeGreaterThan(1);
      expect(fit.standardError).toBeGreaterThan(0);
      expect(fit.standardError).toBeLessThan(0.05);
    }
  });

  it('unweighted intervals (Student t, 6 dof) cover the true slope in ≈95% of 4000 seeded fits; Z95 would under-cover', () => {
    const normal = normalGenerator(2024);
    const fits = Array.from({ length: 4000 }, () => logLogSlope(powerLawData(STEPS, 0.8, 1, 0.1, normal, false)));
    const tCoverage = fits.filter((f) => f.lo <= 1 && 1 <= f.hi).length / fits.length;
    const zCoverage = fits.filter((f) => Math.abs(f.slope - 1) <= Z95 * f.standardError).length / fits.length;
    expect(tCoverage).toBeGreaterThan(0.935);
    expect(tCoverage).toBeLessThan(0.965);
    expect(zCoverage).toBeLessThan(0.925); // exact: P(|t₆| ≤ 1.96) = 0.902
  });

  it('weighted intervals with correct standard errors cover in ≥ 95% of 4000 fits (χ² inflation only widens)', () => {
    const normal = normalGenerator(31337);
    const fits = Array.from({ length: 4000 }, () => logLogSlope(powerLawData(STEPS, 0.8, 1, 0.1, normal, true)));
    const coverage = fits.filter((f) => f.lo <= 1 && 1 <= f.hi).length / fits.length;
    expect(coverage).toBeGreaterThan(0.94);
    expect(coverage).toBeLessThan(0.995);
  });

  it('a fit that misses its error bars widens by sqrt(χ²/(n − 2)) = residualStandardError', () => {
    // Curved data (a pre-asymptotic term) with 0.1% error bars: χ²/(n − 2) ≫ 1.
    const points = STEPS.map((x) => {
      const y = x + 5 * x * x;
      return { x, y, standardError: 1e-3 * y };
    });
    const fit = logLogSlope(points);
    expect(fit.residualStandardError).toBeGreaterThan(10);
    // Same x and weights (y/SE = 1000), but on the line: its SE is the unscaled 1/sqrt(Σw(log x − x̄)²).
    const perfect = logLogSlope(points.map((p) => ({ x: p.x, y: p.x, standardError: 1e-3 * p.x })));
    expect(perfect.residualStandardError).toBeLessThan(1e-9);
    const expected = perfect.standardError * fit.residualStandardError;
    expect(Math.abs(fit.standardError - expected)).toBeLessThan(1e-12 * expected);
  });

  it('with two points: weighted gives a finite interval, unweighted a NaN one', () => {
    const weighted = logLogSlope([
      { x: 1, y: 1, standardError: 0.1 },
      { x: 2, y: 4, standardError: 0.4 },
    ]);
    expect(weighted.slope).toBeCloseTo(2, 14);
    expect(Number.isFinite(weighted.lo) && Number.isFinite(weighted.hi)).toBe(true);
    expect(weighted.residualStandardError).toBeNaN();
    const unweighted = logLogSlope([
      { x: 1, y: 1 },
      { x: 2, y: 4 },
    ]);
    expect(unweighted.slope).toBeCloseTo(2, 14);
    expect(unweighted.standardError).toBeNaN();
    expect(unweighted.lo).toBeNaN();
  });

  it('falls back to the unweighted fit unless every point has a standard error', () => {
    const points = powerLawData(STEPS, 1, 2, 0.1, normalGenerator(5), false);
    const partial = points.map((p, i) => (i === 0 ? { ...p, standardError: 0.1 * p.y } : p));
    expect(logLogSlope(partial)).toEqual(logLogSlope(points));
  });

  it('rejects too few points, non-positive or non-finite values and equal x, naming the offending index', () => {
    expect(() => logLogSlope([{ x: 1, y: 1 }])).toThrow(/at least 2 points, got 1/);
    expect(() => logLogSlope([{ x: 1, y: 1 }, { x: 0, y: 1 }])).toThrow(/points\[1\]\.x = 0/);
    expect(() => logLogSlope([{ x: 1, y: -2 }, { x: 2, y: 1 }])).toThrow(/points\[0\]\.y = -2/);
    expect(() => logLogSlope([{ x: 1, y: 1 }, { x: 2, y: NaN }])).toThrow(/points\[1\]\.y = NaN/);
    expect(() =>
      logLogSlope([
        { x: 1, y: 1, standardError: 0.1 },
        { x: 2, y: 1, standardError: 0 },
      ]),
    ).toThrow(/points\[1\]\.standardError = 0/);
    expect(() => logLogSlope([{ x: 3, y: 1 }, { x: 3, y: 2 }])).toThrow(/all x are equal/);
    expect(() => logLogSlope([{ x: 1, y: 1 }, { x: 0, y: 1 }])).toThrow(RangeError);
  });
});
