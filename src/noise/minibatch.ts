/**
 * Gradient noise `minibatch`: for a finite sum f = (1/N) Σ f_i, each trajectory
 * draws its own batch of `batchSize` indices per step from the MINIBATCH stream,
 * without replacement (default: a uniform b-subset) or with, and averages the
 * sample gradients. Any trajectory's batches can be replayed on the CPU.
 */
import source from '../../shaders/noise/minibatch.wgsl?raw';
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { positiveInteger } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';
import { referenceMinibatchNoise } from '../reference/noise/minibatch';
import type { NoiseDescriptor } from './noise-descriptor';

/** Largest batch drawn without replacement (Floyd's algorithm is O(b²) per step). */
export const MAX_BATCH_WITHOUT_REPLACEMENT = 256;
/** Largest batch drawn with replacement. */
export const MAX_BATCH = 4096;

export const minibatchNoiseSchema = strictObject({
  kind: z.literal('minibatch'),
  batchSize: positiveInteger(MAX_BATCH),
  replacement: z.boolean({ error: (i) => `expected replacement as true or false, found ${describeValue(i.input)}` }).default(false),
});

export interface MinibatchNoise {
  kind: 'minibatch';
  batchSize: number;
  replacement: boolean;
}

export const minibatchNoise = {
  kind: 'minibatch',
  schema: minibatchNoiseSchema,
  title: 'mini-batch gradients of a finite sum',
  check: () => [],
  normalize: (parsed) => ({ kind: 'minibatch', batchSize: parsed.batchSize, replacement: parsed.replacement }),
  shader: { path: 'noise/minibatch.wgsl', source },
  defines: (n) => ({ MINIBATCH_REPLACEMENT: n.replacement }),
  constants: (n) => ({ BATCH_SIZE: n.batchSize }),
  pack: () => [],
  reference: (n, f) => referenceMinibatchNoise(n, f),
} satisfies NoiseDescriptor<MinibatchNoise, z.output<typeof minibatchNoiseSchema>>;
