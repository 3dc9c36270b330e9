import type { AdapterDescription } from '../gpu/adapter-description';
import type { EnsembleOptions, EnsembleResult, EnsembleSpec } from '../ensemble/ensemble-spec';
import { ensembleResult } from '../ensemble/ensemble-result';
import { specNoise, specStatisticsLayout } from '../ensemble/kernels';
import { EnsembleStatistics } from '../stats/ensemble-statistics';
import { ESCAPE_NEVER } from '../stats/statistics-layout';
import { ReferenceEscape } from './observers/escape';
import { ReferenceStatistics } from './reference-statistics';
import { EnsembleAbortedError } from '../ensemble/ensemble-aborted-error';
import { checkSpec } from '../ensemble/check-spec';
import { RngPurpose } from '../rng/streams';
import { TrajectoryStream } from './trajectory-stream';
import type { EnsembleSnapshot } from '../ensemble/ensemble-snapshot';

/** How the float64 reference describes itself in results. */
export const CPU_REFERENCE_DEVICE: AdapterDescription = {
  kind: 'cpu',
  vendor: '',
  architecture: '',
  device: 'cpu',
  description: 'float64 CPU reference (one JavaScript thread)',
  backend: 'cpu',
  featureLevel: 'core',
  software: true,
  timestampQuery: false,
  maxLoopIterations: null,
};

/**
 * The run hands the event loop a turn (progress, signals, an abort) at least this
 * often: by time, not by steps, so that Ctrl-C or a scheduler's SIGTERM is seen
 * within a fraction of a second on any machine and for any model's cost per step.
 */
const YIELD_EVERY_MS = 50;

/**
 * Runs the ensemble on the CPU in float64, drawing the same Philox numbers as
 * the GPU kernels (same counters, same normal transform), trajectory by
 * trajectory. It is the oracle for path-by-path comparisons and the `--device
 * cpu` path of the command line. With `snapshots` it hands out snapshots between
 * trajectories (and when its signal fires), and `resume` continues one with the
 * same bits.
 */
