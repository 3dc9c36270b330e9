/**
 * A short calibration for the dry run's time estimate: each planned run, cut to a
 * few trajectories and steps (same composed kernels, statistics and escape), runs
 * on the device three times — short, long, and long with many checkpoints — which
 * separates what a chunk pays once from what it pays per step and per
 * reduction; those scale to the whole run. Small ensembles use a GPU less fully
 * than large ones, so the estimate errs long there; it is a guide, never a
 * promise.
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

/** The calibration's steps grow until it takes this long. */
const MIN_CALIBRATION_SECONDS = 0.1;
/** Checkpoints in the calibration that prices reductions. */
const CALIBRATION_CHECKPOINTS = 9;

/**
 * What one chunk of a run costs, fitted from three short runs of its own
 * composed kernels: a run costs `fixed` (buffers, initialization, readbacks),
 * `perStep` for every step of every `trajectories`, and `perCheckpoint` for each
 * reduction. The fixed cost is what made a single short run (the old probe)
 * overestimate long runs several times over: it is paid once per chunk, not per
 * step.
 */
interface ChunkCost {
  trajectories: number;
  fixed: number;
  perStep: number;
  perCheckpoint: number;
}

/** Calibrates every run of `plan` on `device` and estimates its time. */
export async function estimateTimes(experiment: Experiment, plan: ExperimentPlan, device: EngineDevice | 'cpu', signal?: AbortSignal): Promise<RunEstimate[]> {
  const planned = expandRuns(experiment);
  const estimates: RunEstimate[] = [];
  for (const run of plan.runs) {
    const full = ensembleSpec(experiment, planned[run.index]);
    const once = async (trajectories: number, steps: number, checkpoints: number) => {
      const at = Array.from({ length: checkpoints }, (_, k) => Math.round((k * steps) / (checkpoints - 1)));
      const spec = { ...full, trajectories, steps, checkpoints: [...new Set(at)] };
      return (device === 'cpu' ? await runEnsembleReference(spec, { signal }) : await runEnsembleGpu(device, spec, { signal })).timing;
    };
    // Other processes on a shared machine slow single measurements: keep the faster of two.
    const best = async (trajectories: number, steps: number, checkpoints: number) =>
      Math.min((await once(trajectories, steps, checkpoints)).seconds, (await once(trajectories, steps, checkpoints)).seconds);
    // A warm-up first: it compiles the kernels (and llvmpipe JIT-compiles at the first dispatch; V8 warms the reference).
    const compileSeconds = (await once(Math.min(run.trajectories, 256), Math.min(run.steps, 1) || 1, 2)).compileSeconds;

    // A chunk's trajectories (the last may be smaller), capped so that the calibration stays short.
    const perChunk = Math.ceil(run.trajectories / run.chunks);
    const trajectories = Math.min(perChunk, device === 'cpu' ? 64 : 16384);
    // Enough steps to cross several dispatches (their overhead is part of a step's cost) and to
    // take MIN_CALIBRATION_SECONDS, so that timer resolution and noise do not dominate.
    let long = Math.max(1, Math.min(run.steps, Math.max(64, 4 * run.stepsPerDispatch)));
    let tLong = await best(trajectories, long, 2);
    for (let attempt = 0; attempt < 6 && tLong < MIN_CALIBRATION_SECONDS && long < run.steps; attempt++) {
      long = Math.min(run.steps, long * 4);
      tLong = await best(trajectories, long, 2);
    }
    const short = Math.max(1, Math.floor(long / 4));
    const tShort = short < long ? await best(trajectories, short, 2) : tLong;
    const reduceCheckpoints = Math.min(CALIBRATION_CHECKPOINTS, long + 1);
    const tReduce = reduceCheckpoints > 2 ? await best(trajectories, long, reduceCheckpoints) : tLong;
    // Differences of noisy times can come out negative: then all of the long run's time counts as steps.
    const slope = short < long ? (tLong - tShort) / (long - short) : 0;
    const perStep = slope > 0 ? slope : tLong / long;
    const perCheckpoint = reduceCheckpoints > 2 ? Math.max(0, (tReduce - tLong) / (reduceCheckpoints - 2)) : 0;
    const cost: ChunkCost = { trajectories, perStep, perCheckpoint, fixed: Math.max(0, tLong - long * perStep - 2 * perCheckpoint) };
    const lifetime = await wholeRunFactor(run.steps, Math.min(run.steps, 4 * long), perChunk, device, once);
    // Work scales with the trajectories of a chunk; small calibrations under-use a GPU, so this errs long there.
    const scale = perChunk / cost.trajectories;
    const chunkSeconds = cost.fixed + scale * (run.steps * cost.perStep * lifetime + run.checkpoints * cost.perCheckpoint);
    const seconds = compileSeconds + run.chunks * chunkSeconds;
    estimates.push({
      index: run.index,
      trajectoryStepsPerSecond: (cost.trajectories * long) / Math.max(long * cost.perStep, 1e-9),
      compileSeconds,
      seconds,
      calibration: { trajectories: cost.trajectories, steps: long },
    });
  }
  return estimates;
}

/** At most this many trajectory-steps go into following a few trajectories over the whole run. */
const MAX_LIFETIME_STEPS = 2 ** 24;

/** A whole-run factor this close to 1 is timing noise, not a change of cost. */
const LIFETIME_NOISE = 1.25;

/**
 * The cost of a step can change over a run, which a calibration of its first
 * steps cannot see: trajectories frozen at their first exit (`escape.stop`) cost
 * less and less, and a growing batch-size schedule costs more and more. A few
 * trajectories followed over every step, against the same few over the first
 * `early` steps, give the mean cost of a step over the run relative to an early
 * one (1 where they agree within timing noise, or where following the whole
 * run would cost too much).
 */
async function wholeRunFactor(
  steps: number,
  early: number,
  perChunk: number,
  device: EngineDevice | 'cpu',
  once: (trajectories: number, steps: number, checkpoints: number) => Promise<{ seconds: number }>,
): Promise<number> {
  const few = Math.min(perChunk, device === 'cpu' ? 16 : 256);
  if (early >= steps || few * steps > MAX_LIFETIME_STEPS) return 1;
  const whole = (await once(few, steps, 2)).seconds / steps;
  const first = Math.min((await once(few, early, 2)).seconds, (await once(few, early, 2)).seconds) / early;
  const factor = Math.min(50, Math.max(0.02, whole / first));
  return factor > 1 / LIFETIME_NOISE && factor < LIFETIME_NOISE ? 1 : factor;
}
