/**
 * Exact Gaussian law of the linear SDE dX = −(A X − b) dt + σ dW: the
 * closed-form reference that Monte Carlo ensembles of OU-type processes are
 * checked against (means, covariances, stationary covariance).
 */

import { add, addVectors, frobenius, matmul, matvec, symmetrize, transpose, zeros } from '../linalg/dense';
import type { Matrix, Vector } from '../linalg/dense';
import { expm } from '../linalg/expm';
import { continuousLyapunov } from '../linalg/lyapunov';
import { checkLinearSde } from './linear-sde';
import type { GaussianMoments, LinearSde } from './linear-sde';

/** The exact one-step map X(t+dt) = E·X(t) + c + N(0, Q). */
export interface OuTransition {
  /** e^{−A dt}. */
  E: Matrix;
  /** (∫₀^dt e^{−As} ds)·b. */
  c: Vector;
  /** ∫₀^dt e^{−As} G e^{−Aᵀs} ds (symmetric). */
  Q: Matrix;
}

/** Steps with ‖A‖_F·h above this are split and recombined by doubling. */
const MAX_STEP_NORM = 1;

/**
 * (E, c, Q) over a short step h, from matrix exponentials: c through the
 * augmented exponential of [[−A, b], [0, 0]]·h (valid for singular A), Q by
 * Van Loan's method with [[A, G], [0, −Aᵀ]]·h, whose exponential has
 * F22 = e^{−Aᵀh} and F22ᵀ·F12 = ∫₀^h e^{−As} G e^{−Aᵀs} ds.
 */
function shortStepTransition(A: Matrix, b: Vector, G: Matrix, h: number): OuTransition {
  const d = A.length;
  const drift = zeros(d + 1, d + 1);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) drift[i][j] = -A[i][j] * h;
    drift[i][d] = b[i] * h;
  }
  const driftExp = expm(drift);
  const E = driftExp.slice(0, d).map((row) => row.slice(0, d));
  const c = driftExp.slice(0, d).map((row) => row[d]);

  const vanLoan = zeros(2 * d, 2 * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      vanLoan[i][j] = A[i][j] * h;
      vanLoan[i][d + j] = G[i][j] * h;
      vanLoan[d + i][d + j] = -A[j][i] * h;
    }
  }
  const F = expm(vanLoan);
  const F12 = F.slice(0, d).map((row) => row.slice(d));
  const F22 = F.slice(d).map((row) => row.slice(d));
  const Q = symmetrize(matmul(transpose(F22), F12));
  return { E, c, Q };
}

/**
 * The exact transition of dX = −(A X − b) dt + σ dW over dt:
 * X(t+dt) = E·X(t) + c + N(0, Q) with E = e^{−A dt}. Long steps are computed
 * on dt/2ᵏ and doubled (E ← E², c ← E c + c, Q ← E Q Eᵀ + Q), so that the
 * Van Loan exponential never mixes e^{A dt} and e^{−A dt} of wildly different size.
 */
export function ouTransition(params: LinearSde & { dt: number }): OuTransition {
  const { A, G, dt } = params;
  const b = checkLinearSde('ouTransition', params);
  if (!(dt >= 0) || !Number.isFinite(dt)) throw new Error(`ouTransition: dt must be finite and ≥ 0, got ${dt}`);
  const doublings = Math.max(0, Math.ceil(Math.log2((frobenius(A) * dt) / MAX_STEP_NORM)));
  let { E, c, Q } = shortStepTransition(A, b, G, dt / 2 ** doublings);
  for (let k = 0; k < doublings; k++) {
    c = addVectors(matvec(E, c), c);
    Q = symmetrize(add(matmul(matmul(E, Q), transpose(E)), Q));
    E = matmul(E, E);
  }
  return { E, c, Q };
}

/**
 * The law at time t of dX = −(A X − b) dt + σ dW started from
 * N(mean0, cov0): mean = E·mean0 + c, cov = E·cov0·Eᵀ + Q (see {@link ouTransition}).
 */
export function ouMoments(params: LinearSde & { mean0: Vector; cov0: Matrix; t: number }): GaussianMoments {
  const { mean0, cov0, t } = params;
  checkLinearSde('ouMoments', params, { mean: mean0, cov: cov0 });
  const { E, c, Q } = ouTransition({ A: params.A, b: params.b, G: params.G, dt: t });
  const mean = addVectors(matvec(E, mean0), c);
  const cov = symmetrize(add(matmul(matmul(E, cov0), transpose(E)), Q));
  return { mean, cov };
}

/**
 * The stationary covariance C of dX = −(A X − b) dt + σ dW, i.e. the solution
 * of A·C + C·Aᵀ = G. Throws unless every eigenvalue of A has positive real
 * part, and for d > 16 (Kronecker solve).
 */
export function ouStationaryCovariance(A: Matrix, G: Matrix): Matrix {
  return continuousLyapunov(A, G);
}
