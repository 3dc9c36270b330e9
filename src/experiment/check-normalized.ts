import { dynamicsDescriptor, noiseDescriptor, objectiveDescriptor } from '../registry';
import { psdFactor } from '../linalg/factor';
import { isSymmetric } from '../linalg/dense';
import { changingBatchSize, MAX_BATCH_WITHOUT_REPLACEMENT, minibatchForRun, type MinibatchNoise } from '../noise/minibatch';
import type { Experiment } from './experiment';
import { expandRuns } from './runs';
import { issueAt, type ExperimentIssue } from './issue';
import { checkRunDurations } from './run-durations';
import { checkPacking } from './check-packing';
import { runNoises } from './run-noises';
import { planNoiseGrids } from './noise-grid';
import { findDynamicsKind } from './dynamics/semantics';
import { mlmcObservable } from './mlmc-observable';

/**
 * Checks that need the normalized model, not just the file's shapes: `distance`
 * (E‖X − x*‖²) needs an objective with a unique minimizer x*; mini-batches need a
 * finite sum; a Gaussian noise covariance must be PSD; dynamics with their own
 * noise (an SDE's σ) take no `noise`.
 */
export function checkNormalized(experiment: Experiment): ExperimentIssue[] {
  // Run lengths first: the checks below expand the runs, which needs whole step counts of sane size.
  const durations = checkRunDurations(experiment);
  if (durations.length > 0) return durations;
  const issues = [...checkDistance(experiment), ...checkNoiseFits(experiment), ...checkRuns(experiment), ...checkNoiseSteps(experiment), ...planNoiseGrids(experiment, expandRuns(experiment)).issues, ...checkEstimator(experiment)];
  // Packing assumes the conditions above (a PSD covariance, HA-SME's ηλ < 1, …).
  return issues.length > 0 ? issues : checkPacking(experiment);
}

/** The noise's own limit on the run length (e.g. a batch-size schedule growing past its maximum), for each noise the runs use. */
function checkNoiseSteps(experiment: Experiment): ExperimentIssue[] {
  const check = noiseDescriptor(experiment.noise.kind).checkSteps;
  if (!check) return [];
  return runNoises(experiment).flatMap(({ noise, steps, path }) => {
    const why = check(noise as never, steps);
    return why ? [issueAt(path, why)] : [];
  });
}

/** Each item's own conditions on the objective and noise (e.g. where HA-SME is defined). */
function checkRuns(experiment: Experiment): ExperimentIssue[] {
  const issues: ExperimentIssue[] = [];
  const seen = new Set<string>();
  for (const { dynamics: item, dynamicsIndex: at, noise } of expandRuns(experiment)) {
    const why = dynamicsDescriptor(item.kind).checkRun?.(item, experiment.objective, noise, experiment.dim, objectiveDescriptor(experiment.objective.kind));
    if (why && !seen.has(`${at}:${why}`)) {
      seen.add(`${at}:${why}`);
      issues.push(issueAt(['dynamics', at], why));
    }
  }
  return issues;
}

