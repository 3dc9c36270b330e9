import { expandRuns, type Experiment, type PlannedRun } from '../experiment';
import type { EnsembleOptions, EnsembleResult, EnsembleSpec } from '../ensemble/ensemble-spec';
import { runEnsembleGpu } from '../ensemble/gpu-ensemble';
import { adapterLabel } from '../gpu/adapter-description';
import type { EngineDevice } from '../gpu/engine-device';
import { dynamicsDescriptor, objectiveDescriptor } from '../registry';
import { CPU_REFERENCE_DEVICE, runEnsembleReference } from '../reference/run-reference';
import { keyFromSeed } from '../rng/seed';
import { RNG_STREAM_VERSION } from '../rng/streams';
import { compareWithClosedForm } from './closed-form-comparison';
import type { ExperimentResult, ReferenceComparison, RunResult } from './experiment-result';

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
}

/** Turns one planned run into the runner's spec. */
export function ensembleSpec(experiment: Experiment, run: PlannedRun): EnsembleSpec {
  const x0 = experiment.x0;
  const initial = x0.kind === 'point' ? { mean: x0.value, std: x0.value.map(() => 0) } : { mean: x0.mean, std: x0.std };
  return {
    dim: experiment.dim,
    objective: { descriptor: objectiveDescriptor(experiment.objective.kind), value: experiment.objective },
    dynamics: { descriptor: dynamicsDescriptor(run.dynamics.kind), value: run.dynamics },
    initial,
    trajectories: experiment.trajectories,
    steps: run.steps,
    checkpoints: run.checkpoints,
    key: keyFromSeed(experiment.seed),
  };
}

/**
 * Runs every planned run of a validated experiment, in order (sweep values,
 * then dynamics items), on the GPU or the float64 reference; compares with the
 * closed form where one exists and, when the experiment asks, with the CPU
 * reference on its first trajectories.
 */
export async function runExperiment(experiment: Experiment, options: RunExperimentOptions): Promise<ExperimentResult> {
  const planned = expandRuns(experiment);
  const onGpu = options.device !== 'cpu';
  const device = onGpu ? (options.device as EngineDevice).adapter : CPU_REFERENCE_DEVICE;
  const runs: RunResult[] = [];
  for (const run of planned) {
    const spec = ensembleSpec(experiment, run);
    const label = run.dynamics.label ?? `${run.dynamics.kind} #${run.index}`;
    const tracked = onGpu && experiment.reference ? Math.min(experiment.reference.trajectories, spec.trajectories) : 0;
    const ensembleOptions: EnsembleOptions = {
      ...options.ensemble,
      signal: options.signal,
      trackTrajectories: tracked,
      onProgress: (p) => options.onProgress?.({ run: run.index, runs: planned.length, label, ...p }),
    };
    const result = onGpu
      ? await runEnsembleGpu(options.device as EngineDevice, spec, ensembleOptions)
      : await runEnsembleReference(spec, ensembleOptions);
    const reference = tracked > 0 ? await compareWithReference(spec, result, tracked, options.signal) : undefined;
    runs.push(runResult(experiment, run, spec, result, label, reference));
  }
  return {
    format: 'sdeflow-result/v1',
    name: experiment.name,
    seed: experiment.seed,
    rngStreamVersion: RNG_STREAM_VERSION,
    device,
    experiment,
    runs,
  };
}

function runResult(
  experiment: Experiment,
  run: PlannedRun,
  spec: EnsembleSpec,
  result: EnsembleResult,
  label: string,
  reference: ReferenceComparison | undefined,
): RunResult {
  const descriptor = spec.dynamics.descriptor;
  const h = descriptor.stepLength(run.dynamics);
  const observables = new Set(experiment.record.observables);
  const exact = descriptor.closedForm?.(run.dynamics, experiment.objective, spec.initial, run.checkpoints);
  return {
    index: run.index,
    label,
    dynamics: run.dynamics,
    ...(run.sweep ? { sweep: run.sweep } : {}),
    citation: descriptor.citation,
    trajectories: spec.trajectories,
    steps: run.steps,
    series: {
      step: result.checkpoints,
      t: result.checkpoints.map((k) => k * h),
      count: result.count,
      ...(observables.has('mean') ? { mean: result.mean } : {}),
      ...(observables.has('variance') ? { variance: result.variance } : {}),
    },
    diverged: result.diverged[result.diverged.length - 1],
    ...(exact ? { closedForm: compareWithClosedForm(result, exact) } : {}),
    ...(reference ? { reference } : {}),
    timing: {
      seconds: result.timing.seconds,
      compileSeconds: result.timing.compileSeconds,
      trajectorySteps: result.timing.trajectorySteps,
      trajectoryStepsPerSecond: result.timing.trajectoryStepsPerSecond,
      device: adapterLabel(result.device),
    },
  };
}

/** Path-by-path differences between the GPU's tracked trajectories and the float64 reference. */
async function compareWithReference(spec: EnsembleSpec, gpu: EnsembleResult, n: number, signal?: AbortSignal): Promise<ReferenceComparison> {
  const cpu = await runEnsembleReference({ ...spec, trajectories: n }, { trackTrajectories: n, signal });
  const { maxAbs, rms } = pathDifferences(gpu.tracked!, cpu.tracked!);
  return { trajectories: n, maxAbsDifference: maxAbs, rmsDifference: rms, referenceSeconds: cpu.timing.seconds };
}

/** Max and RMS of |a − b| over all checkpoints, trajectories and coordinates (NaN pairs are skipped). */
export function pathDifferences(a: ArrayLike<number>[], b: ArrayLike<number>[]): { maxAbs: number; rms: number } {
  let maxAbs = 0;
  let sum = 0;
  let count = 0;
  a.forEach((states, c) => {
    for (let i = 0; i < states.length; i++) {
      const d = Math.abs(states[i] - b[c][i]);
      if (Number.isNaN(d)) continue;
      maxAbs = Math.max(maxAbs, d);
      sum += d * d;
      count++;
    }
  });
  return { maxAbs, rms: Math.sqrt(sum / Math.max(count, 1)) };
}
