/**
 * Gradient noise `minibatch`: for a finite sum f = (1/N) Σ f_i, each trajectory
 * draws its own batch of b_k indices per step from the MINIBATCH stream, without
 * replacement (default: a uniform b_k-subset) or with, and averages the sample
 * gradients. `batchSize` is a whole number or a schedule (src/schedules/batch-size.ts:
 * a stage table computed on the host in float64, read by both the WGSL and the
 * twin), so a growing batch keeps each trajectory's stream a pure function of
 * (seed, trajectory, step). Any trajectory's batches can be replayed on the CPU.
 */
import source from '../../shaders/noise/minibatch.wgsl?raw';
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { strictObject } from '../experiment/strict-object';
import { referenceMinibatchNoise } from '../reference/noise/minibatch';
import { batchSizeSchema, batchStages, maxBatch, batchStageFields, stagesEndProblem, type BatchStages } from '../schedules/batch-size';
import type { NoiseDescriptor } from './noise-descriptor';
import { paramLayout } from '../compose/param-layout';

/** Largest batch drawn without replacement (Floyd's algorithm is O(b²) per step). */
export const MAX_BATCH_WITHOUT_REPLACEMENT = 256;
/** Largest batch drawn with replacement. */
export const MAX_BATCH = 4096;

export const minibatchNoiseSchema = strictObject({
  kind: z.literal('minibatch'),
  batchSize: batchSizeSchema(MAX_BATCH).describe(
    `Batch size b_k: a whole number or a batch-size schedule (at most ${MAX_BATCH_WITHOUT_REPLACEMENT} without replacement, and at most the number of samples N).`,
  ),
  replacement: z
    .boolean({ error: (i) => `expected replacement as true or false, found ${describeValue(i.input)}` })
    .default(false)
    .describe('Draw each batch with replacement (false: a uniform subset of distinct samples).'),
});

export interface MinibatchNoise {
  kind: 'minibatch';
  /**
   * The batch size when it is constant; for a schedule, the largest stage of `stages`
   * (in a run's spec, of the stages the run reaches: `minibatchForRun`), the bound of
   * the WGSL's index array and loop budget. Use `batchAt(stages, k)` for step k's size.
   */
  batchSize: number;
  replacement: boolean;
  /** The batch size's stage table (what both the GPU and the reference read). */
  stages: BatchStages;
}

/** Whether the batch size changes during a run (a schedule with two different stages). */
export const changingBatchSize = (n: Pick<MinibatchNoise, 'stages'>) => n.stages.values.some((b) => b !== n.stages.values[0]);

/** The normalized noise of a constant batch size (what tests and callers outside experiment files build). */
export function constantMinibatch(batchSize: number, replacement: boolean): MinibatchNoise {
  return { kind: 'minibatch', batchSize, replacement, stages: batchStages(batchSize, MAX_BATCH) };
}

/**
 * The noise as a run of `steps` steps uses it: the stage table cut after the stage of
 * step steps − 1, and `batchSize` its largest remaining stage. A `step` schedule is
 * tabulated up to MAX_BATCH; only the stages a run reaches size its index array, its
 * loop budget and the checks against N.
 */
export function minibatchForRun(n: MinibatchNoise, steps: number): MinibatchNoise {
  const used = Math.min(n.stages.values.length, Math.floor(Math.max(steps - 1, 0) / n.stages.every) + 1);
  if (used === n.stages.values.length) return n;
  const values = n.stages.values.slice(0, used);
  return { ...n, batchSize: Math.max(...values), stages: { every: n.stages.every, values } };
}

function normalizeMinibatch(parsed: z.output<typeof minibatchNoiseSchema>): MinibatchNoise {
  const stages = batchStages(parsed.batchSize, MAX_BATCH);
  return { kind: 'minibatch', batchSize: maxBatch(stages), replacement: parsed.replacement, stages };
}

export const minibatchNoise = {
  kind: 'minibatch',
  schema: minibatchNoiseSchema,
  title: 'mini-batch gradients of a finite sum',
  contract: { experiment: { objective: { kind: 'least-squares', generate: { samples: 32, features: 3, noise: 0.1, seed: 1 } }, noise: { kind: 'minibatch', batchSize: 4, replacement: false }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: [0, 0, 0] } },
  check: () => [],
  normalize: normalizeMinibatch,
  batchSize: {
    schema: batchSizeSchema(MAX_BATCH),
    apply: (n, batchSize) => normalizeMinibatch({ kind: 'minibatch', batchSize, replacement: n.replacement }),
  },
  shader: { path: 'noise/minibatch.wgsl', source },
  brownian: () => false,
  defines: (n) => ({ MINIBATCH_REPLACEMENT: n.replacement }),
  // The largest stage: the size of the Floyd index array (stages only ever read up to it).
  constants: (n) => ({ BATCH_SIZE: n.batchSize }),
  params: paramLayout(batchStageFields),
  reference: (n, f) => referenceMinibatchNoise(n, f),
  forRun: minibatchForRun,
  checkSteps: (n, steps) => stagesEndProblem(n.stages, MAX_BATCH, steps),
} satisfies NoiseDescriptor<MinibatchNoise, z.output<typeof minibatchNoiseSchema>>;
