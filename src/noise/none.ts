/** Gradient noise `none`: the exact gradient (default when the file gives no `noise`). */
import source from '../../shaders/noise/none.wgsl?raw';
import { z } from 'zod';
import { strictObject } from '../experiment/strict-object';
import type { NoiseDescriptor } from './noise-descriptor';
import { paramLayout } from '../compose/param-layout';

export const noNoiseSchema = strictObject({ kind: z.literal('none') });

export interface NoNoise {
  kind: 'none';
}

export const noNoise = {
  kind: 'none',
  schema: noNoiseSchema,
  title: 'exact gradient',
  contract: { experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'none' }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  check: () => [],
  normalize: () => ({ kind: 'none' }),
  shader: { path: 'noise/none.wgsl', source },
  brownian: () => false,
  defines: () => ({}),
  constants: () => ({}),
  params: paramLayout({}),
  reference: (_n, f) => ({ grad: (x, out) => f.grad(x, out) }),
} satisfies NoiseDescriptor<NoNoise, z.output<typeof noNoiseSchema>>;
