/**
 * Huber regression, a finite sum f(x) = (1/N) Σ_i h_δ(a_iᵀx − y_i) with
 * h_δ(r) = ½r² for |r| ≤ δ, else δ(|r| − ½δ) (Huber 1964): least squares near
 * the fit, absolute deviation in the tails, so outliers pull with bounded force.
 * Its experiment-file format and engine descriptor.
 *
 * File forms (the design fields of least squares):
 * - `{ "kind": "huber", "data": { "A": [[…], …], "y": […] }, "delta"?: δ }`;
 * - `{ "kind": "huber", "generate": { "samples": N, "features": d, "noise": s, "seed": … }, "delta"?: δ }`:
 *   a_i ~ N(0, I_d), x_true ~ N(0, I_d), y_i = a_iᵀx_true + s·ε_i
 *   (src/objectives/finite-sum-data.ts says how the draws are made).
 */
import source from '../../shaders/objectives/huber.wgsl?raw';
import { z } from 'zod';
import { positiveNumber } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';
import { referenceHuber } from '../reference/objectives/huber';
import { checkDesign, designData, designDimension, designFields, designLayout, type Design } from './finite-sum-data';
import type { ObjectiveDescriptor } from './objective-descriptor';
import { paramLayout } from '../compose/param-layout';

// ---- experiment-file format

export const huberObjectiveSchema = strictObject({
  kind: z.literal('huber'),
  ...designFields,
  delta: positiveNumber().default(1).describe('δ > 0 where the loss turns from quadratic to linear in the residual.'),
});

export type HuberObjectiveInput = z.output<typeof huberObjectiveSchema>;

/** A normalized Huber objective: N × d features A, N targets y, threshold δ. */
export interface HuberObjective extends Design {
  kind: 'huber';
  delta: number;
}

export const huberFormat: ObjectiveKind<HuberObjectiveInput, HuberObjective> = {
  check: (raw, path) => checkDesign(raw, path, 'target'),
  dimension: designDimension,
  normalize(parsed) {
    const { A, y, generated } = designData(parsed, Math.fround);
    return { kind: 'huber', A, y, delta: parsed.delta, ...(generated ? { generated } : {}) };
  },
};

// ---- engine descriptor

export const huber = {
  kind: 'huber',
  schema: huberObjectiveSchema,
  format: huberFormat,
  title: 'Huber regression (1/N) Σ h_δ(aᵢᵀx − yᵢ)',
  contract: { experiment: { objective: { kind: 'huber', delta: 0.5, generate: { samples: 32, features: 3, noise: 1, seed: 1 } }, noise: { kind: 'minibatch', batchSize: 4 }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: [0, 0, 0] } },
  shader: { path: 'objectives/huber.wgsl', source },
  params: paramLayout({ HUBER_DELTA: (o: HuberObjective) => o.delta }),
  ...designLayout,
  reference: (o: HuberObjective, dim: number) => referenceHuber(o, dim),
} satisfies ObjectiveDescriptor<HuberObjective, HuberObjectiveInput>;
