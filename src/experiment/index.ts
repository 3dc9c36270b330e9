/**
 * Experiment file format v1: validation, defaults, normalization and run planning.
 * @packageDocumentation
 */
export type { ExperimentIssue } from './issue';
export { ExperimentError, formatIssues } from './experiment-error';
export type { Experiment } from './experiment';
export { parseExperiment, assertExperiment, parseExperimentJson, type ParseResult } from './parse';
export { expandRuns, type PlannedRun } from './runs';
export { experimentSchema, objectiveMembers, dynamicsMembers, DEFAULT_NAME, DEFAULT_SEED, type ExperimentInput } from './schema';
export type { Objective } from './objectives/semantics';
export type { QuadraticObjective } from '../objectives/quadratic';
export type { Dynamics, SweepParam } from './dynamics/semantics';
export { GRADIENT_SDE_INTEGRATORS, type GradientSdeDynamics, type GradientSdeIntegrator } from '../dynamics/gradient-sde';
export { sigmaToMatrix, type SigmaInput } from './dynamics/sigma';
export type { SweepValue } from './dynamics/dynamics-kind';
export type { InitialState } from './initial-state';
export { HORIZON_TOLERANCE, type Duration } from './duration';
export { OBSERVABLES, DEFAULT_OBSERVABLES, MAX_COVARIANCE_DIM, checkpoints, type Observable, type RecordSpec, type HistogramSpec } from './record';
export { REGION_KINDS, describeRegion, type Region } from './region';
export type { EscapeSpec } from './escape';
export { NOISE_BATCH_SIZE, type Sweep, type SweepSetting } from './sweep';
export { MAX_U32 } from './numbers';
