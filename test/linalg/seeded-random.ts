/** Deterministic random matrices for linear-algebra tests (mulberry32 PRNG). */

import type { Matrix } from '../../src/linalg/dense';

/** A uniform [0, 1) generator from a 32-bit seed, so failures reproduce. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A rows×cols matrix with entries uniform in [−1, 1). */
export function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const rand = mulberry32(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => 2 * rand() - 1));
}

/** A symmetric n×n matrix with entries uniform in [−1, 1). */
export function randomSymmetric(n: number, seed: number): Matrix {
  const R = randomMatrix(n, n, seed);
  return R.map((row, i) => row.map((_, j) => (i <= j ? R[i][j] : R[j][i])));
}
