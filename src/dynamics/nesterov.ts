import source from '../../shaders/dynamics/nesterov.wgsl?raw';
import { z } from 'zod';
import { strictObject } from '../experiment/strict-object';
import { validateWith } from '../experiment/zod-issues';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import type { QuadraticObjective } from '../objectives/quadratic';
import { referenceNesterov } from '../reference/dynamics/nesterov';
import { checkRandomScaleOrder, checkSchedule, packSchedule, scheduleSchema, type Schedule } from '../schedules/schedule';
import { matmul, matvec, symmetrize, transpose, type Matrix } from '../linalg/dense';
import { LABEL_DESCRIPTION, type ClosedFormSeries, type DynamicsDescriptor, type InitialLaw } from './dynamics-descriptor';
import { betaSchema, DEFAULT_HEAVY_BALL_BETA } from './heavy-ball';
import { modelTimeStep } from './model-time';

export const nesterovSchema = strictObject({
  kind: z.literal('nesterov'),
  lr: scheduleSchema.describe('Step size η_k: a number or a schedule.'),
  beta: betaSchema.default(DEFAULT_HEAVY_BALL_BETA).describe('Momentum β in [0, 1).'),
  label: z.string().optional().describe(LABEL_DESCRIPTION),
});

export type NesterovInput = z.output<typeof nesterovSchema>;

export interface NesterovDynamics {
  kind: 'nesterov';
  lr: Schedule;
  beta: number;
  /** Model time per step: lr when it is a number, else 1. */
  dt: number;
  label?: string;
}

export type NesterovParam = 'lr' | 'beta';

export const nesterovFormat: DynamicsKind<NesterovInput, NesterovDynamics, NesterovParam> = {
  check: (raw, path) => checkRandomScaleOrder(raw.lr, [...path, 'lr']),
  params: {
    lr: (value, path) => checkSchedule(value, path),
    beta: (value, path) => validateWith(betaSchema, value, path),
  },
  normalize: (parsed) => ({
    kind: 'nesterov',
    lr: parsed.lr,
    beta: parsed.beta,
    dt: modelTimeStep(parsed.lr),
    ...(parsed.label !== undefined ? { label: parsed.label } : {}),
  }),
  withParam: (item, param, value) =>
    param === 'beta' ? { ...item, beta: value as number } : { ...item, lr: value as Schedule, dt: modelTimeStep(value as Schedule) },
};

/**
 * The exact law of Nesterov's method on f = ½xᵀAx − bᵀx with additive Gaussian
 * gradient noise ζ ~ N(0, Σ) and a constant step: with v_k = x_k − x_{k−1},
 * x_{k+1} = (I − ηA)((1 + β)x_k − βx_{k−1}) + ηb − ηζ_k, linear in the stacked
 * state z = (x_k, x_{k−1}) with x_{−1} = x_0, so z stays Gaussian:
 * m ← M m + c, C ← M C Mᵀ + Q with M = [[(1+β)P, −βP], [I, 0]], P = I − ηA,
 * c = (ηb, 0), Q = [[η²Σ, 0], [0, 0]] — propagated in float64.
 */
export function nesterovQuadraticLaw(objective: QuadraticObjective, initial: InitialLaw, steps: number[], noise: unknown, eta: number, beta: number): ClosedFormSeries | undefined {
  const n = noise as { kind: string; covariance?: number[][] } | undefined;
  if (n && n.kind !== 'none' && n.kind !== 'gaussian') return undefined;
  const A = objective.A;
  const d = A.length;
  const b = objective.b ?? new Array<number>(d).fill(0);
  const P = A.map((row, i) => row.map((a, j) => (i === j ? 1 : 0) - eta * a));
  const M: Matrix = Array.from({ length: 2 * d }, (_, i) =>
    Array.from({ length: 2 * d }, (_, j) => (i < d ? (j < d ? (1 + beta) * P[i][j] : -beta * P[i][j - d]) : j === i - d ? 1 : 0)),
  );
  const MT = transpose(M);
  const offset = [...b.map((v) => eta * v), ...new Array<number>(d).fill(0)];
  let mean = [...initial.mean, ...initial.mean];
  let cov: Matrix = Array.from({ length: 2 * d }, (_, i) => Array.from({ length: 2 * d }, (_, j) => (i % d === j % d ? initial.std[i % d] ** 2 : 0)));
  const result: ClosedFormSeries = { name: "exact law of Nesterov's method (stacked linear recursion)", mean: [], covariance: [] };
  let current = 0;
  for (const step of steps) {
    for (; current < step; current++) {
      mean = matvec(M, mean).map((m, i) => m + offset[i]);
      cov = matmul(matmul(M, cov), MT);
      if (n?.kind === 'gaussian') for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i][j] += eta * eta * n.covariance![i][j];
      cov = symmetrize(cov);
    }
    result.mean.push(mean.slice(0, d));
    result.covariance.push(cov.slice(0, d).map((row) => row.slice(0, d)));
  }
  return result;
}

export const nesterov = {
  kind: 'nesterov',
  schema: nesterovSchema,
  format: nesterovFormat,
  title: 'Nesterov v ← βv − η g(x + βv), x ← x + v',
  contract: { experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: [[0.25, 0.05], [0.05, 0.25]] }, dynamics: [{ kind: 'nesterov', lr: 0.1, beta: 0.5 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  citation: 'Nesterov (1983); docs/math.md §6b',
  orders: { weak: 1, strong: 1 },
  shader: { path: 'dynamics/nesterov.wgsl', source },
  usesNoise: true,
  auxWords: (_item, dim) => dim + 1,
  stepLength: (item) => item.dt,
  defines: () => ({}),
  pack: (item) => [...packSchedule(item.lr), item.beta],
  reference: (item, _objective, _f, dim, noise) => referenceNesterov(item, dim, noise),
  closedForm(item, objective, initial, steps, noise) {
    if (objective.kind !== 'quadratic' || typeof item.lr !== 'number') return undefined;
    return nesterovQuadraticLaw(objective, initial, steps, noise, item.lr, item.beta);
  },
} satisfies DynamicsDescriptor<NesterovDynamics, QuadraticObjective, NesterovInput, NesterovParam>;
