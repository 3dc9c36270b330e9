/**
 * SME-1, the first-order stochastic modified equation of SGD (Li, Tai & E 2017):
 * dX = −∇f dt + √(ηΣ) dW, in SGD's clock (one step = one SGD step of η).
 */
import source from '../../shaders/dynamics/sme.wgsl?raw';
import type { z } from 'zod';
import type { QuadraticObjective } from '../objectives/quadratic';
import { referenceSgdModel, substepFromPack } from '../reference/dynamics/sgd-model';
import type { DynamicsDescriptor } from './dynamics-descriptor';
import { checkSgdModel, noiseCovariance, packSgdModel, scaledCovariance, sgdModelFormat, sgdModelLaw, sgdModelSchema, sgdTargetLaw, type LinearModel, type SgdModel } from './sgd-model';

export const smeSchema = sgdModelSchema('sme');

/** On a quadratic: dX = −(A X − b) dt + √(ηΣ) dW. */
function linear(item: SgdModel, o: QuadraticObjective, noise: unknown): LinearModel {
  return { A: o.A, b: o.b, G: scaledCovariance(item.lr, noiseCovariance(noise, o.A.length)!) };
}

function packModel(item: SgdModel, objective: QuadraticObjective, dim: number, noise?: unknown): number[] {
  return packSgdModel(item, item.integrator === 'exact' ? linear(item, objective, noise) : undefined, scaledCovariance(item.lr, noiseCovariance(noise, dim)!));
}

export const sme = {
  kind: 'sme',
  schema: smeSchema,
  format: sgdModelFormat('sme'),
  title: 'SME-1 dX = −∇f dt + √(ηΣ) dW',
  citation: 'Li, Tai & E (2017), SME-1; MATH.md §4c',
  orders: { weak: 1, strong: 1 },
  shader: { path: 'dynamics/sme.wgsl', source },
  usesNoise: true,
  stepLength: (item) => item.lr,
  defines: (item) => ({ EXACT_TRANSITION: item.integrator === 'exact' }),
  checkRun: (item, objective, noise, dim) => checkSgdModel(item, objective, noise, dim, false),
  pack: packModel,
  reference(item, objective, f, dim, _noise, noiseSpec) {
    const words = packModel(item, objective, dim, noiseSpec);
    return referenceSgdModel(item, dim, substepFromPack(item, dim, words, () => (x, out) => {
      f.grad(x, out);
      for (let i = 0; i < dim; i++) out[i] = -out[i];
    }));
  },
  loopIterationsPerStep: (item, dim, objective) => (item.substeps + 1) * (objective.grad + 2 * dim * dim + 8 * dim + 8) + 16,
  closedForm: (item, objective, initial, steps, noise) =>
    objective.kind === 'quadratic' && noiseCovariance(noise, objective.A.length) ? sgdModelLaw(item, linear(item, objective, noise), initial, steps, 'SME-1') : undefined,
  limitLaw: (item, objective, initial, times, noise) => (objective.kind === 'quadratic' ? sgdTargetLaw(item, objective, initial, times, noise) : undefined),
  noiseCoupling: (item) => `SGD noise z_k per step of lr = ${item.lr}`,
} satisfies DynamicsDescriptor<SgdModel<'sme'>, QuadraticObjective, z.output<typeof smeSchema>, 'lr' | 'substeps'>;
