import { describe, expect, it } from 'vitest';
import {
  frobenius,
  identity,
  inverse,
  isSymmetric,
  matmul,
  matvec,
  outer,
  solve,
  sub,
  transpose,
} from '../../src/linalg/dense';
import { randomMatrix } from './seeded-random';

describe('dense', () => {
  it('matmul and transpose obey (AB)ᵀ = BᵀAᵀ', () => {
    const A = randomMatrix(3, 4, 1);
    const B = randomMatrix(4, 2, 2);
    expect(frobenius(sub(transpose(matmul(A, B)), matmul(transpose(B), transpose(A))))).toBeLessThan(1e-15);
  });

  it('solve returns x with A x = b for a vector right-hand side', () => {
    const A = randomMatrix(6, 6, 3);
    const b = [1, 2, 3, 4, 5, 6];
    const x = solve(A, b);
    const r = matvec(A, x).map((v, i) => v - b[i]);
    expect(Math.max(...r.map(Math.abs))).toBeLessThan(1e-12);
  });

  it('solve needs pivoting: a zero leading entry is handled', () => {
    expect(solve([[0, 1], [1, 0]], [2, 3])).toEqual([3, 2]);
  });

  it('inverse times A is the identity', () => {
    const A = randomMatrix(8, 8, 4);
    expect(frobenius(sub(matmul(inverse(A), A), identity(8)))).toBeLessThan(1e-12);
  });

  it('solve throws "singular matrix" for a rank-deficient matrix', () => {
    expect(() => solve(outer([1, 2, 3], [4, 5, 6]), [1, 1, 1])).toThrow(/singular matrix/);
  });

  it('isSymmetric accepts rounding-level asymmetry and rejects real asymmetry', () => {
    expect(isSymmetric([[1, 2 + 1e-15], [2, 1]])).toBe(true);
    expect(isSymmetric([[1, 2.001], [2, 1]])).toBe(false);
    expect(isSymmetric([[1, 2, 3], [2, 1, 3]])).toBe(false);
  });
});
