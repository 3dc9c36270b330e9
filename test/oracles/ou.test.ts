import { describe, expect, it } from 'vitest';
import { add, addVectors, frobenius, matmul, matvec, solve, sub, transpose } from '../../src/linalg/dense';
import type { Matrix, Vector } from '../../src/linalg/dense';
import { ouMoments, ouStationaryCovariance, ouTransition } from '../../src/oracles';

function relativeError(X: Matrix, Y: Matrix): number {
  return frobenius(sub(X, Y)) / Math.max(frobenius(Y), 1e-300);
}

function vectorError(x: Vector, y: Vector): number {
  return Math.max(...x.map((xi, i) => Math.abs(xi - y[i])));
}

/** A correlated 2-D OU process used by several claims below. */
const A2: Matrix = [[1.5, 0.4], [0.4, 0.8]];
const G2: Matrix = [[1, 0.3], [0.3, 0.6]];
const b2: Vector = [0.2, -0.1];

describe('ouMoments', () => {
  it('scalar OU (θ=1, s=1) has mean x0·e^{−θt} and variance s²(1−e^{−2θt})/(2θ)', () => {
    const x0 = 1.7;
    for (const t of [0, 1e-4, 0.1, 1, 3.3, 12]) {
      const { mean, cov } = ouMoments({ A: [[1]], G: [[1]], mean0: [x0], cov0: [[0]], t });
      const variance = -Math.expm1(-2 * t) / 2;
      expect(Math.abs(mean[0] - x0 * Math.exp(-t))).toBeLessThanOrEqual(1e-14 * x0);
      expect(Math.abs(cov[0][0] - variance)).toBeLessThanOrEqual(1e-14 * Math.max(variance, 1e-300));
    }
  });

  it('at large t the 2-D covariance approaches ouStationaryCovariance', () => {
    const stationary = ouStationaryCovariance(A2, G2);
    expect(frobenius(sub(add(matmul(A2, stationary), matmul(stationary, transpose(A2))), G2))).toBeLessThan(1e-14);
    const { cov } = ouMoments({ A: A2, b: b2, G: G2, mean0: [3, -2], cov0: [[2, 0.5], [0.5, 1]], t: 60 });
    expect(relativeError(cov, stationary)).toBeLessThan(1e-12);
  });

  it('with b ≠ 0 and invertible A the mean is e^{−At}m0 + (I − e^{−At})A⁻¹b and tends to A⁻¹b', () => {
    const target = solve(A2, b2);
    const mean0 = [3, -2];
    const t = 1.3;
    const { E } = ouTransition({ A: A2, G: G2, dt: t });
    const expected = addVectors(matvec(E, mean0), matvec(E, target).map((x, i) => target[i] - x));
    const { mean } = ouMoments({ A: A2, b: b2, G: G2, mean0, cov0: [[0, 0], [0, 0]], t });
    expect(vectorError(mean, expected)).toBeLessThan(1e-14);
    const late = ouMoments({ A: A2, b: b2, G: G2, mean0, cov0: [[0, 0], [0, 0]], t: 80 });
    expect(vectorError(late.mean, target)).toBeLessThan(1e-14);
  });

  it('singular A = 0 (Brownian motion with drift b) gives mean m0 + b t and cov cov0 + G t', () => {
    const zero = [[0, 0], [0, 0]];
    const mean0 = [1, -1];
    const cov0 = [[0.5, 0.1], [0.1, 0.2]];
    const t = 2.5;
    const { mean, cov } = ouMoments({ A: zero, b: b2, G: G2, mean0, cov0, t });
    expect(vectorError(mean, [1 + 0.2 * t, -1 - 0.1 * t])).toBeLessThan(1e-15);
    expect(relativeError(cov, add(cov0, G2.map((row) => row.map((g) => g * t))))).toBeLessThan(1e-15);
  });

  it('indefinite diagonal A (saddle) matches the scalar formulas per eigen-direction', () => {
    const a = [1, -0.5];
    const g = [[1, 0.4], [0.4, 2]];
    const b = [0.3, 0.2];
    const mean0 = [0.7, -0.4];
    const cov0 = [[0.2, 0.05], [0.05, 0.1]];
    const t = 3;
    const { mean, cov } = ouMoments({ A: [[a[0], 0], [0, a[1]]], b, G: g, mean0, cov0, t });
    for (let i = 0; i < 2; i++) {
      const expectedMean = mean0[i] * Math.exp(-a[i] * t) - (b[i] / a[i]) * Math.expm1(-a[i] * t);
      expect(Math.abs(mean[i] - expectedMean)).toBeLessThan(1e-13 * Math.abs(expectedMean));
      for (let j = 0; j < 2; j++) {
        const rate = a[i] + a[j];
        const expectedCov = cov0[i][j] * Math.exp(-rate * t) - (g[i][j] / rate) * Math.expm1(-rate * t);
        expect(Math.abs(cov[i][j] - expectedCov)).toBeLessThan(1e-13 * Math.abs(expectedCov));
      }
    }
  });
});

describe('ouTransition', () => {
  it('over dt twice equals over 2dt in the correlated 2-D case', () => {
    for (const dt of [0.2, 0.9, 5]) {
      const one = ouTransition({ A: A2, b: b2, G: G2, dt });
      const two = ouTransition({ A: A2, b: b2, G: G2, dt: 2 * dt });
      expect(relativeError(matmul(one.E, one.E), two.E)).toBeLessThan(1e-13);
      expect(vectorError(addVectors(matvec(one.E, one.c), one.c), two.c)).toBeLessThan(1e-14);
      const composedQ = add(matmul(matmul(one.E, one.Q), transpose(one.E)), one.Q);
      expect(relativeError(composedQ, two.Q)).toBeLessThan(1e-13);
    }
  });

  it('Q satisfies A Q + Q Aᵀ = G − E G Eᵀ, also for a non-symmetric A', () => {
    for (const A of [A2, [[1, 2], [-1, 0.5]]]) {
      for (const dt of [0.05, 0.7, 4]) {
        const { E, Q } = ouTransition({ A, G: G2, dt });
        const lhs = add(matmul(A, Q), matmul(Q, transpose(A)));
        const rhs = sub(G2, matmul(matmul(E, G2), transpose(E)));
        expect(frobenius(sub(lhs, rhs))).toBeLessThan(1e-13 * frobenius(G2));
      }
    }
  });

  it('dt = 0 is the identity map with no noise', () => {
    const { E, c, Q } = ouTransition({ A: A2, b: b2, G: G2, dt: 0 });
    expect(E).toEqual([[1, 0], [0, 1]]);
    expect(c).toEqual([0, 0]);
    expect(Q).toEqual([[0, 0], [0, 0]]);
  });
});

describe('ouStationaryCovariance', () => {
  it('rejects an A with a non-positive eigenvalue', () => {
    expect(() => ouStationaryCovariance([[1, 0], [0, -0.5]], G2)).toThrow(/not stable/);
  });
});
