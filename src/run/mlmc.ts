import type { Experiment, PlannedRun } from '../experiment';
import type { MlmcEstimatorSpec } from '../experiment/experiment';
import type { ExperimentResult } from './experiment-result';
import { expandRuns } from '../experiment';
import { findDynamicsKind } from '../experiment/dynamics/semantics';
import type { Dynamics } from '../experiment/dynamics/semantics';
import type { EnsembleSpec } from '../ensemble/ensemble-spec';
import { runEnsembleGpu } from '../ensemble/gpu-ensemble';
import type { EngineDevice } from '../gpu/engine-device';
import { mlmcObservable } from '../experiment/mlmc-observable';
import { runEnsembleReference } from '../reference/run-reference';
import { normalInterval } from '../stats/intervals';
import type { Interval } from '../stats/intervals';
import { ensembleSpec } from './ensemble-spec-of';

/** The estimator of an experiment file: `"estimator": { "kind": "mlmc", … }` (multilevel Monte Carlo). */
export type MlmcEstimator = MlmcEstimatorSpec;

/** One level of a multilevel estimate: Y₀ = φ(X^h₀), Y_ℓ = φ(X^h_ℓ) − φ(X^h_ℓ−1) on one Brownian path. */
export interface MlmcLevel {
  level: number;
  h: number;
  trajectories: number;
  meanDifference: number;
  varianceDifference: number;
  /** Variance of φ(X^h_ℓ) itself: what plain Monte Carlo at this step would average. */
  varianceObservable: number;
  /** Trajectory-steps per sample: T/h_ℓ, plus T/h_ℓ−1 for the coarse path of a difference. */
  costPerTrajectory: number;
}

export interface MlmcResult {
  observable: string;
  estimate: Interval & { standardError: number };
  rmse: number;
  /** Levels were added until the bias estimate fell below ε/√2 (false: maxLevels was reached first). */
  converged: boolean;
  /** |E Y_L| estimated from the last levels (Giles 2008: max(|Ŷ_L|, |Ŷ_L−1|/2^α)/(2^α − 1), α = 1). */
  biasEstimate: number;
  levels: MlmcLevel[];
  /** Σ_ℓ N_ℓ C_ℓ, in trajectory-steps. */
  cost: number;
  /** Plain Monte Carlo at the finest step for the same RMSE: 2·Var φ(X^h_L)/ε² samples of T/h_L steps. */
  plainMonteCarloCost: number;
  speedup: number;
}

/** At most this many trajectories per dispatch of a level (final states are read back). */
const BATCH = 2 ** 20;
/** Weak order assumed in the bias estimate (Euler–Maruyama's). */
const ALPHA = 1;

interface LevelSums {
  n: number;
  sum: number;
  sumSquares: number;
  fineSum: number;
  fineSumSquares: number;
}

/**
 * Multilevel Monte Carlo (Giles, "Multilevel Monte Carlo path simulation",
 * Oper. Res. 56 (2008)) for E φ(X_T) of one SDE item: levels h_ℓ = h₀·2^−ℓ,
 * each difference sampled on one Brownian path (stream version 2: the coarse
 * run sums the fine increments), levels independent of each other (replica
 * ℓ + 1), samples per level N_ℓ = ⌈2ε⁻² √(V_ℓ/C_ℓ) Σ √(V_k C_k)⌉, levels added
 * until the bias estimate is below ε/√2.
 */
