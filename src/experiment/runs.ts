import { resolveSteps } from './duration';
import type { SweepValue } from './dynamics/dynamics-kind';
import { findDynamicsKind, type Dynamics, type SweepParam } from './dynamics/semantics';
import type { Experiment } from './experiment';
import { checkpoints } from './record';

/** One run to execute: a dynamics item (with any swept value applied) over a resolved step count. */
export interface PlannedRun {
  /** Position in the plan, from 0. */
  index: number;
  /** Index of the item in `experiment.dynamics`. */
  dynamicsIndex: number;
  /** The swept parameter and the value this run uses, when the experiment sweeps. */
  sweep?: { param: SweepParam; value: SweepValue };
  /** The normalized item with the swept value applied. */
  dynamics: Dynamics;
  /** Steps of this run (`horizon / dt` when the experiment gives a horizon). */
  steps: number;
  /** Record interval of this run: `record.every`, or `steps` when only start and end are recorded. */
  recordEvery: number;
  /** Steps at which to record: 0, every `recordEvery`, and `steps`; ascending, no duplicates. */
  checkpoints: number[];
}

/** Expands an experiment into runs: sweep values in order, and within each, dynamics items in order. */
export function expandRuns(experiment: Experiment): PlannedRun[] {
  const sweep = experiment.sweep;
  const settings = sweep === undefined ? [undefined] : sweep.values.map((value) => ({ param: sweep.param, value }));
  const runs: PlannedRun[] = [];
  for (const setting of settings) {
    experiment.dynamics.forEach((item, dynamicsIndex) => {
      const kind = findDynamicsKind(item.kind);
      if (kind === undefined) throw new Error(`no behaviour registered for dynamics kind ${JSON.stringify(item.kind)}`);
      const dynamics = setting === undefined ? item : kind.withParam(item, setting.param, setting.value, experiment.dim);
      const steps = resolveSteps(experiment.duration, dynamics.dt);
      const recordEvery = experiment.record.every === 'end' ? steps : experiment.record.every;
      const run: PlannedRun = { index: runs.length, dynamicsIndex, dynamics, steps, recordEvery, checkpoints: checkpoints(steps, recordEvery) };
      if (setting !== undefined) run.sweep = setting;
      runs.push(run);
    });
  }
  return runs;
}
