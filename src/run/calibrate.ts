/**
 * A short calibration for the dry run's time estimate: each planned run, cut to a
 * few trajectories and steps (same model, statistics and escape), runs on the
 * device, and its throughput scales to the whole run. Small ensembles use a GPU
 * less fully than large ones, so the estimate errs long; it is a guide, printed
 * as such, never a promise.
 */
import { expandRuns, type Experiment } from '../experiment';
import { runEnsembleGpu } from '../ensemble/gpu-ensemble';
import type { EngineDevice } from '../gpu/engine-device';
import { runEnsembleReference } from '../reference/run-reference';
import { ensembleSpec } from './ensemble-spec-of';
import type { ExperimentPlan } from './plan';

export interface RunEstimate {
  index: number;
  /** Throughput of the calibration run (trajectory-steps per second, integration and reductions). */
  trajectoryStepsPerSecond: number;
  /** Kernel compilation measured during calibration (the real run compiles again in a new process). */
  compileSeconds: number;
  /** Estimated wall time of the whole run, compilation included. */
  seconds: number;
  /** What the calibration ran. */
  calibration: { trajectories: number; steps: number };
}

/** Below this the calibration is repeated 8× larger, so that timer resolution and submit overhead do not dominate. */
const MIN_CALIBRATION_SECONDS = 0.05;

/** Calibrates every run of `plan` on `device` and estimates its time. */
export async function estimateTimes(experiment: Experiment, plan: ExperimentPlan, device: EngineDevice | 'cpu', signal?: AbortSignal): Promise<RunEstimate[]> {
  const planned = expandRuns(experiment);
  const estimates: RunEstimate[] = [];
  for (const run of plan.runs) {
    const full = ensembleSpec(experiment, planned[run.index]);
    const once = async (trajectories: number, steps: number) => {
      const spec = { ...full, trajectories, steps, checkpoints: [0, steps] };
      return (device === 'cpu' ? await runEnsembleReference(spec, { signal }) : await runEnsembleGpu(device, spec, { signal })).timing;
    };
    // A warm-up first: it compiles the kernels (and llvmpipe JIT-compiles at the first dispatch; V8 warms the reference).
    const compileSeconds = (await once(Math.min(run.trajectories, 256), Math.min(run.steps, 1) || 1)).compileSeconds;
    let trajectories = Math.min(run.trajectories, device === 'cpu' ? 64 : 4096);
    let steps = Math.max(1, Math.min(run.steps, 16));
    let seconds = (await once(trajectories, steps)).seconds;
    for (let attempt = 0; attempt < 3 && seconds < MIN_CALIBRATION_SECONDS && (trajectories < run.trajectories || steps < run.steps); attempt++) {
      trajectories = Math.min(run.trajectories, trajectories * 4);
      steps = Math.max(1, Math.min(run.steps, steps * 4));
      seconds = (await once(trajectories, steps)).seconds;
    }
    // Other processes on a shared machine slow single measurements: keep the faster of two.
    seconds = Math.min(seconds, (await once(trajectories, steps)).seconds);
    const rate = (trajectories * steps) / Math.max(seconds, 1e-6);
    estimates.push({
      index: run.index,
      trajectoryStepsPerSecond: rate,
      compileSeconds,
      seconds: compileSeconds + run.trajectorySteps / rate,
      calibration: { trajectories, steps },
    });
  }
  return estimates;
}
