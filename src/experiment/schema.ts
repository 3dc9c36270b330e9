import { z } from 'zod';
import { describeValue } from './describe-value';
import { initialStateSchema } from './initial-state';
import { MAX_U32, finiteNumber, positiveInteger, positiveNumber } from './numbers';
import { recordSchema } from './record';
import { escapeSchema } from './escape';
import { strictObject } from './strict-object';
import { sweepSchema } from './sweep';
import { DYNAMICS_LIST, NOISE_LIST, OBJECTIVE_LIST } from '../registry';

/** The zod schemas of a tuple of descriptors, as a tuple (what z.discriminatedUnion wants). */
type SchemasOf<T extends readonly { schema: unknown }[]> = { -readonly [K in keyof T]: T[K]['schema'] };

/** Objective kinds, discriminated on `kind`: the schemas of the registry's objectives (src/registry.ts). */
export const objectiveMembers = OBJECTIVE_LIST.map((d) => d.schema) as SchemasOf<typeof OBJECTIVE_LIST>;

/** Zod schema of `objective`. */
export const objectiveSchema = z.discriminatedUnion('kind', objectiveMembers);

/** `objective` as parsed. */
export type ObjectiveInput = z.output<typeof objectiveSchema>;

/** Dynamics kinds, discriminated on `kind`: the schemas of the registry's dynamics (src/registry.ts). */
export const dynamicsMembers = DYNAMICS_LIST.map((d) => d.schema) as SchemasOf<typeof DYNAMICS_LIST>;

/** Zod schema of one `dynamics` item. */
export const dynamicsItemSchema = z.discriminatedUnion('kind', dynamicsMembers);

/** One `dynamics` item as parsed. */
export type DynamicsInput = z.output<typeof dynamicsItemSchema>;

/** Noise kinds, discriminated on `kind`: the schemas of the registry's noise descriptors. */
export const noiseMembers = NOISE_LIST.map((d) => d.schema) as SchemasOf<typeof NOISE_LIST>;

/** Zod schema of `noise` (absent: the exact gradient). */
export const noiseSchema = z.discriminatedUnion('kind', noiseMembers);

/** `noise` as parsed. */
export type NoiseInput = z.output<typeof noiseSchema>;

/** Default seed when the file gives none. */
export const DEFAULT_SEED = 'sdeflow';

/** Default experiment name. */
export const DEFAULT_NAME = 'experiment';

/**
 * Structure of an experiment file, format v1: types, ranges and unknown keys of every
 * field. Cross-field rules (dimensions, symmetry, horizon/dt, sweep parameters) are in `check.ts`.
 */
export const experimentSchema = strictObject({
  name: z.string().min(1).default(DEFAULT_NAME),
  description: z.string().optional(),
  seed: z
    .union([z.string(), finiteNumber()], {
      error: (issue) => `expected seed as a string or a finite number, found ${describeValue(issue.input)}`,
    })
    .default(DEFAULT_SEED),
  objective: objectiveSchema,
  noise: noiseSchema.optional(),
  dynamics: z.array(dynamicsItemSchema).min(1),
  x0: initialStateSchema(),
  trajectories: positiveInteger(MAX_U32),
  steps: positiveInteger().optional(),
  horizon: positiveNumber().optional(),
  record: recordSchema,
  escape: escapeSchema.optional(),
  reference: strictObject({ trajectories: positiveInteger(MAX_U32) }).optional(),
  sweep: sweepSchema.optional(),
});

/** An experiment file as parsed by {@link experimentSchema}, before normalization. */
export type ExperimentInput = z.output<typeof experimentSchema>;
