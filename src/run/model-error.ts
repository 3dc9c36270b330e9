import type { InitialLaw } from '../dynamics/dynamics-descriptor';
import type { Experiment, PlannedRun } from '../experiment';
import { dynamicsDescriptor, objectiveDescriptor } from '../registry';
import type { StatisticsSummary } from '../stats/summarize';
import { errorEstimate, type ErrorEstimate } from './error-estimate';

/**
 * Weak errors of a run against the law of the continuous model its scheme
 * discretizes (the descriptor's `limitLaw`), at every checkpoint: the
 * discretization error that order-of-convergence slopes are fitted to.
 */
export interface ModelError {
  name: string;
  /** [checkpoint][coordinate]: E X_i − exact. */
  mean: ErrorEstimate[][];
  /** [checkpoint][coordinate]: Var X_i − exact (standard error from the fourth moment). */
  variance: ErrorEstimate[][];
  loss?: ErrorEstimate[];
  distance?: ErrorEstimate[];
}

export function modelError(experiment: Experiment, run: PlannedRun, initial: InitialLaw, times: number[], s: StatisticsSummary): ModelError | undefined {
  const law = dynamicsDescriptor(run.dynamics.kind).limitLaw?.(run.dynamics, experiment.objective, initial, times, run.noise);
  if (!law) return undefined;
  const objective = objectiveDescriptor(experiment.objective.kind);
  const out: ModelError = {
    name: law.name,
    mean: times.map((_, c) => law.mean[c].map((m, i) => errorEstimate(s.mean[c][i] - m, s.meanStandardError[c][i]))),
    variance: times.map((_, c) => law.covariance[c].map((row, i) => errorEstimate(s.variance[c][i] - row[i], s.varianceStandardError[c][i]))),
  };
  if (s.loss && objective.gaussianExpectation) {
    const loss = s.loss;
    out.loss = times.map((_, c) => errorEstimate(loss.value[c] - objective.gaussianExpectation!(experiment.objective, law.mean[c], law.covariance[c]), loss.standardError[c]));
  }
  const x = objective.minimizer?.(experiment.objective, experiment.dim);
  if (s.distance && x) {
    const distance = s.distance;
    out.distance = times.map((_, c) => {
      const m = law.mean[c];
      const exact = law.covariance[c].reduce((acc, row, i) => acc + row[i] + (m[i] - x[i]) ** 2, 0);
      return errorEstimate(distance.value[c] - exact, distance.standardError[c]);
    });
  }
  return out;
}
