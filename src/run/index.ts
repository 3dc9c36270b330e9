export { runExperiment, ensembleSpec, pathDifferences, type RunExperimentOptions, type ExperimentProgress } from './run-experiment';
export type { ExperimentResult, RunResult, ClosedFormComparison, ReferenceComparison, Interval } from './experiment-result';
export { compareWithClosedForm } from './closed-form-comparison';
