/**
 * SME-2, the second-order stochastic modified equation of SGD (Li, Tai & E 2017):
 * dX = −∇(f + (η/4)‖∇f‖²) dt + √(ηΣ) dW, in SGD's clock.
 */
import source from '../../shaders/dynamics/sme2.wgsl?raw';
import type { z } from 'zod';
import type { QuadraticObjective } from '../objectives/quadratic';
import { referenceSgdModel, substepFromPack } from '../reference/dynamics/sgd-model';
import type { DynamicsDescriptor } from './dynamics-descriptor';
import { checkSgdModel, noiseCovariance, packSgdModel, scaledCovariance, sgdModelFormat, sgdModelLaw, sgdModelSchema, sgdTargetLaw, type LinearModel, type SgdModel } from './sgd-model';

export const sme2Schema = sgdModelSchema('sme2');

/** On a quadratic: drift −((A + ηA²/2) X − (I + ηA/2) b). */
function linear(item: SgdModel, o: QuadraticObjective, noise: unknown): LinearModel {
  const d = o.A.length;
  const eta = item.lr;
  const A2 = o.A.map((row, i) => row.map((a, j) => a + (eta / 2) * o.A[i].reduce((s, v, k) => s + v * o.A[k][j], 0)));
  const b2 = o.b.map((bi, i) => bi + (eta / 2) * o.A[i].reduce((s, v, k) => s + v * o.b[k], 0));
  return { A: A2, b: b2, G: scaledCovariance(eta, noiseCovariance(noise, d)!) };
}

function packModel(item: SgdModel, objective: QuadraticObjective, dim: number, noise?: unknown): number[] {
  return packSgdModel(item, item.integrator === 'exact' ? linear(item, objective, noise) : undefined, scaledCovariance(item.lr, noiseCovariance(noise, dim)!));
}

export const sme2 = {
  kind: 'sme2',
  schema: sme2Schema,
  format: sgdModelFormat('sme2'),
  title: 'SME-2 dX = −∇(f + η‖∇f‖²/4) dt + √(ηΣ) dW',
  citation: 'Li, Tai & E (2017), SME-2; MATH.md §4c',
  orders: { weak: 1, strong: 1 },
  shader: { path: 'dynamics/sme2.wgsl', source },
  usesNoise: true,
  stepLength: (item) => item.lr,
  defines: (item) => ({ EXACT_TRANSITION: item.integrator === 'exact' }),
  checkRun: (item, objective, noise, dim) => checkSgdModel(item, objective, noise, dim, false),
  pack: packModel,
  reference(item, objective, f, dim, _noise, noiseSpec) {
    const words = packModel(item, objective, dim, noiseSpec);
    const g = new Float64Array(dim);
    const hg = new Float64Array(dim);
    return referenceSgdModel(item, dim, substepFromPack(item, dim, words, () => (x, out) => {
      f.grad(x, g);
      f.hessVec(x, g, hg);
      for (let i = 0; i < dim; i++) out[i] = -(g[i] + (item.lr / 2) * hg[i]);
    }));
  },
  loopIterationsPerStep: (item, dim, objective) => (item.substeps + 1) * (objective.grad + 4 * dim * dim + 8 * dim + 8) + 16,
  closedForm: (item, objective, initial, steps, noise) =>
    objective.kind === 'quadratic' && noiseCovariance(noise, objective.A.length) ? sgdModelLaw(item, linear(item, objective, noise), initial, steps, 'SME-2') : undefined,
  limitLaw: (item, objective, initial, times, noise) => (objective.kind === 'quadratic' ? sgdTargetLaw(item, objective, initial, times, noise) : undefined),
  noiseCoupling: (item) => `SGD noise z_k per step of lr = ${item.lr}`,
} satisfies DynamicsDescriptor<SgdModel<'sme2'>, QuadraticObjective, z.output<typeof sme2Schema>, 'lr' | 'substeps'>;
