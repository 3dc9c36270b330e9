/**
 * Normalized SGD in the two-timescale framework (Xiao, Hu, Toh, arXiv:2307.10053;
 * docs/math.md §5b), φ = ‖·‖₂: m ← m − θ(m − g), x ← x − η m/‖m‖. Where ‖m‖ < 1e-30 the
 * direction is 0 (x stays): 0 lies in ∂‖·‖₂(0), the unit ball, and unlike a random
 * unit vector it draws nothing and keeps an exact stationary point stationary.
 * Its experiment-file format and engine descriptor (the shared parts in ./two-timescale).
 */
import source from '../../shaders/dynamics/normalized-sgd.wgsl?raw';
import type { z } from 'zod';
import { referenceNormalizedSgd } from '../reference/dynamics/normalized-sgd';
import type { DynamicsDescriptor } from './dynamics-descriptor';
import { twoTimescaleDescriptor, twoTimescaleSchema, type TwoTimescaleBase, type TwoTimescaleParam } from './two-timescale';

export const normalizedSgdSchema = twoTimescaleSchema('normalized-sgd');

export type NormalizedSgdInput = z.output<typeof normalizedSgdSchema>;

export interface NormalizedSgdDynamics extends TwoTimescaleBase {
  kind: 'normalized-sgd';
}

export const normalizedSgd = twoTimescaleDescriptor({
  kind: 'normalized-sgd',
  schema: normalizedSgdSchema,
  title: 'normalized SGD m ← m − θ(m − g), x ← x − η m/‖m‖',
  contract: { experiment: { objective: { kind: 'weighted-l1', weights: [1, 2] }, noise: { kind: 'gaussian', cov: 1 }, dynamics: [{ kind: 'normalized-sgd', lr: { kind: 'inverse-power', scale: 0.5, power: 0.8, randomScale: [0.5, 1.5] }, theta: { kind: 'inverse-power', scale: 1, power: 0.55 } }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  shader: { path: 'dynamics/normalized-sgd.wgsl', source },
  reference: referenceNormalizedSgd,
}) satisfies DynamicsDescriptor<NormalizedSgdDynamics, unknown, NormalizedSgdInput, TwoTimescaleParam>;
