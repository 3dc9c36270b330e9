/**
 * A model's contract example: a small experiment in which the model runs, so
 * that the registry's contract tests (test/contract/) can run every
 * registered objective, noise and dynamics the same way — GPU against the
 * float64 twin on the same random numbers, chunk and shard invariance, the
 * closed form where the descriptor has one. A new model gets those tests by
 * carrying one of these.
 */
export interface ContractExample {
  /**
   * An experiment file without `seed`, `trajectories`, `steps`, `horizon` and
   * `record` (the contract tests choose those). For a dynamics, its item comes
   * first in `dynamics`; for an objective or a noise, the file uses it.
   */
  experiment: Record<string, unknown>;
  /** Steps the contract runs (default 40): enough for the model to move away from its start. */
  steps?: number;
  /**
   * Step-size sweeps on which the contract fits the weak order (a dynamics with a
   * `limitLaw` must have at least one): the log-log slope of each item's model error
   * in `quantity` must equal its declared `orders(item).weak` within 5 standard errors
   * of the fit, and an item declared exact must show no model error (within 5 SE).
   */
  orderSweeps?: OrderSweep[];
}

/** An experiment that sweeps a dynamics' step at a fixed horizon, for the contract's weak-order fit. */
export interface OrderSweep {
  /**
   * An experiment file without `seed`, `trajectories` and `record`, with a `horizon`
   * and a `sweep` of the step (dt, lr or h). Every dynamics item is of the model's
   * kind; the range of steps is where the error is asymptotic (its next term small
   * against the fit's standard error).
   */
  experiment: Record<string, unknown>;
  trajectories: number;
  /** The model-error quantity fitted (a sweepSlopes `quantity`: `mean[0]`, `variance[1]`, `loss`, …); default `mean[0]`. */
  quantity?: string;
  /** Run on the float64 CPU reference instead of the GPU: where the errors at the finest steps approach f32 resolution. */
  float64?: boolean;
}
