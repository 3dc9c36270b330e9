/**
 * Square-root factorisations L·Lᵀ = A of covariance-like matrices, used to
 * turn a diffusion matrix G = σσᵀ (or a covariance) into a noise loading.
 */

import { isSymmetric, maxAbs, zeros } from './dense';
import type { Matrix } from './dense';
import { symmetricEigen } from './symmetric-eigen';

/**
 * Cholesky factor without throwing: L with L·Lᵀ = A, or null when some pivot
 * is not above `minPivot` (so A is not safely positive definite).
 */
function tryCholesky(A: Matrix, minPivot: number): Matrix | null {
  const n = A.length;
  const L = zeros(n, n);
  for (let j = 0; j < n; j++) {
    const Lj = L[j];
    let d = A[j][j];
    for (let k = 0; k < j; k++) d -= Lj[k] * Lj[k];
    if (!(d > minPivot)) return null;
    const ljj = Math.sqrt(d);
    Lj[j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const Li = L[i];
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= Li[k] * Lj[k];
      Li[j] = s / ljj;
    }
  }
  return L;
}

// Messages name the matrix's fault, not this function: they reach users through
// validation (e.g. a noise covariance) as they are.
function assertSymmetric(A: Matrix): void {
  if (!isSymmetric(A, 1e-10)) throw new Error('the matrix is not square and symmetric');
}

/**
 * The lower-triangular Cholesky factor L of a symmetric positive definite A
 * (A = L·Lᵀ). Throws 'not positive definite' when a pivot is not positive.
 */
export function cholesky(A: Matrix): Matrix {
  assertSymmetric(A);
  const L = tryCholesky(A, 0);
  if (L === null) throw new Error('the matrix is not positive definite');
  return L;
}

/**
 * A d×d factor L with L·Lᵀ = A for a symmetric positive SEMI-definite A, so
 * that singular diffusion or covariance matrices can still drive noise.
 * Uses Cholesky when A is safely definite, else the eigen-decomposition
 * L = V·diag(√max(λ, 0)) (not triangular). Throws, naming the most negative
 * eigenvalue, when λ_min < −tol·max(1, |λ_max|).
 */
export function psdFactor(A: Matrix, tol = 1e-12): Matrix {
  assertSymmetric(A);
  const n = A.length;
  const minPivot = n * Number.EPSILON * maxAbs(A);
  const L = tryCholesky(A, minPivot);
  if (L !== null) return L;

  const { values, vectors } = symmetricEigen(A);
  const lambdaMin = values[0];
  const lambdaMax = values[n - 1];
  if (lambdaMin < -tol * Math.max(1, Math.abs(lambdaMax))) {
    throw new Error(
      `the matrix is not positive semi-definite: its most negative eigenvalue is ${lambdaMin} ` +
        `(the largest is ${lambdaMax}; eigenvalues down to −${tol} × max(1, |largest|) count as 0)`,
    );
  }
  const roots = values.map((lambda) => Math.sqrt(Math.max(lambda, 0)));
  return vectors.map((row) => row.map((vik, k) => vik * roots[k]));
}
