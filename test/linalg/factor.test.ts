import { describe, expect, it } from 'vitest';
import { add, frobenius, identity, matmul, outer, scale, sub, transpose } from '../../src/linalg/dense';
import type { Matrix } from '../../src/linalg/dense';
import { cholesky, psdFactor } from '../../src/linalg/factor';
import { symmetricEigen } from '../../src/linalg/symmetric-eigen';
import { randomMatrix, randomSymmetric } from './seeded-random';

function reconstructionError(L: Matrix, A: Matrix): number {
  return frobenius(sub(matmul(L, transpose(L)), A)) / frobenius(A);
}

describe('cholesky', () => {
  it('reconstructs a positive definite A as L·Lᵀ with L lower triangular', () => {
    const R = randomMatrix(10, 10, 11);
    const A = add(matmul(R, transpose(R)), identity(10));
    const L = cholesky(A);
    expect(reconstructionError(L, A)).toBeLessThan(1e-14);
    for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) expect(L[i][j]).toBe(0);
  });

  it('rejects a matrix that is not positive definite', () => {
    expect(() => cholesky([[1, 2], [2, 1]])).toThrow(/not positive definite/);
  });
});

describe('psdFactor', () => {
  it('reconstructs a positive definite A', () => {
    const A = [[4, 1, 0.5], [1, 3, 0.2], [0.5, 0.2, 2]];
    expect(reconstructionError(psdFactor(A), A)).toBeLessThan(1e-14);
  });

  it('reconstructs a rank-1 PSD matrix', () => {
    const v = [1, -2, 0.5, 3];
    const A = outer(v, v);
    expect(reconstructionError(psdFactor(A), A)).toBeLessThan(1e-13);
  });

  it('reconstructs a singular rank-3 PSD matrix of size 8', () => {
    const R = randomMatrix(8, 3, 12);
    const A = matmul(R, transpose(R));
    expect(reconstructionError(psdFactor(A), A)).toBeLessThan(1e-13);
  });

  it('rejects an indefinite matrix with a message naming the most negative eigenvalue', () => {
    const A = [[2, 0, 0], [0, -0.5, 0], [0, 0, 1]];
    expect(() => psdFactor(A)).toThrow(/most negative eigenvalue is -0\.5/);
  });
});

describe('symmetricEigen', () => {
  for (const n of [20, 100]) {
    it(`reconstructs a random symmetric ${n}×${n} matrix to 1e-10 with orthonormal vectors`, () => {
      const A = randomSymmetric(n, 100 + n);
      const { values, vectors } = symmetricEigen(A);
      for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
      const VL = vectors.map((row) => row.map((v, k) => v * values[k]));
      expect(frobenius(sub(matmul(VL, transpose(vectors)), A))).toBeLessThan(1e-10);
      expect(frobenius(sub(matmul(transpose(vectors), vectors), identity(n)))).toBeLessThan(1e-10);
    });
  }

  it('decomposes a 128×128 matrix in under a second', () => {
    const A = randomSymmetric(128, 7);
    const start = performance.now();
    const { values, vectors } = symmetricEigen(A);
    const elapsed = performance.now() - start;
    const VL = vectors.map((row) => row.map((v, k) => v * values[k]));
    expect(frobenius(sub(matmul(VL, transpose(vectors)), A))).toBeLessThan(1e-10);
    expect(elapsed).toBeLessThan(1000);
  });

  it('finds repeated eigenvalues of a scaled identity plus a rank-1 term', () => {
    const A = add(scale(identity(5), 2), outer([1, 1, 1, 1, 1], [1, 1, 1, 1, 1]));
    const { values } = symmetricEigen(A);
    const expected = [2, 2, 2, 2, 7];
    values.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 13));
  });
});
