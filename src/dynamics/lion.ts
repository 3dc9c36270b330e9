/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms",
 * arXiv:2302.06675, Algorithm 2), as a member of the two-timescale framework of
 * Xiao, Hu, Toh (arXiv:2307.10053; MATH.md §5b): c = β₁m + (1 − β₁)g,
 * x ← x − η(sign(c) + λx), m ← β₂m + (1 − β₂)g, with θ = 1 − β₂ the fast step
 * (`theta`, default 0.01, i.e. β₂ = 0.99). Its experiment-file format and engine
 * descriptor.
 */
import source from '../../shaders/dynamics/lion.wgsl?raw';
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import { nonNegativeNumber } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';
import { referenceLion } from '../reference/dynamics/lion';
import type { DynamicsDescriptor } from './dynamics-descriptor';
import {
  checkTwoTimescale,
  packTwoTimescale,
  TWO_TIMESCALE_CITATION,
  twoTimescaleAuxWords,
  twoTimescaleBase,
  twoTimescaleFields,
  twoTimescaleParams,
  withTwoTimescaleParam,
  type TwoTimescaleBase,
  type TwoTimescaleParam,
} from './two-timescale';

/** Lion's defaults (Chen et al. 2023): β₁ = 0.9, β₂ = 0.99 (θ = 0.01), no weight decay. */
export const DEFAULT_LION_BETA1 = 0.9;
export const DEFAULT_LION_THETA = 0.01;
export const DEFAULT_LION_WEIGHT_DECAY = 0;

export const lionSchema = strictObject({
  kind: z.literal('lion'),
  ...twoTimescaleFields(DEFAULT_LION_THETA),
  beta1: z
    .number({ error: (i) => `expected beta1 as a number in [0, 1], found ${describeValue(i.input)}` })
    .min(0, { error: (i) => `expected beta1 as a number in [0, 1], found ${describeValue(i.input)}` })
    .max(1, { error: (i) => `expected beta1 as a number in [0, 1], found ${describeValue(i.input)}` })
    .default(DEFAULT_LION_BETA1),
  weightDecay: nonNegativeNumber().default(DEFAULT_LION_WEIGHT_DECAY),
});

export type LionInput = z.output<typeof lionSchema>;

export interface LionDynamics extends TwoTimescaleBase {
  kind: 'lion';
  /** β₁ ∈ [0, 1]: the weight of m in the interpolation whose sign is the step. */
  beta1: number;
  /** λ ≥ 0: decoupled weight decay, x ← x − ηλx. */
  weightDecay: number;
}

export const lionFormat: DynamicsKind<LionInput, LionDynamics, TwoTimescaleParam> = {
  check: (raw, path) => checkTwoTimescale(raw, path),
  params: twoTimescaleParams,
  normalize: (parsed) => ({ kind: 'lion', ...twoTimescaleBase(parsed), beta1: parsed.beta1, weightDecay: parsed.weightDecay }),
  withParam: (item, param, value) => withTwoTimescaleParam(item, param, value),
};

export const lion = {
  kind: 'lion',
  schema: lionSchema,
  format: lionFormat,
  title: 'Lion x ← x − η(sign(β₁m + (1 − β₁)g) + λx), m ← m − θ(m − g)',
  citation: 'Chen et al. (2023), arXiv:2302.06675, Algorithm 2, as a two-timescale method of Xiao, Hu, Toh, arXiv:2307.10053 (MATH.md §5b)',
  // A discrete method is its own scheme; the orders are those of its single-timescale ODE limit (as for sgd).
  orders: { weak: 1, strong: 1 },
  shader: { path: 'dynamics/lion.wgsl', source },
  usesNoise: true,
  auxWords: twoTimescaleAuxWords,
  stepLength: (item) => item.dt,
  defines: () => ({}),
  // 1 − β₁ is formed in float64 here, so the shader does not round it.
  pack: (item) => packTwoTimescale(item, [item.beta1, 1 - item.beta1, item.weightDecay]),
  reference: (item, _objective, _f, dim, noise) => referenceLion(item, dim, noise),
} satisfies DynamicsDescriptor<LionDynamics, unknown, LionInput, TwoTimescaleParam>;
