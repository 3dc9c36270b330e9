/**
 * A short calibration for the dry run's time estimate: each planned run, cut to a
 * few trajectories and steps (same composed kernels, statistics and escape), runs
 * on the device three times — short, long, and long with many checkpoints — which
 * separates what a chunk pays once from what it pays per step and per
 * reduction; those scale to the whole run. A run compared with the float64
 * reference (`reference`) has those paths calibrated the same way on the CPU,
 * and the host's work after a run (its part of the report, stationarity of the
 * final iterates: src/run/post-run-cost.ts) is timed on the calibration's own
 * output. Small ensembles use a GPU less fully than large ones, so the estimate
 * errs long there; it is a guide, never a promise.
 */
import { expandRuns, type Experiment } from '../experiment';
import { runEnsembleGpu } from '../ensemble/gpu-ensemble';
import type { EngineDevice } from '../gpu/engine-device';
import { runEnsembleReference } from '../reference/run-reference';
import type { EnsembleOptions, EnsembleResult, EnsembleSpec } from '../ensemble/ensemble-spec';
import type { EnsembleStatistics } from '../stats/ensemble-statistics';
import { ensembleSpec } from './ensemble-spec-of';
import { trackedTrajectories } from './measure';
import type { ExperimentPlan } from './plan';
import { reportSeconds, stationaritySeconds, type PostRunSeconds } from './post-run-cost';
import { strongTrajectories } from './strong-errors';

export interface RunEstimate {
  index: number;
  /** Throughput of the calibration run (trajectory-steps per second, integration and reductions). */
  trajectoryStepsPerSecond: number;
  /** Kernel compilation measured during calibration (the real run compiles again in a new process). */
  compileSeconds: number;
  /** Estimated wall time of the whole run: compilation, the ensemble, and the host's work after it (`after`). */
  seconds: number;
  /** The host's work after the ensemble, included in `seconds`. */
  after: PostRunSeconds;
  /** What the calibration ran. */
  calibration: { trajectories: number; steps: number };
}

/** The calibration's steps grow until it takes this long. */
const MIN_CALIBRATION_SECONDS = 0.1;
/** Its first sizes shrink until one of its runs should take at most about this long. */
const MAX_CALIBRATION_SECONDS = 2;
/** Checkpoints in the calibration that prices reductions. */
const CALIBRATION_CHECKPOINTS = 9;

/**
 * What one chunk of a run costs, fitted from four short runs of its own
 * composed kernels: a run costs `fixed` once (buffers, dispatches, readbacks),
 * `perTrajectory` for each trajectory whatever its steps (initialization, the
 * reductions' first pass), `perStep` for every step of every `trajectories`,
 * and `perCheckpoint` for each reduction. The fixed cost is what made a single
 * short run (the old probe) overestimate long runs several times over: it is
 * paid once per chunk, not per step; the per-trajectory cost is what a
 * calibration of few trajectories underestimated for runs of many
 * trajectories and few steps.
 */
interface ChunkCost {
  trajectories: number;
  fixed: number;
  perTrajectory: number;
  perStep: number;
  perCheckpoint: number;
}

/** The shape of an ensemble to estimate: a planned run's, or its float64 reference's. */
interface EnsembleShape {
  trajectories: number;
  chunks: number;
  steps: number;
  checkpoints: number;
  stepsPerDispatch: number;
}

/** One short run of a run's kernels: `trajectories` trajectories, `steps` steps, `checkpoints` evenly spread checkpoints. */
type CalibrationRun = (trajectories: number, steps: number, checkpoints: number, options?: EnsembleOptions) => Promise<EnsembleResult>;

/** What calibrating an ensemble found: its estimated time, and a sample of its statistics and final states for the host's work after it. */
interface EnsembleEstimate {
  seconds: number;
  compileSeconds: number;
  trajectoryStepsPerSecond: number;
  calibration: { trajectories: number; steps: number };
  /** Statistics of the calibration with several checkpoints (the run's layout). */
  sample: EnsembleStatistics;
  /** The final states of a few trajectories after the whole run (or the calibration's steps, when that would cost too much). */
  finalStates: { trajectories: number; states: Float32Array | Float64Array };
}

/**
 * Calibrates every run of `plan` on `device` and estimates its time: the
 * ensemble (calibrated on its own kernels), the float64 reference's paths it is
 * compared with (calibrated on the CPU), and the host's work after it
 * (src/run/post-run-cost.ts).
 */