export async function runMlmc(experiment: Experiment, run: PlannedRun, estimator: MlmcEstimator, device: EngineDevice | 'cpu', signal?: AbortSignal): Promise<MlmcResult> {
  const horizon = run.steps * run.dynamics.dt;
  const phi = observableOf(experiment, estimator.observable);
  const stepsAt = (level: number) => Math.round(horizon / (estimator.coarsest * 2 ** -level));
  const sums: LevelSums[] = [];
  const draw = async (level: number, count: number) => {
    const s = (sums[level] ??= { n: 0, sum: 0, sumSquares: 0, fineSum: 0, fineSumSquares: 0 });
    for (let done = 0; done < count; ) {
      signal?.throwIfAborted();
      const batch = Math.min(BATCH, count - done);
      const first = s.n + done;
      const fine = await finalStates(experiment, run, estimator, level, 0, first, batch, device);
      const coarse = level > 0 ? await finalStates(experiment, run, estimator, level, 1, first, batch, device) : undefined;
      const d = experiment.dim;
      const x = new Float64Array(d);
      const y = new Float64Array(d);
      for (let t = 0; t < batch; t++) {
        for (let i = 0; i < d; i++) x[i] = fine[t * d + i];
        const pf = phi(x);
        let v = pf;
        if (coarse) {
          for (let i = 0; i < d; i++) y[i] = coarse[t * d + i];
          v -= phi(y);
        }
        // A diverged path is left out of every sum (and counted by its absence).
        if (!Number.isFinite(v)) continue;
        s.sum += v;
        s.sumSquares += v * v;
        s.fineSum += pf;
        s.fineSumSquares += pf * pf;
      }
      done += batch;
    }
    s.n += count;
  };
  const cost = (level: number) => stepsAt(level) + (level > 0 ? stepsAt(level - 1) : 0);
  const variance = (s: LevelSums) => Math.max(0, (s.sumSquares - (s.sum * s.sum) / s.n) / Math.max(1, s.n - 1));
  const mean = (s: LevelSums) => s.sum / s.n;
  const eps = estimator.rmse;
  let L = Math.min(2, estimator.maxLevels);
  for (let l = 0; l <= L; l++) await draw(l, estimator.pilotTrajectories);
  let converged = false;
  let bias = Infinity;
  for (;;) {
    // Optimal samples per level for a variance budget ε²/2.
    const weights = sums.slice(0, L + 1).map((s, l) => Math.sqrt(variance(s) * cost(l)));
    const total = weights.reduce((a, b) => a + b, 0);
    for (let l = 0; l <= L; l++) {
      const wanted = Math.ceil((2 / eps ** 2) * Math.sqrt(variance(sums[l]) / cost(l)) * total);
      if (wanted > sums[l].n) await draw(l, wanted - sums[l].n);
    }
    const last = Math.abs(mean(sums[L]));
    const previous = L > 1 ? Math.abs(mean(sums[L - 1])) / 2 ** ALPHA : 0;
    bias = Math.max(last, previous) / (2 ** ALPHA - 1);
    if (bias < eps / Math.SQRT2) {
      converged = true;
      break;
    }
    if (L >= estimator.maxLevels) break;
    L++;
    await draw(L, estimator.pilotTrajectories);
  }
  const levels: MlmcLevel[] = sums.slice(0, L + 1).map((s, l) => ({
    level: l,
    h: estimator.coarsest * 2 ** -l,
    trajectories: s.n,
    meanDifference: mean(s),
    varianceDifference: variance(s),
    varianceObservable: Math.max(0, (s.fineSumSquares - (s.fineSum * s.fineSum) / s.n) / Math.max(1, s.n - 1)),
    costPerTrajectory: cost(l),
  }));
  const value = levels.reduce((a, l) => a + l.meanDifference, 0);
  const standardError = Math.sqrt(levels.reduce((a, l) => a + l.varianceDifference / l.trajectories, 0));
  const totalCost = levels.reduce((a, l) => a + l.trajectories * l.costPerTrajectory, 0);
  const finest = levels[L];
  const plainMonteCarloCost = Math.ceil((2 * finest.varianceObservable) / eps ** 2) * stepsAt(L);
  return {
    observable: estimator.observable,
    estimate: { ...normalInterval(value, standardError), standardError },
    rmse: eps,
    converged,
    biasEstimate: bias,
    levels,
    cost: totalCost,
    plainMonteCarloCost,
    speedup: plainMonteCarloCost / totalCost,
  };
}

/** The item with its step set to h (its `dt`, or its `lr` for an SDE model of a discrete method). */
export function withStep(item: Dynamics, h: number, dim: number): Dynamics {
  const kind = findDynamicsKind(item.kind);
  if (!kind) throw new Error(`no behaviour registered for dynamics kind ${JSON.stringify(item.kind)}`);
  const param = 'dt' in kind.params ? 'dt' : 'lr' in kind.params ? 'lr' : undefined;
  if (!param) throw new RangeError(`${item.kind} has no step size (dt or lr) for multilevel Monte Carlo`);
  return kind.withParam(item as never, param as never, h, dim) as Dynamics;
}

/**
 * Final states of trajectories [first, first + count) at level ℓ's fine step
 * (side 0) or the coarse step h_ℓ−1 summing pairs of fine increments (side 1).
 */
async function finalStates(
  experiment: Experiment,
  run: PlannedRun,
  estimator: MlmcEstimator,
  level: number,
  side: 0 | 1,
  first: number,
  count: number,
  device: EngineDevice | 'cpu',
): Promise<ArrayLike<number>> {
  const h = estimator.coarsest * 2 ** -(level - side);
  const horizon = run.steps * run.dynamics.dt;
  const steps = Math.round(horizon / h);
  const dynamics = withStep(run.dynamics, h, experiment.dim);
  const planned: PlannedRun = { ...run, dynamics, steps, recordEvery: steps, checkpoints: [0, steps], noiseGrid: { refineLog2: side, replica: level + 1 } };
  const spec: EnsembleSpec = { ...ensembleSpec({ ...experiment, record: { ...experiment.record, observables: ['mean'] }, escape: undefined }, planned), trajectories: count, firstTrajectory: first };
  const result = device === 'cpu' ? await runEnsembleReference(spec, { keepFinalState: true }) : await runEnsembleGpu(device, spec, { keepFinalState: true });
  return result.finalState!;
}

/** φ of a final state, by the observable's name (src/experiment/mlmc-observable.ts); a name the file check would refuse throws. */
export function observableOf(experiment: Experiment, name: string): (x: Float64Array) => number {
  const observable = mlmcObservable(experiment, name);
  if ('problem' in observable) throw new RangeError(observable.problem);
  return observable.phi;
}

/** Adds each run's multilevel estimate to a result, where the experiment asks for one (`estimator`). */
export async function attachMlmc(experiment: Experiment, result: ExperimentResult, device: EngineDevice | 'cpu', signal?: AbortSignal): Promise<ExperimentResult> {
  const estimator = experiment.estimator;
  if (!estimator) return result;
  const planned = expandRuns(experiment);
  for (const run of result.runs) run.mlmc = await runMlmc(experiment, planned[run.index], estimator, device, signal);
  return result;
}
