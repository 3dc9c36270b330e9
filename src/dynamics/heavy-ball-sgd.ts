/**
 * Heavy-ball SGD in the two-timescale framework (Xiao, Hu, Toh, arXiv:2307.10053;
 * docs/math.md §5b): m ← m − θ(m − g), x ← x − η m. Classical heavy ball with lr α and
 * momentum β is θ = 1 − β, η = α/(1 − β); θ = 1 is SGD. Its experiment-file format
 * and engine descriptor (the shared parts in ./two-timescale).
 */
import source from '../../shaders/dynamics/heavy-ball-sgd.wgsl?raw';
import type { z } from 'zod';
import type { QuadraticObjective } from '../objectives/quadratic';
import { referenceHeavyBallSgd } from '../reference/dynamics/heavy-ball-sgd';
import type { DynamicsDescriptor } from './dynamics-descriptor';
import { heavyBallQuadraticSeries } from './heavy-ball';
import { constantStep, heavyBallStabilityWarning, topCurvature } from './stability';
import { twoTimescaleDescriptor, twoTimescaleSchema, type TwoTimescaleBase, type TwoTimescaleParam } from './two-timescale';

export const heavyBallSgdSchema = twoTimescaleSchema('heavy-ball-sgd');

export type HeavyBallSgdInput = z.output<typeof heavyBallSgdSchema>;

export interface HeavyBallSgdDynamics extends TwoTimescaleBase {
  kind: 'heavy-ball-sgd';
}

export const heavyBallSgd = {
  ...twoTimescaleDescriptor({
    kind: 'heavy-ball-sgd',
    schema: heavyBallSgdSchema,
    title: 'heavy-ball SGD m ← m − θ(m − g), x ← x − η m',
    contract: { experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: [[0.25, 0.05], [0.05, 0.25]] }, dynamics: [{ kind: 'heavy-ball-sgd', lr: 0.1, theta: 0.5 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
    shader: { path: 'dynamics/heavy-ball-sgd.wgsl', source },
    reference: referenceHeavyBallSgd,
  }),
  /**
   * On a quadratic with Gaussian (or no) noise and constant lr η and theta θ, the method is
   * classical heavy ball x_{k+1} = x_k − ηθ g_k + (1 − θ)(x_k − x_{k−1}) with x_{−1} = x_0
   * (m_0 = 0): eliminate m_{k+1} = −(x_{k+1} − x_k)/η. Its exact Gaussian law comes from the
   * stacked linear recursion (src/oracles/heavy-ball-quadratic.ts) with α = ηθ, β = 1 − θ.
   */
  /** Heavy ball with α = ηθ, β = 1 − θ: stable iff ηθλ_max < 2(2 − θ) (src/dynamics/stability.ts). */
  stabilityWarning(item, objective) {
    const eta = constantStep(item.lr);
    const theta = constantStep(item.theta);
    if (eta === undefined || theta === undefined) return undefined;
    const message = heavyBallStabilityWarning(eta * theta, 1 - theta, topCurvature(objective), `lr = ${eta}, theta = ${theta} (α = ηθ, β = 1 − θ)`, 'heavy-ball-sgd');
    return message ? { field: 'lr', message } : undefined;
  },
  closedForm(item, objective, initial, steps, noise) {
    if (objective.kind !== 'quadratic' || typeof item.lr !== 'number' || typeof item.theta !== 'number') return undefined;
    const name = 'exact law of heavy ball (stacked linear recursion, α = ηθ, β = 1 − θ)';
    return heavyBallQuadraticSeries(name, objective, initial, steps, noise, item.lr * item.theta, 1 - item.theta);
  },
} satisfies DynamicsDescriptor<HeavyBallSgdDynamics, QuadraticObjective, HeavyBallSgdInput, TwoTimescaleParam>;
