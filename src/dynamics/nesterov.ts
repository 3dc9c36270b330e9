/**
 * Nesterov's accelerated gradient v_{k+1} = βv_k − η_k r g(x_k + βv_k),
 * x_{k+1} = x_k + v_{k+1}, v_0 = 0 (docs/math.md §6b): its experiment-file format
 * (heavy-ball's fields) and engine descriptor. The gradient comes from the
 * experiment's `noise`, taken at the look-ahead point.
 */
import source from '../../shaders/dynamics/nesterov.wgsl?raw';
import type { z } from 'zod';
import type { QuadraticObjective } from '../objectives/quadratic';
import { referenceNesterov } from '../reference/dynamics/nesterov';
import type { DynamicsDescriptor } from './dynamics-descriptor';
import { heavyBallQuadraticSeries, momentumAux, momentumFormat, momentumParams, momentumSchema, type MomentumDynamics, type MomentumParam } from './heavy-ball';

export const nesterovSchema = momentumSchema('nesterov');

export type NesterovInput = z.output<typeof nesterovSchema>;

/** A normalized nesterov item (the same fields as heavy-ball's). */
export type NesterovDynamics = MomentumDynamics<'nesterov'>;

export type NesterovParam = MomentumParam;

export const nesterovFormat = momentumFormat('nesterov');

export const nesterov = {
  kind: 'nesterov',
  schema: nesterovSchema,
  format: nesterovFormat,
  title: 'Nesterov v ← βv − η g(x + βv), x ← x + v',
  contract: { experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: [[0.25, 0.05], [0.05, 0.25]] }, dynamics: [{ kind: 'nesterov', lr: 0.1, beta: 0.5 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  citation: 'Nesterov (1983); docs/math.md §6b',
  orders: () => ({ weak: 1, strong: 1 }),
  shader: { path: 'dynamics/nesterov.wgsl', source },
  usesNoise: true,
  aux: momentumAux,
  stepLength: (item) => item.dt,
  defines: () => ({}),
  params: momentumParams,
  reference: (item, _objective, _f, dim, noise) => referenceNesterov(item, dim, noise),
  /** The exact law on a quadratic with Gaussian (or no) noise: heavy-ball's stacked recursion with the look-ahead gradient (docs/math.md §6b). */
  closedForm(item, objective, initial, steps, noise) {
    if (objective.kind !== 'quadratic' || typeof item.lr !== 'number') return undefined;
    return heavyBallQuadraticSeries("exact law of Nesterov's method (stacked linear recursion)", objective, initial, steps, noise, item.lr, item.beta, true);
  },
} satisfies DynamicsDescriptor<NesterovDynamics, QuadraticObjective, NesterovInput, NesterovParam>;
