/**
 * Exact law of heavy-ball on a quadratic with additive Gaussian gradient noise
 * (docs/math.md §3b): x_{k+1} = x_k − η(A x_k − b + ζ_k) + β(x_k − x_{k−1}),
 * ζ_k ~ N(0, Σ), x_{−1} = x_0. On the stacked state z_k = (x_k, x_{k−1}) this
 * is the linear recursion
 *
 *   z_{k+1} = M z_k + c + N ζ_k,  M = [[(1+β)I − ηA, −βI], [I, 0]],
 *   c = (ηb, 0),  N = (−ηI, 0),
 *
 * so z_k stays Gaussian: its mean m ← M m + c and covariance C ← M C Mᵀ + Q,
 * Q = [[η²Σ, 0], [0, 0]], are propagated exactly in float64 (no matrix powers).
 * With β = 0 it is SGD's discrete Lyapunov recursion (docs/math.md §6). Nesterov's
 * method (`lookAhead`) is the same recursion with P = I − ηA in the top blocks
 * (docs/math.md §6b).
 */

import type { Matrix, Vector } from '../linalg/dense';
import { matmul, matvec, symmetrize, transpose } from '../linalg/dense';

/** The law of x_k (the x-block of z_k) after `step` steps. */
export interface HeavyBallStepMoments {
  step: number;
  mean: Vector;
  cov: Matrix;
}

export interface HeavyBallQuadratic {
  /** f = ½ xᵀA x − bᵀx: A (d×d, any real square matrix), b (zero when omitted). */
  A: Matrix;
  b?: Vector;
  /** Covariance Σ of the additive gradient noise (zero when omitted: deterministic heavy-ball). */
  Sigma?: Matrix;
  /** Constant step size η and momentum β. */
  eta: number;
  beta: number;
  /**
   * Nesterov's method instead: the gradient at the look-ahead point
   * y_k = x_k + β(x_k − x_{k−1}), so x_{k+1} = (I − ηA)((1+β)x_k − βx_{k−1}) + ηb − ηζ_k.
   */
  lookAhead?: boolean;
  /** Law of x_0 (x_{−1} = x_0, so z_0 has covariance [[C0, C0], [C0, C0]]). */
  mean0: Vector;
  cov0: Matrix;
  /** Step counts (ascending, may include 0). */
  steps: number[];
}

/**
 * The companion matrix M (2d×2d) of heavy-ball on ∇f = A x − b; with `lookAhead`,
 * of Nesterov's method: M = [[(1+β)P, −βP], [I, 0]], P = I − ηA.
 */
export function heavyBallCompanion(A: Matrix, eta: number, beta: number, lookAhead = false): Matrix {
  const d = A.length;
  const P = (i: number, j: number) => (i === j ? 1 : 0) - eta * A[i][j];
  return Array.from({ length: 2 * d }, (_, i) =>
    Array.from({ length: 2 * d }, (_, j) => {
      if (i < d && j < d) return lookAhead ? (1 + beta) * P(i, j) : (i === j ? 1 + beta : 0) - eta * A[i][j];
      if (i < d) return lookAhead ? -beta * P(i, j - d) : i === j - d ? -beta : 0;
      return j === i - d ? 1 : 0;
    }),
  );
}

/** Mean and covariance of x_k at each requested step, exactly (float64 propagation of the stacked recursion). */
export function heavyBallQuadraticLaw(params: HeavyBallQuadratic): HeavyBallStepMoments[] {
  const { A, eta, beta, mean0, cov0, steps } = params;
  const d = A.length;
  const square = (X: Matrix) => X.length === d && X.every((row) => row.length === d);
  if (!square(A)) throw new Error('heavyBallQuadraticLaw: A must be square');
  const b = params.b ?? new Array<number>(d).fill(0);
  const Sigma = params.Sigma ?? A.map((row) => row.map(() => 0));
  if (b.length !== d || mean0.length !== d) throw new Error(`heavyBallQuadraticLaw: b and mean0 must have length ${d}`);
  if (!square(Sigma) || !square(cov0)) throw new Error(`heavyBallQuadraticLaw: Sigma and cov0 must be ${d}×${d}`);
  if (!(eta > 0) || !Number.isFinite(eta)) throw new Error(`heavyBallQuadraticLaw: eta must be finite and > 0, got ${eta}`);
  if (!(beta >= 0 && beta < 1)) throw new Error(`heavyBallQuadraticLaw: beta must lie in [0, 1), got ${beta}`);
  steps.forEach((k, i) => {
    if (!Number.isInteger(k) || k < 0) throw new Error(`heavyBallQuadraticLaw: step ${k} is not a non-negative integer`);
    if (i > 0 && k < steps[i - 1]) throw new Error('heavyBallQuadraticLaw: steps must be sorted ascending');
  });

  const M = heavyBallCompanion(A, eta, beta, params.lookAhead === true);
  const MT = transpose(M);
  const offset = [...b.map((v) => eta * v), ...new Array<number>(d).fill(0)];
  let mean = [...mean0, ...mean0];
  let cov: Matrix = Array.from({ length: 2 * d }, (_, i) => Array.from({ length: 2 * d }, (_, j) => cov0[i % d][j % d]));
  cov = symmetrize(cov);
  let current = 0;
  const laws: HeavyBallStepMoments[] = [];
  for (const step of steps) {
    for (; current < step; current++) {
      mean = matvec(M, mean).map((m, i) => m + offset[i]);
      cov = matmul(matmul(M, cov), MT);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i][j] += eta * eta * Sigma[i][j];
      cov = symmetrize(cov);
    }
    laws.push({ step, mean: mean.slice(0, d), cov: cov.slice(0, d).map((row) => row.slice(0, d)) });
  }
  return laws;
}
