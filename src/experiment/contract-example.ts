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
}
