/**
 * Explicit graduated optimization `graduated-gd`: gradient descent on the Gaussian
 * smoothing f_δ of the objective with δ decreasing, x ← x − η_k ∇f_{δ_k}(x) (Hazan, Levy &
 * Shalev-Shwartz 2016; the reference method of Sato & Iiduka, docs/math.md §2b). ∇f_δ is the
 * objective's closed form (objectives with `gaussianSmoothing`), so the method is
 * deterministic given x0. `lr` and `delta` are numbers or schedules; e.g. the paper code's
 * protocol (δ from δ₁ down towards 0, lr = l0·δ) is `delta` and `lr` both `polynomial`
 * with power 1 and the same `total`.
 */
import source from '../../shaders/dynamics/graduated-gd.wgsl?raw';
import { z } from 'zod';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import { strictObject } from '../experiment/strict-object';
import { referenceGraduatedGd } from '../reference/dynamics/graduated-gd';
import { checkRandomScaleOrder, checkSchedule, packSchedule, scheduleSchema, type Schedule } from '../schedules/schedule';
import { LABEL_DESCRIPTION, type DynamicsDescriptor } from './dynamics-descriptor';
import { modelTimeStep } from './model-time';
import { paramLayout, wordLayout } from '../compose/param-layout';

export const graduatedGdSchema = strictObject({
  kind: z.literal('graduated-gd'),
  lr: scheduleSchema.describe('Step size η_k: a number or a schedule.'),
  delta: scheduleSchema.describe('Smoothing degree δ_k (the standard deviation of the Gaussian kernel of f_δ): a number or a schedule.'),
  label: z.string().optional().describe(LABEL_DESCRIPTION),
});

export type GraduatedGdInput = z.output<typeof graduatedGdSchema>;

export interface GraduatedGdDynamics {
  kind: 'graduated-gd';
  lr: Schedule;
  /** Smoothing degree δ_k (standard deviation of the Gaussian kernel). */
  delta: Schedule;
  /** Model time per step: lr when it is a number, else 1 (t counts steps). */
  dt: number;
  label?: string;
}

export const graduatedGdFormat: DynamicsKind<GraduatedGdInput, GraduatedGdDynamics, 'lr' | 'delta'> = {
  check: (raw, path) => [...checkRandomScaleOrder(raw.lr, [...path, 'lr']), ...checkRandomScaleOrder(raw.delta, [...path, 'delta'])],
  params: { lr: (value, path) => checkSchedule(value, path), delta: (value, path) => checkSchedule(value, path) },
  normalize: (parsed) => ({
    kind: 'graduated-gd',
    lr: parsed.lr,
    delta: parsed.delta,
    dt: modelTimeStep(parsed.lr),
    ...(parsed.label !== undefined ? { label: parsed.label } : {}),
  }),
  withParam: (item, param, value) => (param === 'lr' ? { ...item, lr: value as Schedule, dt: modelTimeStep(value as Schedule) } : { ...item, delta: value as Schedule }),
};

export const graduatedGd = {
  kind: 'graduated-gd',
  schema: graduatedGdSchema,
  format: graduatedGdFormat,
  title: 'explicit graduated optimization x ← x − η ∇f_δ(x), δ decreasing',
  contract: { experiment: { objective: { kind: 'tilted-cosine', a: 1, k: 4 }, dynamics: [{ kind: 'graduated-gd', lr: 0.05, delta: { kind: 'polynomial', initial: 1, power: 1, total: 40 } }], x0: { kind: 'gaussian', mean: [2.9], std: 0.3 } } },
  citation: 'Hazan, Levy & Shalev-Shwartz, ICML 2016; explicit GO baseline of Sato & Iiduka (arXiv:2311.08745, AAAI-25 code ego.py), docs/math.md §2b',
  orders: () => ({ weak: 1, strong: 1 }),
  shader: { path: 'dynamics/graduated-gd.wgsl', source },
  usesNoise: false,
  aux: wordLayout({ GRADUATED_LR_FACTOR: () => 1, GRADUATED_DELTA_FACTOR: () => 1 }),
  stepLength: (item) => item.dt,
  defines: () => ({}),
  params: paramLayout({ GRADUATED_LR: (item) => packSchedule(item.lr), GRADUATED_DELTA: (item) => packSchedule(item.delta) }),
  reference: (item, _objective, f, dim) => referenceGraduatedGd(item, f, dim),
  checkRun(_item, objective, _noise, _dim, objectiveDescriptor) {
    if (!objectiveDescriptor.gaussianSmoothing) {
      return `graduated-gd needs an objective whose Gaussian smoothing f_δ has a closed form (tilted-cosine, rastrigin), found ${(objective as { kind: string }).kind}`;
    }
    return undefined;
  },
} satisfies DynamicsDescriptor<GraduatedGdDynamics, unknown, GraduatedGdInput, 'lr' | 'delta'>;
