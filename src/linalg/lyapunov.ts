/**
 * Small dense Lyapunov solvers (continuous and discrete) by a Kronecker-product
 * linear solve. O(d⁶) work, so restricted to d ≤ {@link MAX_LYAPUNOV_DIM};
 * they exist to provide exact stationary covariances for tests, not speed.
 */

import { identity, isSymmetric, solve, symmetrize, transpose, zeros } from './dense';
import type { Matrix } from './dense';

/** The largest dimension the Kronecker solves accept (a 256×256 system). */
export const MAX_LYAPUNOV_DIM = 16;

function checkInputs(who: string, A: Matrix, rhs: Matrix): void {
  const d = A.length;
  for (const row of A) if (row.length !== d) throw new Error(`${who}: matrix is not square`);
  if (rhs.length !== d || rhs.some((row) => row.length !== d)) {
    throw new Error(`${who}: right-hand side must be ${d}×${d}`);
  }
  if (d > MAX_LYAPUNOV_DIM) {
    throw new Error(`${who}: d = ${d} exceeds ${MAX_LYAPUNOV_DIM} (the Kronecker solve is O(d⁶))`);
  }
}

/** Row-major vec: entry (i, j) of a d×d matrix sits at index i·d + j. */
function vec(X: Matrix): number[] {
  return X.flat();
}

function unvec(x: number[], d: number): Matrix {
  const X = zeros(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) X[i][j] = x[i * d + j];
  return X;
}

/** True when the symmetric X is positive definite (a pivot test). */
function isPositiveDefinite(X: Matrix): boolean {
  const d = X.length;
  const L = zeros(d, d);
  for (let j = 0; j < d; j++) {
    let s = X[j][j];
    for (let k = 0; k < j; k++) s -= L[j][k] * L[j][k];
    if (!(s > 0)) return false;
    L[j][j] = Math.sqrt(s);
    for (let i = j + 1; i < d; i++) {
      let t = X[i][j];
      for (let k = 0; k < j; k++) t -= L[i][k] * L[j][k];
      L[i][j] = t / L[j][j];
    }
  }
  return true;
}

/**
 * Solves K·vec(X) = vec(rhs) and K·vec(P) = vec(I) with one LU; the second
 * solution certifies the stability of the operator (Lyapunov / Stein theorem:
 * the operator is stable iff P is positive definite).
 */
function solveWithCertificate(who: string, K: Matrix, rhs: Matrix, unstable: string): Matrix {
  const d = rhs.length;
  let solution: Matrix;
  try {
    solution = solve(K, transpose([vec(rhs), vec(identity(d))]));
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('singular matrix')) throw new Error(`${who}: ${unstable}`);
    throw err;
  }
  const columns = transpose(solution);
  const P = symmetrize(unvec(columns[1], d));
  if (!isPositiveDefinite(P)) throw new Error(`${who}: ${unstable}`);
  const X = unvec(columns[0], d);
  return isSymmetric(rhs, 1e-12) ? symmetrize(X) : X;
}

/**
 * The solution C of A·C + C·Aᵀ = G, the stationary covariance of
 * dX = −A X dt + σ dW with G = σσᵀ. Throws unless every eigenvalue of A has
 * positive real part (otherwise no stationary law exists), or when d > 16.
 */
export function continuousLyapunov(A: Matrix, G: Matrix): Matrix {
  const who = 'continuousLyapunov';
  checkInputs(who, A, G);
  const d = A.length;
  const K = zeros(d * d, d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const row = K[i * d + j];
      for (let k = 0; k < d; k++) {
        row[k * d + j] += A[i][k]; // (A·C)_ij = Σ_k A_ik C_kj
        row[i * d + k] += A[j][k]; // (C·Aᵀ)_ij = Σ_k C_ik A_jk
      }
    }
  }
  return solveWithCertificate(
    who,
    K,
    G,
    'A is not stable (an eigenvalue has non-positive real part), so no stationary covariance exists',
  );
}

/**
 * The solution C of C = M·C·Mᵀ + Q, the stationary covariance of the linear
 * recursion X_{k+1} = M X_k + ξ_k with Cov ξ = Q. Throws unless the spectral
 * radius of M is below 1, or when d > 16.
 */
export function discreteLyapunov(M: Matrix, Q: Matrix): Matrix {
  const who = 'discreteLyapunov';
  checkInputs(who, M, Q);
  const d = M.length;
  const K = identity(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const row = K[i * d + j];
      // (M·C·Mᵀ)_ij = Σ_kl M_ik C_kl M_jl
      for (let k = 0; k < d; k++) {
        const mik = M[i][k];
        if (mik === 0) continue;
        for (let l = 0; l < d; l++) row[k * d + l] -= mik * M[j][l];
      }
    }
  }
  return solveWithCertificate(
    who,
    K,
    Q,
    'spectral radius of M is not below 1, so no stationary covariance exists',
  );
}
