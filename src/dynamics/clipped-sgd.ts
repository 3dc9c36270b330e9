/**
 * Clipped SGD in the two-timescale framework (Xiao, Hu, Toh, arXiv:2307.10053;
 * docs/math.md §5b), φ = the Huber function with threshold c: m ← m − θ(m − g),
 * x ← x − η m·min(1, c/‖m‖) (norm clipping), or with `coordinatewise`
 * x ← x − η clamp(m, −c, c). Its experiment-file format and engine descriptor
 * (the shared parts in ./two-timescale).
 */
import source from '../../shaders/dynamics/clipped-sgd.wgsl?raw';
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { positiveNumber } from '../experiment/numbers';
import { referenceClippedSgd } from '../reference/dynamics/clipped-sgd';
import type { DynamicsDescriptor } from './dynamics-descriptor';
import { twoTimescaleDescriptor, twoTimescaleSchema, type TwoTimescaleBase, type TwoTimescaleParam } from './two-timescale';

/** The clipping threshold c when an item gives none. */
export const DEFAULT_CLIP = 1;

export const clippedSgdSchema = twoTimescaleSchema('clipped-sgd', {
  clip: positiveNumber().default(DEFAULT_CLIP).describe('Clipping threshold c > 0.'),
  coordinatewise: z
    .boolean({ error: (i) => `expected coordinatewise as true or false, found ${describeValue(i.input)}` })
    .default(false)
    .describe('Clamp each coordinate of m to [−c, c] instead of rescaling m to norm ≤ c.'),
});

export type ClippedSgdInput = z.output<typeof clippedSgdSchema>;

export interface ClippedSgdDynamics extends TwoTimescaleBase {
  kind: 'clipped-sgd';
  /** Threshold c > 0: ‖d‖ ≤ c (norm clipping) or |dᵢ| ≤ c (coordinatewise). */
  clip: number;
  /** Clamp each coordinate to [−c, c] instead of rescaling m to norm ≤ c. */
  coordinatewise: boolean;
}

export const clippedSgd = twoTimescaleDescriptor({
  kind: 'clipped-sgd',
  schema: clippedSgdSchema,
  title: 'clipped SGD m ← m − θ(m − g), x ← x − η clip_c(m)',
  contract: { experiment: { objective: { kind: 'weighted-l1', weights: [1, 2] }, noise: { kind: 'gaussian', cov: 1 }, dynamics: [{ kind: 'clipped-sgd', lr: { kind: 'inverse-power', scale: 0.5, power: 0.8, randomScale: [0.5, 1.5] }, theta: { kind: 'inverse-power', scale: 1, power: 0.55 }, clip: 1 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  shader: { path: 'dynamics/clipped-sgd.wgsl', source },
  own: (parsed) => ({ clip: parsed.clip, coordinatewise: parsed.coordinatewise }),
  params: { CLIPPED_SGD_C: (item) => item.clip },
  defines: (item) => ({ CLIP_COORDINATEWISE: item.coordinatewise }),
  reference: referenceClippedSgd,
}) satisfies DynamicsDescriptor<ClippedSgdDynamics, unknown, ClippedSgdInput, TwoTimescaleParam>;
