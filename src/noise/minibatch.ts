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

/**
 * Loop iterations of one `noise_grad` (each loop counted one trip more than it
 * runs): zeroing g (d + 1), then per sample its gradient and one trip of the batch
 * loop, a Philox call (9 rounds + 1) per 4 samples and, without replacement,
 * Floyd's search of the indices taken so far (b(b − 1)/2 trips, b + 1 loop exits).
 */
export function minibatchLoopIterations(n: MinibatchNoise, sampleGrad: number, dim: number): number {
  const b = n.batchSize;
  const floyd = n.replacement ? 0 : (b * (b - 1)) / 2 + b;
  return dim + 1 + b * (sampleGrad + 1) + 1 + Math.ceil(b / 4) * 10 + floyd;
}

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
  loopIterationsPerStep: (n, objective, dim) => minibatchLoopIterations(n, objective.sampleGrad ?? dim * dim, dim),
} satisfies NoiseDescriptor<MinibatchNoise, z.output<typeof minibatchNoiseSchema>>;
