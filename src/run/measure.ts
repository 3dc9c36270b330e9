import { expandRuns, type Experiment, type PlannedRun } from '../experiment';
import type { EnsembleOptions, EnsembleResult, EnsembleSpec } from '../ensemble/ensemble-spec';
import { runEnsembleGpu } from '../ensemble/gpu-ensemble';
import { adapterLabel, type AdapterDescription } from '../gpu/adapter-description';
import type { EngineDevice } from '../gpu/engine-device';
import { CPU_REFERENCE_DEVICE, runEnsembleReference } from '../reference/run-reference';
import type { EnsembleStatistics } from '../stats/ensemble-statistics';
import { ensembleSpec } from './ensemble-spec-of';
import { clarkeStationarity } from '../stats/clarke-stationarity';
import type { ReferenceComparison } from './experiment-result';
import { pathDifferences } from './path-differences';
import { shardRange, type Shard, type ShardRange } from './shard';
import { strongErrors, strongTrajectories, type StrongComparison, type StrongPlan } from './strong-errors';
import type { EnsembleSnapshot } from '../ensemble/ensemble-snapshot';

/** Progress of a whole experiment: which run, and how far the current one is. */
export interface ExperimentProgress {
  run: number;
  runs: number;
  label: string;
  trajectorySteps: number;
  totalTrajectorySteps: number;
}

export interface RunExperimentOptions {
  /** A WebGPU device, or 'cpu' for the float64 reference. */
  device: EngineDevice | 'cpu';
  signal?: AbortSignal;
  onProgress?: (p: ExperimentProgress) => void;
  /** Passed to the GPU runner (chunk size, steps per dispatch); never changes a result. */
  ensemble?: Pick<EnsembleOptions, 'chunkSize' | 'stepsPerDispatch'>;
  /** Run only this shard's trajectories (`--shard i/n`). */
  shard?: Shard;
  /** Keep a resumable state (within runs: GPU runs at record checkpoints, the CPU reference between trajectories), or continue from one. */
  checkpoints?: MeasureCheckpoints;
}

/**
 * An experiment stopped part way: the runs finished so far, the tracked paths
 * strong errors will compare, and the run in progress with its snapshot
 * (src/run/checkpoint-file.ts writes this to disk).
 */
export interface MeasureProgress {
  runs: MeasuredRun[];
  tracked: Map<number, (Float32Array | Float64Array)[]>;
  current?: { index: number; snapshot: EnsembleSnapshot };
}

export interface MeasureCheckpoints {
  /** Receives the progress after every finished run and at the runner's snapshots; awaited before the run goes on. */
  save(progress: MeasureProgress): Promise<void>;
  /** Least time between two snapshots within a run (default 0). */
  minIntervalSeconds?: number;
  /** Continue from here: finished runs are not run again, the current one continues from its snapshot. */
  resume?: MeasureProgress;
}

/** What one planned run measured (mergeable across shards). */
export interface MeasuredRun {
  index: number;
  statistics: EnsembleStatistics;
  timing: { seconds: number; compileSeconds: number; trajectorySteps: number; device: string };
  reference?: ReferenceComparison;
  /** Clarke stationarity ρ_ε of the final iterates of the first trajectories (finite ones only). */
  stationarity?: number[];
}

/** Everything an experiment (or one shard of it) measured, before it is summarized into a report. */
export interface Measurements {
  device: AdapterDescription;
  range: ShardRange;
  shard?: Shard;
  runs: MeasuredRun[];
  strong: StrongComparison[];
}

/** A run's display label. */
export function runLabel(run: PlannedRun): string {
  return run.dynamics.label ?? `${run.dynamics.kind} #${run.index}`;
}

/**
 * Runs every planned run of a validated experiment (sweep values, then dynamics
 * items) on the GPU or the float64 reference, keeping its statistics in mergeable
 * form; with `reference`, compares the first trajectories with the CPU solver;
 * between runs that draw coupled noise, measures strong errors on the first ones.
 */
