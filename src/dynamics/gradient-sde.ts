import source from '../../shaders/dynamics/gradient-sde.wgsl?raw';
import type { GradientSdeDynamics } from '../experiment/dynamics/gradient-sde';
import { sigmaToMatrix } from '../experiment/dynamics/sigma';
import { matmul, transpose, type Matrix } from '../linalg/dense';
import { psdFactor } from '../linalg/factor';
import type { QuadraticObjective } from '../objectives/quadratic';
import { emQuadraticLaw, ouMoments, ouTransition } from '../oracles';
import { referenceGradientSde } from '../reference/dynamics/gradient-sde';
import type { DynamicsDescriptor, InitialLaw } from './dynamics-descriptor';

/**
 * dX = −∇f(X) dt + σ dW, integrated by Euler–Maruyama or, on quadratics,
 * exactly. σ is a scalar, a diagonal (vector) or a full d×d matrix; the
 * runner needs only these fields of the validated item.
 */
export type GradientSde = Pick<GradientSdeDynamics, 'kind' | 'dt' | 'sigma' | 'integrator'>;

/** σ as a d×d matrix, whatever shape it was given in. */
export const sigmaMatrix = (sigma: GradientSde['sigma'], dim: number): Matrix => sigmaToMatrix(sigma, dim);

function diagonal(v: number[]): Matrix {
  return v.map((value, i) => v.map((_, j) => (i === j ? value : 0)));
}

/** The exact one-step transition X' = E X + c + L Z of the OU process on a quadratic (float64, host). */
export function exactTransition(item: GradientSde, objective: QuadraticObjective, dim: number) {
  const S = sigmaMatrix(item.sigma, dim);
  const { E, c, Q } = ouTransition({ A: objective.A, b: objective.b, G: matmul(S, transpose(S)), dt: item.dt });
  return { E, c, L: psdFactor(Q) };
}

function initialMoments(initial: InitialLaw) {
  return { mean0: initial.mean, cov0: diagonal(initial.std.map((s) => s * s)) };
}

export const gradientSde: DynamicsDescriptor<GradientSde, QuadraticObjective> = {
  kind: 'gradient-sde',
  title: 'gradient SDE dX = −∇f dt + σ dW',
  citation: 'Euler–Maruyama: Kloeden & Platen (1992) §9.1; exact OU transition: Van Loan (1978), MATH.md §4c, §6',
  orders: { weak: 1, strong: 1 }, // additive noise: EM coincides with Milstein (MATH.md §6)
  shader: { path: 'dynamics/gradient-sde.wgsl', source },
  stepLength: (item) => item.dt,
  defines: (item) => {
    const exact = item.integrator === 'exact';
    const matrix = !exact && Array.isArray(item.sigma) && Array.isArray(item.sigma[0]);
    const diagonalSigma = !exact && Array.isArray(item.sigma) && !matrix;
    return { EXACT_TRANSITION: exact, SIGMA_MATRIX: matrix, SIGMA_DIAGONAL: diagonalSigma };
  },
  pack(item, objective, dim) {
    if (item.integrator === 'exact') {
      const { E, c, L } = exactTransition(item, objective, dim);
      return [...E.flat(), ...c, ...L.flat()];
    }
    const sigma = typeof item.sigma === 'number' ? [item.sigma] : (item.sigma as (number | number[])[]).flat();
    return [item.dt, Math.sqrt(item.dt), ...sigma];
  },
  reference: (item, objective, f, dim) => referenceGradientSde(item, objective, f, dim),
  closedForm(item, objective, initial, steps) {
    if (objective.kind !== 'quadratic') return undefined;
    const S = sigmaMatrix(item.sigma, objective.A.length);
    const sde = { A: objective.A, b: objective.b, G: matmul(S, transpose(S)) };
    const start = initialMoments(initial);
    if (item.integrator === 'exact') {
      const laws = steps.map((k) => ouMoments({ ...sde, ...start, t: k * item.dt }));
      return { name: 'OU law in closed form (exact integrator)', mean: laws.map((l) => l.mean), covariance: laws.map((l) => l.cov) };
    }
    const laws = emQuadraticLaw({ ...sde, dt: item.dt, ...start, steps });
    return { name: 'discrete law of Euler–Maruyama (Lyapunov recursion)', mean: laws.map((l) => l.mean), covariance: laws.map((l) => l.cov) };
  },
};
