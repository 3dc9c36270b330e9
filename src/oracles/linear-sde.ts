/**
 * The linear (Ornstein–Uhlenbeck type) SDE shared by the closed-form oracles:
 *
 *   dX = −(A X − b) dt + σ dW,   G = σσᵀ,
 *
 * whose law stays Gaussian, both exactly and under Euler–Maruyama, so the
 * oracles can state the exact mean and covariance an ensemble should reach.
 */

import type { Matrix, Vector } from '../linalg/dense';

/** Coefficients of dX = −(A X − b) dt + σ dW, given through G = σσᵀ. */
export interface LinearSde {
  /** Drift matrix (d×d); any real square matrix, possibly singular or indefinite. */
  A: Matrix;
  /** Drift offset (length d); zero when omitted. */
  b?: Vector;
  /** Diffusion matrix G = σσᵀ (d×d, symmetric positive semi-definite). */
  G: Matrix;
}

/** A Gaussian law N(mean, cov), the state of the SDE at one time. */
export interface GaussianMoments {
  mean: Vector;
  cov: Matrix;
}

/**
 * Checks the shapes of a {@link LinearSde} (and optional initial law) and
 * returns b with the zero default filled in, so oracles fail loudly on typos.
 */
export function checkLinearSde(who: string, sde: LinearSde, initial?: GaussianMoments): Vector {
  const d = sde.A.length;
  const square = (X: Matrix) => X.length === d && X.every((row) => row.length === d);
  if (!square(sde.A)) throw new Error(`${who}: A must be square`);
  if (!square(sde.G)) throw new Error(`${who}: G must be ${d}×${d}`);
  const b = sde.b ?? new Array<number>(d).fill(0);
  if (b.length !== d) throw new Error(`${who}: b must have length ${d}`);
  if (initial) {
    if (initial.mean.length !== d) throw new Error(`${who}: mean0 must have length ${d}`);
    if (!square(initial.cov)) throw new Error(`${who}: cov0 must be ${d}×${d}`);
  }
  return b;
}
