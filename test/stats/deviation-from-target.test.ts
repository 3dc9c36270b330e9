import { describe, expect, it } from 'vitest';
import { biasNorm, meanSquaredDeviation } from '../../src/stats/deviation-from-target';
import { mulberry32 } from '../linalg/seeded-random';

describe('meanSquaredDeviation', () => {
  it('is ‖E X − u‖² + tr C, with the Gaussian standard error √((2 tr C² + 4 δᵀCδ)/n)', () => {
    const C = [
      [2, 0.5],
      [0.5, 1],
    ];
    const m = meanSquaredDeviation({ mean: [1, 3], covariance: C, count: 100 }, [0, 1]);
    // δ = (1, 2): ‖δ‖² = 5, tr C = 3; tr C² = 4 + 0.25 + 0.25 + 1 = 5.5, δᵀCδ = 2 + 2·0.5·2 + 4 = 8.
    expect(m.value).toBeCloseTo(8, 14);
    expect(m.standardError).toBeCloseTo(Math.sqrt((2 * 5.5 + 4 * 8) / 100), 14);
  });

  it('its standard error matches the sample standard deviation of ‖X − u‖² for Gaussian X (20,000 samples, within 5%)', () => {
    const rand = mulberry32(5);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    // X = (1 + 0.5 z₁, −0.3 + 0.2 z₁ + 0.4 z₂): covariance [[0.25, 0.1], [0.1, 0.2]].
    const n = 20_000;
    const squares = Array.from({ length: n }, () => {
      const z1 = normal();
      const z2 = normal();
      return (1 + 0.5 * z1) ** 2 + (-0.3 + 0.2 * z1 + 0.4 * z2) ** 2;
    });
    const mean = squares.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(squares.reduce((a, s) => a + (s - mean) ** 2, 0) / (n - 1));
    const m = meanSquaredDeviation({ mean: [1, -0.3], covariance: [[0.25, 0.1], [0.1, 0.2]], count: n }, [0, 0]);
    // The sample SD of a χ²-like variable from 20,000 draws: relative error ≈ 1–2%, so 5% is > 3 of its SEs.
    expect(Math.abs((m.standardError * Math.sqrt(n)) / sd - 1)).toBeLessThan(0.05);
    expect(Math.abs(mean - m.value)).toBeLessThan(5 * m.standardError);
  });

  it('names a target or covariance of the wrong size', () => {
    expect(() => meanSquaredDeviation({ mean: [1, 2], covariance: [[1, 0], [0, 1]], count: 4 }, [0])).toThrow(/mean has 2 coordinates but the target 1/);
    expect(() => meanSquaredDeviation({ mean: [1, 2], covariance: [[1]], count: 4 }, [0, 0])).toThrow(/covariance has 1 rows/);
  });
});

describe('biasNorm', () => {
  it('is ‖E X − u‖ with the delta-method standard error √(Σ(δᵢSEᵢ)²)/‖δ‖', () => {
    const b = biasNorm([3, 4], [0.1, 0.2], [0, 0]);
    expect(b.value).toBe(5);
    expect(b.standardError).toBeCloseTo(Math.hypot(0.3, 0.8) / 5, 14);
  });

  it('at E X = u gives 0 with the largest coordinate standard error, not NaN', () => {
    expect(biasNorm([1, 2], [0.1, 0.3], [1, 2])).toEqual({ value: 0, standardError: 0.3 });
  });
});