export async function estimateTimes(experiment: Experiment, plan: ExperimentPlan, device: EngineDevice | 'cpu', signal?: AbortSignal): Promise<RunEstimate[]> {
  const planned = expandRuns(experiment);
  const onGpu = device !== 'cpu';
  const estimates: RunEstimate[] = [];
  // Every run has the experiment's (or the shard's) trajectories.
  const strong = strongTrajectories(experiment, planned, plan.runs[0]?.trajectories ?? 0);
  for (const run of plan.runs) {
    const full = ensembleSpec(experiment, planned[run.index]);
    const { referenceCount, stationarityCount } = trackedTrajectories(experiment, planned[run.index], strong, onGpu, run.trajectories);
    const ensemble = await estimateEnsemble(full, run, device, stationarityCount, signal);
    const reference =
      referenceCount > 0
        ? (await estimateEnsemble(full, { trajectories: referenceCount, chunks: 1, steps: run.steps, checkpoints: run.checkpoints, stepsPerDispatch: run.steps }, 'cpu', 0, signal, referenceCount))
            .seconds
        : 0;
    const settings = experiment.record.stationarity;
    const after: PostRunSeconds = {
      reference,
      stationarity: settings ? stationaritySeconds(full, ensemble.finalStates.states, ensemble.finalStates.trajectories, stationarityCount, settings) : 0,
      report: reportSeconds(experiment, planned[run.index], ensemble.sample),
    };
    estimates.push({
      index: run.index,
      trajectoryStepsPerSecond: ensemble.trajectoryStepsPerSecond,
      compileSeconds: ensemble.compileSeconds,
      seconds: ensemble.seconds + after.reference + after.stationarity + after.report,
      after,
      calibration: ensemble.calibration,
    });
  }
  return estimates;
}

/**
 * Estimates one ensemble of `shape` from short runs of `full`'s kernels on
 * `device`, and keeps the final states of up to `finalStates` trajectories
 * (at most a few) for the work after it. `track` trajectories are tracked, as
 * the reference comparison tracks its paths.
 */
