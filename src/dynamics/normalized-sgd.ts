/**
 * Normalized SGD in the two-timescale framework (Xiao, Hu, Toh, arXiv:2307.10053;
 * MATH.md §5b), φ = ‖·‖₂: m ← m − θ(m − g), x ← x − η m/‖m‖. Where ‖m‖ < 1e-30 the
 * direction is 0 (x stays): 0 lies in ∂‖·‖₂(0), the unit ball, and unlike a random
 * unit vector it draws nothing and keeps an exact stationary point stationary.
 * Its experiment-file format and engine descriptor.
 */
import source from '../../shaders/dynamics/normalized-sgd.wgsl?raw';
import { z } from 'zod';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import { strictObject } from '../experiment/strict-object';
import { referenceNormalizedSgd } from '../reference/dynamics/normalized-sgd';
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

export const normalizedSgdSchema = strictObject({ kind: z.literal('normalized-sgd'), ...twoTimescaleFields() });

export type NormalizedSgdInput = z.output<typeof normalizedSgdSchema>;

export interface NormalizedSgdDynamics extends TwoTimescaleBase {
  kind: 'normalized-sgd';
}

export const normalizedSgdFormat: DynamicsKind<NormalizedSgdInput, NormalizedSgdDynamics, TwoTimescaleParam> = {
  check: (raw, path) => checkTwoTimescale(raw, path),
  params: twoTimescaleParams,
  normalize: (parsed) => ({ kind: 'normalized-sgd', ...twoTimescaleBase(parsed) }),
  withParam: (item, param, value) => withTwoTimescaleParam(item, param, value),
};

export const normalizedSgd = {
  kind: 'normalized-sgd',
  schema: normalizedSgdSchema,
  format: normalizedSgdFormat,
  title: 'normalized SGD m ← m − θ(m − g), x ← x − η m/‖m‖',
  citation: TWO_TIMESCALE_CITATION,
  // A discrete method is its own scheme; the orders are those of its single-timescale ODE limit (as for sgd).
  orders: { weak: 1, strong: 1 },
  shader: { path: 'dynamics/normalized-sgd.wgsl', source },
  usesNoise: true,
  auxWords: twoTimescaleAuxWords,
  stepLength: (item) => item.dt,
  defines: () => ({}),
  pack: (item) => packTwoTimescale(item),
  reference: (item, _objective, _f, dim, noise) => referenceNormalizedSgd(item, dim, noise),
} satisfies DynamicsDescriptor<NormalizedSgdDynamics, unknown, NormalizedSgdInput, TwoTimescaleParam>;
