import { noiseDescriptor } from '../registry';
import { resolveSteps } from './duration';
import { findDynamicsKind, type Dynamics } from './dynamics/semantics';
import type { Experiment } from './experiment';
import type { Noise } from './noise';
import { checkpoints } from './record';
import { NOISE_BATCH_SIZE, sweepSettings, type SweepSetting } from './sweep';
import { planNoiseGrids } from './noise-grid';
import type { NoiseGrid } from '../ensemble/ensemble-spec';

/** One run to execute: a dynamics item and the noise (with any swept value applied) over a resolved step count. */
export interface PlannedRun {
  /** Position in the plan, from 0. */
  index: number;
  /** Index of the item in `experiment.dynamics`. */
  dynamicsIndex: number;
  /** The swept parameter and the value this run uses, when the experiment sweeps. */
  sweep?: SweepSetting;
  /** The normalized item with the swept value applied. */
  dynamics: Dynamics;
  /**
   * The noise this run uses: `experiment.noise`, or under a `noise.batchSize` sweep the
   * experiment's noise with the swept batch size, normalized as a file's. Every per-run
   * consumer (specs, checks, closed forms) reads this, not `experiment.noise`.
   */
  noise: Noise;
  /** Steps of this run (`horizon / dt` when the experiment gives a horizon). */
  steps: number;
  /** Record interval of this run: `record.every`, or `steps` when only start and end are recorded. */
  recordEvery: number;
  /** Steps at which to record: 0, every `recordEvery`, and `steps`; ascending, no duplicates. */
  checkpoints: number[];
  /** The run's place on the fine noise grid (src/experiment/noise-grid.ts); absent for a plan that was not checked. */
  noiseGrid?: NoiseGrid;
}

/** Expands an experiment into runs: sweep values in order, and within each, dynamics items in order. */
export function expandRuns(experiment: Experiment): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (const setting of sweepSettings(experiment.sweep)) {
    const noise = setting?.param === NOISE_BATCH_SIZE ? noiseWithBatchSize(experiment, setting.value) : experiment.noise;
    experiment.dynamics.forEach((item, dynamicsIndex) => {
      const kind = findDynamicsKind(item.kind);
      if (kind === undefined) throw new Error(`no behaviour registered for dynamics kind ${JSON.stringify(item.kind)}`);
      const dynamics = setting === undefined || setting.param === NOISE_BATCH_SIZE ? item : kind.withParam(item, setting.param, setting.value, experiment.dim);
      const steps = resolveSteps(experiment.duration, dynamics.dt);
      const recordEvery = experiment.record.every === 'end' ? steps : experiment.record.every;
      const run: PlannedRun = { index: runs.length, dynamicsIndex, dynamics, noise, steps, recordEvery, checkpoints: checkpoints(steps, recordEvery) };
      if (setting !== undefined) run.sweep = setting;
      runs.push(run);
    });
  }
  const plan = planNoiseGrids(experiment, runs);
  if (plan.issues.length === 0) runs.forEach((run, i) => (run.noiseGrid = plan.grids[i]));
  return runs;
}

/** The experiment's noise with a swept (validated) batch size. */
function noiseWithBatchSize(experiment: Experiment, value: SweepSetting['value']): Noise {
  const batchSize = noiseDescriptor(experiment.noise.kind).batchSize;
  if (batchSize === undefined) throw new Error(`the ${experiment.noise.kind} noise has no batch size to sweep`);
  return batchSize.apply(experiment.noise, value as never, experiment.dim) as Noise;
}
