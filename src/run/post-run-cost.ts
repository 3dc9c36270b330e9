/**
 * What the host does for a run once its ensemble has finished, timed for the
 * dry run's estimate: the report's part of it (closed forms and limit laws,
 * evaluated here in full exactly as the report evaluates them; the summaries
 * and their JSON, timed on the calibration's own statistics and scaled to the
 * run's checkpoints) and Clarke stationarity of the final iterates (timed on
 * a few final states and scaled to the trajectories the run evaluates). The
 * float64 reference's paths are an ensemble of their own: src/run/calibrate.ts
 * calibrates them like the run.
 */
import type { Experiment, PlannedRun } from '../experiment';
import { dynamicsDescriptor } from '../registry';
import type { EnsembleSpec } from '../ensemble/ensemble-spec';
import { clarkeStationarity } from '../stats/clarke-stationarity';
import type { EnsembleStatistics } from '../stats/ensemble-statistics';
import { summarizeStatistics } from '../stats/summarize';
import { ensembleSpec } from './ensemble-spec-of';

/** Seconds of host work after a run's ensemble (part of its estimated time). */
export interface PostRunSeconds {
  /** The float64 reference's first trajectories, compared path by path (`reference`; GPU runs only). */
  reference: number;
  /** Clarke stationarity of the final iterates (`record.stationarity`). */
  stationarity: number;
  /** The run's part of the report: closed form, limit law, summaries and their JSON text. */
  report: number;
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/**
 * The report's work for `run`: its closed form and limit law (pure functions of
 * the experiment, so evaluated here, in full), then summaries and pretty JSON of
 * `sample` — statistics with the run's layout from a calibration, on fewer
 * checkpoints — scaled to the run's checkpoints (both grow with them).
 */
export function reportSeconds(experiment: Experiment, run: PlannedRun, sample: EnsembleStatistics): number {
  const descriptor = dynamicsDescriptor(run.dynamics.kind);
  const h = descriptor.stepLength(run.dynamics);
  const spec = ensembleSpec(experiment, run);
  const lawsStarted = performance.now();
  // As in src/run/report-experiment.ts: no law describes an ensemble stopped at its exit.
  if (experiment.escape?.stop !== true) {
    descriptor.closedForm?.(run.dynamics, experiment.objective, spec.initial, run.checkpoints, run.noise);
    descriptor.limitLaw?.(run.dynamics, experiment.objective, spec.initial, run.checkpoints.map((k) => k * h), run.noise);
  }
  const laws = seconds(lawsStarted);
  const summaryStarted = performance.now();
  JSON.stringify(summarizeStatistics(sample, h, experiment.record.histogram, spec.escape?.bridge !== undefined), null, 2);
  const summaries = seconds(summaryStarted);
  return laws + (summaries * run.checkpoints.length) / Math.max(1, sample.checkpoints.length);
}

/**
 * Clarke stationarity (as src/run/measure.ts computes it) of the first
 * `evaluated` final states, from `states`: final states of `sampled` trajectories
 * of the run (a calibration's), timed and scaled from `sampled` to `evaluated`.
 * States that are not finite are skipped, as the run skips them.
 */
export function stationaritySeconds(
  spec: EnsembleSpec,
  states: Float32Array | Float64Array,
  sampled: number,
  evaluated: number,
  settings: { epsilon: number; samples: number },
): number {
  if (evaluated === 0 || sampled === 0) return 0;
  const f = spec.objective.descriptor.reference(spec.objective.value, spec.dim);
  const started = performance.now();
  for (let t = 0; t < sampled; t++) {
    const x = Array.from(states.subarray(t * spec.dim, (t + 1) * spec.dim));
    if (x.every(Number.isFinite)) clarkeStationarity(x, (at, g) => f.grad(at, g), settings.epsilon, settings.samples, t);
  }
  return (seconds(started) * evaluated) / sampled;
}
