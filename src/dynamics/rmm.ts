/**
 * The randomized minimizing movement (docs/math.md §1b; Domínguez Corella & Hernández,
 * arXiv:2407.07556): x_{k+1} = prox_{h F_{B_k}}(x_k) with B_k drawn like the
 * mini-batch flow's (the same batch at step k). Quadratic batches use
 * (I + hQ_B)⁻¹ precomputed in float64; nonsmooth components (b = 1) their
 * proximal maps (soft threshold with the scaling rule prox_{h·f/q} = prox_{(h/q)·f},
 * projections). Model time = step × h.
 */
import source from '../../shaders/dynamics/rmm.wgsl?raw';
import { z } from 'zod';
import type { QuadraticSumObjective } from '../objectives/quadratic-sum';
import { referenceRmm } from '../reference/dynamics/rmm';
import { fullFlowLaw, batchRunProblem, batchSizeOf, cachedBatchMaps, batchRunAux, batchRunParams, stepLengthItem, type StepLengthDynamics } from './batch-flow';
import type { DynamicsDescriptor } from './dynamics-descriptor';

const rmmItem = stepLengthItem('rmm');
export const rmmSchema = rmmItem.schema;
export const rmmFormat = rmmItem.format;
export type RmmInput = z.output<typeof rmmSchema>;
export type RmmDynamics = StepLengthDynamics<'rmm'>;

export const rmm = {
  kind: 'rmm',
  schema: rmmSchema,
  format: rmmFormat,
  title: 'randomized minimizing movement x ← prox_{h F_B}(x)',
  contract: {
    experiment: { objective: { kind: 'quadratic-sum', components: [{ A: [[1, 0], [0, 2]], c: [1, 0] }, { A: [[3, 1], [1, 1]], c: [-1, 1] }] }, noise: { kind: 'minibatch', batchSize: 1 }, dynamics: [{ kind: 'rmm', h: 0.1 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } },
    // The bias O(h) against the full flow, beside a √h spread: enough trajectories that it is resolved at every h (GPU).
    orderSweeps: [{ experiment: { objective: { kind: 'quadratic-sum', components: [{ A: [[1, 0], [0, 2]], c: [1, 0] }, { A: [[3, 1], [1, 1]], c: [-1, 1] }] }, noise: { kind: 'minibatch', batchSize: 1 }, dynamics: [{ kind: 'rmm', h: 0.05 }], x0: [1, -1], horizon: 0.8, sweep: { h: [0.05, 0.025, 0.0125, 0.00625] } }, trajectories: 16384 }],
  },
  citation: 'Domínguez Corella & Hernández, Mini-batch descent in semiflows, arXiv:2407.07556 (RMM scheme); docs/math.md §1b',
  // Implicit Euler on random sub-losses: O(h) bias plus the switching's O(h) mean-square error.
  orders: () => ({ weak: 1, strong: 0.5 }),
  shader: { path: 'dynamics/rmm.wgsl', source },
  usesNoise: true,
  stateInStorage: true,
  // [unused, scratch of d words for the products].
  aux: batchRunAux,
  stepLength: (item) => item.h,
  /** The full gradient flow's law (smooth sums): errors and their slopes in h are measured against it. */
  limitLaw: (item, objective, initial, times) => fullFlowLaw(objective, item.h, initial, times),
  defines: () => ({}),
  checkRun: (_item, objective, noise, dim) => batchRunProblem('rmm', objective, noise, dim, 'prox'),
  params: batchRunParams<RmmDynamics>(() => 'prox', (objective, noise) => batchSizeOf(noise, objective.components.length)),
  reference(item, objective, _f, dim, _noise, noiseSpec) {
    const n = objective.components.length;
    const b = batchSizeOf(noiseSpec, n);
    return referenceRmm(item, cachedBatchMaps(objective, b, dim, 'prox', item.h), n, b, dim);
  },
} satisfies DynamicsDescriptor<RmmDynamics, QuadraticSumObjective, RmmInput, 'h'>;
