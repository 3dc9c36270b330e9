/**
 * The mini-batch descent flow (docs/math.md §1c; Domínguez Corella & Hernández,
 * arXiv:2407.07556): on each interval the state follows the exact gradient flow
 * of a random sub-loss F_B = (n/b) Σ_{i∈B} wᵢfᵢ. `switching: "fixed"` (the paper's):
 * intervals of length h, batch B_k drawn afresh at step k (the same batch SGD with
 * mini-batch noise draws at step k). `"exponential"`: the batch is redrawn at the
 * jumps of a Poisson clock of rate 1/h (Latz's stochastic gradient process); one step
 * still advances the model time by h, and the clock restarts at each step (the
 * exponential law is memoryless, so the switching law is unchanged).
 * Pieces are exact: quadratic batches by host-precomputed e^{−hQ_B} (fixed) or by
 * Q_B's eigendecomposition for pieces of random length (exponential), nonsmooth
 * components by their flows' closed forms (soft threshold, projection).
 */
import source from '../../shaders/dynamics/minibatch-flow.wgsl?raw';
import { z } from 'zod';
import { strictObject } from '../experiment/strict-object';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import type { QuadraticSumObjective } from '../objectives/quadratic-sum';
import { referenceMinibatchFlow } from '../reference/dynamics/minibatch-flow';
import { fullFlowLaw, MAX_SWITCHES_PER_STEP, batchRunProblem, batchSizeOf, cachedBatchMaps, checkStepLength, batchRunParams, switchingBatchRunAux, stepLengthSchema, switchingSchema } from './batch-flow';
import { LABEL_DESCRIPTION, type DynamicsDescriptor } from './dynamics-descriptor';

export const minibatchFlowSchema = strictObject({
  kind: z.literal('minibatch-flow'),
  h: stepLengthSchema.describe('Interval length h: model time per step.'),
  switching: switchingSchema.describe(
    '"fixed": a fresh batch on every interval of length h; "exponential": the batch is redrawn at the jumps of a Poisson clock of rate 1/h.',
  ),
  label: z.string().optional().describe(LABEL_DESCRIPTION),
});

export type MinibatchFlowInput = z.output<typeof minibatchFlowSchema>;

export interface MinibatchFlowDynamics {
  kind: 'minibatch-flow';
  h: number;
  switching: 'fixed' | 'exponential';
  /** = h: model time per step. */
  dt: number;
  label?: string;
}

export const minibatchFlowFormat: DynamicsKind<MinibatchFlowInput, MinibatchFlowDynamics, 'h'> = {
  check: () => [],
  params: { h: checkStepLength },
  normalize: (p) => ({ kind: 'minibatch-flow', h: p.h, switching: p.switching, dt: p.h, ...(p.label !== undefined ? { label: p.label } : {}) }),
  withParam: (item, _param, value) => ({ ...item, h: value as number, dt: value as number }),
};

const mode = (item: MinibatchFlowDynamics) => (item.switching === 'exponential' ? 'spectral' : 'flow');

export const minibatchFlow = {
  kind: 'minibatch-flow',
  schema: minibatchFlowSchema,
  format: minibatchFlowFormat,
  title: 'mini-batch descent flow v′ = −∇F_B(v), B redrawn every h (fixed) or at Poisson times (exponential)',
  contract: {
    experiment: { objective: { kind: 'quadratic-sum', components: [{ A: [[1, 0], [0, 2]], c: [1, 0] }, { A: [[3, 1], [1, 1]], c: [-1, 1] }] }, noise: { kind: 'minibatch', batchSize: 1 }, dynamics: [{ kind: 'minibatch-flow', h: 0.1, switching: 'exponential' }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } },
    // The bias O(h) against the full flow, beside a √h spread: enough trajectories that it is resolved at every h (GPU).
    orderSweeps: [{ experiment: { objective: { kind: 'quadratic-sum', components: [{ A: [[1, 0], [0, 2]], c: [1, 0] }, { A: [[3, 1], [1, 1]], c: [-1, 1] }] }, noise: { kind: 'minibatch', batchSize: 1 }, dynamics: [{ kind: 'minibatch-flow', h: 0.05, switching: 'exponential' }], x0: [1, -1], horizon: 0.8, sweep: { h: [0.05, 0.025, 0.0125, 0.00625] } }, trajectories: 16384 }],
  },
  citation: 'Domínguez Corella & Hernández, Mini-batch descent in semiflows, arXiv:2407.07556 (ESAIM: COCV 31, 2025); docs/math.md §1c',
  // Exact per piece: the only error against the full flow is the switching's, O(h) in mean square (docs/math.md §1c).
  orders: () => ({ weak: 1, strong: 0.5 }),
  shader: { path: 'dynamics/minibatch-flow.wgsl', source },
  usesNoise: true,
  stateInStorage: true,
  // [batch rank in force (exponential switching), scratch of d words for the products].
  aux: switchingBatchRunAux,
  stepLength: (item) => item.h,
  /** The full gradient flow's law (smooth sums): errors and their slopes in h are measured against it. */
  limitLaw: (item, objective, initial, times) => fullFlowLaw(objective, item.h, initial, times),
  defines: (item) => ({ SWITCHING_EXPONENTIAL: item.switching === 'exponential' }),
  checkRun: (item, objective, noise, dim) => batchRunProblem('minibatch-flow', objective, noise, dim, mode(item)),
  params: batchRunParams<MinibatchFlowDynamics>(mode, (objective, noise) => batchSizeOf(noise, objective.components.length), { FLOW_MAX_SWITCHES: MAX_SWITCHES_PER_STEP }),
  reference(item, objective, _f, dim, _noise, noiseSpec) {
    const n = objective.components.length;
    const b = batchSizeOf(noiseSpec, n);
    return referenceMinibatchFlow(item, cachedBatchMaps(objective, b, dim, mode(item), item.h), n, b, dim);
  },
} satisfies DynamicsDescriptor<MinibatchFlowDynamics, QuadraticSumObjective, MinibatchFlowInput, 'h'>;
