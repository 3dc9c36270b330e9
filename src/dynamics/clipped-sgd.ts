/**
 * Clipped SGD in the two-timescale framework (Xiao, Hu, Toh, arXiv:2307.10053;
 * MATH.md §5b), φ = the Huber function with threshold c: m ← m − θ(m − g),
 * x ← x − η m·min(1, c/‖m‖) (norm clipping), or with `coordinatewise`
 * x ← x − η clamp(m, −c, c). Its experiment-file format and engine descriptor.
 */
import source from '../../shaders/dynamics/clipped-sgd.wgsl?raw';
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import { positiveNumber } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';
import { referenceClippedSgd } from '../reference/dynamics/clipped-sgd';
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

/** The clipping threshold c when an item gives none. */
export const DEFAULT_CLIP = 1;

export const clippedSgdSchema = strictObject({
  kind: z.literal('clipped-sgd'),
  ...twoTimescaleFields(),
  clip: positiveNumber().default(DEFAULT_CLIP),
  coordinatewise: z.boolean({ error: (i) => `expected coordinatewise as true or false, found ${describeValue(i.input)}` }).default(false),
});

export type ClippedSgdInput = z.output<typeof clippedSgdSchema>;

export interface ClippedSgdDynamics extends TwoTimescaleBase {
  kind: 'clipped-sgd';
  /** Threshold c > 0: ‖d‖ ≤ c (norm clipping) or |dᵢ| ≤ c (coordinatewise). */
  clip: number;
  /** Clamp each coordinate to [−c, c] instead of rescaling m to norm ≤ c. */
  coordinatewise: boolean;
}

export const clippedSgdFormat: DynamicsKind<ClippedSgdInput, ClippedSgdDynamics, TwoTimescaleParam> = {
  check: (raw, path) => checkTwoTimescale(raw, path),
  params: twoTimescaleParams,
  normalize: (parsed) => ({ kind: 'clipped-sgd', ...twoTimescaleBase(parsed), clip: parsed.clip, coordinatewise: parsed.coordinatewise }),
  withParam: (item, param, value) => withTwoTimescaleParam(item, param, value),
};

export const clippedSgd = {
  kind: 'clipped-sgd',
  schema: clippedSgdSchema,
  format: clippedSgdFormat,
  title: 'clipped SGD m ← m − θ(m − g), x ← x − η clip_c(m)',
  citation: TWO_TIMESCALE_CITATION,
  // A discrete method is its own scheme; the orders are those of its single-timescale ODE limit (as for sgd).
  orders: { weak: 1, strong: 1 },
  shader: { path: 'dynamics/clipped-sgd.wgsl', source },
  usesNoise: true,
  auxWords: twoTimescaleAuxWords,
  stepLength: (item) => item.dt,
  defines: (item) => ({ CLIP_COORDINATEWISE: item.coordinatewise }),
  pack: (item) => packTwoTimescale(item, [item.clip]),
  reference: (item, _objective, _f, dim, noise) => referenceClippedSgd(item, dim, noise),
} satisfies DynamicsDescriptor<ClippedSgdDynamics, unknown, ClippedSgdInput, TwoTimescaleParam>;
