import type { Experiment, PlannedRun } from '../experiment';
import type { MlmcEstimatorSpec } from '../experiment/experiment';
import type { ExperimentResult } from './experiment-result';
import { expandRuns } from '../experiment';
import { findDynamicsKind } from '../experiment/dynamics/semantics';
import type { Dynamics } from '../experiment/dynamics/semantics';
import type { EnsembleSpec } from '../ensemble/ensemble-spec';
import { runEnsembleChunks } from '../ensemble/gpu-ensemble';
import { emptyLevelSums, LevelDifferenceReduction, mergeLevelBlock, type LevelObservable, type LevelSums } from '../ensemble/level-difference';
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
  /** Samples drawn (the cost counts them all). */
  trajectories: number;
  /** Of those, the ones left out because a path of the pair diverged (non-finite): never averaged in (absent in results written before it was counted). */
  diverged?: number;
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

/** At most this many trajectories per batch of a level (the coarse final states of a batch wait on the device). */
const BATCH = 2 ** 20;
/** Weak order assumed in the bias estimate (Euler–Maruyama's). */
const ALPHA = 1;

/**
 * Multilevel Monte Carlo (Giles, "Multilevel Monte Carlo path simulation",
 * Oper. Res. 56 (2008)) for E φ(X_T) of one SDE item: levels h_ℓ = h₀·2^−ℓ,
 * each difference sampled on one Brownian path (stream version 2: the coarse
 * run sums the fine increments), levels independent of each other (replica
 * ℓ + 1), samples per level N_ℓ = ⌈2ε⁻² √(V_ℓ/C_ℓ) Σ √(V_k C_k)⌉, levels added
 * until the bias estimate is below ε/√2. On the GPU the differences are
 * reduced on the device (src/ensemble/level-difference.ts); the float64
 * reference forms them on the host from its final states.
 */
export async function runMlmc(experiment: Experiment, run: PlannedRun, estimator: MlmcEstimator, device: EngineDevice | 'cpu', signal?: AbortSignal): Promise<MlmcResult> {
  const horizon = run.steps * run.dynamics.dt;
  const stepsAt = (level: number) => Math.round(horizon / (estimator.coarsest * 2 ** -level));
  const sums: LevelSums[] = [];
  const draw = async (level: number, count: number) => {
    const s = (sums[level] ??= emptyLevelSums());
    await sampleLevel(experiment, run, estimator, level, s.drawn, count, device, s, signal);
  };
  const cost = (level: number) => stepsAt(level) + (level > 0 ? stepsAt(level - 1) : 0);
  const variance = (s: LevelSums) => (s.counted > 1 ? s.m2Difference / (s.counted - 1) : 0);
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
      if (wanted > sums[l].drawn) await draw(l, wanted - sums[l].drawn);
    }
    const last = Math.abs(sums[L].meanDifference);
    const previous = L > 1 ? Math.abs(sums[L - 1].meanDifference) / 2 ** ALPHA : 0;
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
    trajectories: s.drawn,
    diverged: s.drawn - s.counted,
    meanDifference: s.meanDifference,
    varianceDifference: variance(s),
    varianceObservable: s.counted > 1 ? s.m2Observable / (s.counted - 1) : 0,
    costPerTrajectory: cost(l),
  }));
  const value = levels.reduce((a, l) => a + l.meanDifference, 0);
  const standardError = Math.sqrt(levels.reduce((a, l, i) => a + l.varianceDifference / Math.max(1, sums[i].counted), 0));
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
 * Runs trajectories [first, first + count) of level ℓ and adds their differences
 * to `into`, in batches: the coarse run (step h_ℓ−1, summing pairs of fine
 * increments) and the fine run (step h_ℓ) of the same trajectories, on one path.
 * `cut` (batch size, GPU chunk size) changes how the work is cut, never a result.
 */
