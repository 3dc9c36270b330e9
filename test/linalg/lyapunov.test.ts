import { describe, expect, it } from 'vitest';
import { add, frobenius, matmul, sub, transpose } from '../../src/linalg/dense';
import { continuousLyapunov, discreteLyapunov } from '../../src/linalg/lyapunov';

describe('lyapunov', () => {
  it('continuousLyapunov solves A C + C Aᵀ = G for a non-symmetric stable A', () => {
    const A = [[2, 1, 0], [-0.5, 1, 0.3], [0, 0.2, 3]];
    const G = [[1, 0.1, 0], [0.1, 2, 0.3], [0, 0.3, 0.5]];
    const C = continuousLyapunov(A, G);
    expect(frobenius(sub(add(matmul(A, C), matmul(C, transpose(A))), G))).toBeLessThan(1e-13);
  });

  it('continuousLyapunov rejects an A with an eigenvalue of negative real part', () => {
    expect(() => continuousLyapunov([[1, 0], [0, -1]], [[1, 0], [0, 1]])).toThrow(/not stable/);
    expect(() => continuousLyapunov([[0, 0], [0, 1]], [[1, 0], [0, 1]])).toThrow(/not stable/);
  });

  it('discreteLyapunov solves C = M C Mᵀ + Q and rejects spectral radius ≥ 1', () => {
    const M = [[0.5, 0.3], [-0.2, 0.7]];
    const Q = [[1, 0.2], [0.2, 0.5]];
    const C = discreteLyapunov(M, Q);
    expect(frobenius(sub(C, add(matmul(matmul(M, C), transpose(M)), Q)))).toBeLessThan(1e-13);
    expect(() => discreteLyapunov([[1.1, 0], [0, 0.5]], Q)).toThrow(/spectral radius/);
  });

  it('rejects dimensions above 16', () => {
    const I17 = Array.from({ length: 17 }, (_, i) => Array.from({ length: 17 }, (_, j) => (i === j ? 1 : 0)));
    expect(() => continuousLyapunov(I17, I17)).toThrow(/exceeds 16/);
  });
});
