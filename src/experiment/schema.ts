import { z } from 'zod';
import { describeValue } from './describe-value';
import { gradientSdeSchema } from './dynamics/gradient-sde';
import { initialStateSchema } from './initial-state';
import { MAX_U32, finiteNumber, positiveInteger, positiveNumber } from './numbers';
import { quadraticObjectiveSchema } from './objectives/quadratic';
import { recordSchema } from './record';
import { strictObject } from './strict-object';
import { sweepSchema } from './sweep';

/**
 * Objective kinds, discriminated on `kind`. To add one: write `objectives/<kind>.ts`
 * exporting its schema and `ObjectiveKind`, append the schema here, and register the
 * behaviour in `objectives/semantics.ts` (the compiler insists).
 */
export const objectiveMembers = [quadraticObjectiveSchema] as const;

/** Zod schema of `objective`. */
export const objectiveSchema = z.discriminatedUnion('kind', objectiveMembers);

/** `objective` as parsed. */
export type ObjectiveInput = z.output<typeof objectiveSchema>;

/**
 * Dynamics kinds, discriminated on `kind`. To add one: write `dynamics/<kind>.ts`
 * exporting its schema and `DynamicsKind`, append the schema here, and register the
 * behaviour in `dynamics/semantics.ts`.
 */
export const dynamicsMembers = [gradientSdeSchema] as const;

/** Zod schema of one `dynamics` item. */
export const dynamicsItemSchema = z.discriminatedUnion('kind', dynamicsMembers);

/** One `dynamics` item as parsed. */
export type DynamicsInput = z.output<typeof dynamicsItemSchema>;

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
  dynamics: z.array(dynamicsItemSchema).min(1),
  x0: initialStateSchema(),
  trajectories: positiveInteger(MAX_U32),
  steps: positiveInteger().optional(),
  horizon: positiveNumber().optional(),
  record: recordSchema,
  reference: strictObject({ trajectories: positiveInteger(MAX_U32) }).optional(),
  sweep: sweepSchema.optional(),
});

/** An experiment file as parsed by {@link experimentSchema}, before normalization. */
export type ExperimentInput = z.output<typeof experimentSchema>;
