import type { Duration } from './duration';
import type { Dynamics } from './dynamics/semantics';
import type { InitialState } from './initial-state';
import type { Objective } from './objectives/semantics';
import type { Noise } from './noise';
import type { RecordSpec } from './record';
import type { EscapeSpec } from './escape';
import type { Sweep } from './sweep';

/** A validated experiment with every default filled in. */
export interface Experiment {
  name: string;
  description?: string;
  /** The seed in use: the file's, or `"sdeflow"` when it gives none. */
  seed: string | number;
  /** State dimension d, fixed by the objective. */
  dim: number;
  objective: Objective;
  /** Gradient noise of the discrete dynamics (`{ kind: "none" }` when the file gives none). */
  noise: Noise;
  /** Non-empty; each item with defaults filled and σ also as a d×d `sigmaMatrix`. */
  dynamics: Dynamics[];
  x0: InitialState;
  /** Trajectories per run, in [1, 2³²−1]. */
  trajectories: number;
  /** Step count, or a horizon resolved per run as `horizon / dt` (see `expandRuns`). */
  duration: Duration;
  record: RecordSpec;
  /** Region whose first exit time each trajectory records. */
  escape?: EscapeSpec;
  /** Run the float64 CPU reference on the first `trajectories` trajectories. */
  reference?: { trajectories: number };
  sweep?: Sweep;
  /**
   * How runs with different step sizes share noise: absent, one Brownian path on
   * the finest grid (src/experiment/noise-grid.ts); `"independent"`, independent
   * noise per sweep value.
   */
  coupling?: 'independent';
  /** Also estimate E φ(X_T) of every item by multilevel Monte Carlo (src/run/mlmc.ts). */
  estimator?: MlmcEstimatorSpec;
}

/** `"estimator": { "kind": "mlmc", … }`, defaults filled in. */
export interface MlmcEstimatorSpec {
  kind: 'mlmc';
  rmse: number;
  observable: string;
  coarsest: number;
  maxLevels: number;
  pilotTrajectories: number;
}
