/**
 * Gradient noise `rademacher` (docs/math.md §2b, §2d): g_k = ∇f(x_k) + C·(1/b_k) Σ_{j<b_k} s_{k,j}
 * with independent uniform signs s ∈ {−1, +1}^d — the mini-batch noise of Sato & Iiduka's
 * smoothing analysis (per-sample variance C², batch variance C²/b, smoothing degree
 * δ = ηC/√b), drawn exactly as a binomial (`draw: "binomial"`, default) or replaced by its
 * Gaussian surrogate N(0, C²/b) (`draw: "gaussian"`). `batchSize` is a whole number or a
 * schedule (src/schedules/batch-size.ts); each trajectory's stream stays a pure function
 * of (seed, trajectory, step), whatever the batch size does.
 */
import source from '../../shaders/noise/rademacher.wgsl?raw';
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { positiveNumber } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';
import { referenceRademacherNoise } from '../reference/noise/rademacher';
import { batchSizeSchema, batchStages, batchStageFields, stagesEndProblem, type BatchSize, type BatchStages } from '../schedules/batch-size';
import type { NoiseDescriptor } from './noise-descriptor';
import { paramLayout } from '../compose/param-layout';

/** Largest batch (of signs per coordinate and step): 128 words of 32 signs each. */
export const MAX_RADEMACHER_BATCH = 4096;

export const rademacherNoiseSchema = strictObject({
  kind: z.literal('rademacher'),
  scale: positiveNumber().describe('Noise scale C: variance C² per sample, C²/b per batch of b signs.'),
  batchSize: batchSizeSchema(MAX_RADEMACHER_BATCH).default(1).describe('Batch size b_k: a whole number or a batch-size schedule.'),
  draw: z
    .enum(['binomial', 'gaussian'], { error: (i) => `expected draw as "binomial" or "gaussian", found ${describeValue(i.input)}` })
    .default('binomial')
    .describe('"binomial": the mean of b random sign vectors, drawn exactly; "gaussian": its Gaussian surrogate N(0, C²/b).'),
});

export interface RademacherNoise {
  kind: 'rademacher';
  /** C: the standard deviation of one sample's noise per coordinate (C_std; the variance bound is C²). */
  scale: number;
  batchSize: BatchSize;
  draw: 'binomial' | 'gaussian';
  /** The batch size's stage table (what both the GPU and the reference read). */
  stages: BatchStages;
}

function normalizeRademacher(parsed: z.output<typeof rademacherNoiseSchema>): RademacherNoise {
  return {
    kind: 'rademacher',
    scale: parsed.scale,
    batchSize: parsed.batchSize,
    draw: parsed.draw,
    stages: batchStages(parsed.batchSize, MAX_RADEMACHER_BATCH),
  };
}

export const rademacherNoise = {
  kind: 'rademacher',
  schema: rademacherNoiseSchema,
  title: 'mean of b Rademacher signs per coordinate (Sato & Iiduka mini-batch noise)',
  contract: { experiment: { objective: { kind: 'tilted-cosine', a: 1, k: 4 }, noise: { kind: 'rademacher', scale: 10, batchSize: { kind: 'step', initial: 1, every: 10, factor: 2 } }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: [2.9] } },
  check: () => [],
  normalize: normalizeRademacher,
  batchSize: {
    schema: batchSizeSchema(MAX_RADEMACHER_BATCH),
    apply: (n, batchSize) => normalizeRademacher({ kind: 'rademacher', scale: n.scale, batchSize, draw: n.draw }),
  },
  shader: { path: 'noise/rademacher.wgsl', source },
  brownian: (n) => n.draw === 'gaussian',
  defines: (n) => ({ RADEMACHER_GAUSSIAN: n.draw === 'gaussian' }),
  constants: () => ({}),
  params: paramLayout({ RADEMACHER_SCALE: (n: RademacherNoise) => n.scale, ...batchStageFields }),
  reference: (n, f, dim) => referenceRademacherNoise(n, f, dim),
  checkSteps: (n, steps) => stagesEndProblem(n.stages, MAX_RADEMACHER_BATCH, steps),
} satisfies NoiseDescriptor<RademacherNoise, z.output<typeof rademacherNoiseSchema>>;
