/**
 * The full gradient flow u′ = −∇F(u) of a smooth quadratic sum, exact at the
 * grid times: u ← e^{−hQ}u + hφ₁(−hQ)q with Q, q of F = Σ wᵢfᵢ, precomputed in
 * float64. The reference the mini-batch flow converges to (docs/math.md §1c): a
 * noise-free model, so it runs beside the flows in a file whose mini-batch noise
 * drives them, and uses every component at every instant.
 */
import source from '../../shaders/dynamics/full-flow.wgsl?raw';
import { z } from 'zod';
import type { QuadraticSumObjective } from '../objectives/quadratic-sum';
import { referenceFullFlow } from '../reference/dynamics/full-flow';
import { fullFlowLaw, batchRunProblem, cachedBatchMaps, batchRunAux, batchRunParams, stepLengthItem, type StepLengthDynamics } from './batch-flow';
import type { DynamicsDescriptor } from './dynamics-descriptor';

const fullFlowItem = stepLengthItem('full-flow');
export const fullFlowSchema = fullFlowItem.schema;
export const fullFlowFormat = fullFlowItem.format;
export type FullFlowInput = z.output<typeof fullFlowSchema>;
export type FullFlowDynamics = StepLengthDynamics<'full-flow'>;

export const fullFlow = {
  kind: 'full-flow',
  schema: fullFlowSchema,
  format: fullFlowFormat,
  title: 'full gradient flow u′ = −∇F(u), exact (e^{−hQ})',
  contract: {
    experiment: { objective: { kind: 'quadratic-sum', components: [{ A: [[1, 0], [0, 2]], c: [1, 0] }, { A: [[3, 1], [1, 1]], c: [-1, 1] }] }, dynamics: [{ kind: 'full-flow', h: 0.1 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } },
    // Exact at every h: no model error beyond the Monte Carlo noise of the random starts.
    orderSweeps: [{ experiment: { objective: { kind: 'quadratic-sum', components: [{ A: [[1, 0], [0, 2]], c: [1, 0] }, { A: [[3, 1], [1, 1]], c: [-1, 1] }] }, dynamics: [{ kind: 'full-flow', h: 0.1 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 }, horizon: 0.8, sweep: { h: [0.1, 0.05, 0.025] } }, trajectories: 1024, float64: true }],
  },
  citation: 'gradient flow of the whole loss, the limit of the mini-batch flow (docs/math.md §1c)',
  orders: () => ({ weak: Infinity, strong: Infinity }),
  shader: { path: 'dynamics/full-flow.wgsl', source },
  usesNoise: false,
  noiseFreeModel: true,
  stateInStorage: true,
  // [unused, scratch of d words for the products].
  aux: batchRunAux,
  stepLength: (item) => item.h,
  /** The full gradient flow's law (smooth sums): errors and their slopes in h are measured against it. */
  limitLaw: (item, objective, initial, times) => fullFlowLaw(objective, item.h, initial, times),
  defines: () => ({}),
  checkRun: (_item, objective, noise, dim) => batchRunProblem('full-flow', objective, noise, dim, 'flow', true),
  params: batchRunParams<FullFlowDynamics>(() => 'flow', (objective) => objective.components.length),
  reference: (item, objective, _f, dim) => referenceFullFlow(cachedBatchMaps(objective, objective.components.length, dim, 'flow', item.h), dim),
} satisfies DynamicsDescriptor<FullFlowDynamics, QuadraticSumObjective, FullFlowInput, 'h'>;
