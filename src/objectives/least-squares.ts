/**
 * The least-squares objective, a finite sum f(x) = (1/N) Σ_i ½(a_iᵀx − y_i)²:
 * its experiment-file format and its engine descriptor (WGSL module, data
 * layout, float64 twin).
 *
 * File forms:
 * - `{ "kind": "least-squares", "data": { "A": [[…], …], "y": […] } }`: N rows a_iᵀ of d
 *   features and N targets y_i.
 * - `{ "kind": "least-squares", "generate": { "samples": N, "features": d, "noise": s, "seed": … } }`:
 *   a_i ~ N(0, I_d) and x_true ~ N(0, I_d) independent, y_i = a_iᵀx_true + s·ε_i with
 *   ε_i ~ N(0, 1) (s default 0, seed default 0); a_i and y_i are rounded to float32
 *   (src/objectives/finite-sum-data.ts says how the draws are made).
 */
import source from '../../shaders/objectives/least-squares.wgsl?raw';
import { z } from 'zod';
import { solve } from '../linalg/dense';
import { cholesky } from '../linalg/factor';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { strictObject } from '../experiment/strict-object';
import { nonNegativeNumber } from '../experiment/numbers';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';
import { referenceLeastSquares } from '../reference/objectives/least-squares';
import { checkDesign, designData, designDimension, designFields, designLayout, type Design } from './finite-sum-data';
import type { ObjectiveDescriptor } from './objective-descriptor';
import { normalCdf } from '../rng/random';
import { paramLayout } from '../compose/param-layout';

// ---- experiment-file format

export const leastSquaresObjectiveSchema = strictObject({
  kind: z.literal('least-squares'),
  ...designFields,
  /** λ of the lasso term λ‖x‖₁ (default 0: plain least squares). */
  l1: nonNegativeNumber().default(0).describe('λ of the lasso term λ‖x‖₁ (0: plain least squares).'),
});

/** A least-squares objective as parsed. */
export type LeastSquaresObjectiveInput = z.output<typeof leastSquaresObjectiveSchema>;

/** A normalized least-squares objective: the data (N × d features A, N targets y), generated or given. */
export interface LeastSquaresObjective extends Design {
  kind: 'least-squares';
  /** λ ≥ 0 of the lasso term λ‖x‖₁. */
  l1: number;
}

/** Smallest eigenvalue of AᵀA, relative to its largest, for which the minimizer is reported. */
export const MIN_RELATIVE_EIGENVALUE = 1e-10;

/** Cross-field checks: `data` or `generate`; rows of equal length; one target per row. */
export const leastSquaresFormat: ObjectiveKind<LeastSquaresObjectiveInput, LeastSquaresObjective> = {
  check: (raw, path) => checkDesign(raw, path, 'target'),
  dimension: designDimension,
  normalize(parsed) {
    const { A, y, generated } = designData(parsed, Math.fround);
    return { kind: 'least-squares', A, y, l1: parsed.l1, ...(generated ? { generated } : {}) };
  },
};

// ---- engine descriptor

/** H = AᵀA/N and c = Aᵀy/N: f(x) = ½xᵀHx − cᵀx + ‖y‖²/(2N). */
export function leastSquaresNormalEquations(o: LeastSquaresObjective): { H: number[][]; c: number[]; constant: number } {
  const N = o.y.length;
  const d = o.A[0].length;
  const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const c = new Array<number>(d).fill(0);
  let constant = 0;
  o.A.forEach((row, i) => {
    for (let j = 0; j < d; j++) {
      c[j] += (row[j] * o.y[i]) / N;
      for (let k = 0; k < d; k++) H[j][k] += (row[j] * row[k]) / N;
    }
    constant += (o.y[i] * o.y[i]) / (2 * N);
  });
  return { H, c, constant };
}

export const leastSquares = {
  kind: 'least-squares',
  schema: leastSquaresObjectiveSchema,
  format: leastSquaresFormat,
  title: 'least squares (1/N) Σ ½(aᵢᵀx − yᵢ)² (+ λ‖x‖₁: the lasso)',
  contract: { experiment: { objective: { kind: 'least-squares', generate: { samples: 32, features: 3, noise: 0.1, seed: 1 } }, noise: { kind: 'minibatch', batchSize: 4 }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: [0, 0, 0] } },
  shader: { path: 'objectives/least-squares.wgsl', source },
  params: paramLayout({ LEAST_SQUARES_L1: (o: LeastSquaresObjective) => o.l1 }),
  ...designLayout,
  reference: (o: LeastSquaresObjective, dim: number) => referenceLeastSquares(o, dim),
  thirdDerivative: true,
  /**
   * The least-squares solution (AᵀA)⁻¹Aᵀy when AᵀA is positive definite (Cholesky succeeds
   * and its eigenvalues are within a factor 1e10 of each other); none otherwise (N < d,
   * collinear features).
   */
  minimizer(o: LeastSquaresObjective) {
    if (o.l1 > 0) return undefined; // the lasso solution has no closed form
    const { H, c } = leastSquaresNormalEquations(o);
    try {
      cholesky(H);
    } catch {
      return undefined;
    }
    const { values } = symmetricEigen(H);
    if (Math.min(...values) <= MIN_RELATIVE_EIGENVALUE * Math.max(...values)) return undefined;
    return solve(H, c);
  },
  /** E f(X) = ½ tr(HC) + ½ mᵀHm − cᵀm + ‖y‖²/(2N) for X ~ N(m, C). */
  gaussianExpectation(o: LeastSquaresObjective, m: number[], C: number[][]) {
    const { H, c, constant } = leastSquaresNormalEquations(o);
    let value = constant;
    H.forEach((row, i) => row.forEach((h, j) => (value += 0.5 * h * (C[j][i] + m[i] * m[j]))));
    // E|X_i| for X_i ~ N(μ, s²): s√(2/π) e^{−μ²/2s²} + μ(1 − 2Φ(−μ/s)).
    const absMean = (mu: number, s2: number) => (s2 > 0 ? Math.sqrt((2 * s2) / Math.PI) * Math.exp((-mu * mu) / (2 * s2)) + mu * (1 - 2 * normalCdf(-mu / Math.sqrt(s2))) : Math.abs(mu));
    const lasso = o.l1 > 0 ? o.l1 * m.reduce((acc, mu, i) => acc + absMean(mu, C[i][i]), 0) : 0;
    return value - c.reduce((acc, ci, i) => acc + ci * m[i], 0) + lasso;
  },
} satisfies ObjectiveDescriptor<LeastSquaresObjective, LeastSquaresObjectiveInput>;
