import { describe, expect, it } from 'vitest';
import { proportionalFit } from '../../src/stats/proportional-fit';
import { mulberry32 } from '../linalg/seeded-random';

describe('proportionalFit', () => {
  it('recovers an exact y = c·x to 1e−12, with standard error 1/√(Σ x²/SE²)', () => {
    const points = [-2, -0.5, 1, 3].map((x, i) => ({ x, y: 0.7 * x, standardError: 0.1 * (i + 1) }));
    const fit = proportionalFit(points);
    expect(Math.abs(fit.value - 0.7)).toBeLessThan(1e-12);
    const sxx = points.reduce((acc, p) => acc + (p.x / p.standardError) ** 2, 0);
    expect(fit.standardError).toBeCloseTo(1 / Math.sqrt(sxx), 14);
    expect(fit.points).toBe(4);
  });

  it('weights each point by 1/SE²: a precise point pulls c towards its own ratio', () => {
    const fit = proportionalFit([
      { x: 1, y: 1, standardError: 0.001 },
      { x: 1, y: 3, standardError: 1 },
    ]);
    // c = (1/1e-6 + 3)/(1/1e-6 + 1) = 1 + 2e-6 (to first order).
    expect(fit.value).toBeCloseTo(1 + 2 / (1e6 + 1), 12);
  });

  it('its standard error matches the scatter of c over noisy replicates (400 fits, within 10%)', () => {
    const rand = mulberry32(17);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const xs = [0.3, -0.8, 1.2, 2, -1.5];
    const se = xs.map((_, i) => 0.05 * (1 + i));
    const fits = Array.from({ length: 400 }, () => proportionalFit(xs.map((x, i) => ({ x, y: 2 * x + se[i] * normal(), standardError: se[i] }))));
    const mean = fits.reduce((a, f) => a + f.value, 0) / fits.length;
    const sd = Math.sqrt(fits.reduce((a, f) => a + (f.value - mean) ** 2, 0) / (fits.length - 1));
    // The sample SD of 400 normal draws is within ±10% of σ with probability > 0.99 (relative SE ≈ 1/√800 = 3.5%).
    expect(Math.abs(sd / fits[0].standardError - 1)).toBeLessThan(0.1);
    // The mean of 400 fits is within 5 SE/√400 of c.
    expect(Math.abs(mean - 2)).toBeLessThan((5 * fits[0].standardError) / 20);
  });

  it('refuses no points, non-finite data, a standard error that is not > 0, and all x = 0, naming what is wrong', () => {
    expect(() => proportionalFit([])).toThrow(/need at least 1 point/);
    expect(() => proportionalFit([{ x: 1, y: NaN, standardError: 1 }])).toThrow(/points\[0\].*must be finite/);
    expect(() => proportionalFit([{ x: 1, y: 1, standardError: 1 }, { x: 1, y: 1, standardError: 0 }])).toThrow(/points\[1\]\.standardError = 0/);
    expect(() => proportionalFit([{ x: 0, y: 1, standardError: 1 }])).toThrow(/all x are 0/);
  });
});
