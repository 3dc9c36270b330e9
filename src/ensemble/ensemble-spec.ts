import type { DynamicsDescriptor, InitialLaw } from '../dynamics/dynamics-descriptor';
import type { AdapterDescription } from '../gpu/adapter-description';
import type { ObjectiveDescriptor } from '../objectives/objective-descriptor';
import type { NoiseDescriptor } from '../noise/noise-descriptor';
import type { EnsembleStatistics } from '../stats/ensemble-statistics';
import type { EscapeRequest, StatisticsRequest } from '../stats/statistics-request';
import type { EnsembleSnapshot, SnapshotOptions } from './ensemble-snapshot';

/**
 * One ensemble, fully resolved: the model (descriptors and their parameter
 * values), the initial law, the sizes and the checkpoints. Both the GPU runner
 * and the float64 reference take this, so they run the same thing.
 */
export interface EnsembleSpec {
  dim: number;
  objective: { descriptor: ObjectiveDescriptor<any>; value: unknown };
  dynamics: { descriptor: DynamicsDescriptor<any, any>; value: unknown };
  /** Gradient noise of discrete dynamics (absent: the exact gradient). */
  noise?: { descriptor: NoiseDescriptor<any>; value: unknown };
  initial: InitialLaw;
  trajectories: number;
  /**
   * Global index of the first trajectory (default 0). A shard [i·N/n, (i+1)·N/n)
   * is the same experiment with another first trajectory; keep it a multiple of
   * 256 so block partials line up with the unsharded run.
   */
  firstTrajectory?: number;
  steps: number;
  /** Ascending step indices at which statistics are taken; include 0 and `steps`. */
  checkpoints: number[];
  /** The seed's key words k0, k1 (src/rng/seed.ts). */
  key: readonly [number, number];
  /**
   * Where this run's steps sit on the dense Brownian stream (src/rng/streams.ts):
   * a step spans 2^refineLog2 fine steps (default 0), and `replica` is the
   * generator's key word k2 (default 0; another replica draws independent noise).
   */
  noiseGrid?: NoiseGrid;
  /** Statistics beyond the coordinates' moments (loss, distance, covariance, histograms, regions). */
  statistics?: StatisticsRequest;
  /** First exit from a region, per trajectory. */
  escape?: EscapeRequest;
}

/** A run's place on the experiment's fine noise grid (EnsembleSpec.noiseGrid). */
export interface NoiseGrid {
  refineLog2: number;
  replica: number;
}

export interface EnsembleProgress {
  trajectorySteps: number;
  totalTrajectorySteps: number;
}

export interface EnsembleOptions {
  /** Trajectories per chunk (rounded to a multiple of 256); default: as many as the buffer limits allow. */
  chunkSize?: number;
  /** Upper bound on steps per dispatch; default keeps a dispatch near 2^26 trajectory-steps. */
  stepsPerDispatch?: number;
  /** Return the final state of every trajectory (N × d). */
  keepFinalState?: boolean;
  /** Return the states of the first n trajectories at every checkpoint. */
  trackTrajectories?: number;
  signal?: AbortSignal;
  onProgress?: (progress: EnsembleProgress) => void;
  /** Hand out snapshots the run can be resumed from (GPU runner only; src/ensemble/ensemble-snapshot.ts). */
  snapshots?: SnapshotOptions;
  /** Continue from a snapshot of the same spec (GPU runner only): the result equals the uninterrupted run's. */
  resume?: EnsembleSnapshot;
}

export interface EnsembleTiming {
  /** Wall time of the integration and reductions (pipelines were compiled before). */
  seconds: number;
  /** Time spent composing and compiling kernels. */
  compileSeconds: number;
  trajectorySteps: number;
  trajectoryStepsPerSecond: number;
}

/** Statistics at every checkpoint, plus the optional raw states. */
export interface EnsembleResult {
  /** Everything measured, mergeable across shards (src/stats/). */
  statistics: EnsembleStatistics;
  checkpoints: number[];
  /** Trajectories still finite at each checkpoint (the ones the moments average). */
  count: number[];
  /** Trajectories that became NaN/±Inf by each checkpoint: counted, never averaged in. */
  diverged: number[];
  mean: number[][];
  /** Unbiased sample variance per coordinate. */
  variance: number[][];
  finalState?: Float32Array | Float64Array;
  /** States of the first n trajectories, one n × d array per checkpoint. */
  tracked?: (Float32Array | Float64Array)[];
  timing: EnsembleTiming;
  device: AdapterDescription;
}
