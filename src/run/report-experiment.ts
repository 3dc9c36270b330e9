import { expandRuns, type Experiment, type PlannedRun } from '../experiment';
import type { AdapterDescription } from '../gpu/adapter-description';
import { dynamicsDescriptor } from '../registry';
import { RNG_STREAM_VERSION } from '../rng/streams';
import { summarizeStatistics, type StatisticsSummary } from '../stats/summarize';
import { compareWithClosedForm } from './closed-form-comparison';
import { compareRuns } from './comparisons';
import { ensembleSpec } from './ensemble-spec-of';
import { experimentHash } from './experiment-hash';
import type { ExperimentResult, RunResult, StationaritySummary } from './experiment-result';
import { runLabel, type MeasuredRun, type Measurements } from './measure';
import { modelError } from './model-error';
import { sweepSlopes } from './sweep-slopes';

/** A run's summary with what the report needs beside it. */
export interface SummarizedRun {
  run: PlannedRun;
  summary: StatisticsSummary;
  result: RunResult;
}

/**
 * Turns measurements (one run's, or merged shards') into the result file: per run
 * the series with standard errors, escape statistics, closed-form and model-error
 * comparisons; between runs weak and strong errors; over a sweep, log-log slopes.
 */
export function reportExperiment(experiment: Experiment, measured: Measurements, shards?: number): ExperimentResult {
  const planned = expandRuns(experiment);
  const summarized = measured.runs.map((m) => summarizeRun(experiment, planned[m.index], m));
  const comparisons = compareRuns(summarized, measured.strong);
  return {
    format: 'sdeflow-result/v1',
    name: experiment.name,
    seed: experiment.seed,
    rngStreamVersion: RNG_STREAM_VERSION,
    experimentHash: experimentHash(experiment),
    device: measured.device as AdapterDescription,
    experiment,
    ...(shards !== undefined ? { shards } : {}),
    runs: summarized.map((s) => s.result),
    comparisons,
    sweepSlopes: sweepSlopes(experiment, summarized, comparisons),
  };
}

const STATIONARITY_LEVELS = [0.1, 0.5, 0.9];

function summarizeStationarity(values: number[], settings: { epsilon: number; samples: number }): StationaritySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
  return {
    epsilon: settings.epsilon,
    samples: settings.samples,
    trajectories: values.length,
    mean: values.reduce((a, b) => a + b, 0) / Math.max(1, values.length),
    quantiles: { p: STATIONARITY_LEVELS, value: STATIONARITY_LEVELS.map(at) },
    max: sorted.length > 0 ? sorted[sorted.length - 1] : NaN,
  };
}

function summarizeRun(experiment: Experiment, run: PlannedRun, measured: MeasuredRun): SummarizedRun {
  const descriptor = dynamicsDescriptor(run.dynamics.kind);
  const h = descriptor.stepLength(run.dynamics);
  const spec = ensembleSpec(experiment, run);
  const summary = summarizeStatistics(measured.statistics, h, experiment.record.histogram, spec.escape?.bridge !== undefined);
  const observed = new Set(experiment.record.observables);
  const t = run.checkpoints.map((k) => k * h);
  // With `escape.stop` the ensemble is the stopped process X_{t∧τ}, whose law no closed form describes.
  const lawApplies = experiment.escape?.stop !== true;
  const exact = lawApplies ? descriptor.closedForm?.(run.dynamics, experiment.objective, spec.initial, run.checkpoints, run.noise) : undefined;
  const model = lawApplies ? modelError(experiment, run, spec.initial, t, summary) : undefined;
  const { seconds, compileSeconds, trajectorySteps, device } = measured.timing;
  const result: RunResult = {
    index: run.index,
    label: runLabel(run),
    dynamics: run.dynamics,
    ...(run.sweep ? { sweep: run.sweep } : {}),
    citation: descriptor.citation,
    trajectories: measured.statistics.trajectories,
    steps: run.steps,
    series: {
      step: [...run.checkpoints],
      t,
      count: summary.count,
      diverged: summary.diverged,
      ...(observed.has('mean') ? { mean: summary.mean, meanStandardError: summary.meanStandardError, meanInterval: summary.meanInterval } : {}),
      ...(observed.has('variance') ? { variance: summary.variance, varianceStandardError: summary.varianceStandardError, varianceInterval: summary.varianceInterval } : {}),
      ...(summary.covariance ? { covariance: summary.covariance, covarianceStandardError: summary.covarianceStandardError, covarianceInterval: summary.covarianceInterval } : {}),
      ...(summary.loss ? { loss: summary.loss } : {}),
      ...(summary.distance ? { distance: summary.distance } : {}),
      ...(summary.gradient ? { gradient: summary.gradient } : {}),
      ...(summary.smoothness ? { smoothness: summary.smoothness } : {}),
      ...(summary.histogram ? { histogram: summary.histogram } : {}),
      ...(summary.regions ? { regions: summary.regions } : {}),
    },
    ...(summary.escape ? { escape: summary.escape } : {}),
    diverged: summary.diverged[summary.diverged.length - 1],
    ...(exact ? { closedForm: compareWithClosedForm({ checkpoints: run.checkpoints, count: summary.count, mean: summary.mean, variance: summary.variance }, exact) } : {}),
    ...(model ? { modelError: model } : {}),
    ...(measured.reference ? { reference: measured.reference } : {}),
    ...(measured.stationarity && experiment.record.stationarity ? { stationarity: summarizeStationarity(measured.stationarity, experiment.record.stationarity) } : {}),
    timing: { seconds, compileSeconds, trajectorySteps, trajectoryStepsPerSecond: trajectorySteps / seconds, device },
  };
  return { run, summary, result };
}