export async function measureExperiment(experiment: Experiment, options: RunExperimentOptions): Promise<Measurements> {
  const planned = expandRuns(experiment);
  const onGpu = options.device !== 'cpu';
  const device = onGpu ? (options.device as EngineDevice).adapter : CPU_REFERENCE_DEVICE;
  const range = options.shard ? shardRange(experiment.trajectories, options.shard) : { first: 0, trajectories: experiment.trajectories };
  const strongPlan = strongTrajectories(experiment, planned, range.trajectories);
  const checkpoints = options.checkpoints;
  const runs: MeasuredRun[] = [...(checkpoints?.resume?.runs ?? [])];
  const tracked = new Map<number, (Float32Array | Float64Array)[]>(checkpoints?.resume?.tracked ?? []);
  for (const run of planned.slice(runs.length)) {
    const spec = ensembleSpec(experiment, run, options.shard ? range : undefined);
    const label = runLabel(run);
    const { referenceCount, stationarityCount, track } = trackedTrajectories(experiment, run, strongPlan, onGpu, spec.trajectories);
    const current = checkpoints?.resume?.current;
    const ensembleOptions: EnsembleOptions = {
      ...options.ensemble,
      signal: options.signal,
      trackTrajectories: track,
      onProgress: (p) => options.onProgress?.({ run: run.index, runs: planned.length, label, ...p }),
      ...(current?.index === run.index ? { resume: current.snapshot } : {}),
      ...(checkpoints
        ? { snapshots: { save: (snapshot) => checkpoints.save({ runs, tracked, current: { index: run.index, snapshot } }), minIntervalSeconds: checkpoints.minIntervalSeconds } }
        : {}),
    };
    const result = onGpu ? await runEnsembleGpu(options.device as EngineDevice, spec, ensembleOptions) : await runEnsembleReference(spec, ensembleOptions);
    const reference = referenceCount > 0 ? await compareWithReference(spec, result, referenceCount, options.signal) : undefined;
    if (strongPlan.runs.has(run.index) && result.tracked) tracked.set(run.index, result.tracked);
    const stationarity = stationarityCount > 0 ? finalStationarity(spec, result, stationarityCount, experiment.record.stationarity!) : undefined;
    runs.push({
      index: run.index,
      statistics: result.statistics,
      timing: {
        seconds: result.timing.seconds,
        compileSeconds: result.timing.compileSeconds,
        trajectorySteps: result.timing.trajectorySteps,
        device: adapterLabel(result.device),
      },
      ...(reference ? { reference } : {}),
      ...(stationarity ? { stationarity } : {}),
    });
    await checkpoints?.save({ runs, tracked });
  }
  const strong = strongErrors(planned, strongPlan, tracked, experiment.dim);
  return { device, range, ...(options.shard ? { shard: options.shard } : {}), runs, strong };
}

/**
 * How many first trajectories of a run are compared with the CPU reference (GPU runs
 * only), get their stationarity measured, and — the largest of these and the strong
 * errors' share — have their states kept at every checkpoint.
 */
export function trackedTrajectories(experiment: Experiment, run: PlannedRun, strongPlan: StrongPlan, onGpu: boolean, trajectories: number) {
  const referenceCount = onGpu && experiment.reference ? Math.min(experiment.reference.trajectories, trajectories) : 0;
  const stationarityCount = Math.min(experiment.record.stationarity?.trajectories ?? 0, trajectories);
  const track = Math.max(referenceCount, stationarityCount, strongPlan.runs.has(run.index) ? strongPlan.trajectories : 0);
  return { referenceCount, stationarityCount, track };
}

/** ρ_ε (src/stats/clarke-stationarity.ts) of the first n final states, from the objective's float64 subgradients. */
function finalStationarity(spec: EnsembleSpec, result: EnsembleResult, n: number, settings: { epsilon: number; samples: number }): number[] {
  const f = spec.objective.descriptor.reference(spec.objective.value, spec.dim);
  const states = result.tracked![result.tracked!.length - 1];
  const first = spec.firstTrajectory ?? 0;
  const out: number[] = [];
  for (let t = 0; t < n; t++) {
    const x = Array.from(states.subarray(t * spec.dim, (t + 1) * spec.dim));
    if (!x.every(Number.isFinite)) continue;
    out.push(clarkeStationarity(x, (at, g) => f.grad(at, g), settings.epsilon, settings.samples, first + t));
  }
  return out;
}

/** Path-by-path differences between the GPU's tracked trajectories and the float64 reference. */
async function compareWithReference(spec: EnsembleSpec, gpu: EnsembleResult, n: number, signal?: AbortSignal): Promise<ReferenceComparison> {
  const cpu = await runEnsembleReference({ ...spec, trajectories: n }, { trackTrajectories: n, signal });
  const { maxAbs, rms } = pathDifferences(
    gpu.tracked!.map((states) => states.subarray(0, n * spec.dim)),
    cpu.tracked!,
  );
  return { trajectories: n, maxAbsDifference: maxAbs, rmsDifference: rms, referenceSeconds: cpu.timing.seconds };
}
