import type { MlmcResult } from './mlmc';
import type { Experiment } from '../experiment';
import type { AdapterDescription } from '../gpu/adapter-description';
import type { Interval } from '../stats/intervals';
import type { EscapeSummary, StatisticsSummary } from '../stats/summarize';
import type { ErrorEstimate } from './error-estimate';
import type { ModelError } from './model-error';

export type { Interval };

/** Ensemble moments against the closed-form law at every checkpoint. */
export interface ClosedFormComparison {
  name: string;
  mean: number[][];
  variance: number[][];
  /** (estimate − exact) / standard error, per checkpoint and coordinate; step 0 (deterministic start) gives 0. */
  zMean: number[][];
  zVariance: number[][];
  /** Largest |z| over all checkpoints and coordinates, mean and variance together. */
  maxAbsZ: number;
  /** Relative errors at the final checkpoint, |estimate − exact| / max(|exact|, 1e-12). */
  finalRelativeError: { mean: number[]; variance: number[] };
}

/** The GPU run against the float64 reference on the same first trajectories (same random numbers). */
export interface ReferenceComparison {
  trajectories: number;
  maxAbsDifference: number;
  rmsDifference: number;
  referenceSeconds: number;
}

export interface RunResult {
  index: number;
  /** The multilevel Monte Carlo estimate of E φ(X_T), where the file asks for one (`estimator`). */
  mlmc?: MlmcResult;
  label: string;
  /** The dynamics item as run: defaults filled in, sweep value applied. */
  dynamics: unknown;
  sweep?: { param: string; value: unknown };
  citation: string;
  trajectories: number;
  steps: number;
  /**
   * One entry per checkpoint: step 0, every `record.every` steps, the last step.
   * `t` = step × step length; the rest as in StatisticsSummary (src/stats/summarize.ts),
   * each observable only when recorded.
   */
  series: { step: number[]; t: number[] } & Pick<StatisticsSummary, 'count' | 'diverged'> &
    Partial<
      Pick<
        StatisticsSummary,
        | 'mean'
        | 'meanStandardError'
        | 'meanInterval'
        | 'variance'
        | 'varianceStandardError'
        | 'varianceInterval'
        | 'covariance'
        | 'covarianceStandardError'
        | 'covarianceInterval'
        | 'loss'
        | 'distance'
        | 'gradient'
        | 'smoothness'
        | 'histogram'
        | 'regions'
      >
    >;
  escape?: EscapeSummary;
  /** Trajectories that became NaN/±Inf (counted at the final checkpoint, never averaged in). */
  diverged: number;
  closedForm?: ClosedFormComparison;
  /** Weak errors against the continuous model's law (what convergence slopes are fitted to). */
  modelError?: ModelError;
  reference?: ReferenceComparison;
  /** Clarke stationarity ρ_ε of the final iterates (record.stationarity): its distribution over the first trajectories. */
  stationarity?: StationaritySummary;
  timing: {
    seconds: number;
    compileSeconds: number;
    trajectorySteps: number;
    trajectoryStepsPerSecond: number;
    device: string;
  };
}

/** The distribution of ρ_ε over the final iterates of the first `trajectories` (finite) paths. */
export interface StationaritySummary {
  epsilon: number;
  samples: number;
  trajectories: number;
  mean: number;
  /** Exact sample quantiles at p. */
  quantiles: { p: number[]; value: number[] };
  max: number;
}

/** Two runs of the same sweep setting compared (all dynamics items share objective, noise and seed; docs/architecture.md, "Results"). */
export interface RunComparison {
  a: number;
  b: number;
  labels: [string, string];
  t: number[];
  /**
   * Weak errors |E φ(Xᵃ_t) − E φ(Xᵇ_t)| per checkpoint. The standard error is
   * √(SEa² + SEb²), conservative when the runs share noise (positively correlated).
   */
  weak: { mean: ErrorEstimate[][]; loss?: ErrorEstimate[]; distance?: ErrorEstimate[] };
  /** E‖Xᵃ_t − Xᵇ_t‖ over the first `trajectories` coupled paths, where the two draw the same noise. */
  strong?: { trajectories: number[]; value: Interval[]; standardError: number[] };
  /**
   * Over a sweep of step sizes: a (a run of an SDE item) against b (the item's next
   * finer run), on one Brownian path (stream version 2's coupled refinement).
   */
  refinement?: boolean;
  /**
   * Where the paths are coupled: the mean of Xᵃ_t − Xᵇ_t per coordinate over the same
   * `trajectories` paths as `strong`, its standard error from the variance of the
   * differences (`differenceVariance`), and Var Xᵃ + Var Xᵇ (`independentVariance`),
   * what the difference of independent runs would have: their ratio is the variance
   * the coupling removes.
   */
  paired?: { trajectories: number[]; mean: ErrorEstimate[][]; differenceVariance: number[][]; independentVariance: number[][] };
}

/** A least-squares log-log slope of an error against the swept parameter. */
export interface SweepSlope {
  param: string;
  /** What the error is: a run's model error or a pair's weak/strong error, and of which quantity. */
  of: string;
  dynamicsIndex?: number;
  pair?: [number, number];
  quantity: string;
  /** Over a sweep of a dynamics' step: the order its descriptor declares (finite) for this error — weak for a model error, strong for the error against the finest step — which the slope should be. */
  declaredOrder?: number;
  slope: Interval;
  standardError: number;
  points: { x: number; y: number; standardError: number }[];
}

/** What `sdeflow run --out` and `sdeflow merge --out` write (docs/architecture.md, "Results"). */
export interface ExperimentResult {
  format: 'sdeflow-result/v1';
  name: string;
  seed: string | number;
  rngStreamVersion: number;
  /** Fingerprint of the normalized experiment (shards of one run share it). */
  experimentHash: string;
  device: AdapterDescription;
  experiment: Experiment;
  /** Shards merged into this result (absent for a single run). */
  shards?: number;
  runs: RunResult[];
  comparisons: RunComparison[];
  sweepSlopes: SweepSlope[];
}
