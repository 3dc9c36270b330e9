import { horizonSteps } from './duration';
import { findDynamicsKind } from './dynamics/semantics';
import type { Experiment } from './experiment';
import { issueAt, type ExperimentIssue } from './issue';
import { formatJsonPath, type JsonPath } from './json-path';
import { NOISE_BATCH_SIZE } from './sweep';

/** Most steps of one run: the step index is a u32 in the Philox counter and on the GPU. */
export const MAX_STEPS = 2 ** 32 - 1;

/**
 * Most checkpoints of one run. The host keeps every checkpoint's merged statistics
 * (moments of every feature, histograms, regions): a million checkpoints already
 * take tens of MB at d = 1, and a record interval that asks for more is a typo.
 */
export const MAX_CHECKPOINTS = 2 ** 20;

/**
 * Checks each planned run's length before any run is expanded: with a horizon,
 * that it is a whole number of the run's steps (the run's model time per step,
 * after a sweep value is applied: `dt`, an SGD-stepped model's `lr`, 1 for a
 * schedule, which counts steps); that no run takes more than {@link MAX_STEPS}
 * steps; and that `record.every` asks for at most {@link MAX_CHECKPOINTS} checkpoints.
 * Issues name `$.horizon` (or `$.steps`, `$.record.every`) and where the step came from.
 */
export function checkRunDurations(experiment: Experiment): ExperimentIssue[] {
  const issues: ExperimentIssue[] = [];
  const seen = new Set<string>();
  const add = (path: JsonPath, message: string) => {
    if (seen.has(message)) return;
    seen.add(message);
    issues.push(issueAt(path, message));
  };
  const sweep = experiment.sweep;
  // A noise.batchSize sweep leaves every item's step, so its settings resolve as the unswept one.
  const itemSweep = sweep?.param === NOISE_BATCH_SIZE ? undefined : sweep;
  const settings = itemSweep === undefined ? [undefined] : itemSweep.values.map((value, at) => ({ value, at }));
  for (const setting of settings) {
    experiment.dynamics.forEach((item, i) => {
      const kind = findDynamicsKind(item.kind);
      if (kind === undefined) return;
      const run = setting === undefined || itemSweep === undefined ? item : kind.withParam(item, itemSweep.param, setting.value, experiment.dim);
      const from = setting === undefined || itemSweep === undefined ? formatJsonPath(['dynamics', i]) : `${formatJsonPath(['dynamics', i])} with ${formatJsonPath(['sweep', itemSweep.param, setting.at])}`;
      let steps: number;
      if (experiment.duration.kind === 'steps') steps = experiment.duration.steps;
      else {
        const horizon = experiment.duration.horizon;
        const whole = horizonSteps(horizon, run.dt);
        if (whole === undefined) {
          const ratio = horizon / run.dt;
          add(
            ['horizon'],
            Number.isFinite(ratio) && ratio > MAX_STEPS
              ? `expected at most ${MAX_STEPS} steps per run, found horizon / (model time per step) = ${horizon} / ${run.dt} = ${ratio} for ${from}`
              : `expected horizon to be a whole number of steps of ${from} (model time per step ${run.dt}), found horizon / ${run.dt} = ${ratio}`,
          );
          return;
        }
        steps = whole;
      }
      if (steps > MAX_STEPS) {
        add([experiment.duration.kind === 'steps' ? 'steps' : 'horizon'], `expected at most ${MAX_STEPS} steps per run (the step index is 32 bits), found ${steps} for ${from}`);
        return;
      }
      const every = experiment.record.every;
      const checkpoints = every === 'end' ? 2 : Math.ceil(steps / every) + 1;
      if (checkpoints > MAX_CHECKPOINTS) {
        add(
          ['record', 'every'],
          `expected at most ${MAX_CHECKPOINTS} checkpoints per run, found ${checkpoints} (${steps} steps recorded every ${every}) for ${from}; record less often`,
        );
      }
    });
  }
  return issues;
}
