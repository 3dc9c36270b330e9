import { describe, expect, it } from 'vitest';
import { frobenius, identity, matvec, scale, sub } from '../../src/linalg/dense';
import type { Matrix } from '../../src/linalg/dense';
import { discreteLyapunovStationary, emQuadraticLaw, ouMoments } from '../../src/oracles';

describe('emQuadraticLaw', () => {
  it('reproduces the OU EM weak table E X_T² (θ=1, s=1, x0=1, T=1) to 1e-9', () => {
    const table: [number, number][] = [
      [0.1, 0.5839047311],
      [0.05, 0.5754289994],
      [0.025, 0.5714629672],
      [0.0125, 0.5695444363],
    ];
    for (const [dt, expected] of table) {
      const steps = Math.round(1 / dt);
      const [law] = emQuadraticLaw({ A: [[1]], G: [[1]], dt, mean0: [1], cov0: [[0]], steps: [steps] });
      expect(Math.abs(law.mean[0] ** 2 + law.cov[0][0] - expected)).toBeLessThan(1e-9);
    }
  });

  it('the exact OU second moment E X_1² is 0.5676676416 (ouMoments)', () => {
    const { mean, cov } = ouMoments({ A: [[1]], G: [[1]], mean0: [1], cov0: [[0]], t: 1 });
    expect(Math.abs(mean[0] ** 2 + cov[0][0] - 0.5676676416)).toBeLessThan(1e-9);
  });

  it('SGD (A=[[2,.5],[.5,1]], Σ=[[1,.2],[.2,.5]], η=0.1) has the stationary covariance from the discrete Lyapunov equation', () => {
    const A = [[2, 0.5], [0.5, 1]];
    const Sigma = [[1, 0.2], [0.2, 0.5]];
    const eta = 0.1;
    const expected = [[0.02825459, -0.00129252], [-0.00129252, 0.02729981]];
    const lyapunov = discreteLyapunovStationary(sub(identity(2), scale(A, eta)), scale(Sigma, eta * eta));
    expect(frobenius(sub(lyapunov, expected))).toBeLessThan(1e-8);
    const [law] = emQuadraticLaw({
      A,
      G: scale(Sigma, eta),
      dt: eta,
      mean0: [0, 0],
      cov0: [[0, 0], [0, 0]],
      steps: [5000],
    });
    expect(frobenius(sub(law.cov, expected))).toBeLessThan(1e-8);
    expect(frobenius(sub(law.cov, lyapunov))).toBeLessThan(1e-15);
  });

  it('scalar SGD (η=0.1, a=2, σ²=1) has variance 0.0274575218 at k=10 and 0.0277777778 stationary', () => {
    const eta = 0.1;
    const laws = emQuadraticLaw({ A: [[2]], G: [[eta]], dt: eta, mean0: [0], cov0: [[0]], steps: [0, 10] });
    expect(laws.map((law) => law.step)).toEqual([0, 10]);
    expect(laws[0].cov[0][0]).toBe(0);
    expect(Math.abs(laws[1].cov[0][0] - 0.0274575218)).toBeLessThan(1e-10);
    const stationary = discreteLyapunovStationary([[1 - 2 * eta]], [[eta * eta]]);
    expect(Math.abs(stationary[0][0] - 0.0277777778)).toBeLessThan(1e-10);
  });

  it('EM mean equals (I − A dt)^k (x0 − x*) + x* with x* = A⁻¹b in 2-D', () => {
    const A = [[1.2, -0.3], [0.4, 0.9]];
    const b = [0.5, -0.7];
    const dt = 0.05;
    const x0 = [2, 1];
    const det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
    const xStar = [(A[1][1] * b[0] - A[0][1] * b[1]) / det, (A[0][0] * b[1] - A[1][0] * b[0]) / det];
    const M: Matrix = sub(identity(2), scale(A, dt));
    const steps = [0, 1, 7, 40, 200];
    const laws = emQuadraticLaw({ A, b, G: identity(2), dt, mean0: x0, cov0: [[0, 0], [0, 0]], steps });
    let deviation = x0.map((x, i) => x - xStar[i]);
    let k = 0;
    for (const law of laws) {
      for (; k < law.step; k++) deviation = matvec(M, deviation);
      const expected = deviation.map((d, i) => d + xStar[i]);
      law.mean.forEach((m, i) => expect(Math.abs(m - expected[i])).toBeLessThan(1e-13));
    }
  });

  it('rejects unsorted step lists and spectral radius ≥ 1', () => {
    expect(() =>
      emQuadraticLaw({ A: [[1]], G: [[1]], dt: 0.1, mean0: [0], cov0: [[0]], steps: [3, 1] }),
    ).toThrow(/ascending/);
    expect(() => discreteLyapunovStationary([[-1]], [[1]])).toThrow(/spectral radius/);
  });
});