async function estimateEnsemble(
  full: EnsembleSpec,
  shape: EnsembleShape,
  device: EngineDevice | 'cpu',
  finalStates: number,
  signal: AbortSignal | undefined,
  track = 0,
): Promise<EnsembleEstimate> {
  const once: CalibrationRun = async (trajectories, steps, checkpoints, options = {}) => {
    const at = Array.from({ length: checkpoints }, (_, k) => Math.round((k * steps) / (checkpoints - 1)));
    const spec = { ...full, trajectories, steps, checkpoints: [...new Set(at)] };
    const settings: EnsembleOptions = { signal, ...(track > 0 ? { trackTrajectories: Math.min(track, trajectories) } : {}), ...options };
    return device === 'cpu' ? await runEnsembleReference(spec, settings) : await runEnsembleGpu(device, spec, settings);
  };
  // Other processes on a shared machine slow single measurements: keep the faster of two.
  const best = async (trajectories: number, steps: number, checkpoints: number) => {
    const first = await once(trajectories, steps, checkpoints);
    const second = await once(trajectories, steps, checkpoints);
    return first.timing.seconds <= second.timing.seconds ? first : second;
  };
  // A warm-up first: it compiles the kernels (and llvmpipe JIT-compiles at the first dispatch; V8 warms the reference).
  const compileSeconds = (await once(Math.min(shape.trajectories, 256), Math.min(shape.steps, 1) || 1, 2)).timing.compileSeconds;

  // A chunk's trajectories (the last may be smaller), capped so that the calibration stays short.
  const perChunk = Math.ceil(shape.trajectories / shape.chunks);
  let trajectories = Math.min(perChunk, device === 'cpu' ? 64 : 16384);
  // Enough steps to cross several dispatches (their overhead is part of a step's cost) and to
  // take MIN_CALIBRATION_SECONDS, so that timer resolution and noise do not dominate.
  let long = Math.max(1, Math.min(shape.steps, Math.max(64, 4 * shape.stepsPerDispatch)));
  // A heavy kernel (many substeps, a large batch) would make even these sizes slow: a probe on the
  // fewest trajectories (fewer steps while it is too slow itself), scaled by the trajectories,
  // picks sizes whose runs take at most about MAX_CALIBRATION_SECONDS.
  const fewest = Math.min(trajectories, device === 'cpu' ? 16 : 256);
  let probe = (await once(fewest, long, 2)).timing.seconds;
  for (let attempt = 0; attempt < 6 && probe > MAX_CALIBRATION_SECONDS && long > 1; attempt++) {
    long = Math.max(1, Math.floor(long / 4));
    probe = (await once(fewest, long, 2)).timing.seconds;
  }
  while (trajectories > fewest && (probe * trajectories) / fewest > MAX_CALIBRATION_SECONDS) trajectories = Math.max(fewest, Math.floor(trajectories / 4));
  let longRun = await best(trajectories, long, 2);
  for (let attempt = 0; attempt < 6 && longRun.timing.seconds < MIN_CALIBRATION_SECONDS && long < shape.steps; attempt++) {
    long = Math.min(shape.steps, long * 4);
    longRun = await best(trajectories, long, 2);
  }
  // A run of few steps cannot take that long by its steps: its trajectories grow instead (up to a
  // chunk's), so that what grows with them (initialization, reductions) is timed near the run's size.
  for (let attempt = 0; attempt < 4 && longRun.timing.seconds < MIN_CALIBRATION_SECONDS && trajectories < perChunk; attempt++) {
    trajectories = Math.min(perChunk, trajectories * 4);
    longRun = await best(trajectories, long, 2);
  }
  const tLong = longRun.timing.seconds;
  const short = Math.max(1, Math.floor(long / 4));
  const tShort = short < long ? (await best(trajectories, short, 2)).timing.seconds : tLong;
  const reduceCheckpoints = Math.min(CALIBRATION_CHECKPOINTS, long + 1);
  const reduceRun = reduceCheckpoints > 2 ? await best(trajectories, long, reduceCheckpoints) : longRun;
  const tReduce = reduceRun.timing.seconds;
  // Differences of noisy times can come out negative: then all of the long run's time counts as steps.
  const slope = short < long ? (tLong - tShort) / (long - short) : 0;
  const perStep = slope > 0 ? slope : tLong / long;
  const perCheckpoint = reduceCheckpoints > 2 ? Math.max(0, (tReduce - tLong) / (reduceCheckpoints - 2)) : 0;
  const fixed = Math.max(0, tLong - long * perStep - 2 * perCheckpoint);
  // What is fixed at this size is partly paid per trajectory (initialization, the reductions' first pass):
  // the short run again with a quarter of the trajectories tells that part from what a chunk pays once.
  const quarter = Math.floor(trajectories / 4);
  let perTrajectory = 0;
  if (quarter >= 1) {
    const tQuarter = (await best(quarter, short, 2)).timing.seconds;
    const variable = short * perStep + 2 * perCheckpoint;
    perTrajectory = Math.min(fixed / trajectories, Math.max(0, (tShort - tQuarter - 0.75 * variable) / (0.75 * trajectories)));
  }
  const cost: ChunkCost = { trajectories, perStep, perCheckpoint, perTrajectory, fixed: fixed - perTrajectory * trajectories };
  const lifetime = await wholeRunFactor(shape.steps, Math.min(shape.steps, 4 * long), perChunk, device, once);
  // Work scales with the trajectories of a chunk; small calibrations under-use a GPU, so this errs long there.
  const scale = perChunk / cost.trajectories;
  const chunkSeconds = cost.fixed + perChunk * cost.perTrajectory + scale * (shape.steps * cost.perStep * lifetime + shape.checkpoints * cost.perCheckpoint);
  return {
    seconds: compileSeconds + shape.chunks * chunkSeconds,
    compileSeconds,
    trajectoryStepsPerSecond: (cost.trajectories * long) / Math.max(long * cost.perStep, 1e-9),
    calibration: { trajectories: cost.trajectories, steps: long },
    sample: reduceRun.statistics,
    finalStates: await sampleFinalStates(shape, long, Math.min(finalStates, FINAL_STATE_SAMPLES), once),
  };
}

/** Final iterates timed for the work on them (stationarity): this many trajectories at most. */
const FINAL_STATE_SAMPLES = 16;

/** The final states of `few` trajectories after the whole run, or after `long` steps when the whole run would cost too much. */
async function sampleFinalStates(shape: EnsembleShape, long: number, few: number, once: CalibrationRun): Promise<EnsembleEstimate['finalStates']> {
  if (few === 0) return { trajectories: 0, states: new Float64Array(0) };
  const steps = few * shape.steps <= MAX_LIFETIME_STEPS ? shape.steps : long;
  const result = await once(few, steps, 2, { keepFinalState: true });
  return { trajectories: few, states: result.finalState! };
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
  once: CalibrationRun,
): Promise<number> {
  const few = Math.min(perChunk, device === 'cpu' ? 16 : 256);
  if (early >= steps || few * steps > MAX_LIFETIME_STEPS) return 1;
  const whole = (await once(few, steps, 2)).timing.seconds / steps;
  const first = Math.min((await once(few, early, 2)).timing.seconds, (await once(few, early, 2)).timing.seconds) / early;
  const factor = Math.min(50, Math.max(0.02, whole / first));
  return factor > 1 / LIFETIME_NOISE && factor < LIFETIME_NOISE ? 1 : factor;
}
