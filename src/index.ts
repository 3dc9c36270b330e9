/**
 * sdeflow: Monte Carlo ensembles of stochastic-optimization dynamics on WebGPU.
 *
 * This entry point is isomorphic: it runs in browsers and in Node, given a
 * WebGPU device. `sdeflow/node` adds the Node device (Dawn, through the
 * `webgpu` package) and `sdeflow/oracles` the closed forms the engine is
 * tested against. The surface is small on purpose; docs/embedding.md walks
 * through it, and docs/api.md lists every name.
 *
 * @example
 * import { assertExperiment, runExperiment } from 'sdeflow';
 * import { requestNodeDevice } from 'sdeflow/node';
 * const experiment = assertExperiment(JSON.parse(text));
 * const gpu = await requestNodeDevice();
 * const result = await runExperiment(experiment, { device: gpu });
 * gpu.release();
 */

// Devices: where ensembles run.
export { requestBrowserDevice } from './gpu/browser-device';
export { wrapDevice, deviceFromAdapter, DeviceLostError, NoAdapterError, type EngineDevice } from './gpu/engine-device';
export { adapterLabel, type AdapterDescription } from './gpu/adapter-description';
export { KernelCompileError } from './gpu/pipeline-cache';

// Experiment files: parse, validate, expand sweeps.
export { parseExperiment, parseExperimentJson, assertExperiment, type ParseResult } from './experiment/parse';
export { ExperimentError, formatIssues } from './experiment/experiment-error';
export type { ExperimentIssue } from './experiment/issue';
export type { Experiment } from './experiment/experiment';
export type { ExperimentInput } from './experiment/schema';
export { expandRuns, type PlannedRun } from './experiment/runs';

// Running an experiment: measure, report, plan; shards and their merge.
export { runExperiment, type RunExperimentOptions, type ExperimentProgress } from './run/run-experiment';
export { measureExperiment, type Measurements, type MeasuredRun } from './run/measure';
export { reportExperiment } from './run/report-experiment';
export { planExperiment, type ExperimentPlan, type RunPlan, type PlannedBuffer, type PlanOptions } from './run/plan';
export { shardRange, parseShard, type Shard, type ShardRange } from './run/shard';
export { toPartFile, mergeParts, MergeError, type PartFile } from './run/part-file';
export { experimentHash } from './run/experiment-hash';
export { formatConsoleReport } from './report/console-report';

// Results.
export type { ExperimentResult, RunResult, ClosedFormComparison, ReferenceComparison, Interval, RunComparison, SweepSlope } from './run/experiment-result';

// Ensembles without an experiment file, on the GPU or the float64 reference.
export { ensembleSpec } from './run/ensemble-spec-of';
export { pathDifferences } from './run/path-differences';
export { runEnsembleGpu } from './ensemble/gpu-ensemble';
export { runEnsembleReference, CPU_REFERENCE_DEVICE } from './reference/run-reference';
export { EnsembleAbortedError } from './ensemble/ensemble-aborted-error';
export { LoopCutError } from './ensemble/loop-cut-error';
export type { EnsembleSpec, EnsembleOptions, EnsembleResult, EnsembleProgress, EnsembleTiming } from './ensemble/ensemble-spec';
export type { EnsembleSnapshot, SnapshotOptions } from './ensemble/ensemble-snapshot';

// Embedding: live ensembles on the app's own device, drawn by its own pipelines.
export { LiveEnsemble, type LiveEnsembleOptions, type LiveEnsembleTiming } from './embed/live-ensemble';
export { LiveExperiment, createLiveEnsemble, type LiveRun } from './embed/live-experiment';
export { shareDevice, shareDeviceDescribed, requestSharedDevice } from './embed/shared-device';
export type { StateBufferLayout, RecordBufferLayout } from './embed/buffer-layouts';

// Diagnostics: the engine's GPU buffers, for leak checks in apps.
export { liveEngineBuffers, engineBufferStats } from './gpu/buffer-registry';
export { countDeviceBuffers } from './gpu/device-buffer-census';

// The random-number layout users' numbers depend on.
export { RNG_STREAM_VERSION } from './rng/streams';
