import type { Experiment, PlannedRun } from '../experiment';
import type { EnsembleSpec } from '../ensemble/ensemble-spec';
import { dynamicsDescriptor, noiseDescriptor, objectiveDescriptor } from '../registry';
import { keyFromSeed } from '../rng/seed';
import type { EscapeRequest, StatisticsRequest } from '../stats/statistics-request';
import type { ShardRange } from './shard';

/** Turns one planned run (optionally one shard of it) into the runner's spec. */
export function ensembleSpec(experiment: Experiment, run: PlannedRun, shard?: ShardRange): EnsembleSpec {
  const x0 = experiment.x0;
  const initial = x0.kind === 'point' ? { mean: x0.value, std: x0.value.map(() => 0) } : { mean: x0.mean, std: x0.std };
  const objective = objectiveDescriptor(experiment.objective.kind);
  const dynamics = dynamicsDescriptor(run.dynamics.kind);
  const noise = noiseDescriptor(run.noise.kind);
  const spec: EnsembleSpec = {
    dim: experiment.dim,
    objective: { descriptor: objective, value: experiment.objective },
    dynamics: { descriptor: dynamics, value: run.dynamics },
    noise: { descriptor: noise, value: noise.forRun?.(run.noise as never, run.steps) ?? run.noise },
    initial,
    trajectories: shard?.trajectories ?? experiment.trajectories,
    steps: run.steps,
    checkpoints: run.checkpoints,
    key: keyFromSeed(experiment.seed),
    statistics: statisticsRequest(experiment),
  };
  if (shard) spec.firstTrajectory = shard.first;
  if (run.noiseGrid && (run.noiseGrid.refineLog2 !== 0 || run.noiseGrid.replica !== 0)) spec.noiseGrid = run.noiseGrid;
  const escape = experiment.escape;
  if (escape) {
    const request: EscapeRequest = { region: escape.region, stop: escape.stop };
    const diffusion = escape.bridge ? dynamics.additiveNoise?.(run.dynamics, experiment.objective, experiment.dim) : undefined;
    if (diffusion) request.bridge = { diffusion, dt: dynamics.stepLength(run.dynamics) };
    spec.escape = request;
  }
  return spec;
}

function statisticsRequest(experiment: Experiment): StatisticsRequest {
  const observed = new Set(experiment.record.observables);
  const request: StatisticsRequest = {
    loss: observed.has('loss'),
    distance: observed.has('distance'),
    gradient: observed.has('gradient'),
    smoothness: observed.has('smoothness'),
    covariance: observed.has('covariance'),
  };
  if (request.distance) request.minimizer = objectiveDescriptor(experiment.objective.kind).minimizer?.(experiment.objective, experiment.dim);
  if (observed.has('histogram') && experiment.record.histogram) request.histogram = experiment.record.histogram;
  const regions = experiment.record.regions;
  if (regions) request.regions = Object.entries(regions).map(([name, region]) => ({ name, region }));
  return request;
}
