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
  $schema: z
    .string()
    .optional()
    .describe('The JSON Schema of this format, as a URI or a path relative to the file (e.g. "../schema/experiment.schema.json"), for editors; ignored when the experiment runs.'),
  name: z.string().min(1).default(DEFAULT_NAME).describe('Name of the experiment, shown in reports and result files.'),
  description: z.string().optional().describe('Free text about the experiment, kept in the normalized experiment that results carry.'),
  seed: z
    .union([z.string(), finiteNumber()], {
      error: (issue) => `expected seed as a string or a finite number, found ${describeValue(issue.input)}`,
    })
    .default(DEFAULT_SEED)
    .describe('Seed of every random stream (initial states, gradient noise, step-size factors): the same seed gives the same numbers.'),
  objective: objectiveSchema.describe('The objective f; its kind and parameters fix the state dimension d.'),
  noise: noiseSchema.optional().describe('Gradient noise of the discrete methods (those that take gradients, e.g. sgd); absent: the exact gradient (kind "none").'),
  dynamics: z
    .array(dynamicsItemSchema)
    .min(1)
    .describe('The dynamics to simulate: every item runs on the same objective, noise, x0 and seed, and items are compared pairwise.'),
  x0: initialStateSchema().describe('Initial state: a point (d numbers) or a Gaussian law { "kind": "gaussian", "mean", "std" }.'),
  trajectories: positiveInteger(MAX_U32).describe('Trajectories per run (the Monte Carlo sample size).'),
  steps: positiveInteger().optional().describe('Steps per run. Exactly one of steps and horizon is given.'),
  horizon: positiveNumber()
    .optional()
    .describe('Model time per run, reached in horizon / dt steps (a whole number for every dt). Exactly one of steps and horizon is given.'),
  record: recordSchema.describe('What to record and when; absent: mean and variance at step 0 and the last step.'),
  escape: escapeSchema.optional().describe('A region whose first exit each trajectory records, with what happens at the exit.'),
  reference: strictObject({
    trajectories: positiveInteger(MAX_U32).describe('Trajectories the reference runs: the first ones, at most the experiment\'s trajectories.'),
  })
    .optional()
    .describe('Also run the float64 CPU reference on the first trajectories and report the path differences (max and RMS).'),
  estimator: strictObject({
    kind: z.literal('mlmc').describe('Multilevel Monte Carlo (Giles 2008).'),
    rmse: positiveNumber().describe('Target root-mean-square error ε of the estimate of E φ(X_T).'),
    observable: z.string().describe('φ: "loss" (f(X_T)), "distance" (‖X_T − x*‖²) or "mean[i]" (coordinate i of X_T).'),
    coarsest: positiveNumber().describe('h₀, the coarsest step; level ℓ steps h₀·2^−ℓ on one Brownian path with level ℓ − 1. The horizon must be a whole number of h₀.'),
    maxLevels: positiveInteger(20).default(8).describe('Most levels beyond level 0 (default 8).'),
    pilotTrajectories: positiveInteger(2 ** 24).default(10000).describe('Samples of each new level before its variance is known (default 10,000).'),
  })
    .optional()
    .describe('Also estimate E φ(X_T) of every dynamics item (an SDE) by multilevel Monte Carlo: levels are added and sampled until the RMSE target is met; the result\'s run gets `mlmc` with every level and the cost against plain Monte Carlo.'),
  coupling: z
    .enum(['shared', 'independent'])
    .optional()
    .describe(
      'How runs with different step sizes share noise. "shared" (the default): every Brownian increment is drawn on the finest step h_min of the file and its sweep, and a step of h_min·2^k sums the 2^k fine increments it covers, so runs follow one Brownian path (steps that are not h_min·2^k are refused). "independent": each sweep value draws its own noise.',
    ),
  sweep: sweepSchema.optional().describe(
    'One parameter to sweep, { "<param>": [values…] }: a parameter every dynamics item has (e.g. "dt", "lr") or "noise.batchSize"; every item runs once per value, and slopes of the errors are fitted.',
  ),
});

/** An experiment file as parsed by {@link experimentSchema}, before normalization. */
export type ExperimentInput = z.output<typeof experimentSchema>;