export async function sampleLevel(
  experiment: Experiment,
  run: PlannedRun,
  estimator: MlmcEstimator,
  level: number,
  first: number,
  count: number,
  device: EngineDevice | 'cpu',
  into: LevelSums,
  signal?: AbortSignal,
  cut: { batch?: number; chunkSize?: number } = {},
): Promise<void> {
  const fine = levelSpec(experiment, run, estimator, level, 0);
  const coarse = level > 0 ? levelSpec(experiment, run, estimator, level, 1) : undefined;
  const batch = Math.min(cut.batch ?? BATCH, count);
  if (device === 'cpu') {
    const { phi } = observableOf(experiment, estimator.observable);
    for (let done = 0; done < count; done += batch) {
      signal?.throwIfAborted();
      const n = Math.min(batch, count - done);
      const finalStates = async (spec: EnsembleSpec) => (await runEnsembleReference({ ...spec, trajectories: n, firstTrajectory: first + done }, { keepFinalState: true })).finalState!;
      addHostDifferences(into, phi, experiment.dim, await finalStates(fine), coarse ? await finalStates(coarse) : undefined);
    }
    return;
  }
  const reduction = await LevelDifferenceReduction.create(device, fine, observableOf(experiment, estimator.observable).device, batch);
  try {
    for (let done = 0; done < count; done += batch) {
      signal?.throwIfAborted();
      const n = Math.min(batch, count - done);
      const at = { trajectories: n, firstTrajectory: first + done };
      const options = { signal, chunkSize: cut.chunkSize };
      if (coarse) await runEnsembleChunks(device, { ...coarse, ...at }, options, (chunk, offset, m) => reduction.keepCoarse(chunk, offset, m));
      await runEnsembleChunks(device, { ...fine, ...at }, options, (chunk, offset, m) => reduction.reduceFine(chunk, offset, m, coarse !== undefined, into));
    }
  } finally {
    reduction.dispose();
  }
}

/** The spec of level ℓ's fine run (side 0, step h_ℓ) or coarse run (side 1, step h_ℓ−1 on the fine grid of h_ℓ). */
function levelSpec(experiment: Experiment, run: PlannedRun, estimator: MlmcEstimator, level: number, side: 0 | 1): EnsembleSpec {
  const h = estimator.coarsest * 2 ** -(level - side);
  const horizon = run.steps * run.dynamics.dt;
  const steps = Math.round(horizon / h);
  const dynamics = withStep(run.dynamics, h, experiment.dim);
  const planned: PlannedRun = { ...run, dynamics, steps, recordEvery: steps, checkpoints: [0, steps], noiseGrid: { refineLog2: side, replica: level + 1 } };
  // Only the means are taken at the checkpoints (each statistic is a reduction of every trajectory).
  return ensembleSpec({ ...experiment, record: { ...experiment.record, observables: ['mean'] }, escape: undefined }, planned);
}

/** Float64 differences of the reference's final states, trajectory by trajectory (a non-finite one is left out). */
function addHostDifferences(into: LevelSums, phi: (x: Float64Array) => number, d: number, fine: ArrayLike<number>, coarse: ArrayLike<number> | undefined): void {
  const x = new Float64Array(d);
  const y = new Float64Array(d);
  const n = fine.length / d;
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < d; i++) x[i] = fine[t * d + i];
    const pf = phi(x);
    let v = pf;
    if (coarse) {
      for (let i = 0; i < d; i++) y[i] = coarse[t * d + i];
      v -= phi(y);
    }
    if (Number.isFinite(v) && Number.isFinite(pf)) mergeLevelBlock(into, 1, v, 0, pf, 0);
  }
  into.drawn += n;
}

/** φ of a final state by the observable's name, as the host and the device compute it (src/experiment/mlmc-observable.ts); a name the file check would refuse throws. */
function observableOf(experiment: Experiment, name: string): { phi: (x: Float64Array) => number; device: LevelObservable } {
  const observable = mlmcObservable(experiment, name);
  if ('problem' in observable) throw new RangeError(observable.problem);
  return observable;
}

/** Adds each run's multilevel estimate to a result, where the experiment asks for one (`estimator`). */
export async function attachMlmc(experiment: Experiment, result: ExperimentResult, device: EngineDevice | 'cpu', signal?: AbortSignal): Promise<ExperimentResult> {
  const estimator = experiment.estimator;
  if (!estimator) return result;
  const planned = expandRuns(experiment);
  for (const run of result.runs) run.mlmc = await runMlmc(experiment, planned[run.index], estimator, device, signal);
  return result;
}
