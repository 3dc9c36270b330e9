/**
 * HA-SME, the Hessian-aware stochastic modified equation of SGD (Li, Shen, Zhang
 * & He, arXiv:2405.18373): dX = −φ₁(ηH)∇f dt + √(ηD) dW, exact in law on
 * quadratics (src/dynamics/ha-sme-matrices.ts, host float64). On other
 * objectives, d ≤ 8, Euler–Maruyama with the matrix functions of H(x) computed
 * every substep in WGSL (a symmetric Jacobi eigensolver).
 */
import source from '../../shaders/dynamics/ha-sme.wgsl?raw';
import type { z } from 'zod';
import type { QuadraticObjective } from '../objectives/quadratic';
import { referenceSgdModel, substepFromPack } from '../reference/dynamics/sgd-model';
import type { DynamicsDescriptor } from './dynamics-descriptor';
import { haSmeMatrices, type HaSmeMatrices } from './ha-sme-matrices';
import { haSmeMovingSubstep } from '../reference/dynamics/ha-sme-moving';
import { checkSgdModel, noiseCovariance, sgdModelFields, sgdModelSubsteps, scaledCovariance, sgdModelFormat, sgdModelLaw, sgdModelSchema, sgdTargetLaw, type LinearModel, type SgdModel } from './sgd-model';
import { paramLayout, sharedDerivation } from '../compose/param-layout';

export const haSmeSchema = sgdModelSchema('ha-sme');

function matrices(item: SgdModel, o: QuadraticObjective, noise: unknown): HaSmeMatrices {
  const m = haSmeMatrices(o.A, o.b, noiseCovariance(noise, o.A.length)!, item.lr);
  if ('error' in m) throw new RangeError(m.error);
  return m;
}

/** dX = −(B X − β) dt + √(ηD) dW. */
function linear(item: SgdModel, o: QuadraticObjective, noise: unknown): LinearModel {
  const { B, beta, D } = matrices(item, o, noise);
  return { A: B, b: beta, G: scaledCovariance(item.lr, D) };
}

/** Largest d for a moving Hessian (two Jacobi eigendecompositions and d⁴ products per substep). */
export const MAX_MOVING_HESSIAN_DIM = 8;

const quadratic = (objective: { kind: string }) => objective.kind === 'quadratic';

/** The linear model once per packing (B, β and D from one eigendecomposition); none off quadratics. */
const linearOf = sharedDerivation((item: SgdModel, objective: QuadraticObjective, noise: unknown) => (quadratic(objective) ? linear(item, objective, noise) : undefined));

/** Whether the Euler–Maruyama drift −(B X − β) is read from the parameters (quadratic f, EM). */
const constantDrift = (item: SgdModel, objective: QuadraticObjective) => quadratic(objective) && item.integrator !== 'exact';

/**
 * lib/sgd_model.wgsl's fields (off quadratics: no substep transition or factor, the
 * module computes (ηD)^{1/2} itself), η at HA_SME_LR, then B at HA_SME_B and β at HA_SME_BETA (EM on a
 * quadratic), or Σ at HA_SME_SIGMA (DIM², off quadratics).
 */
const haSmeParams = paramLayout<[item: SgdModel, objective: QuadraticObjective, dim: number, noise?: unknown]>({
  ...sgdModelFields((item, objective: QuadraticObjective, _dim, noise) => {
    const model = linearOf(item, objective, noise);
    return model ? sgdModelSubsteps(item, model, model.G) : {};
  }),
  HA_SME_LR: (item) => item.lr,
  HA_SME_B: (item, objective, _dim, noise) => (constantDrift(item, objective) ? linearOf(item, objective, noise)!.A.flat() : []),
  HA_SME_BETA: (item, objective, _dim, noise) => (constantDrift(item, objective) ? linearOf(item, objective, noise)!.b : []),
  HA_SME_SIGMA: (_item, objective, dim, noise) => (quadratic(objective) ? [] : noiseCovariance(noise, dim)!.flat()),
});

