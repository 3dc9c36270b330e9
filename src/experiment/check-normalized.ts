import { objectiveDescriptor } from '../registry';
import type { Experiment } from './experiment';
import { issueAt, type ExperimentIssue } from './issue';

/**
 * Checks that need the normalized model, not just the file's shapes: `distance`
 * (E‖X − x*‖²) needs an objective with a unique minimizer x*.
 */
export function checkNormalized(experiment: Experiment): ExperimentIssue[] {
  const at = experiment.record.observables.indexOf('distance');
  if (at < 0) return [];
  const descriptor = objectiveDescriptor(experiment.objective.kind);
  if (descriptor.minimizer?.(experiment.objective as never, experiment.dim) !== undefined) return [];
  const why = experiment.objective.kind === 'quadratic' ? 'A is not positive definite' : `a ${experiment.objective.kind} objective has no unique minimizer`;
  return [issueAt(['record', 'observables', at], `"distance" (E‖X − x*‖²) needs an objective with a unique minimizer x*, and ${why}`)];
}
