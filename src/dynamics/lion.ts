/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms",
 * arXiv:2302.06675, Algorithm 2), as a member of the two-timescale framework of
 * Xiao, Hu, Toh (arXiv:2307.10053; docs/math.md §5b): c = β₁m + (1 − β₁)g,
 * x ← x − η(sign(c) + λx), m ← β₂m + (1 − β₂)g, with θ = 1 − β₂ the fast step
 * (`theta`, default 0.01, i.e. β₂ = 0.99). Its experiment-file format and engine
 * descriptor (the shared parts in ./two-timescale).
 */
import source from '../../shaders/dynamics/lion.wgsl?raw';
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { nonNegativeNumber } from '../experiment/numbers';
import { referenceLion } from '../reference/dynamics/lion';
import type { DynamicsDescriptor } from './dynamics-descriptor';
import { twoTimescaleDescriptor, twoTimescaleSchema, type TwoTimescaleBase, type TwoTimescaleParam } from './two-timescale';

/** Lion's defaults (Chen et al. 2023): β₁ = 0.9, β₂ = 0.99 (θ = 0.01), no weight decay. */
export const DEFAULT_LION_BETA1 = 0.9;
export const DEFAULT_LION_THETA = 0.01;
export const DEFAULT_LION_WEIGHT_DECAY = 0;

const expectBeta1 = { error: (i: { input?: unknown }) => `expected beta1 as a number in [0, 1], found ${describeValue(i.input)}` };

export const lionSchema = twoTimescaleSchema(
  'lion',
  {
    beta1: z
      .number(expectBeta1)
      .min(0, expectBeta1)
      .max(1, expectBeta1)
      .default(DEFAULT_LION_BETA1)
      .describe('β₁ of the update direction c = β₁m + (1 − β₁)g.'),
    weightDecay: nonNegativeNumber().default(DEFAULT_LION_WEIGHT_DECAY).describe('Decoupled weight decay λ: x ← x − η(sign(c) + λx).'),
  },
  DEFAULT_LION_THETA,
);

export type LionInput = z.output<typeof lionSchema>;

export interface LionDynamics extends TwoTimescaleBase {
  kind: 'lion';
  /** β₁ ∈ [0, 1]: the weight of m in the interpolation whose sign is the step. */
  beta1: number;
  /** λ ≥ 0: decoupled weight decay, x ← x − ηλx. */
  weightDecay: number;
}

export const lion = twoTimescaleDescriptor({
  kind: 'lion',
  schema: lionSchema,
  title: 'Lion x ← x − η(sign(β₁m + (1 − β₁)g) + λx), m ← m − θ(m − g)',
  contract: { experiment: { objective: { kind: 'weighted-l1', weights: [1, 2] }, noise: { kind: 'gaussian', cov: 1 }, dynamics: [{ kind: 'lion', lr: { kind: 'inverse-power', scale: 0.5, power: 0.8, randomScale: [0.5, 1.5] }, theta: { kind: 'inverse-power', scale: 1, power: 0.55 }, beta1: 0.9 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  citation: 'Chen et al. (2023), arXiv:2302.06675, Algorithm 2, as a two-timescale method of Xiao, Hu, Toh, arXiv:2307.10053 (docs/math.md §5b)',
  shader: { path: 'dynamics/lion.wgsl', source },
  own: (parsed) => ({ beta1: parsed.beta1, weightDecay: parsed.weightDecay }),
  // 1 − β₁ is formed in float64 here, so the shader does not round it.
  params: { LION_BETA1: (item) => item.beta1, LION_ONE_MINUS_BETA1: (item) => 1 - item.beta1, LION_WEIGHT_DECAY: (item) => item.weightDecay },
  reference: referenceLion,
}) satisfies DynamicsDescriptor<LionDynamics, unknown, LionInput, TwoTimescaleParam>;
