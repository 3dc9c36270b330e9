import type { EnsembleStatistics } from '../stats/ensemble-statistics';

/**
 * Where a GPU run stood and everything needed to continue it with the same bits
 * (interrupt and resume): the chunk in progress and its step, that
 * chunk's state, records and the dynamics' own words exactly as the GPU held them,
 * the run's integer counters, the float64 statistics merged so far, and the
 * tracked paths. A trajectory's numbers depend only on (seed, trajectory, step),
 * and the host merges block partials in the same order whether or not the run
 * stopped in between, so a resumed run equals the uninterrupted one bit for bit
 * on the same device (other devices may round f32 differently).
 */
export interface EnsembleSnapshot {
  /** Trajectories per chunk: a resumed run is cut the same way (refused where the device allows no such chunks). */
  chunkSize: number;
  /** First trajectory, from the spec's first, of the chunk in progress. */
  offset: number;
  /** Steps that chunk has taken: `state` is the state at this step. */
  step: number;
  /** Record checkpoints of that chunk already reduced and merged (the index of the next one). */
  checkpointsDone: number;
  /** Raw bytes of the chunk's state (count × d f32), records and aux words; absent when the chunk has not started. */
  chunk?: { state: ArrayBuffer; records: ArrayBuffer; aux: ArrayBuffer };
  /** Raw counter words of the whole run so far (histograms, regions, exit steps; accumulated on the GPU). */
  counters: ArrayBuffer;
  /** Statistics of every checkpoint, merged up to this point. */
  statistics: EnsembleStatistics;
  /** States of the first tracked trajectories at the checkpoints reached so far (f32, checkpoint-major), when tracked. */
  tracked?: ArrayBuffer;
  /** Trajectory-steps done and wall seconds spent so far (progress and timing continue from them). */
  trajectorySteps: number;
  seconds: number;
}

/** How a run hands out snapshots: `save` is awaited before the run goes on. */
export interface SnapshotOptions {
  /**
   * Receives a snapshot after a record checkpoint (at most one per
   * `minIntervalSeconds`) and, when the run's AbortSignal fires, after the dispatch
   * in flight finishes, before the run rejects with EnsembleAbortedError. The
   * statistics object is live: serialize it before returning.
   */
  save(snapshot: EnsembleSnapshot): Promise<void>;
  /** Least time between two snapshots at record checkpoints (default 0: every one). */
  minIntervalSeconds?: number;
}
