import { dynamicsDescriptor } from '../registry';
import type { Experiment } from './experiment';
import { issueAt, type ExperimentIssue } from './issue';
import { expandRuns } from './runs';

/**
 * Warnings for a valid experiment: runs whose step is beyond the linear stability
 * limit of their scheme on the objective (each descriptor's `stabilityWarning`), at
 * the item's field or, under a sweep of that field, at the swept value. Such a run
 * still runs — divergence may be the point — but its trajectories will be counted
 * as diverged, and the user hears why before waiting for it.
 */
export function stabilityWarnings(experiment: Experiment): ExperimentIssue[] {
  const warnings: ExperimentIssue[] = [];
  const sweep = experiment.sweep;
  for (const run of expandRuns(experiment)) {
    const found = dynamicsDescriptor(run.dynamics.kind).stabilityWarning?.(run.dynamics, experiment.objective);
    if (!found) continue;
    const swept = sweep !== undefined && sweep.param === found.field;
    const value = Math.floor(run.index / experiment.dynamics.length);
    const path = swept ? ['sweep', found.field, value] : ['dynamics', run.dynamicsIndex, found.field];
    const warning = issueAt(path, found.message);
    if (!warnings.some((w) => w.path === warning.path && w.message === warning.message)) warnings.push(warning);
  }
  return warnings;
}
