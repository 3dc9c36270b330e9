import type { ReferenceObjective } from '../objectives/objective-descriptor';
import type { EnsembleStatistics } from '../stats/ensemble-statistics';
import { packRegion } from '../stats/region-params';
import type { StatisticsRequest } from '../stats/statistics-request';
import { ReferenceRegion } from './regions';

/**
 * Float64 twin of shaders/reduce/statistics.wgsl for one trajectory at a time:
 * the same features, histogram bins, region counts and exit counts, pushed
 * straight into the run's {@link EnsembleStatistics}.
 */
export class ReferenceStatistics {
  private readonly features: Float64Array;
  private readonly regions: ReferenceRegion[];
  private readonly minimizer?: Float64Array;
  private readonly g: Float64Array;
  private readonly hg: Float64Array;

  constructor(
    private readonly statistics: EnsembleStatistics,
    private readonly request: StatisticsRequest,
    private readonly f: ReferenceObjective,
  ) {
    const { layout } = statistics;
    this.features = new Float64Array(layout.features);
    this.g = new Float64Array(layout.dim);
    this.hg = new Float64Array(layout.dim);
    this.regions = (request.regions ?? []).map((r) => new ReferenceRegion(packRegion(r.region, layout.dim), f));
    if (request.distance && request.minimizer) this.minimizer = Float64Array.from(request.minimizer);
  }

  /** Adds a finite trajectory in state x (exit step `exit`) to checkpoint c. */
  add(c: number, x: Float64Array, exit: number): void {
    const { layout } = this.statistics;
    const cp = this.statistics.checkpoints[c];
    const v = this.features;
    v.set(x);
    if (layout.lossFeature < layout.features) v[layout.lossFeature] = this.f.loss(x);
    if (this.minimizer && layout.distanceFeature < layout.features) {
      let r2 = 0;
      for (let i = 0; i < x.length; i++) r2 += (x[i] - this.minimizer[i]) ** 2;
      v[layout.distanceFeature] = r2;
    }
    if (layout.gradientFeature < layout.features || layout.smoothnessFeature < layout.features) {
      this.f.grad(x, this.g);
      const g2 = this.g.reduce((acc, gi) => acc + gi * gi, 0);
      if (layout.gradientFeature < layout.features) v[layout.gradientFeature] = g2;
      if (layout.smoothnessFeature < layout.features) {
        this.f.hessVec(x, this.g, this.hg);
        v[layout.smoothnessFeature] = g2 === 0 ? 0 : this.g.reduce((acc, gi, i) => acc + gi * this.hg[i], 0) / g2;
      }
    }
    if (layout.escape) v[layout.escapeFeature] = Math.min(exit, cp.step);
    cp.features.push(v);
    cp.coMoments?.push(x);
    cp.count += 1;

    let at = 0;
    const h = this.request.histogram;
    for (let k = 0; k < layout.histogramFeatures; k++, at += layout.bins + 2) {
      const value = k < layout.dim ? x[k] : this.f.loss(x);
      const [lo, hi] = k < layout.dim ? h!.range : h!.lossRange!;
      cp.counters[at + histogramSlot(value, lo, hi, layout.bins)] += 1;
    }
    this.regions.forEach((region, r) => {
      if (region.margin(x) >= 0) cp.counters[at + r] += 1;
    });
    at += this.regions.length;
    if (layout.escape && exit <= cp.step) {
      cp.counters[at] += 1;
      if (c === this.statistics.checkpoints.length - 1) {
        this.statistics.escapeTimes[Math.min(Math.floor(exit / layout.escapeBinWidth), layout.escapeTimeBins - 1)] += 1;
      }
    }
  }
}

/** Slot of v in [underflow, bins…, overflow] over [lo, hi), as the WGSL histogram_add. */
export function histogramSlot(v: number, lo: number, hi: number, bins: number): number {
  const u = ((v - lo) / (hi - lo)) * bins;
  if (!(u >= 0)) return 0;
  if (u >= bins) return bins + 1;
  return Math.min(Math.floor(u), bins - 1) + 1;
}
