export { runExperiment, type RunExperimentOptions, type ExperimentProgress } from './run-experiment';
export { measureExperiment, type Measurements, type MeasuredRun } from './measure';
export { reportExperiment } from './report-experiment';
export { ensembleSpec } from './ensemble-spec-of';
export { pathDifferences } from './path-differences';
export { shardRange, parseShard, type Shard, type ShardRange } from './shard';
export { experimentHash } from './experiment-hash';
export type { ExperimentResult, RunResult, ClosedFormComparison, ReferenceComparison, Interval, RunComparison, SweepSlope } from './experiment-result';
export { compareWithClosedForm } from './closed-form-comparison';
