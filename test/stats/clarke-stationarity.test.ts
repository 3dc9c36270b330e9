import { describe, expect, it } from 'vitest';
import { clarkeStationarity, minNormInHull, projectToSimplex } from '../../src/stats/clarke-stationarity';

const v = (...xs: number[]) => Float64Array.from(xs);
const weightedL1 = (w: number[]) => (x: Float64Array, out: Float64Array) => x.forEach((xi, i) => (out[i] = w[i] * Math.sign(xi)));

describe('Clarke stationarity measure (distance from 0 to the hull of sampled subgradients)', () => {
  it('the min-norm point of a hull is found: segment through 0 → 0, segment away from 0 → its distance', () => {
    expect(minNormInHull([v(1, 0), v(-1, 0)])).toBeLessThan(1e-9);
    // Segment from (1, 1) to (1, −1): closest point (1, 0).
    expect(minNormInHull([v(1, 1), v(1, -1)])).toBeCloseTo(1, 9);
    // Triangle (2,0), (0,2), (2,2): closest point (1, 1), norm √2.
    expect(minNormInHull([v(2, 0), v(0, 2), v(2, 2)])).toBeCloseTo(Math.SQRT2, 6);
    // A single point: its norm.
    expect(minNormInHull([v(3, 4)])).toBeCloseTo(5, 12);
  });

  it('projection onto the simplex gives non-negative weights that sum to 1 and fixes simplex points', () => {
    const p = projectToSimplex(v(0.5, 2, -1, 0.3));
    expect(p.every((x) => x >= 0)).toBe(true);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Array.from(projectToSimplex(v(0.2, 0.3, 0.5)))).toEqual([0.2, 0.3, 0.5].map((x) => expect.closeTo(x, 12)));
  });

  it('|x₁| + 2|x₂|: ~0 within ε of the Clarke point 0, the subgradient norm √5 far from it, and 2 on the x₁-kink only', () => {
    const f = weightedL1([1, 2]);
    expect(clarkeStationarity([1e-4, -2e-4], f, 1e-2, 16, 1)).toBeLessThan(1e-6);
    expect(clarkeStationarity([1, 1], f, 1e-2, 16, 2)).toBeCloseTo(Math.sqrt(5), 9);
    // On x₁ = 0 with x₂ = 1: ∂f = [−1, 1] × {2}, so the distance is 2.
    expect(clarkeStationarity([0, 1], f, 1e-3, 16, 3)).toBeCloseTo(2, 6);
  });

  it('on a smooth function it tends to ‖∇f(x)‖ as ε → 0', () => {
    const grad = (x: Float64Array, out: Float64Array) => x.forEach((xi, i) => (out[i] = 2 * xi + 1));
    const exact = Math.hypot(3, 1); // x = (1, 0): ∇f = (3, 1)
    expect(Math.abs(clarkeStationarity([1, 0], grad, 1e-6, 8, 4) - exact)).toBeLessThan(1e-5);
  });
});