export async function runEnsembleReference(spec: EnsembleSpec, options: EnsembleOptions = {}): Promise<EnsembleResult> {
  checkSpec(spec);
  const { dim, checkpoints } = spec;
  const resume = options.resume;
  if (resume) checkReferenceSnapshot(resume, spec);
  const f = spec.objective.descriptor.reference(spec.objective.value, dim);
  const noise = specNoise(spec);
  const dynamics = spec.dynamics.descriptor.reference(spec.dynamics.value, spec.objective.value, f, dim, noise.descriptor.reference(noise.value, f, dim), noise.value);
  const statistics = resume ? resume.statistics : new EnsembleStatistics(specStatisticsLayout(spec), checkpoints, spec.trajectories);
  const sink = new ReferenceStatistics(statistics, spec.statistics ?? {}, f);
  const escape = spec.escape ? new ReferenceEscape(spec.escape, f, dim) : undefined;
  const before = new Float64Array(dim);
  const tracked = Math.min(options.trackTrajectories ?? 0, spec.trajectories);
  const trackedStates = checkpoints.map(() => new Float64Array(tracked * dim));
  if (resume?.tracked) {
    const saved = new Float64Array(resume.tracked);
    trackedStates.forEach((states, c) => states.set(saved.subarray(c * tracked * dim, (c + 1) * tracked * dim)));
  }
  const finalState = options.keepFinalState ? new Float64Array(spec.trajectories * dim) : undefined;
  if (finalState && resume) throw new RangeError('a resumed reference run cannot keep every final state (keepFinalState)');
  const x = new Float64Array(dim);
  const z = new Float64Array(dim);
  const total = spec.trajectories * spec.steps;
  let done = resume ? resume.offset * spec.steps : 0;
  let lastYield = performance.now();
  const start = performance.now() - (resume?.seconds ?? 0) * 1000;
  // A snapshot between two trajectories: every statistic so far (counts included)
  // lives in `statistics`, and trajectories are added in order, so the resumed run
  // sums the same numbers in the same order as the uninterrupted one.
  let lastSnapshot = performance.now();
  const snapshot = async (next: number) => {
    lastSnapshot = performance.now();
    const trackedBytes = new Float64Array(checkpoints.length * tracked * dim);
    trackedStates.forEach((states, c) => trackedBytes.set(states, c * tracked * dim));
    await options.snapshots!.save({
      chunkSize: 1,
      offset: next,
      step: 0,
      checkpointsDone: 0,
      counters: new ArrayBuffer(0),
      statistics,
      ...(tracked > 0 ? { tracked: trackedBytes.buffer } : {}),
      trajectorySteps: done,
      seconds: (performance.now() - start) / 1000,
    });
  };
  for (let traj = resume?.offset ?? 0; traj < spec.trajectories; traj++) {
    const stream = new TrajectoryStream(spec.key, (spec.firstTrajectory ?? 0) + traj, spec.noiseGrid);
    stream.normals(0, RngPurpose.INIT, dim, z);
    for (let i = 0; i < dim; i++) x[i] = spec.initial.mean[i] + spec.initial.std[i] * z[i];
    dynamics.init?.(x, stream);
    escape?.start(x);
    let step = 0;
    let finite = true;
    let stopped = escape?.stopped ?? false;
    for (let c = 0; c < checkpoints.length; c++) {
      if (finite && !stopped) {
        for (; step < checkpoints[c]; step++) {
          if (escape) before.set(x);
          dynamics.step(x, step, stream);
          if (escape?.step(before, x, step, stream)) {
            stopped = true;
            break;
          }
        }
        finite = x.every(Number.isFinite);
      }
      if (finite) sink.add(c, x, escape?.exitStep ?? ESCAPE_NEVER);
      if (traj < tracked) trackedStates[c].set(x, traj * dim);
    }
    finalState?.set(x, traj * dim);
    done += spec.steps;
    if (performance.now() - lastYield >= YIELD_EVERY_MS) {
      options.onProgress?.({ trajectorySteps: done, totalTrajectorySteps: total });
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
      if (options.signal?.aborted) {
        if (options.snapshots) await snapshot(traj + 1);
        throw new EnsembleAbortedError();
      }
    }
    if (options.snapshots && traj + 1 < spec.trajectories && (performance.now() - lastSnapshot) / 1000 >= (options.snapshots.minIntervalSeconds ?? 0)) {
      await snapshot(traj + 1);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  options.onProgress?.({ trajectorySteps: total, totalTrajectorySteps: total });
  return ensembleResult(statistics, {
    finalState,
    tracked: tracked > 0 ? trackedStates : undefined,
    timing: { seconds, compileSeconds: 0, trajectorySteps: total, trajectoryStepsPerSecond: total / seconds },
    device: CPU_REFERENCE_DEVICE,
  });
}

/** A reference snapshot is taken between trajectories: refuse one that is not (a GPU chunk's) or that does not fit this run. */
function checkReferenceSnapshot(s: EnsembleSnapshot, spec: EnsembleSpec): void {
  if (s.chunkSize !== 1 || s.step !== 0 || s.chunk) {
    throw new RangeError('this snapshot holds a GPU chunk in progress; the CPU reference continues only its own snapshots (taken between trajectories)');
  }
  if (!(Number.isInteger(s.offset) && s.offset >= 0 && s.offset <= spec.trajectories)) {
    throw new RangeError(`the snapshot continues from trajectory ${s.offset}, outside this run's ${spec.trajectories}`);
  }
  if (s.statistics.checkpoints.length !== spec.checkpoints.length) {
    throw new RangeError(`the snapshot holds ${s.statistics.checkpoints.length} checkpoints, and this run records ${spec.checkpoints.length}`);
  }
}
