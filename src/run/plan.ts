/**
 * The resource plan of an experiment, computed without running it (`sdeflow run
 * FILE --dry-run`): per planned run, how the runner will cut the work (chunks,
 * steps per dispatch, dispatches), the GPU buffers it will create (sizes as
 * src/ensemble/gpu-ensemble.ts creates them; test/ensemble/buffer-accounting
 * checks the two agree), and the host memory its statistics, tracked paths and
 * report will take. Problems that would only surface mid-run — a buffer beyond
 * the device's limits, statistics beyond host memory — are found here, with the
 * figures.
 */
import { expandRuns, type Experiment, type PlannedRun } from '../experiment';
import { resolveChunking } from '../ensemble/chunking';
import { auxDim, packData, packParams, specStatisticsLayout } from '../ensemble/kernels';
import { chunkBuffers, isStorage } from '../ensemble/chunk-buffers';
import type { EngineDevice } from '../gpu/engine-device';
import type { EnsembleOptions } from '../ensemble/ensemble-spec';
import type { StatisticsLayout } from '../stats/statistics-layout';
import { ensembleSpec } from './ensemble-spec-of';
import { runLabel, trackedTrajectories } from './measure';
import { shardRange, type Shard } from './shard';
import { strongTrajectories } from './strong-errors';

/** One GPU buffer the runner creates for a run. */
export interface PlannedBuffer {
  /** The runner's name for it (its label starts with this). */
  name: string;
  bytes: number;
  /** Bound as a storage buffer (so maxStorageBufferBindingSize applies), or not. */
  storage: boolean;
}

/** How one planned run will execute. */
export interface RunPlan {
  index: number;
  label: string;
  trajectories: number;
  steps: number;
  checkpoints: number;
  trajectorySteps: number;
  /** Trajectories per chunk and chunks (1 on the CPU reference, which goes trajectory by trajectory). */
  chunkSize: number;
  chunks: number;
  /** Steps one integrate dispatch takes at most; where `loopProbe`, the run lowers it to what its probe measures. */
  stepsPerDispatch: number;
  /**
   * The adapter cuts loops short (llvmpipe over OpenGL ES): the run measures the steps that fit one dispatch
   * at its start (a probe of its own kernels), so stepsPerDispatch is a most and the integrate dispatches a least.
   */
  loopProbe: boolean;
  /** Submissions over the whole run: initialize, integrate and reduce kernels, and readbacks (map and copy to the host). */
  dispatches: { initialize: number; integrate: number; reduce: number; readbacks: number };
  /** Buffers alive during the run (none on the CPU reference). */
  buffers: PlannedBuffer[];
  gpuBytes: number;
  /** Estimated host memory for this run's statistics, tracked paths and its part of the report. */
  hostBytes: number;
  /** First trajectories whose states are kept at every checkpoint. */
  tracked: number;
}

export interface ExperimentPlan {
  name: string;
  device: string;
  runs: RunPlan[];
  /** Runs go one at a time: the largest run's buffers. */
  gpuBytes: number;
  /** Every run's statistics are held until the report: the sum. */
  hostBytes: number;
  trajectorySteps: number;
}

/**
 * Host bytes per number kept per checkpoint: the float64 accumulators (8), the
 * report's summaries as JS arrays (about 16 with their overhead) and its JSON text
 * (about 25 characters a number, pretty-printed). An estimate, meant to catch
 * gross excess, not to budget to the megabyte.
 */
const HOST_BYTES_PER_NUMBER = 56;
/** Fixed host cost of a checkpoint (objects, typed-array headers). */
const HOST_BYTES_PER_CHECKPOINT = 600;

/**
 * Numbers the host keeps per checkpoint for a statistics layout: the moments and the
 * means' and variances' 95% intervals, the co-moments (C, M21, M12, M22) and the
 * reported covariance matrices (value, SE, lo, hi), the counters.
 */
function numbersPerCheckpoint(layout: StatisticsLayout): number {
  const d = layout.covarianceDim;
  return 5 * layout.features + 4 * layout.dim + d + 4 * layout.covarianceWords + 4 * d * d + layout.countersPerCheckpoint;
}

/** Integrate dispatches of one chunk: each gap between checkpoints is cut into pieces of at most `stepsPerDispatch`. */
function integrateDispatches(checkpoints: number[], stepsPerDispatch: number): number {
  let n = 0;
  for (let c = 1; c < checkpoints.length; c++) n += Math.ceil((checkpoints[c] - checkpoints[c - 1]) / stepsPerDispatch);
  return n + (checkpoints[0] > 0 ? Math.ceil(checkpoints[0] / stepsPerDispatch) : 0);
}

