/**
 * SignSGD / Signum in the two-timescale framework (Xiao, Hu, Toh, arXiv:2307.10053;
 * MATH.md §5b), φ = ‖·‖₁: m ← m − θ(m − g), x ← x − η sign(m); θ = 1 is plain
 * SignSGD. sign(0) = 0, a valid element of ∂‖·‖₁(0) = [−1, 1]^d. Its experiment-file
 * format and engine descriptor.
 */
import source from '../../shaders/dynamics/signsgd.wgsl?raw';
import { z } from 'zod';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import { strictObject } from '../experiment/strict-object';
import { referenceSignSgd } from '../reference/dynamics/signsgd';
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

export const signSgdSchema = strictObject({ kind: z.literal('signsgd'), ...twoTimescaleFields() });

export type SignSgdInput = z.output<typeof signSgdSchema>;

export interface SignSgdDynamics extends TwoTimescaleBase {
  kind: 'signsgd';
}

export const signSgdFormat: DynamicsKind<SignSgdInput, SignSgdDynamics, TwoTimescaleParam> = {
  check: (raw, path) => checkTwoTimescale(raw, path),
  params: twoTimescaleParams,
  normalize: (parsed) => ({ kind: 'signsgd', ...twoTimescaleBase(parsed) }),
  withParam: (item, param, value) => withTwoTimescaleParam(item, param, value),
};

export const signSgd = {
  kind: 'signsgd',
  schema: signSgdSchema,
  format: signSgdFormat,
  title: 'SignSGD m ← m − θ(m − g), x ← x − η sign(m)',
  citation: TWO_TIMESCALE_CITATION,
  // A discrete method is its own scheme; the orders are those of its single-timescale ODE limit (as for sgd).
  orders: { weak: 1, strong: 1 },
  shader: { path: 'dynamics/signsgd.wgsl', source },
  usesNoise: true,
  auxWords: twoTimescaleAuxWords,
  stepLength: (item) => item.dt,
  defines: () => ({}),
  pack: (item) => packTwoTimescale(item),
  reference: (item, _objective, _f, dim, noise) => referenceSignSgd(item, dim, noise),
} satisfies DynamicsDescriptor<SignSgdDynamics, unknown, SignSgdInput, TwoTimescaleParam>;
