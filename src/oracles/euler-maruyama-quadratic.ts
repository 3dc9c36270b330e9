/**
 * Exact discrete law of Euler–Maruyama on the linear SDE
 * dX = −(A X − b) dt + σ dW. EM keeps the law Gaussian, so its mean and
 * covariance after k steps are known exactly: this separates the scheme's
 * bias (weak error) from Monte Carlo noise when testing GPU ensembles.
 */

import { identity, matmul, matvec, scale, sub, symmetrize, transpose } from '../linalg/dense';
import type { Matrix } from '../linalg/dense';
import { discreteLyapunov } from '../linalg/lyapunov';
import { checkLinearSde } from './linear-sde';
import type { GaussianMoments, LinearSde } from './linear-sde';

/** The EM law after a given number of steps. */
export interface EmStepMoments extends GaussianMoments {
  step: number;
}

/**
 * The law of X_k for X_{k+1} = X_k − dt (A X_k − b) + √dt σ ξ_k, ξ_k ~ N(0, I),
 * X_0 ~ N(mean0, cov0), at each requested step count (ascending, may include 0).
 * Iterates m ← M m + dt b and C ← M C Mᵀ + dt G with M = I − A dt (no matrix
 * powers, so every step costs the same and rounding stays tame).
 */
export function emQuadraticLaw(
  params: LinearSde & { dt: number; mean0: number[]; cov0: Matrix; steps: number[] },
): EmStepMoments[] {
  const { A, G, dt, mean0, cov0, steps } = params;
  const b = checkLinearSde('emQuadraticLaw', params, { mean: mean0, cov: cov0 });
  if (!(dt > 0) || !Number.isFinite(dt)) throw new Error(`emQuadraticLaw: dt must be finite and > 0, got ${dt}`);
  steps.forEach((k, i) => {
    if (!Number.isInteger(k) || k < 0) throw new Error(`emQuadraticLaw: step ${k} is not a non-negative integer`);
    if (i > 0 && k < steps[i - 1]) throw new Error('emQuadraticLaw: steps must be sorted ascending');
  });

  const M = sub(identity(A.length), scale(A, dt));
  const MT = transpose(M);
  const noise = scale(G, dt);
  const offset = b.map((bi) => dt * bi);
  let mean = mean0.slice();
  let cov = symmetrize(cov0);
  let current = 0;
  const laws: EmStepMoments[] = [];
  for (const step of steps) {
    for (; current < step; current++) {
      mean = matvec(M, mean).map((m, i) => m + offset[i]);
      cov = symmetrize(matmul(matmul(M, cov), MT).map((row, i) => row.map((x, j) => x + noise[i][j])));
    }
    laws.push({ step, mean: mean.slice(), cov: cov.map((row) => row.slice()) });
  }
  return laws;
}

/**
 * The stationary covariance C = M·C·Mᵀ + Q of a linear recursion
 * X_{k+1} = M X_k + ξ_k, Cov ξ = Q; for EM on the linear SDE take
 * M = I − A dt, Q = dt G. Throws unless the spectral radius of M is below 1,
 * and for d > 16 (Kronecker solve).
 */
export function discreteLyapunovStationary(M: Matrix, Q: Matrix): Matrix {
  return discreteLyapunov(M, Q);
}
