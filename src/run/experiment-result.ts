import type { Experiment } from '../experiment';
import type { AdapterDescription } from '../gpu/adapter-description';

/** A number with a 95% interval. */
export interface Interval {
  value: number;
  lo: number;
  hi: number;
}

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
  label: string;
  /** The dynamics item as run: defaults filled in, sweep value applied. */
  dynamics: unknown;
  sweep?: { param: string; value: unknown };
  citation: string;
  trajectories: number;
  steps: number;
  series: {
    step: number[];
    t: number[];
    /** Finite trajectories averaged at each checkpoint. */
    count: number[];
    mean?: number[][];
    variance?: number[][];
  };
  /** Trajectories that became NaN/±Inf (counted at the final checkpoint, never averaged in). */
  diverged: number;
  closedForm?: ClosedFormComparison;
  reference?: ReferenceComparison;
  timing: {
    seconds: number;
    compileSeconds: number;
    trajectorySteps: number;
    trajectoryStepsPerSecond: number;
    device: string;
  };
}

/** What `sdeflow run --out` writes (DESIGN.md, "Results"). */
export interface ExperimentResult {
  format: 'sdeflow-result/v1';
  name: string;
  seed: string | number;
  rngStreamVersion: number;
  device: AdapterDescription;
  experiment: Experiment;
  runs: RunResult[];
}
