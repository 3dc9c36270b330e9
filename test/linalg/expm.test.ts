import { describe, expect, it } from 'vitest';
import { add, frobenius, identity, matmul, scale, sub } from '../../src/linalg/dense';
import type { Matrix } from '../../src/linalg/dense';
import { expm } from '../../src/linalg/expm';

function relativeError(X: Matrix, Y: Matrix): number {
  return frobenius(sub(X, Y)) / frobenius(Y);
}

describe('expm', () => {
  it('of a diagonal matrix exponentiates the diagonal', () => {
    const values = [-3.5, -0.2, 0, 0.7, 4.1];
    const D = values.map((v, i) => values.map((_, j) => (i === j ? v : 0)));
    const expected = values.map((v, i) => values.map((_, j) => (i === j ? Math.exp(v) : 0)));
    expect(relativeError(expm(D), expected)).toBeLessThanOrEqual(1e-12);
  });

  it('of a nilpotent matrix is the finite polynomial I + N + N²/2 + N³/6', () => {
    const N = [
      [0, 1.5, -2, 0.5],
      [0, 0, 3, -1],
      [0, 0, 0, 2.5],
      [0, 0, 0, 0],
    ];
    const N2 = matmul(N, N);
    const N3 = matmul(N2, N);
    const expected = add(add(identity(4), N), add(scale(N2, 1 / 2), scale(N3, 1 / 6)));
    expect(relativeError(expm(N), expected)).toBeLessThanOrEqual(1e-12);
  });

  it('of the rotation generator [[0,−θ],[θ,0]] is the rotation by θ', () => {
    for (const theta of [1e-3, 0.3, 1, 2.5, 10, 40]) {
      const R = [
        [Math.cos(theta), -Math.sin(theta)],
        [Math.sin(theta), Math.cos(theta)],
      ];
      expect(relativeError(expm([[0, -theta], [theta, 0]]), R)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('of a large-norm matrix satisfies e^A·e^A = e^{2A}', () => {
    const A = [
      [-8, 3, 1],
      [2, -12, 4],
      [0.5, 1, -6],
    ];
    const eA = expm(A);
    expect(relativeError(matmul(eA, eA), expm(scale(A, 2)))).toBeLessThanOrEqual(1e-12);
    const B = [
      [1.5, 4, -2],
      [-3, 2, 5],
      [1, -2, 2.5],
    ];
    const eB = expm(B);
    expect(relativeError(matmul(eB, eB), expm(scale(B, 2)))).toBeLessThanOrEqual(1e-12);
  });

  it('of the zero matrix is the identity', () => {
    expect(expm([[0, 0], [0, 0]])).toEqual(identity(2));
  });
});
