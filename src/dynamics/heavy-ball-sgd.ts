/**
 * Heavy-ball SGD in the two-timescale framework (Xiao, Hu, Toh, arXiv:2307.10053;
 * MATH.md §5b): m ← m − θ(m − g), x ← x − η m. Classical heavy ball with lr α and
 * momentum β is θ = 1 − β, η = α/(1 − β); θ = 1 is SGD. Its experiment-file format
 * and engine descriptor.
 */
import source from '../../shaders/dynamics/heavy-ball-sgd.wgsl?raw';
import { z } from 'zod';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import { strictObject } from '../experiment/strict-object';
import type { QuadraticObjective } from '../objectives/quadratic';
import { heavyBallQuadraticLaw } from '../oracles/heavy-ball-quadratic';
import { referenceHeavyBallSgd } from '../reference/dynamics/heavy-ball-sgd';
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

export const heavyBallSgdSchema = strictObject({ kind: z.literal('heavy-ball-sgd'), ...twoTimescaleFields() });

export type HeavyBallSgdInput = z.output<typeof heavyBallSgdSchema>;

export interface HeavyBallSgdDynamics extends TwoTimescaleBase {
  kind: 'heavy-ball-sgd';
}

export const heavyBallSgdFormat: DynamicsKind<HeavyBallSgdInput, HeavyBallSgdDynamics, TwoTimescaleParam> = {
  check: (raw, path) => checkTwoTimescale(raw, path),
  params: twoTimescaleParams,
  normalize: (parsed) => ({ kind: 'heavy-ball-sgd', ...twoTimescaleBase(parsed) }),
  withParam: (item, param, value) => withTwoTimescaleParam(item, param, value),
};

export const heavyBallSgd = {
  kind: 'heavy-ball-sgd',
  schema: heavyBallSgdSchema,
  format: heavyBallSgdFormat,
  title: 'heavy-ball SGD m ← m − θ(m − g), x ← x − η m',
  citation: TWO_TIMESCALE_CITATION,
  // A discrete method is its own scheme; the orders are those of its single-timescale ODE limit (as for sgd).
  orders: { weak: 1, strong: 1 },
  shader: { path: 'dynamics/heavy-ball-sgd.wgsl', source },
  usesNoise: true,
  auxWords: twoTimescaleAuxWords,
  stepLength: (item) => item.dt,
  defines: () => ({}),
  pack: (item) => packTwoTimescale(item),
  reference: (item, _objective, _f, dim, noise) => referenceHeavyBallSgd(item, dim, noise),
  /**
   * On a quadratic with Gaussian (or no) noise and constant lr η and theta θ, the method is
   * classical heavy ball x_{k+1} = x_k − ηθ g_k + (1 − θ)(x_k − x_{k−1}) with x_{−1} = x_0
   * (m_0 = 0): eliminate m_{k+1} = −(x_{k+1} − x_k)/η. Its exact Gaussian law comes from the
   * stacked linear recursion (src/oracles/heavy-ball-quadratic.ts) with α = ηθ, β = 1 − θ.
   */
  closedForm(item, objective, initial, steps, noise) {
    if (objective.kind !== 'quadratic' || typeof item.lr !== 'number' || typeof item.theta !== 'number') return undefined;
    const n = noise as { kind: string; covariance?: number[][] } | undefined;
    if (n && n.kind !== 'none' && n.kind !== 'gaussian') return undefined;
    const cov0 = initial.std.map((s, i) => initial.std.map((_, j) => (i === j ? s * s : 0)));
    const laws = heavyBallQuadraticLaw({
      A: objective.A,
      b: objective.b,
      ...(n?.kind === 'gaussian' ? { Sigma: n.covariance! } : {}),
      eta: item.lr * item.theta,
      beta: 1 - item.theta,
      mean0: initial.mean,
      cov0,
      steps,
    });
    return { name: 'exact law of heavy ball (stacked linear recursion, α = ηθ, β = 1 − θ)', mean: laws.map((l) => l.mean), covariance: laws.map((l) => l.cov) };
  },
} satisfies DynamicsDescriptor<HeavyBallSgdDynamics, QuadraticObjective, HeavyBallSgdInput, TwoTimescaleParam>;
