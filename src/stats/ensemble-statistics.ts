import { CoMoments } from './co-moments';
import { FeatureMoments } from './feature-moments';
import { countersAt, type StatisticsLayout } from './statistics-layout';

/** The mergeable state of one checkpoint: moments of the features, co-moments and integer counts. */
export interface CheckpointStatistics {
  step: number;
  /** Finite trajectories (the ones every statistic averages). */
  count: number;
  features: FeatureMoments;
  coMoments?: CoMoments;
  /** This checkpoint's counter words: histograms, region counts, exit count (see StatisticsLayout). */
  counters: number[];
}

/**
 * Everything an ensemble run (or one shard of it) measured, in a form that
 * merges: counts add exactly, moments merge by Chan/Pébay in float64. A shard
 * writes this to its part file; `sdeflow merge` adds the parts back together.
 */
export class EnsembleStatistics {
  readonly checkpoints: CheckpointStatistics[];
  /** Histogram of exit steps (bins of layout.escapeBinWidth steps), counted at the last checkpoint. */
  readonly escapeTimes: number[];

  constructor(
    readonly layout: StatisticsLayout,
    steps: readonly number[],
    /** Trajectories this object covers (finite or not). */
    public trajectories: number,
  ) {
    this.checkpoints = steps.map((step) => ({
      step,
      count: 0,
      features: new FeatureMoments(layout.features),
      coMoments: layout.covarianceDim > 0 ? new CoMoments(layout.covarianceDim) : undefined,
      counters: new Array<number>(layout.countersPerCheckpoint).fill(0),
    }));
    this.escapeTimes = new Array<number>(layout.escapeTimeBins).fill(0);
  }

  /** Trajectories left out at checkpoint c because they became NaN/±Inf. */
  diverged(c: number): number {
    return this.trajectories - this.checkpoints[c].count;
  }

  /** Merges one GPU block partial of checkpoint c from `values[at]`. */
  mergeBlockPartial(c: number, values: ArrayLike<number>, at: number): void {
    const cp = this.checkpoints[c];
    const n = values[at];
    cp.coMoments?.mergePartial(n, values, at + 1, 4, at + 1 + 4 * this.layout.features);
    cp.features.mergePartial(values, at);
    cp.count += n;
  }

  /** Adds the whole counter buffer of a run (exit-step histogram, then every checkpoint's counters). */
  addCounters(words: ArrayLike<number>): void {
    for (let i = 0; i < this.escapeTimes.length; i++) this.escapeTimes[i] += words[i];
    this.checkpoints.forEach((cp, c) => {
      const at = countersAt(this.layout, c);
      for (let i = 0; i < cp.counters.length; i++) cp.counters[i] += words[at + i];
    });
  }

  /** Adds another run's statistics over disjoint trajectories (a shard). */
  merge(other: EnsembleStatistics): void {
    const [a, b] = [this.layout, other.layout];
    if (
      other.checkpoints.length !== this.checkpoints.length ||
      b.partialWords !== a.partialWords ||
      b.featureNames.join() !== a.featureNames.join() ||
      b.countersPerCheckpoint !== a.countersPerCheckpoint ||
      b.escapeTimeBins !== a.escapeTimeBins
    ) {
      throw new Error('cannot merge statistics of different layouts');
    }
    // Check every checkpoint before changing anything, so a refused merge leaves this object as it was.
    this.checkpoints.forEach((cp, c) => {
      const o = other.checkpoints[c];
      if (o.step !== cp.step) throw new Error(`cannot merge statistics with different checkpoints (${cp.step} vs ${o.step})`);
    });
    this.checkpoints.forEach((cp, c) => {
      const o = other.checkpoints[c];
      cp.features.merge(o.features);
      if (cp.coMoments && o.coMoments) cp.coMoments.merge(o.coMoments);
      cp.count += o.count;
      cp.counters.forEach((_, i) => (cp.counters[i] += o.counters[i]));
    });
    this.escapeTimes.forEach((_, i) => (this.escapeTimes[i] += other.escapeTimes[i]));
    this.trajectories += other.trajectories;
  }

  toJSON() {
    return {
      layout: this.layout,
      trajectories: this.trajectories,
      escapeTimes: this.escapeTimes,
      checkpoints: this.checkpoints.map((cp) => ({
        step: cp.step,
        count: cp.count,
        features: cp.features.toJSON(),
        ...(cp.coMoments ? { coMoments: cp.coMoments.toJSON() } : {}),
        counters: cp.counters,
      })),
    };
  }

  static fromJSON(json: EnsembleStatisticsJson): EnsembleStatistics {
    const s = new EnsembleStatistics(json.layout, json.checkpoints.map((c) => c.step), json.trajectories);
    s.escapeTimes.splice(0, s.escapeTimes.length, ...json.escapeTimes);
    json.checkpoints.forEach((c, i) => {
      const cp = s.checkpoints[i];
      cp.count = c.count;
      cp.features = FeatureMoments.fromJSON(c.features);
      if (c.coMoments) cp.coMoments = CoMoments.fromJSON(c.coMoments);
      cp.counters = [...c.counters];
    });
    return s;
  }
}

export type EnsembleStatisticsJson = ReturnType<EnsembleStatistics['toJSON']>;
