/**
 * HA-SME, the Hessian-aware stochastic modified equation of SGD (Li, Shen, Zhang
 * & He, arXiv:2405.18373): dX = −φ₁(ηH)∇f dt + √(ηD) dW, exact in law on
 * quadratics (src/dynamics/ha-sme-matrices.ts). Quadratic objectives only for now.
 */
import source from '../../shaders/dynamics/ha-sme.wgsl?raw';
import type { z } from 'zod';
import type { QuadraticObjective } from '../objectives/quadratic';
import { referenceSgdModel, substepFromPack } from '../reference/dynamics/sgd-model';
import type { DynamicsDescriptor } from './dynamics-descriptor';
import { haSmeMatrices, type HaSmeMatrices } from './ha-sme-matrices';
import { checkSgdModel, noiseCovariance, packSgdModel, scaledCovariance, sgdModelFormat, sgdModelLaw, sgdModelSchema, sgdTargetLaw, type LinearModel, type SgdModel } from './sgd-model';

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

function packModel(item: SgdModel, objective: QuadraticObjective, _dim: number, noise?: unknown): number[] {
  const model = linear(item, objective, noise);
  return packSgdModel(item, model, model.G, [...model.A.flat(), ...model.b]);
}

export const haSme = {
  kind: 'ha-sme',
  schema: haSmeSchema,
  format: sgdModelFormat('ha-sme'),
  title: 'HA-SME dX = −φ₁(ηH)∇f dt + √(ηD) dW',
  citation: 'Li, Shen, Zhang & He, arXiv:2405.18373 (HA-SME); MATH.md §4c',
  orders: { weak: 1, strong: 1 },
  shader: { path: 'dynamics/ha-sme.wgsl', source },
  usesNoise: true,
  stepLength: (item) => item.lr,
  defines: (item) => ({ EXACT_TRANSITION: item.integrator === 'exact' }),
  checkRun(item, objective, noise, dim) {
    const shared = checkSgdModel(item, objective, noise, dim, true);
    if (shared) return shared.replace('needs a quadratic objective', 'needs a quadratic objective for now (a moving Hessian needs an eigensolver per step, not built yet)');
    const m = haSmeMatrices(objective.A, objective.b, noiseCovariance(noise, dim)!, item.lr);
    return 'error' in m ? m.error : undefined;
  },
  pack: packModel,
  reference(item, objective, _f, dim, _noise, noiseSpec) {
    const words = packModel(item, objective, dim, noiseSpec);
    return referenceSgdModel(item, dim, substepFromPack(item, dim, words, (extra) => {
      const B = extra.slice(0, dim * dim);
      const beta = extra.slice(dim * dim);
      return (x, out) => {
        for (let i = 0; i < dim; i++) {
          let acc = beta[i];
          for (let q = 0; q < dim; q++) acc -= B[i * dim + q] * x[q];
          out[i] = acc;
        }
      };
    }));
  },
  loopIterationsPerStep: (item, dim) => (item.substeps + 1) * (4 * dim * dim + 8 * dim + 8) + 16,
  closedForm: (item, objective, initial, steps, noise) => (objective.kind === 'quadratic' ? sgdModelLaw(item, linear(item, objective, noise), initial, steps, 'HA-SME') : undefined),
  limitLaw: (item, objective, initial, times, noise) => (objective.kind === 'quadratic' ? sgdTargetLaw(item, objective, initial, times, noise) : undefined),
  noiseCoupling: (item) => `SGD noise z_k per step of lr = ${item.lr}`,
} satisfies DynamicsDescriptor<SgdModel<'ha-sme'>, QuadraticObjective, z.output<typeof haSmeSchema>, 'lr' | 'substeps'>;