export const haSme = {
  kind: 'ha-sme',
  schema: haSmeSchema,
  format: sgdModelFormat('ha-sme'),
  title: 'HA-SME dX = −φ₁(ηH)∇f dt + √(ηD) dW',
  contract: {
    experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: [[0.25, 0.05], [0.05, 0.25]] }, dynamics: [{ kind: 'ha-sme', lr: 0.1, integrator: 'euler-maruyama', substeps: 2 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } },
    // Exact: SGD's law itself; Euler–Maruyama: O(η/substeps). A small Σ resolves the mean's error at every lr.
    orderSweeps: [
      {
        experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: 1e-4 }, dynamics: [{ kind: 'ha-sme', lr: 0.05, integrator: 'exact' }, { kind: 'ha-sme', lr: 0.05, integrator: 'euler-maruyama', substeps: 2 }], x0: [3, -3], horizon: 0.8, sweep: { lr: [0.05, 0.0125, 0.003125] } },
        trajectories: 1024,
        float64: true,
      },
    ],
  },
  citation: 'Li, Shen, Zhang & He, arXiv:2405.18373 (HA-SME); docs/math.md §4c',
  // The exact transition has SGD's law at every t_k on quadratics (docs/math.md §4c);
  // Euler–Maruyama with s substeps is O(η/s) off it.
  orders: (item) => (item.integrator === 'exact' ? { weak: Infinity, strong: 1 } : { weak: 1, strong: 1 }),
  shader: { path: 'dynamics/ha-sme.wgsl', source },
  usesNoise: true,
  brownian: true,
  stepLength: (item) => item.lr,
  defines: (item, objective) => ({ EXACT_TRANSITION: item.integrator === 'exact', HESSIAN_MOVING: !quadratic(objective) }),
  checkRun(item, objective, noise, dim) {
    const shared = checkSgdModel(item, objective, noise, dim);
    if (shared) return shared;
    if (!quadratic(objective)) {
      return dim > MAX_MOVING_HESSIAN_DIM
        ? `ha-sme off quadratics computes the matrix functions of H(x) at every substep, for d ≤ ${MAX_MOVING_HESSIAN_DIM}; d = ${dim} here`
        : undefined;
    }
    const m = haSmeMatrices(objective.A, objective.b, noiseCovariance(noise, dim)!, item.lr);
    return 'error' in m ? m.error : undefined;
  },
  params: haSmeParams,
  reference(item, objective, f, dim, _noise, noiseSpec) {
    if (!quadratic(objective)) return referenceSgdModel(item, dim, { kind: 'custom', substep: haSmeMovingSubstep(f, noiseCovariance(noiseSpec, dim)!, item.lr, dim) });
    return referenceSgdModel(item, dim, substepFromPack(haSmeParams.layOut(item, objective, dim, noiseSpec), (field) => {
      const B = field('HA_SME_B');
      const beta = field('HA_SME_BETA');
      return (x, out) => {
        for (let i = 0; i < dim; i++) {
          let acc = beta[i];
          for (let q = 0; q < dim; q++) acc -= B[i * dim + q] * x[q];
          out[i] = acc;
        }
      };
    }));
  },
  closedForm: (item, objective, initial, steps, noise) => (objective.kind === 'quadratic' ? sgdModelLaw(item, linear(item, objective, noise), initial, steps, 'HA-SME') : undefined),
  limitLaw: (item, objective, initial, times, noise) => (objective.kind === 'quadratic' ? sgdTargetLaw(item, objective, initial, times, noise) : undefined),
  noiseCoupling: (item) => `SGD noise z_k per step of lr = ${item.lr}`,
} satisfies DynamicsDescriptor<SgdModel<'ha-sme'>, QuadraticObjective, z.output<typeof haSmeSchema>, 'lr' | 'substeps'>;