function checkNoiseFits(experiment: Experiment): ExperimentIssue[] {
  const noise = experiment.noise;
  if (noise.kind === 'none') return [];
  const issues: ExperimentIssue[] = [];
  experiment.dynamics.forEach((item, i) => {
    const descriptor = dynamicsDescriptor(item.kind);
    if (!descriptor.usesNoise && !descriptor.noiseFreeModel) {
      issues.push(issueAt(['dynamics', i, 'kind'], `${item.kind} brings its own noise and takes no "noise" (found noise.kind = "${noise.kind}"); use it with discrete methods such as sgd`));
    }
  });
  if (noise.kind === 'minibatch') {
    const n = objectiveDescriptor(experiment.objective.kind).sampleCount?.(experiment.objective as never);
    if (n === undefined) {
      issues.push(issueAt(['noise', 'kind'], `mini-batches need a finite-sum objective (such as least-squares or logistic); ${experiment.objective.kind} is not one`));
    } else {
      for (const { noise: runNoise, steps, path } of runNoises(experiment)) {
        // Every stage the longest run reaches must fit (its largest is `batchSize` of the cut table).
        const used = minibatchForRun(runNoise as MinibatchNoise, steps);
        const found = changingBatchSize(used) ? `a schedule reaching ${used.batchSize} within the run's ${steps} steps (stages ${used.stages.values.join(', ')})` : `${used.batchSize}`;
        if (used.batchSize > n) {
          issues.push(issueAt(path, `expected a batch of at most the ${n} samples of the finite sum, found ${found}`));
        } else if (!used.replacement && used.batchSize > MAX_BATCH_WITHOUT_REPLACEMENT) {
          issues.push(issueAt(path, `batches without replacement hold at most ${MAX_BATCH_WITHOUT_REPLACEMENT} samples, found ${found}; set "replacement": true for larger ones`));
        }
      }
    }
  }
  if (noise.kind === 'gaussian' && Array.isArray(noise.cov) && Array.isArray(noise.cov[0])) {
    if (!isSymmetric(noise.covariance, 1e-9)) issues.push(issueAt(['noise', 'cov'], 'expected a symmetric covariance matrix'));
    else {
      try {
        psdFactor(noise.covariance);
      } catch (e) {
        issues.push(issueAt(['noise', 'cov'], `expected a positive semi-definite covariance: ${(e as Error).message}`));
      }
    }
  }
  return issues;
}

function checkDistance(experiment: Experiment): ExperimentIssue[] {
  const at = experiment.record.observables.indexOf('distance');
  if (at < 0) return [];
  const descriptor = objectiveDescriptor(experiment.objective.kind);
  if (descriptor.minimizer?.(experiment.objective as never, experiment.dim) !== undefined) return [];
  const why = experiment.objective.kind === 'quadratic' ? 'A is not positive definite (or too ill-conditioned to solve Ax* = b)' : `a ${experiment.objective.kind} objective has no unique minimizer`;
  return [issueAt(['record', 'observables', at], `"distance" (E‖X − x*‖²) needs an objective with a unique minimizer x*, and ${why}`)];
}

/** What multilevel Monte Carlo needs (src/run/mlmc.ts): SDE items with a step size, levels on one grid, a known observable. */
function checkEstimator(experiment: Experiment): ExperimentIssue[] {
  const estimator = experiment.estimator;
  if (!estimator) return [];
  const issues: ExperimentIssue[] = [];
  if (experiment.sweep) issues.push(issueAt(['estimator'], 'multilevel Monte Carlo chooses its own step sizes (h₀·2^−ℓ): remove "sweep"'));
  if (estimator.pilotTrajectories < 2) issues.push(issueAt(['estimator', 'pilotTrajectories'], 'a level\'s variance needs at least 2 pilot samples'));
  const observable = mlmcObservable(experiment, estimator.observable);
  if ('problem' in observable) issues.push(issueAt(['estimator', 'observable'], observable.problem));
  for (const run of expandRuns(experiment)) {
    const descriptor = dynamicsDescriptor(run.dynamics.kind);
    const kind = findDynamicsKind(run.dynamics.kind);
    if (descriptor.brownian !== true || !kind || !('dt' in kind.params || 'lr' in kind.params)) {
      issues.push(issueAt(['dynamics', run.dynamicsIndex, 'kind'], `multilevel Monte Carlo refines the step of an SDE (gradient-sde, sme, sme2, ha-sme); ${run.dynamics.kind} is not one`));
      continue;
    }
    const horizon = run.steps * run.dynamics.dt;
    const coarse = horizon / estimator.coarsest;
    if (Math.abs(coarse - Math.round(coarse)) > 1e-9 * coarse || Math.round(coarse) < 1) {
      issues.push(issueAt(['estimator', 'coarsest'], `the horizon ${horizon} of dynamics[${run.dynamicsIndex}] must be a whole number of coarsest steps h₀ = ${estimator.coarsest} (it is ${Number(coarse.toPrecision(6))})`));
    } else if (Math.round(coarse) * 2 ** estimator.maxLevels * experiment.dim >= 2 ** 32) {
      issues.push(issueAt(['estimator', 'maxLevels'], `${Math.round(coarse)} coarse steps refined ${estimator.maxLevels} times pass the 2^32 normals of one Brownian path; use fewer levels`));
    }
  }
  return issues;
}