function planRun(experiment: Experiment, run: PlannedRun, device: EngineDevice | 'cpu', track: number, options: PlanOptions): RunPlan {
  const { shard, ensemble } = options;
  const range = shard ? shardRange(experiment.trajectories, shard) : undefined;
  const spec = ensembleSpec(experiment, run, range);
  const layout = specStatisticsLayout(spec);
  const checkpoints = spec.checkpoints.length;
  const onGpu = device !== 'cpu';
  const hostNumbers = checkpoints * numbersPerCheckpoint(layout) + layout.escapeTimeBins;
  // Tracked states: f32 read back from the GPU, plus the float64 reference's own on a GPU run with `reference`.
  const trackedBytes = checkpoints * track * spec.dim * (onGpu ? 4 + (experiment.reference ? 8 : 0) : 8);
  const hostBytes = hostNumbers * HOST_BYTES_PER_NUMBER + checkpoints * HOST_BYTES_PER_CHECKPOINT + trackedBytes;
  const base = {
    index: run.index,
    label: runLabel(run),
    trajectories: spec.trajectories,
    steps: spec.steps,
    checkpoints,
    trajectorySteps: spec.trajectories * spec.steps,
    hostBytes,
    tracked: track,
  };
  if (!onGpu) {
    return { ...base, chunkSize: spec.trajectories, chunks: 1, stepsPerDispatch: spec.steps, loopProbe: false, dispatches: { initialize: 0, integrate: 0, reduce: 0, readbacks: 0 }, buffers: [], gpuBytes: 0 };
  }
  const params = packParams(spec);
  const chunking = resolveChunking(spec, { ...ensemble, trackTrajectories: track }, device.device.limits, layout.partialWords);
  const { chunkSize, slots, stepsPerDispatch, tracked } = chunking;
  // The very table the device chunk allocates from (src/ensemble/chunk-buffers.ts).
  const sizes = { dim: spec.dim, checkpoints, auxWords: auxDim(spec), paramBytes: params.values.byteLength, dataBytes: packData(spec).byteLength, layout };
  const buffers: PlannedBuffer[] = chunkBuffers(chunking, sizes, { snapshots: options.snapshots }).map((b) => ({ name: b.name, bytes: b.bytes, storage: isStorage(b) }));
  const chunks = Math.ceil(spec.trajectories / chunkSize);
  const perChunkReadbacks = Math.ceil(checkpoints / slots);
  return {
    ...base,
    chunkSize,
    chunks,
    stepsPerDispatch,
    loopProbe: device.adapter.maxLoopIterations !== null,
    dispatches: {
      initialize: chunks,
      integrate: chunks * integrateDispatches(spec.checkpoints, stepsPerDispatch),
      reduce: chunks * checkpoints,
      readbacks: chunks * perChunkReadbacks + (layout.counterWords > 0 ? 1 : 0) + (tracked > 0 ? 1 : 0),
    },
    buffers,
    gpuBytes: buffers.reduce((s, b) => s + b.bytes, 0),
  };
}

/** What the run will be given (as `measureExperiment`'s options): a shard, and the runner's chunk size or steps per dispatch. */
export interface PlanOptions {
  shard?: Shard;
  ensemble?: Pick<EnsembleOptions, 'chunkSize' | 'stepsPerDispatch'>;
  /** The run keeps a checkpoint (`--checkpoint`): one more readback buffer, for snapshots. */
  snapshots?: boolean;
}

/**
 * The plan of every run of a validated experiment (or of one shard of it) on a
 * device, or on the CPU reference. Pure: nothing is compiled, allocated or run.
 */
export function planExperiment(experiment: Experiment, device: EngineDevice | 'cpu', options: PlanOptions = {}): ExperimentPlan {
  const { shard } = options;
  const planned = expandRuns(experiment);
  const available = shard ? shardRange(experiment.trajectories, shard).trajectories : experiment.trajectories;
  const strong = strongTrajectories(experiment, planned, available);
  const onGpu = device !== 'cpu';
  const runs = planned.map((run) => planRun(experiment, run, device, trackedTrajectories(experiment, run, strong, onGpu, available).track, options));
  return {
    name: experiment.name,
    device: onGpu ? device.adapter.description : 'float64 CPU reference',
    runs,
    gpuBytes: Math.max(0, ...runs.map((r) => r.gpuBytes)),
    hostBytes: runs.reduce((s, r) => s + r.hostBytes, 0),
    trajectorySteps: runs.reduce((s, r) => s + r.trajectorySteps, 0),
  };
}

/** Bytes in binary units, e.g. "12.0 MiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Why the plan cannot run on this device or this host, or undefined when it can:
 * a buffer beyond the device's buffer or storage-binding limits (the runner already
 * chunks the per-trajectory buffers; what is left is statistics that grow with the
 * checkpoints, such as histograms, or tracked paths), or host memory beyond
 * `hostBudget` bytes. Each reason gives the figures and what to change.
 */
export function planProblems(plan: ExperimentPlan, device: EngineDevice | 'cpu', hostBudget: number): string[] {
  const problems: string[] = [];
  if (device !== 'cpu') {
    const limits = device.device.limits;
    for (const run of plan.runs) {
      for (const b of run.buffers) {
        const cap = b.storage ? Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize) : limits.maxBufferSize;
        if (b.bytes > cap) {
          problems.push(
            `run ${run.index} (${run.label}) needs a ${b.name} buffer of ${formatBytes(b.bytes)}, beyond this device's limit of ${formatBytes(cap)}: ` +
              (b.name.startsWith('counters')
                ? `its histograms and region counts grow with the ${run.checkpoints} checkpoints; record less often or use fewer bins`
                : b.name === 'tracked readback'
                  ? `the first ${run.tracked} trajectories are kept at each of ${run.checkpoints} checkpoints; record less often or compare fewer reference trajectories`
                  : 'use a device with larger buffers'),
          );
        }
      }
    }
  }
  if (plan.hostBytes > hostBudget) {
    const largest = plan.runs.reduce((a, b) => (b.hostBytes > a.hostBytes ? b : a));
    problems.push(
      `the statistics of this experiment need about ${formatBytes(plan.hostBytes)} of host memory (largest: run ${largest.index}, ${largest.label}, ` +
        `${formatBytes(largest.hostBytes)} for ${largest.checkpoints} checkpoints), more than the ${formatBytes(hostBudget)} available: ` +
        'record less often (record.every), fewer observables or histogram bins, or fewer runs',
    );
  }
  return problems;
}
