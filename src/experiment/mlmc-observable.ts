import { objectiveDescriptor } from '../registry';
import type { Experiment } from './experiment';
import type { LevelObservable } from '../ensemble/level-difference';

/**
 * The observable φ of a multilevel estimator (`estimator.observable`), as a
 * float64 function of a final state and as the device reduction computes it
 * (shaders/reduce/level_difference.wgsl): `loss` f(x), `distance` ‖x − x*‖²,
 * or `mean[i]` the coordinate x_i. Or, where the name or the objective does not
 * allow it, why: the check of the file (src/experiment/check-normalized.ts)
 * reports it, and the estimator (src/run/mlmc.ts) never sees it.
 */
export function mlmcObservable(experiment: Experiment, name: string): { phi: (x: Float64Array) => number; device: LevelObservable } | { problem: string } {
  const objective = objectiveDescriptor(experiment.objective.kind);
  if (name === 'loss') {
    const f = objective.reference(experiment.objective as never, experiment.dim);
    return { phi: (x) => f.loss(x), device: { kind: 'loss' } };
  }
  if (name === 'distance') {
    const star = objective.minimizer?.(experiment.objective as never, experiment.dim);
    if (!star) return { problem: `"distance" needs an objective with a unique minimizer x*; ${experiment.objective.kind} has none` };
    return { phi: (x) => x.reduce((s, v, i) => s + (v - star[i]) ** 2, 0), device: { kind: 'distance', minimizer: star } };
  }
  const coordinate = /^mean\[(\d+)\]$/.exec(name);
  if (coordinate && Number(coordinate[1]) < experiment.dim) {
    const i = Number(coordinate[1]);
    return { phi: (x) => x[i], device: { kind: 'coordinate', index: i } };
  }
  return { problem: `observable must be "loss", "distance" or "mean[i]" with i < ${experiment.dim}, found ${JSON.stringify(name)}` };
}
