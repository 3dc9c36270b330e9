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

const YIELD_EVERY_STEPS = 2 ** 21;

/**
 * Runs the ensemble on the CPU in float64, drawing the same Philox numbers as
 * the GPU kernels (same counters, same normal transform), trajectory by
 * trajectory. It is the oracle for path-by-path comparisons and the `--device
 * cpu` path of the command line.
 */
export async function runEnsembleReference(spec: EnsembleSpec, options: EnsembleOptions = {}): Promise<EnsembleResult> {
  checkSpec(spec);
  const { dim, checkpoints } = spec;
  const f = spec.objective.descriptor.reference(spec.objective.value, dim);
  const noise = specNoise(spec);
  const dynamics = spec.dynamics.descriptor.reference(spec.dynamics.value, spec.objective.value, f, dim, noise.descriptor.reference(noise.value, f, dim), noise.value);
  const statistics = new EnsembleStatistics(specStatisticsLayout(spec), checkpoints, spec.trajectories);
  const sink = new ReferenceStatistics(statistics, spec.statistics ?? {}, f);
  const escape = spec.escape ? new ReferenceEscape(spec.escape, f, dim) : undefined;
  const before = new Float64Array(dim);
  const tracked = Math.min(options.trackTrajectories ?? 0, spec.trajectories);
  const trackedStates = checkpoints.map(() => new Float64Array(tracked * dim));
  const finalState = options.keepFinalState ? new Float64Array(spec.trajectories * dim) : undefined;
  const x = new Float64Array(dim);
  const z = new Float64Array(dim);
  const total = spec.trajectories * spec.steps;
  let done = 0;
  let sinceYield = 0;
  const start = performance.now();
  for (let traj = 0; traj < spec.trajectories; traj++) {
    const stream = new TrajectoryStream(spec.key, (spec.firstTrajectory ?? 0) + traj);
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
    sinceYield += spec.steps;
    if (sinceYield >= YIELD_EVERY_STEPS) {
      sinceYield = 0;
      options.onProgress?.({ trajectorySteps: done, totalTrajectorySteps: total });
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (options.signal?.aborted) throw new EnsembleAbortedError();
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
