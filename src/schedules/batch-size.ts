import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { positiveInteger, positiveNumber } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';

/**
 * Batch-size schedules over the step index k (docs/architecture.md, "Schedules"): a whole
 * number, `{ "kind": "step", "initial", "every", "factor" }` (b = round(initial ·
 * factor^⌊k/every⌋), at least 1 — docs/math.md §2b's "batch" and "hybrid" stage schedules),
 * or `{ "kind": "stages", "every", "values": [b₀, b₁, …] }` (bₘ on stage m = ⌊k/every⌋,
 * the last value thereafter; e.g. the growing batch of the polynomial noise schedule).
 *
 * Why a table: the GPU must use exactly the batch size the float64 reference uses
 * at every step (a rounding of f32 `pow` flipping 1.5 to 1 would desynchronize the
 * random streams), so the host turns every schedule into its stage table in float64
 * (`batchStages`) and both sides read bₘ from it.
 */
export function batchSizeSchema(max: number) {
  let schema = batchSizeSchemas.get(max);
  if (schema === undefined) batchSizeSchemas.set(max, (schema = newBatchSizeSchema(max)));
  return schema;
}

/** One schema per maximum, so the JSON Schema (src/experiment/json-schema.ts) can name it once. */
const batchSizeSchemas = new Map<number, ReturnType<typeof newBatchSizeSchema>>();

function newBatchSizeSchema(max: number) {
  const size = positiveInteger(max);
  return z.union(
    [
      size.describe('A constant batch size.'),
      strictObject({ kind: z.literal('constant'), value: size.describe('The batch size b.') }).describe('Constant: b at every step.'),
      strictObject({
        kind: z.literal('step'),
        initial: size.describe('Batch size at k = 0.'),
        every: positiveInteger(2 ** 24).describe('Steps per stage.'),
        factor: positiveNumber().describe('Factor per stage: b = round(initial·factor^⌊k/every⌋), at least 1.'),
      }).describe('Step growth (or decay): round(initial·factor^⌊k/every⌋), at least 1.'),
      strictObject({
        kind: z.literal('stages'),
        every: positiveInteger(2 ** 24).describe('Steps per stage.'),
        values: z.array(size).min(1).max(MAX_BATCH_STAGES).describe('Batch size of each stage m = ⌊k/every⌋; the last one holds thereafter.'),
      }).describe('A table of stages: values[m] on stage m = ⌊k/every⌋.'),
    ],
    {
      error: (i) =>
        `expected a batch size: a whole number in [1, ${max}] or a schedule { "kind": "step", "initial", "every", "factor" } | { "kind": "stages", "every", "values" }, found ${describeValue(i.input)}`,
    },
  ).describe('A batch size: a whole number, or a schedule over the step index k = 0, 1, … (tabulated in float64 on the host).');
}

/** A batch size as written: a whole number or a schedule. */
export type BatchSize = z.output<ReturnType<typeof batchSizeSchema>>;

/** Most stages a batch-size table holds (packed into the GPU's parameter words). */
export const MAX_BATCH_STAGES = 256;

/** A batch size's stage table: b = values[min(⌊k / every⌋, values.length − 1)]. */
export interface BatchStages {
  every: number;
  values: number[];
  /** The first step whose batch size would exceed the maximum (a `step` schedule growing past it); undefined if none. */
  exceedsAt?: number;
}

/**
 * The stage table of a batch size, in float64: a constant is one stage; a `step`
 * schedule is tabulated until it stops changing (round(initial·factor^m) reaches 1, or
 * factor = 1) or would pass `max` (recorded in `exceedsAt`; runs must end before it).
 */
export function batchStages(b: BatchSize, max: number): BatchStages {
  if (typeof b === 'number') return { every: 1, values: [b] };
  switch (b.kind) {
    case 'constant':
      return { every: 1, values: [b.value] };
    case 'stages':
      return { every: b.every, values: [...b.values] };
    case 'step': {
      const values: number[] = [];
      for (let m = 0; m < MAX_BATCH_STAGES; m++) {
        const v = Math.max(1, Math.round(b.initial * b.factor ** m));
        if (v > max) return { every: b.every, values, exceedsAt: m * b.every };
        // Constant from here on: factor 1, or a shrinking batch that reached 1.
        if (m > 0 && (b.factor === 1 || (b.factor < 1 && v === 1 && values[m - 1] === 1))) break;
        values.push(v);
      }
      // A slow schedule still changing after MAX_BATCH_STAGES stages: runs must end before the table does.
      return values.length === MAX_BATCH_STAGES ? { every: b.every, values, exceedsAt: MAX_BATCH_STAGES * b.every } : { every: b.every, values };
    }
  }
}

/** The batch size at step k from its stage table (what the WGSL noise modules read). */
export function batchAt(stages: BatchStages, k: number): number {
  return stages.values[Math.min(Math.floor(k / stages.every), stages.values.length - 1)];
}

/** The largest batch size of the table (what loop budgets are sized for). */
export const maxBatch = (stages: BatchStages) => Math.max(...stages.values);

/** [every, stages, b₀, b₁, …] as shaders/noise/*.wgsl read them (`noise_batch_size`). */
/**
 * The stage table as the noise modules read it (`noise_batch_size`): the stage
 * length at BATCH_STAGE_EVERY, the number of stages at BATCH_STAGE_COUNT, the
 * batch sizes at BATCH_STAGE_SIZES. Field declarations for a noise's layout.
 */
export const batchStageFields = {
  BATCH_STAGE_EVERY: { u32: (noise: { stages: BatchStages }) => noise.stages.every },
  BATCH_STAGE_COUNT: { u32: (noise: { stages: BatchStages }) => noise.stages.values.length },
  BATCH_STAGE_SIZES: { u32: (noise: { stages: BatchStages }) => noise.stages.values },
};

/**
 * Why a run of `steps` steps cannot use this table: its schedule passes `max` (or
 * outgrows the table) at `exceedsAt`, before the run ends; undefined when it fits.
 */
export function stagesEndProblem(stages: BatchStages, max: number, steps: number): string | undefined {
  const at = stages.exceedsAt;
  if (at === undefined || steps <= at) return undefined;
  return `the batch-size schedule passes ${max} (or its ${stages.values.length}-stage table) at step ${at}, before the run's ${steps} steps end`;
}
