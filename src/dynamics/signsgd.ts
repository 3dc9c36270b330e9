/**
 * SignSGD / Signum in the two-timescale framework (Xiao, Hu, Toh, arXiv:2307.10053;
 * docs/math.md §5b), φ = ‖·‖₁: m ← m − θ(m − g), x ← x − η sign(m); θ = 1 is plain
 * SignSGD. sign(0) = 0, a valid element of ∂‖·‖₁(0) = [−1, 1]^d. Its experiment-file
 * format and engine descriptor (the shared parts in ./two-timescale).
 */
import source from '../../shaders/dynamics/signsgd.wgsl?raw';
import type { z } from 'zod';
import { referenceSignSgd } from '../reference/dynamics/signsgd';
import type { DynamicsDescriptor } from './dynamics-descriptor';
import { twoTimescaleDescriptor, twoTimescaleSchema, type TwoTimescaleBase, type TwoTimescaleParam } from './two-timescale';

export const signSgdSchema = twoTimescaleSchema('signsgd');

export type SignSgdInput = z.output<typeof signSgdSchema>;

export interface SignSgdDynamics extends TwoTimescaleBase {
  kind: 'signsgd';
}

export const signSgd = twoTimescaleDescriptor({
  kind: 'signsgd',
  schema: signSgdSchema,
  title: 'SignSGD m ← m − θ(m − g), x ← x − η sign(m)',
  contract: { experiment: { objective: { kind: 'weighted-l1', weights: [1, 2] }, noise: { kind: 'gaussian', cov: 1 }, dynamics: [{ kind: 'signsgd', lr: { kind: 'inverse-power', scale: 0.5, power: 0.8, randomScale: [0.5, 1.5] }, theta: { kind: 'inverse-power', scale: 1, power: 0.55 } }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  shader: { path: 'dynamics/signsgd.wgsl', source },
  reference: referenceSignSgd,
}) satisfies DynamicsDescriptor<SignSgdDynamics, unknown, SignSgdInput, TwoTimescaleParam>;
