/**
 * Stochastic gradient descent x_{k+1} = x_k − η_k r g_k: its experiment-file
 * format and engine descriptor. The gradient g_k comes from the experiment's
 * `noise` (exact, Gaussian, mini-batch); `lr` is a number or a schedule.
 */
import source from '../../shaders/dynamics/sgd.wgsl?raw';
import { z } from 'zod';
import { strictObject } from '../experiment/strict-object';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import { emQuadraticLaw } from '../oracles';
import { referenceSgd } from '../reference/dynamics/sgd';
import { checkRandomScaleOrder, checkSchedule, packSchedule, scheduleSchema, type Schedule } from '../schedules/schedule';
import type { QuadraticObjective } from '../objectives/quadratic';
import { LABEL_DESCRIPTION, type DynamicsDescriptor } from './dynamics-descriptor';
import { modelTimeStep } from './model-time';
import { constantStep, heavyBallStabilityWarning, topCurvature } from './stability';
import { paramLayout, wordLayout } from '../compose/param-layout';

export const sgdSchema = strictObject({
  kind: z.literal('sgd'),
  lr: scheduleSchema.describe('Step size η_k: a number or a schedule.'),
  label: z.string().optional().describe(LABEL_DESCRIPTION),
});

export type SgdInput = z.output<typeof sgdSchema>;

export interface SgdDynamics {
  kind: 'sgd';
  lr: Schedule;
  /** Model time per step: lr when it is a number, else 1 (t counts steps). */
  dt: number;
  label?: string;
}

export const sgdFormat: DynamicsKind<SgdInput, SgdDynamics, 'lr'> = {
  check: (raw, path) => checkRandomScaleOrder(raw.lr, [...path, 'lr']),
  params: { lr: (value, path) => checkSchedule(value, path) },
  normalize: (parsed) => ({ kind: 'sgd', lr: parsed.lr, dt: modelTimeStep(parsed.lr), ...(parsed.label !== undefined ? { label: parsed.label } : {}) }),
  withParam: (item, _param, value) => ({ ...item, lr: value as Schedule, dt: modelTimeStep(value as Schedule) }),
};

export const sgd = {
  kind: 'sgd',
  schema: sgdSchema,
  format: sgdFormat,
  title: 'SGD x ← x − η g',
  contract: { experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: [[0.25, 0.05], [0.05, 0.25]] }, dynamics: [{ kind: 'sgd', lr: 0.1 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  citation: 'Robbins & Monro (1951); discrete Lyapunov law on quadratics: docs/math.md §6',
  orders: () => ({ weak: 1, strong: 1 }),
  shader: { path: 'dynamics/sgd.wgsl', source },
  usesNoise: true,
  stabilityWarning(item, objective) {
    const eta = constantStep(item.lr);
    const message = eta === undefined ? undefined : heavyBallStabilityWarning(eta, 0, topCurvature(objective), `lr = ${eta}`, 'sgd');
    return message ? { field: 'lr', message } : undefined;
  },
  aux: wordLayout({ SGD_LR_FACTOR: () => 1 }),
  stepLength: (item) => item.dt,
  defines: () => ({}),
  params: paramLayout({ SGD_LR: (item) => packSchedule(item.lr) }),
  // With Gaussian noise, step k moves by −η L z_k: its SDE models use the same z_k (lib/sgd_model.wgsl).
  noiseCoupling: (item) => (typeof item.lr === 'number' ? `SGD noise z_k per step of lr = ${item.lr}` : undefined),
  reference: (item, _objective, _f, dim, noise) => referenceSgd(item, dim, noise),
  /**
   * On a quadratic with Gaussian (or no) noise and a constant lr, SGD is the linear
   * recursion x' = (I − ηA)x + ηb − ηζ: its law is Euler–Maruyama's for the OU
   * process with dt = η and diffusion G = ηΣ (docs/math.md §6, discrete Lyapunov).
   */
  closedForm(item, objective, initial, steps, noise) {
    if (objective.kind !== 'quadratic' || typeof item.lr !== 'number') return undefined;
    const n = noise as { kind: string; covariance?: number[][] } | undefined;
    if (n && n.kind !== 'none' && n.kind !== 'gaussian') return undefined;
    const dim = objective.A.length;
    const eta = item.lr;
    const G = n?.kind === 'gaussian' ? n.covariance!.map((row) => row.map((v) => eta * v)) : objective.A.map((row) => row.map(() => 0));
    const cov0 = initial.std.map((s, i) => initial.std.map((_, j) => (i === j ? s * s : 0)));
    const laws = emQuadraticLaw({ A: objective.A, b: objective.b, G, dt: eta, mean0: initial.mean, cov0, steps });
    void dim;
    return { name: 'discrete Lyapunov law of SGD', mean: laws.map((l) => l.mean), covariance: laws.map((l) => l.cov) };
  },
} satisfies DynamicsDescriptor<SgdDynamics, QuadraticObjective, SgdInput, 'lr'>;
