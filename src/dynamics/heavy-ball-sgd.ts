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
} satisfies DynamicsDescriptor<HeavyBallSgdDynamics, unknown, HeavyBallSgdInput, TwoTimescaleParam>;
